"""Making a new record file, and opening an existing one without ever changing a damaged file.

Only `create_file` builds a schema. `open_existing` reads before it writes: the file must be a
SQLCipher database that this key opens, with a schema (user_version > 0) no newer than this app,
holding this vault's id. Until all of that is proved, nothing is written; if any check fails, the
connection is closed and any sidecar file (-wal, -shm, -journal) that this open created is
removed, so a damaged file and its folder are left exactly as they were.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlcipher3 import dbapi2 as sqlcipher

from familyrecord.storage import backup_file, journal, keyfile, keyslots, migrations
from familyrecord.storage.connection import Connection, apply_settings, open_connection
from familyrecord.storage.errors import (
    IsABackup,
    VaultCorrupt,
    VaultError,
    VaultNewerThanApp,
    VaultNotFound,
    translate_sqlite_error,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

_SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
# The record notes when its key file gained checksums and a MAC, so a key file later swapped
# for an older-format one (which has neither) is not trusted and upgraded without a word.
KEY_FILE_FORMAT_NOTE = "key_file_format"


def sidecar_paths(path: Path) -> list[Path]:
    """Files SQLite keeps beside the database while it is open (encrypted like the database)."""
    return [path.with_name(path.name + suffix) for suffix in _SIDECAR_SUFFIXES]


def create_file(path: Path, data_key: bytes, vault_id: str, family_name: str) -> None:
    """Make a new record file with the whole schema, its id and its first journal entry."""
    conn = open_connection(path, data_key, create=True)
    try:
        apply_settings(conn)
        migrations.migrate(conn)
        conn.execute("BEGIN IMMEDIATE")
        journal.start_group(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
        conn.execute("INSERT INTO meta (key, value) VALUES ('family_name', ?)", (family_name,))
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                     (KEY_FILE_FORMAT_NOTE, str(keyfile.FORMAT)))
        journal.append(conn, "create", "vault", vault_id, family_name)
        conn.execute("COMMIT")
    finally:
        conn.close()


def open_existing(path: Path, data_key: bytes, vault_id: str) -> Connection:
    """A connection to the existing record at `path`, proved to be `vault_id`'s and migrated."""
    return _opened(path, data_key, vault_id, settle=True)


def prove_key(path: Path, data_key: bytes, vault_id: str) -> None:
    """Prove that `data_key` opens the record at `path` and that it is `vault_id`'s, reading
    only (no migration, nothing written; sidecars it makes are removed)."""
    existed = {p for p in sidecar_paths(path) if p.exists()}
    _opened(path, data_key, vault_id, settle=False).close()
    _remove_new_sidecars(path, existed)


def _opened(path: Path, data_key: bytes, vault_id: str, *, settle: bool) -> Connection:
    if not path.is_file():
        raise VaultNotFound(str(path))
    if path.stat().st_size == 0:
        raise VaultCorrupt("the record file is empty")
    if backup_file.has_trailer(path):
        raise IsABackup(str(path))
    existed = {p for p in sidecar_paths(path) if p.exists()}
    conn: Connection | None = None
    try:
        conn = open_connection(path, data_key)
        # A database is whole pages; anything else has stray bytes (appended, or cut mid-page).
        # Refused here, before a WAL switch could write to a damaged file.
        page_size = _checked(lambda c: int(c.execute("PRAGMA page_size").fetchone()[0]), conn)
        if path.stat().st_size % page_size:
            raise VaultCorrupt(f"the record file is not a whole number of {page_size}-byte pages")
        version = _checked(migrations.user_version, conn)
        if version == 0:
            raise VaultCorrupt("the record file holds no record (it has no schema)")
        if version > migrations.LATEST_VERSION:
            raise VaultNewerThanApp(f"schema {version} > {migrations.LATEST_VERSION}")
        stored_id = _checked(_stored_vault_id, conn)
        if stored_id != vault_id:
            raise VaultCorrupt("the key file belongs to a different record")
        if settle:
            if version < migrations.LATEST_VERSION:
                _copy_before_migrating(path, conn, version)
            apply_settings(conn)
            migrations.migrate(conn)
    except BaseException as exc:
        if conn is not None:
            conn.close()
        _remove_new_sidecars(path, existed)
        if isinstance(exc, VaultError):
            raise
        known = translate_sqlite_error(exc)
        if known is not None:
            raise known from None
        raise
    return conn


def _checked(read: Callable[[Connection], T], conn: Connection) -> T:
    """Run a read that proves the file; SQLite's complaints about it mean damage."""
    try:
        return read(conn)
    except sqlcipher.Error as exc:
        raise translate_sqlite_error(exc) or VaultCorrupt(str(exc)) from None


def _stored_vault_id(conn: Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
    return None if row is None else str(row["value"])


def _remove_new_sidecars(path: Path, existed: set[Path]) -> None:
    for sidecar in sidecar_paths(path):
        if sidecar not in existed and sidecar.exists():
            logger.info("removing a sidecar file left by a failed open")
            sidecar.unlink(missing_ok=True)


def _copy_before_migrating(path: Path, conn: Connection, version: int) -> None:
    """Keep an encrypted copy of the file as it was, in case the migration goes wrong."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup = path.with_name(f"{path.name}.before-v{version + 1}.bak")
    shutil.copy2(path, backup)
    shutil.copy2(keyslots.keys_path(path), keyslots.keys_path(backup))
