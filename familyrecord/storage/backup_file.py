"""The one-file backup format: the encrypted database, then its key file, then a short trailer.

    [SQLCipher database, N bytes][key file JSON, K bytes][K as 8 bytes, big-endian][MAGIC]

The database part is exactly what `sqlcipher_export` wrote, so a restore copies its first N
bytes and gets the record back; the key file travels in the same file, so a backup cannot lose
its keys. The key file is not secret (its slots are sealed) and carries its own MAC.
Backups made before this format are two files, DEST and DEST.keys; both kinds restore.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from familyrecord.storage.errors import VaultCorrupt, VaultNotFound
from familyrecord.storage.keyfile import MAX_KEY_FILE_BYTES, KeyFile, keys_path, parse_key_file, read_key_file

MAGIC = b"\nFamilyRecord backup keys/1\n"
_LENGTH_BYTES = 8
_TRAILER = _LENGTH_BYTES + len(MAGIC)
_PAGE_MULTIPLE = 512  # every SQLite page size is a multiple of this


class BackupDamaged(VaultCorrupt):
    user_message = ("That backup file is damaged or is not a FamilyRecord backup, so it cannot be "
                    "restored. Nothing has been changed. Try another backup.")


@dataclass(frozen=True)
class BackupContents:
    key_file: KeyFile
    database_bytes: int  # how much of the file is the database
    one_file: bool  # False: an older backup, DEST plus DEST.keys


def has_trailer(path: Path) -> bool:
    """True when `path` ends like a one-file backup (cheap: reads the last few bytes)."""
    try:
        with Path(path).open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() < _TRAILER:
                return False
            handle.seek(-len(MAGIC), os.SEEK_END)
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def append_keys(path: Path, key_text: str) -> None:
    """Append the key file and trailer to a finished database copy (then fsync)."""
    data = key_text.encode("utf-8")
    with Path(path).open("ab") as handle:
        handle.write(data)
        handle.write(len(data).to_bytes(_LENGTH_BYTES, "big"))
        handle.write(MAGIC)
        handle.flush()
        os.fsync(handle.fileno())


def read_contents(path: Path) -> BackupContents:
    """The key file a backup carries and where its database ends. Raises a typed error."""
    path = Path(path)
    if not path.is_file():
        raise VaultNotFound(str(path))
    if not has_trailer(path):
        if keys_path(path).exists():
            return BackupContents(read_key_file(path), path.stat().st_size, one_file=False)
        raise BackupDamaged("no key file inside or beside it")
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(-_TRAILER, os.SEEK_END)
            key_length = int.from_bytes(handle.read(_LENGTH_BYTES), "big")
            database_bytes = size - _TRAILER - key_length
            if not 0 < key_length <= MAX_KEY_FILE_BYTES or database_bytes <= 0 \
                    or database_bytes % _PAGE_MULTIPLE:
                raise BackupDamaged("its trailer is damaged")
            handle.seek(database_bytes)
            key_text = handle.read(key_length).decode("utf-8")
    except UnicodeDecodeError:
        raise BackupDamaged("its key file is not text") from None
    except OSError as exc:
        raise BackupDamaged(f"it cannot be read: {exc.strerror}") from None
    return BackupContents(parse_key_file(key_text), database_bytes, one_file=True)
