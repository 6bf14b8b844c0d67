"""Opening never creates: an existing file that is not this record is damage, and stays as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.services import Services
from familyrecord.storage import connection, keyslots, opening
from familyrecord.storage.errors import KeyFileMismatch, VaultCorrupt, VaultNotFound
from familyrecord.storage.keyslots import KeyFile
from familyrecord.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def closed_vault(vault_path: Path) -> Path:
    services, _ = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    services.lock()
    return vault_path


@pytest.mark.parametrize("damage", ["empty", "truncated_1000", "truncated_4096", "plain_text",
                                    "plain_sqlite"])
def test_damaged_file_is_refused_and_left_byte_identical(closed_vault: Path, damage: str) -> None:
    data = closed_vault.read_bytes()
    replacement = {
        "empty": b"",
        "truncated_1000": data[:1000],
        "truncated_4096": data[:4096],
        "plain_text": b"Dear Sir,\nthis is not a record.\n" * 200,
        "plain_sqlite": _plain_sqlite_bytes(closed_vault.parent / "plain.db"),
    }[damage]
    closed_vault.write_bytes(replacement)
    before = _folder_bytes(closed_vault.parent)
    with pytest.raises(VaultCorrupt) as caught:
        Services.open(closed_vault, PASSPHRASE)
    assert "damaged" in caught.value.user_message and "backup" in caught.value.user_message
    # Nothing written to it, and no -wal/-shm/-journal left beside it.
    assert _folder_bytes(closed_vault.parent) == before


def _plain_sqlite_bytes(scratch: Path) -> bytes:
    import sqlite3

    conn = sqlite3.connect(scratch)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.commit()
    conn.close()
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def test_empty_file_says_damaged_from_the_command_line_and_stays_empty(
        closed_vault: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's reproduction: a zero-byte record file with its keys file in place."""
    closed_vault.write_bytes(b"")
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    assert main(["unlock", "--path", str(closed_vault)]) == 2
    assert "damaged" in capsys.readouterr().err
    assert main(["verify", "--path", str(closed_vault)]) == 2
    assert closed_vault.stat().st_size == 0
    assert sorted(p.name for p in closed_vault.parent.iterdir()) == [
        closed_vault.name, closed_vault.name + ".keys"]


def test_key_file_of_another_record_is_refused(tmp_path: Path) -> None:
    """Same data key, different vault id (a hand-made key file): the stored id must match."""
    first = tmp_path / "first.frvault"
    services, _ = Services.create(first, PASSPHRASE, kdf=FAST_KDF)
    data_key = vault_of(services).data_key
    services.lock()
    other_id = "f" * 32
    keyslots.write_key_file(first, KeyFile(other_id, (
        keyslots.seal(data_key, PASSPHRASE, "passphrase", other_id, FAST_KDF),
        keyslots.seal(data_key, "RECOV-ERYCO-DE000-00000-00000-00000", "recovery", other_id, FAST_KDF),
    )), data_key)
    before = _folder_bytes(tmp_path)
    with pytest.raises(VaultCorrupt, match="different record"):
        Vault.open(first, PASSPHRASE)
    assert _folder_bytes(tmp_path) == before


def test_swapped_key_files_are_a_mismatch_not_a_new_record(tmp_path: Path) -> None:
    a, b = tmp_path / "a.frvault", tmp_path / "b.frvault"
    for path in (a, b):
        Services.create(path, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    keys_a, keys_b = keyslots.keys_path(a), keyslots.keys_path(b)
    data_a, data_b = keys_a.read_bytes(), keys_b.read_bytes()
    keys_a.write_bytes(data_b)
    keys_b.write_bytes(data_a)
    before = _folder_bytes(tmp_path)
    for path in (a, b):
        with pytest.raises(KeyFileMismatch) as caught:
            Services.open(path, PASSPHRASE)
        assert "different record" in caught.value.user_message
    assert _folder_bytes(tmp_path) == before


def test_failed_open_removes_only_the_sidecars_it_made(closed_vault: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """If SQLite leaves a -wal or -shm behind after a refused open, the open takes away what it
    made, but never a sidecar that was there before (another window may be using it)."""
    def open_and_leave_sidecars(path: Path, data_key: bytes, **kwargs: bool) -> object:
        for sidecar in opening.sidecar_paths(path)[:2]:  # -wal and -shm, left as if by SQLite
            sidecar.write_bytes(b"made by this open")
        raise VaultCorrupt("the record file holds no record (it has no schema)")

    monkeypatch.setattr(opening, "open_connection", open_and_leave_sidecars)
    foreign = closed_vault.with_name(closed_vault.name + "-journal")
    foreign.write_bytes(b"was here before")
    with pytest.raises(VaultCorrupt):
        Vault.open(closed_vault, PASSPHRASE)
    assert sorted(p.name for p in closed_vault.parent.iterdir()) == sorted(
        [closed_vault.name, closed_vault.name + ".keys", foreign.name])
    assert foreign.read_bytes() == b"was here before"


def test_opening_a_missing_file_creates_nothing(tmp_path: Path, closed_vault: Path) -> None:
    keys = keyslots.keys_path(closed_vault).read_bytes()
    closed_vault.unlink()
    with pytest.raises(VaultNotFound):
        Services.open(closed_vault, PASSPHRASE)
    assert not closed_vault.exists()
    assert keyslots.keys_path(closed_vault).read_bytes() == keys
    # The lowest level too: without create=True SQLite is never asked to make a file.
    with pytest.raises(VaultNotFound):
        connection.open_connection(closed_vault, os.urandom(32))
    assert not closed_vault.exists()
