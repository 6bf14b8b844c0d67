"""Typed errors the vault raises. Each carries a message a worried person can understand.

`VaultError` is the family, a `familyrecord.errors.UserError`: the UI and CLI catch it and show
`user_message`. Anything else escaping storage is a bug and goes to the crash reporter (without
record content).
"""

from __future__ import annotations

import errno

from sqlcipher3 import dbapi2 as sqlcipher

from familyrecord.errors import UserError


class VaultError(UserError):
    user_message = "Something went wrong with the record file."


class WrongPassphrase(VaultError):
    user_message = (
        "That passphrase did not open this record. Check Caps Lock and try again, "
        "or use your recovery code."
    )


class WeakPassphrase(VaultError):
    user_message = "That passphrase is too short."
    exit_code = 1


class WrongRecoveryCode(WrongPassphrase):
    user_message = "That recovery code did not open this record. Check each group of letters."


class VaultCorrupt(VaultError):
    user_message = (
        "The record file is damaged and cannot be read safely. Nothing has been changed. "
        "Restore your latest backup, or ask someone you trust for help."
    )


class KeyFileDamaged(VaultCorrupt):
    """The key file beside the record cannot be used: not the passphrase's fault."""

    user_message = (
        "The key file beside the record (the file ending in .keys) is damaged, so the record "
        "cannot be opened safely. Nothing has been changed. FamilyRecord can repair the key file "
        "from a backup, or you can restore your latest backup."
    )


class KeyFileMissing(KeyFileDamaged):
    user_message = (
        "The key file that belongs beside the record (the file ending in .keys) is missing. "
        "FamilyRecord needs it to open the record. Nothing has been changed. Put it back, "
        "repair it from a backup, or restore your latest backup."
    )


class KeyFileUnreadable(KeyFileDamaged):
    user_message = (
        "FamilyRecord is not allowed to read the key file beside the record (the file ending "
        "in .keys). Check that it belongs to you and try again. Nothing has been changed."
    )


class PassphraseSlotDamaged(KeyFileDamaged):
    user_message = (
        "The part of the key file that your passphrase opens is damaged, so the passphrase "
        "cannot be checked. Nothing has been changed. Open the record with your recovery code "
        "and choose a new passphrase, or repair the key file from a backup."
    )


class RecoverySlotDamaged(KeyFileDamaged):
    user_message = (
        "The part of the key file that your recovery code opens is damaged or missing. "
        "Nothing has been changed. Open the record with your passphrase and make a new "
        "recovery code."
    )


class KeyFileMismatch(VaultCorrupt):
    user_message = (
        "The record file cannot be read with the key file beside it. Either the record file is "
        "damaged, or the key file belongs to a different record. Nothing has been changed. "
        "Restore your latest backup, or ask someone you trust for help."
    )


class VaultNewerThanApp(VaultError):
    user_message = (
        "This record was made by a newer version of FamilyRecord. "
        "Please update FamilyRecord to open it; nothing has been changed."
    )


class VaultLocked(VaultError):
    user_message = "The record is locked. Unlock it to carry on."


class VaultNotFound(VaultError):
    user_message = "There is no record file at that place."


class IsABackup(VaultError):
    user_message = ("That file is a FamilyRecord backup. To use it, restore it to a new place. "
                    "Nothing has been changed.")


class VaultExists(VaultError):
    user_message = "There is already a record file at that place; choose another name."


class VaultBusy(VaultError):
    user_message = (
        "Another FamilyRecord window or command is using this record right now. "
        "Wait for it to finish, or close it, and try again. Nothing was lost."
    )


class VaultInUse(VaultBusy):
    user_message = (
        "This record is already open in another FamilyRecord window. "
        "Use that window, or close it first."
    )


class DiskFull(VaultError):
    user_message = "The disk is full. Free some space and try again; nothing was lost."


class RecordNotFound(VaultError):
    user_message = "That entry could not be found. It may have been deleted."


class AttachmentTooLarge(VaultError):
    user_message = "That file is too large to add."


class KeyringUnavailable(VaultError):
    user_message = (
        "This computer has no secure password store that FamilyRecord can use, "
        "so it cannot remember the record here. You will be asked for your passphrase each time."
    )


def translate_sqlite_error(exc: BaseException) -> VaultError | None:
    """Map a SQLite/SQLCipher error to a typed vault error, or None when it is a bug."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFull(str(exc))
        return None
    if not isinstance(exc, sqlcipher.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text or "not a database" in text:
        return VaultCorrupt(text)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return DiskFull(text)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text \
            or "database table is locked" in text:
        return VaultBusy(text)
    return None


def is_busy(exc: BaseException) -> bool:
    """True when SQLite gave up waiting for another connection's lock."""
    return isinstance(translate_sqlite_error(exc), VaultBusy)
