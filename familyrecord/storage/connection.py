"""Opening a SQLCipher connection with a raw data key, and the settings every connection needs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as sqlcipher

from familyrecord.storage.errors import VaultCorrupt, translate_sqlite_error

if TYPE_CHECKING:
    # sqlcipher3 ships no type stubs; its API is the standard library's sqlite3 API.
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher.Connection


def _key_pragma(data_key: bytes) -> str:
    # A raw key (x'..') skips SQLCipher's own KDF: the key is already random and 256-bit.
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def open_connection(path: Path, data_key: bytes) -> Connection:
    """Open the database file with `data_key` and apply the vault's settings.

    Raises VaultCorrupt when the file cannot be read with the key (the key itself has already
    been proved right by its sealed slot, so a failure here means damage).
    """
    conn: Connection = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False,
                             timeout=10.0)
    try:
        # SQLCipher logs HMAC failures to stderr; the app reports them as typed errors instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(data_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        # Temporary tables and sort spills stay in memory, never in a temp file.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlcipher.Error as exc:
        conn.close()
        raise translate_sqlite_error(exc) or VaultCorrupt(str(exc)) from None
    conn.row_factory = sqlcipher.Row
    return conn


def attach_export(conn: Connection, dest: Path, data_key: bytes) -> None:
    """Copy the whole open database into a new encrypted file with the same key."""
    conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(dest),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA backup.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE backup")
