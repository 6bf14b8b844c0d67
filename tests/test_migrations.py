"""Every older schema version opens and migrates; a newer one is refused; a copy is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from familyrecord.records import Person
from familyrecord.records.codec import record_json
from familyrecord.services import Services
from familyrecord.storage import journal, keyslots, migrations, search
from familyrecord.storage.connection import Connection, open_connection
from familyrecord.storage.errors import VaultCorrupt, VaultNewerThanApp
from familyrecord.storage.integrity import verify
from familyrecord.storage.keyslots import KeyFile
from tests.conftest import FAST_KDF, PASSPHRASE, write_legacy_key_file
from tests.vault_access import vault_of


def _vault_at_version(path: Path, version: int) -> str:
    """Build a vault as an older FamilyRecord would have left it at schema `version`."""
    data_key = keyslots.new_data_key()
    vault_id = "0123456789abcdef0123456789abcdef"
    write_legacy_key_file(path, KeyFile(vault_id, (
        keyslots.seal(data_key, PASSPHRASE, "passphrase", vault_id, FAST_KDF),
        keyslots.seal(data_key, "RECOV-ERYCO-DE000-00000-00000-00000", "recovery", vault_id, FAST_KDF),
    )))
    conn = open_connection(path, data_key, create=True)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrate(conn, target=version)
    person = Person(name="Old Timer Quince")
    body = record_json(person)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
    conn.execute("INSERT INTO meta (key, value) VALUES ('family_name', 'Old family')")
    conn.execute(
        "INSERT INTO records (id, kind, body, summary, sort_date, created_at, updated_at)"
        " VALUES (?, 'person', ?, ?, NULL, '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')",
        (person.id, body, person.summary()))
    _append_as_before_v4(conn, "create", "person", person.id, body)
    if version >= 2:  # that version already kept the search index up to date itself
        search.index_record(conn, person)
    conn.execute("COMMIT")
    conn.close()
    return person.id


def _append_as_before_v4(conn: Connection, action: str, kind: str, entity_id: str, body: str) -> None:
    """A journal entry as versions before 4 wrote it (no group column)."""
    content_hash = journal.sha256_text(body)
    at = "2025-01-01T00:00:00+00:00"
    entry_hash = journal.compute_entry_hash(1, at, action, kind, entity_id, content_hash,
                                            journal.GENESIS_HASH)
    conn.execute(
        "INSERT INTO journal (seq, at, action, kind, entity_id, content_hash, content, prev_hash,"
        " entry_hash) VALUES (1,?,?,?,?,?,?,?,?)",
        (at, action, kind, entity_id, content_hash, body, journal.GENESIS_HASH, entry_hash))


@pytest.mark.parametrize("version", range(1, migrations.LATEST_VERSION))
def test_older_version_migrates(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.frvault"
    person_id = _vault_at_version(path, version)
    services = Services.open(path, PASSPHRASE)
    conn = vault_of(services).connection
    assert migrations.user_version(conn) == migrations.LATEST_VERSION
    assert services.get(person_id).summary() == "Old Timer Quince"
    assert [h.record_id for h in services.search("quince")] == [person_id]
    assert verify(vault_of(services)).ok
    services.lock()
    # Its key file from before format 2 gained checksums and a MAC at this unlock.
    assert keyslots.read_key_file(path).mac is not None
    copy = tmp_path / f"old.frvault.before-v{version + 1}.bak"
    assert copy.exists() and keyslots.keys_path(copy).exists()
    # The copy is the old version, still encrypted and still openable by the old key.
    kept = open_connection(copy, vault_of(Services.open(path, PASSPHRASE)).data_key)
    assert migrations.user_version(kept) == version
    kept.close()


def test_current_version_takes_no_copy(services: Services, vault_path: Path) -> None:
    services.lock()
    Services.open(vault_path, PASSPHRASE).lock()
    assert not list(vault_path.parent.glob("*.bak"))


def test_newer_than_app_is_refused_untouched(services: Services, vault_path: Path) -> None:
    vault_of(services).connection.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 3}")
    services.lock()
    before = vault_path.read_bytes()
    with pytest.raises(VaultNewerThanApp):
        Services.open(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == before


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.frvault"
    person_id = _vault_at_version(path, 1)
    data_key = keyslots.unseal(keyslots.read_key_file(path).slot("passphrase"), PASSPHRASE,
                               keyslots.read_key_file(path).vault_id)

    def broken(conn: Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")  # a change that must not survive
        raise RuntimeError("simulated failure in migration 2")

    monkeypatch.setattr(migrations, "MIGRATIONS", (migrations.MIGRATIONS[0], broken,
                                                   *migrations.MIGRATIONS[2:]))
    with pytest.raises(RuntimeError):
        Services.open(path, PASSPHRASE)
    monkeypatch.undo()
    # Left exactly at version 1: the failed step and its half-made table were rolled back,
    # and the record written before is still there.
    conn = open_connection(path, data_key)
    assert migrations.user_version(conn) == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    assert conn.execute("SELECT id FROM records").fetchall()[0][0] == person_id
    conn.close()
    services = Services.open(path, PASSPHRASE)
    assert migrations.user_version(vault_of(services).connection) == migrations.LATEST_VERSION
    assert services.get(person_id).summary() == "Old Timer Quince"
    assert verify(vault_of(services)).ok
    services.lock()


def test_schema_zero_is_damage_not_a_new_record(tmp_path: Path) -> None:
    """An existing file with no schema (user_version 0) is refused, never filled in."""
    path = tmp_path / "blank.frvault"
    _vault_at_version(path, 1)
    data_key = keyslots.unseal(keyslots.read_key_file(path).slot("passphrase"), PASSPHRASE,
                               keyslots.read_key_file(path).vault_id)
    conn = open_connection(path, data_key)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(VaultCorrupt):
        Services.open(path, PASSPHRASE)
    assert path.read_bytes() == before
