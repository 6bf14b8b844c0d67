"""Encrypted backups: a consistent copy of the vault (SQLCipher export) plus its key slots.

A backup opens with the same passphrase or recovery code as the vault it came from. Restore
never overwrites: it copies a backup to a new place and proves it opens and verifies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from familyrecord.storage import keyslots
from familyrecord.storage.connection import attach_export
from familyrecord.storage.errors import VaultExists, VaultNotFound, translate_sqlite_error
from familyrecord.storage.vault import Vault


def backup(vault: Vault, destination: Path) -> Path:
    """Write an encrypted copy of the open vault to `destination` (and `destination.keys`)."""
    destination = Path(destination)
    if destination.exists() or keyslots.keys_path(destination).exists():
        raise VaultExists(str(destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        attach_export(vault.connection, destination, vault.data_key)
        shutil.copyfile(keyslots.keys_path(vault.path), keyslots.keys_path(destination))
    except Exception as exc:
        destination.unlink(missing_ok=True)
        keyslots.keys_path(destination).unlink(missing_ok=True)
        known = translate_sqlite_error(exc)
        if known is not None:
            raise known from None
        raise
    destination.chmod(0o600)
    return destination


def restore(backup_path: Path, destination: Path, passphrase: str) -> Vault:
    """Copy a backup to a new vault path and open it there (the passphrase proves it is yours)."""
    backup_path, destination = Path(backup_path), Path(destination)
    if not backup_path.is_file():
        raise VaultNotFound(str(backup_path))
    if destination.exists() or keyslots.keys_path(destination).exists():
        raise VaultExists(str(destination))
    # Prove the passphrase before copying anything.
    Vault.open(backup_path, passphrase).lock()
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(keyslots.keys_path(backup_path), keyslots.keys_path(destination))
    shutil.copyfile(backup_path, destination)
    destination.chmod(0o600)
    return Vault.open(destination, passphrase)
