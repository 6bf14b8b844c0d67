"""Key slots, unlocking, typed errors, encryption at rest."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from familyrecord.records import Meeting, MeetingType, Person, Role
from familyrecord.services import Services
from familyrecord.storage import keyslots, migrations, remembered
from familyrecord.storage.connection import open_connection
from familyrecord.storage.errors import (
    KeyringUnavailable,
    VaultCorrupt,
    VaultExists,
    VaultLocked,
    VaultNewerThanApp,
    VaultNotFound,
    WrongPassphrase,
    WrongRecoveryCode,
)
from familyrecord.storage.integrity import verify
from familyrecord.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of

SECRET_WORDS = "Zebrafinch Wobbleton promised the nursery"


def _fill(services: Services) -> None:
    services.save(Person(name="Wobbleton Quaxley", role=Role.SOCIAL_WORKER))
    services.save(Meeting(meeting_type=MeetingType.CORE_GROUP,
                          starts_at=__import__("datetime").datetime(2026, 3, 2, 10),
                          own_notes=SECRET_WORDS))


def _all_bytes(path: Path) -> bytes:
    data = b""
    for candidate in path.parent.iterdir():
        if candidate.name.startswith(path.name):
            data += candidate.read_bytes()
    return data


def test_create_open_and_reopen(services: Services, vault_path: Path) -> None:
    _fill(services)
    services.lock()
    reopened = Services.open(vault_path, PASSPHRASE)
    assert [p.name for p in reopened.list_records(Person)] == ["Wobbleton Quaxley"]
    reopened.lock()


def _printable_runs(data: bytes) -> list[bytes]:
    """What `strings` prints: runs of 4 or more printable ASCII characters."""
    return re.findall(rb"[\x20-\x7e]{4,}", data)


def test_file_shows_no_record_text_and_plain_sqlite_cannot_read(services: Services,
                                                                vault_path: Path) -> None:
    _fill(services)
    # Before and after a checkpoint: the WAL file must be encrypted too.
    for word in (b"Zebrafinch", b"Wobbleton", b"nursery"):
        assert word not in _all_bytes(vault_path)
    services.lock()
    data = _all_bytes(vault_path)
    assert b"Zebrafinch" not in data and b"SQLite format 3" not in data
    assert not [run for run in _printable_runs(data) if b"Zebrafinch" in run or b"Wobbleton" in run]
    # The check itself can see words when they are there (a plain SQLite file of the same text).
    plain_path = vault_path.with_name("plain.db")
    plain_db = sqlite3.connect(plain_path)
    plain_db.execute("CREATE TABLE t (x TEXT)")
    plain_db.execute("INSERT INTO t VALUES (?)", (SECRET_WORDS,))
    plain_db.commit()
    plain_db.close()
    assert any(b"Zebrafinch" in run for run in _printable_runs(plain_path.read_bytes()))
    plain_path.unlink()
    plain = sqlite3.connect(vault_path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_wrong_passphrase_is_typed_quick_and_writes_nothing(services: Services,
                                                            vault_path: Path) -> None:
    services.lock()
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in vault_path.parent.iterdir()}
    started = time.monotonic()
    with pytest.raises(WrongPassphrase) as caught:
        Vault.open(vault_path, "not the passphrase")
    assert time.monotonic() - started < 5  # generous: the real figure is in benchmarks/unlock.py
    assert "passphrase" in caught.value.user_message
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in vault_path.parent.iterdir()}
    assert after == before


def test_recovery_code_opens_and_resets_passphrase(vault_path: Path) -> None:
    services, code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    _fill(services)
    services.lock()
    typed_sloppily = code.lower().replace("-", " ")
    recovered = Services.open_with_recovery_code(vault_path, typed_sloppily)
    recovered.change_passphrase("a brand new passphrase")
    recovered.lock()
    with pytest.raises(WrongPassphrase):
        Services.open(vault_path, PASSPHRASE)
    again = Services.open(vault_path, "a brand new passphrase")
    assert len(again.list_records(Meeting)) == 1
    again.lock()
    with pytest.raises(WrongRecoveryCode):
        Services.open_with_recovery_code(vault_path, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")


def test_change_passphrase_does_not_reencrypt(demo_services: Services, vault_path: Path) -> None:
    data_key = vault_of(demo_services).data_key
    demo_services.lock()
    before = vault_path.read_bytes()
    opened = Services.open(vault_path, PASSPHRASE)
    opened.change_passphrase("second passphrase")
    opened.lock()
    after = vault_path.read_bytes()
    # Same data key: the old key still reads the file, and only the few pages the journal entry
    # touched differ (re-encrypting would change every page: each has a fresh IV).
    conn = open_connection(vault_path, data_key)
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] > 10
    conn.close()
    pages = len(before) // 4096
    changed = sum(before[i:i + 4096] != after[i:i + 4096] for i in range(0, len(before), 4096))
    assert pages > 40 and changed <= 6, (changed, pages)
    Services.open(vault_path, "second passphrase").lock()


def test_new_recovery_code_replaces_old(vault_path: Path) -> None:
    services, old_code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    new_code = services.new_recovery_code()
    services.lock()
    with pytest.raises(WrongRecoveryCode):
        Services.open_with_recovery_code(vault_path, old_code)
    Services.open_with_recovery_code(vault_path, new_code).lock()


def test_recovery_code_shape() -> None:
    code = keyslots.new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 6 and all(len(g) == 5 for g in groups)
    assert not set(code) & set("ILOU")
    assert keyslots.normalise_recovery_code(code.lower().replace("-", "")) == code


def test_slot_cannot_be_moved_to_another_kind(services: Services, vault_path: Path) -> None:
    data_key = vault_of(services).data_key  # an insider: checksums and MAC made to match
    services.lock()
    key_file = keyslots.read_key_file(vault_path)
    swapped = keyslots.KeySlot("passphrase", *[getattr(key_file.slot("recovery"), f)
                                                for f in ("salt", "nonce", "sealed", "kdf")])
    keyslots.write_key_file(vault_path, keyslots.replace_slot(key_file, swapped), data_key)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE)


def test_locked_vault_refuses_work(services: Services) -> None:
    services.lock()
    assert services.is_locked
    with pytest.raises(VaultLocked):
        services.list_records(Person)
    services.lock()  # twice is fine


def test_missing_and_existing_paths(tmp_path: Path, services: Services, vault_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Services.open(tmp_path / "nothing.frvault", PASSPHRASE)
    with pytest.raises(VaultExists):
        Services.create(vault_path, PASSPHRASE)


def test_damaged_key_file_is_corrupt(services: Services, vault_path: Path) -> None:
    services.lock()
    keyslots.keys_path(vault_path).write_text("{not json")
    with pytest.raises(VaultCorrupt):
        Services.open(vault_path, PASSPHRASE)
    keyslots.keys_path(vault_path).unlink()
    with pytest.raises(VaultCorrupt):
        Services.open(vault_path, PASSPHRASE)


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_flipped_byte_in_the_first_page_is_refused_as_damage(demo_services: Services,
                                                             vault_path: Path) -> None:
    demo_services.lock()
    _flip_byte(vault_path, 100)
    with pytest.raises(VaultCorrupt) as caught:
        Services.open(vault_path, PASSPHRASE)
    assert "damaged" in caught.value.user_message


def test_flipped_byte_in_a_late_page_is_found_by_verify(demo_services: Services,
                                                        vault_path: Path) -> None:
    demo_services.lock()
    _flip_byte(vault_path, vault_path.stat().st_size - 100)
    opened = Services.open(vault_path, PASSPHRASE)  # the damaged page is not needed to open
    report = verify(vault_of(opened))
    opened.lock()
    assert not report.ok and not report.pages_ok
    assert report.problems[0].startswith("Part of the record file is damaged")


def test_newer_vault_is_refused(services: Services, vault_path: Path) -> None:
    vault_of(services).connection.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    services.lock()
    with pytest.raises(VaultNewerThanApp):
        Services.open(vault_path, PASSPHRASE)


def test_remember_on_this_computer(services: Services, vault_path: Path) -> None:
    assert Services.keyring_availability() == (True, "")
    assert Services.open_remembered(vault_path) is None
    services.remember_on_this_computer(True)
    assert services.is_remembered()
    services.lock()
    again = Services.open_remembered(vault_path)
    assert again is not None and not again.is_locked
    again.remember_on_this_computer(False)
    again.lock()
    assert Services.open_remembered(vault_path) is None


def test_no_keyring_means_no_remembering_and_no_plaintext(services: Services, vault_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    usable, reason = Services.keyring_availability()
    assert not usable and "cannot remember" in reason
    with pytest.raises(KeyringUnavailable):
        services.remember_on_this_computer(True)
    assert remembered.recall(services.vault_id) is None
    files = sorted(p.name for p in vault_path.parent.iterdir())
    assert files == sorted([vault_path.name, vault_path.name + ".keys", vault_path.name + "-wal",
                            vault_path.name + "-shm"])


def test_sibling_sees_committed_writes(services: Services) -> None:
    other = services.sibling()
    services.save(Person(name="Seen Elsewhere"))
    assert [p.name for p in other.list_records(Person)] == ["Seen Elsewhere"]
    other.lock()
    assert not services.is_locked


@pytest.mark.parametrize("offset", [100, -100], ids=["refused-at-open", "found-by-verify"])
def test_corruption_is_silent_on_stderr(demo_services: Services, vault_path: Path, offset: int,
                                        capfd: pytest.CaptureFixture[str]) -> None:
    demo_services.lock()
    capfd.readouterr()
    _flip_byte(vault_path, offset if offset > 0 else vault_path.stat().st_size + offset)
    if offset > 0:
        with pytest.raises(VaultCorrupt):
            Services.open(vault_path, PASSPHRASE)
    else:
        opened = Services.open(vault_path, PASSPHRASE)
        assert not verify(vault_of(opened)).ok
        opened.lock()
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_sqlite_errors_map_to_typed_errors() -> None:
    import errno

    from sqlcipher3 import dbapi2

    from familyrecord.storage.errors import DiskFull, VaultBusy, translate_sqlite_error

    assert isinstance(translate_sqlite_error(OSError(errno.ENOSPC, "No space left")), DiskFull)
    assert isinstance(translate_sqlite_error(dbapi2.OperationalError("database or disk is full")),
                      DiskFull)
    assert isinstance(translate_sqlite_error(dbapi2.DatabaseError("file is not a database")),
                      VaultCorrupt)
    busy = dbapi2.OperationalError("database is locked")
    busy.sqlite_errorname = "SQLITE_BUSY"
    assert isinstance(translate_sqlite_error(busy), VaultBusy)
    assert translate_sqlite_error(ValueError("a bug")) is None
    assert "disk is full" in DiskFull.user_message


def test_slot_changes_from_two_handles_do_not_undo_each_other(vault_path: Path) -> None:
    services, _ = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    worker = services.sibling()
    worker.change_passphrase("changed on a worker's handle")
    worker.lock()
    code = services.new_recovery_code()  # must keep the worker's new passphrase slot
    services.lock()
    Services.open(vault_path, "changed on a worker's handle").lock()
    Services.open_with_recovery_code(vault_path, code).lock()
    with pytest.raises(WrongPassphrase):
        Services.open(vault_path, PASSPHRASE)
