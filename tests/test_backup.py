"""Encrypted backups (one file, atomic, private), restore into a new path, key file repair."""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.records import Meeting
from familyrecord.services import Services
from familyrecord.storage import backup as backup_mod
from familyrecord.storage import backup_file, keyfile, keyslots
from familyrecord.storage.connection import attach_export
from familyrecord.storage.errors import (
    DiskFull,
    IsABackup,
    KeyFileMismatch,
    VaultCorrupt,
    VaultExists,
    WrongPassphrase,
)
from familyrecord.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, write_legacy_key_file
from tests.vault_access import vault_of


def test_backup_is_encrypted_and_restores(demo_services: Services, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "backup.frvault"
    demo_services.backup(target)
    data = target.read_bytes()
    assert b"Carter" not in data and b"nursery" not in data and b"SQLite format 3" not in data
    meetings = {m.id for m in demo_services.list_records(Meeting)}
    restored = Services.restore(target, tmp_path / "restored.frvault", PASSPHRASE)
    assert {m.id for m in restored.list_records(Meeting)} == meetings
    assert restored.verify().ok
    assert restored.journal_head() == demo_services.journal_head()
    assert restored.search("nursery")
    restored.lock()


def test_restore_refuses_wrong_passphrase_and_existing_target(demo_services: Services,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "backup.frvault"
    demo_services.backup(target)
    with pytest.raises(VaultExists):
        demo_services.backup(target)
    with pytest.raises(WrongPassphrase):
        Services.restore(target, tmp_path / "new.frvault", "wrong")
    assert not (tmp_path / "new.frvault").exists()
    with pytest.raises(VaultExists):
        Services.restore(target, demo_services.record_path, PASSPHRASE)


# ---- one file, atomic, private --------------------------------------------------------------

def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_backup_is_one_private_file_with_its_keys_inside(demo_services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    target = demo_services.backup(folder / "b.frvault")
    assert _names(folder) == ["b.frvault"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    contents = backup_file.read_contents(target)
    assert contents.one_file and contents.key_file.vault_id == demo_services.vault_id
    assert keyfile.mac_matches(contents.key_file, vault_of(demo_services).data_key)
    with pytest.raises(IsABackup):
        Services.open(target, PASSPHRASE)
    assert _names(folder) == ["b.frvault"]


def test_failed_backup_leaves_nothing_and_says_why(demo_services: Services, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_mod, "append_keys", disk_full)
    with pytest.raises(DiskFull):
        demo_services.backup(tmp_path / "b.frvault")
    assert _names(tmp_path) == ["family.frvault", "family.frvault-shm", "family.frvault-wal",
                                "family.frvault.keys"]


def test_partial_left_by_a_killed_backup_is_cleaned_by_the_next(demo_services: Services,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    for leftover in (".b.frvault.partial-1a2b3c4d", ".b.frvault.partial-1a2b3c4d-journal"):
        (folder / leftover).write_bytes(b"half a backup")
    (folder / ".other.frvault.partial-00000000").write_bytes(b"not ours to touch")
    demo_services.backup(folder / "b.frvault")
    assert _names(folder) == [".other.frvault.partial-00000000", "b.frvault"]


def test_old_style_backup_still_restores(services: Services, tmp_path: Path) -> None:
    """Before one-file backups: DEST plus DEST.keys (and a key file without checks)."""
    services.save(Meeting(starts_at=datetime(2026, 3, 2, 10)))
    vault = vault_of(services)
    old = tmp_path / "old-backup.frvault"
    attach_export(vault.connection, old, vault.data_key)
    write_legacy_key_file(old, keyslots.read_key_file(vault.path))
    restored = Services.restore(old, tmp_path / "restored.frvault", PASSPHRASE)
    assert len(restored.list_records(Meeting)) == 1 and restored.verify().ok
    restored.lock()


def test_damaged_backup_is_refused_and_nothing_is_left(demo_services: Services, tmp_path: Path) -> None:
    target = demo_services.backup(tmp_path / "b.frvault")
    good = target.read_bytes()
    cut = good[: len(good) // 2 + 100] + good[-2000:]  # trailer kept, database cut short
    target.write_bytes(cut)
    with pytest.raises(backup_file.BackupDamaged):
        Services.restore(target, tmp_path / "restored.frvault", PASSPHRASE)
    first_page_damaged = bytearray(good)
    first_page_damaged[100] ^= 0xFF
    target.write_bytes(bytes(first_page_damaged))
    with pytest.raises(VaultCorrupt):  # copied, then refused on opening: the copy is removed
        Services.restore(target, tmp_path / "restored.frvault", PASSPHRASE)
    assert not [n for n in _names(tmp_path) if n.startswith(("restored", ".restored"))]


# ---- repairing the key file from a backup ---------------------------------------------------

@pytest.mark.parametrize("style", ["one_file", "old_style"])
def test_repair_key_file_from_a_backup(services: Services, vault_path: Path, tmp_path: Path,
                                       style: str) -> None:
    services.save(Meeting(starts_at=datetime(2026, 3, 2, 10), own_notes="kept"))
    backup_path = tmp_path / "backups" / "b.frvault"
    if style == "one_file":
        services.backup(backup_path)
    else:
        backup_path.parent.mkdir()
        attach_export(vault_of(services).connection, backup_path, vault_of(services).data_key)
        write_legacy_key_file(backup_path, keyslots.read_key_file(vault_path))
    services.lock()
    keyslots.keys_path(vault_path).write_text("{ruined by a bad disk")
    repair = backup_mod.repair_key_file(vault_path, backup_path, PASSPHRASE)
    assert repair.kept_aside is not None and repair.kept_aside.read_text() == "{ruined by a bad disk"
    reopened = Services.open(vault_path, PASSPHRASE)
    assert reopened.verify().ok and reopened.recent_changes(1)[0].action == "repair_keys"
    reopened.lock()
    assert stat.S_IMODE(keyslots.keys_path(vault_path).stat().st_mode) == 0o600


def test_repair_refuses_another_records_backup_and_wrong_passphrase(vault_path: Path,
                                                                    tmp_path: Path) -> None:
    mine, _ = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    mine.lock()
    other, _ = Services.create(tmp_path / "other.frvault", PASSPHRASE, kdf=FAST_KDF)
    other_backup = other.backup(tmp_path / "other-backup.frvault")
    other.lock()
    keyslots.keys_path(vault_path).write_text("[]")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with pytest.raises(KeyFileMismatch):
        backup_mod.repair_key_file(vault_path, other_backup, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        backup_mod.repair_key_file(vault_path, other_backup, "not the passphrase")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_repair_keys_from_the_command_line(services: Services, vault_path: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    services.lock()
    assert main(["backup", "--path", str(vault_path), str(tmp_path / "b.frvault")]) == 0
    assert "one file" in capsys.readouterr().out
    keyslots.keys_path(vault_path).unlink()
    assert main(["unlock", "--path", str(vault_path)]) == 2
    assert "missing" in capsys.readouterr().err
    assert main(["repair-keys", "--path", str(vault_path), "--from", str(tmp_path / "b.frvault")]) == 0
    assert "repaired" in capsys.readouterr().out
    assert main(["unlock", "--path", str(vault_path)]) == 0
    os.environ.pop("FAMILYRECORD_PASSPHRASE", None)
    Vault.open(vault_path, PASSPHRASE).lock()
