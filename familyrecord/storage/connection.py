"""Opening a SQLCipher connection with a raw data key, and the settings every connection needs.

Opening is split in two so that an existing file is only read until it has proved to be this
vault's: `open_connection` keys the connection and reads the first page (no writes, and never
creates the file unless asked); `apply_settings` then switches on WAL and the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as sqlcipher

from familyrecord.storage.errors import (
    KeyFileMismatch,
    VaultError,
    VaultNotFound,
    translate_sqlite_error,
)

if TYPE_CHECKING:
    # sqlcipher3 ships no type stubs; its API is the standard library's sqlite3 API.
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher.Connection

# How long one statement waits for another connection's lock before SQLite says "busy"
# (a second window, a command line import). Transactions retry once more after that.
BUSY_TIMEOUT_S = 4.0


def _key_pragma(data_key: bytes) -> str:
    # A raw key (x'..') skips SQLCipher's own KDF: the key is already random and 256-bit.
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def open_connection(path: Path, data_key: bytes, *, create: bool = False) -> Connection:
    """Open the database file with `data_key` and read its first page.

    Without `create` a missing file is never made (SQLite would make an empty one). Raises
    KeyFileMismatch (a VaultCorrupt) when the file cannot be read with the key: the key has
    already been proved right by its sealed slot, so the file is damaged or not this key's.
    """
    mode = "rwc" if create else "rw"
    uri = f"{Path(path).absolute().as_uri()}?mode={mode}"
    try:
        conn: Connection = sqlcipher.connect(uri, uri=True, isolation_level=None,
                                             check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    except sqlcipher.Error as exc:
        raise _typed(exc) from None
    try:
        # SQLCipher logs HMAC failures to stderr; the app reports them as typed errors instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(data_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.Error as exc:
        conn.close()
        raise _typed(exc) from None
    conn.row_factory = sqlcipher.Row
    return conn


def _typed(exc: sqlcipher.Error) -> VaultError:
    if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN"):
        return VaultNotFound(str(exc))
    known = translate_sqlite_error(exc)
    if known is None or "not a database" in str(exc):
        return KeyFileMismatch(str(exc))
    return known


def apply_settings(conn: Connection) -> None:
    """The settings the vault runs with (WAL may write the file header: call once trusted)."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    # Temporary tables and sort spills stay in memory, never in a temp file.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = NORMAL")


def attach_export(conn: Connection, dest: Path, data_key: bytes) -> None:
    """Copy the whole open database into a new encrypted file with the same key."""
    conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(dest),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA backup.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE backup")
