"""Encrypted backups, restoring them, and repairing a key file from one.

A backup is ONE file (see backup_file.py): a consistent copy of the vault (SQLCipher export)
with its key file inside. It is written under a temporary name `.DEST.partial-XXXX` in the
destination folder, fsynced, then renamed, so a killed backup leaves nothing that looks like a
backup; temporaries left by a killed run are removed by the next backup to the same place.
Everything is owner-only (0600). A backup opens with the passphrase and recovery code that
the record had when it was made.

Restore never overwrites: it copies a backup (one file, or an older DEST + DEST.keys) to a new
place, after proving the passphrase, and opens it there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from familyrecord.storage import keyfile, keyslots, opening
from familyrecord.storage.atomic import (
    create_private,
    partial_path,
    publish,
    remove_stale_partials,
)
from familyrecord.storage.backup_file import append_keys, read_contents
from familyrecord.storage.connection import attach_export
from familyrecord.storage.errors import (
    KeyFileDamaged,
    VaultError,
    VaultExists,
    VaultNotFound,
    translate_sqlite_error,
)
from familyrecord.storage.journal import append as journal_append
from familyrecord.storage.vault import Vault

logger = logging.getLogger(__name__)
_COPY_CHUNK = 4 * 1024 * 1024


def backup(vault: Vault, destination: Path) -> Path:
    """Write an encrypted one-file copy of the open vault to `destination`."""
    destination = Path(destination)
    if destination.exists() or keyslots.keys_path(destination).exists():
        raise VaultExists(str(destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    for stale in remove_stale_partials(destination, older_than_s=0):
        logger.info("removed %s, left by a backup that did not finish", stale.name)
    partial = partial_path(destination)
    try:
        os.close(create_private(partial))  # owner-only before SQLite writes a byte
        attach_export(vault.connection, partial, vault.data_key)
        append_keys(partial, keyfile.render_key_file(vault.current_key_file(), vault.data_key))
        publish(partial, destination, overwrite=False)
    except BaseException as exc:
        _remove_partial(partial)
        if isinstance(exc, FileExistsError):
            raise VaultExists(str(destination)) from None
        known = None if isinstance(exc, VaultError) else translate_sqlite_error(exc)
        if known is not None:
            raise known from None
        raise
    return destination


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, *opening.sidecar_paths(partial)):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def restore(backup_path: Path, destination: Path, passphrase: str) -> Vault:
    """Copy a backup to a new vault path and open it there (the passphrase proves it is yours)."""
    backup_path, destination = Path(backup_path), Path(destination)
    contents = read_contents(backup_path)
    if destination.exists() or keyslots.keys_path(destination).exists():
        raise VaultExists(str(destination))
    # Prove the passphrase before copying anything.
    data_key = keyslots.unseal(contents.key_file.slot("passphrase"), passphrase,
                               contents.key_file.vault_id)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(destination)
    wrote_keys = False
    try:
        _copy_prefix(backup_path, partial, contents.database_bytes)
        keyslots.write_key_file(destination, _trusted_slots(contents.key_file, data_key), data_key)
        wrote_keys = True
        publish(partial, destination, overwrite=False)
        return Vault.open_with_key(destination, data_key)
    except BaseException as exc:
        _remove_partial(partial)
        if wrote_keys:  # everything this restore made goes; nothing else is touched
            for made in (destination, keyslots.keys_path(destination),
                         *opening.sidecar_paths(destination)):
                made.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError):
            raise VaultExists(str(destination)) from None
        raise


def _copy_prefix(source: Path, partial: Path, length: int) -> None:
    with source.open("rb") as src, os.fdopen(create_private(partial), "wb") as out:
        remaining = length
        while remaining:
            chunk = src.read(min(_COPY_CHUNK, remaining))
            if not chunk:
                raise OSError("the backup ended early")
            out.write(chunk)
            remaining -= len(chunk)
        out.flush()
        os.fsync(out.fileno())


def _trusted_slots(key_file: keyslots.KeyFile, data_key: bytes) -> keyslots.KeyFile:
    """The slots worth keeping: all of them when the MAC vouches for them (or the file is from
    before MACs); only the passphrase slot, just proved, when the MAC does not match."""
    if key_file.mac is None or keyfile.mac_matches(key_file, data_key):
        return key_file
    return keyslots.KeyFile(key_file.vault_id, (key_file.slot("passphrase"),))


@dataclass
class KeyRepair:
    """What repairing a key file did, in plain words."""

    vault_path: Path
    kept_aside: Path | None = None
    notes: list[str] = field(default_factory=list)


def repair_key_file(vault_path: Path, backup_path: Path, passphrase: str) -> KeyRepair:
    """Write `vault_path`'s key file afresh from the key file carried by a backup of it.

    The passphrase (as it was when the backup was made) must open the backup's key file, and
    the data key it yields must open the record at `vault_path` as the same record; only then
    is anything written. The damaged key file is kept beside it as `.keys.damaged`.
    """
    vault_path = Path(vault_path)
    if not vault_path.is_file():
        raise VaultNotFound(str(vault_path))
    carried = read_contents(Path(backup_path)).key_file
    data_key = keyslots.unseal(carried.slot("passphrase"), passphrase, carried.vault_id)
    opening.prove_key(vault_path, data_key, carried.vault_id)
    repair = KeyRepair(vault_path)
    slots = _trusted_slots(carried, data_key)
    if slots.problem_with("recovery") is not None:
        repair.notes.append("The backup's recovery code could not be trusted, so it was not "
                            "restored. Make a new recovery code now.")
    old = keyslots.keys_path(vault_path)
    if old.exists() and not old.is_file():
        raise KeyFileDamaged(f"{old.name} is a folder", user_message=(
            "Where the key file should be there is a folder of the same name. Move it away, "
            "then repair the key file again. Nothing has been changed."))
    if old.is_file():
        repair.kept_aside = _free_name(old.with_name(old.name + ".damaged"))
        shutil.copy2(old, repair.kept_aside)
    keyslots.write_key_file(vault_path, slots, data_key)
    with Vault.open_with_key(vault_path, data_key) as vault, vault.transaction() as conn:
        journal_append(conn, "repair_keys", "vault", vault.vault_id, None)
    repair.notes.append("The key file was repaired. The passphrase and recovery code that "
                        "worked when the backup was made open the record again.")
    return repair


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
