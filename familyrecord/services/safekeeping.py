"""Keeping the record safe and provably unaltered (reached as `services.safekeeping`).

Receipts (a short code, and its QR image, that pins the history at a moment: the family sends
it to someone they trust; FamilyRecord sends nothing), checking a receipt, the full check of
the record with an optional rebuild of search, encrypted one-file backups, and repairing a
damaged key file from a backup. Long work takes a progress callback, like every other verb.
"""

from __future__ import annotations

from pathlib import Path

from familyrecord.progress import Progress
from familyrecord.storage import backup as backup_mod
from familyrecord.storage import integrity, receipts, search_audit
from familyrecord.storage.receipts import Receipt, ReceiptCheck
from familyrecord.storage.vault import Vault

__all__ = ["Receipt", "ReceiptCheck", "SafekeepingService"]


class SafekeepingService:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    # ---- receipts ------------------------------------------------------------------------

    def receipt(self, purpose: str = "") -> Receipt:
        """A new receipt for the history as it stands now (kept in the record and journaled).
        `purpose` says where it was given, e.g. "bundle" or "checked by hand"."""
        return self._vault.receipt(purpose)

    def receipts(self) -> list[Receipt]:
        """Every receipt this record has given, oldest first."""
        return self._vault.receipts_given()

    @staticmethod
    def receipt_qr_png(code: str) -> bytes:
        """The receipt code as a QR image (PNG bytes, in memory)."""
        return receipts.qr_png(code)

    def check_receipt(self, code: str) -> ReceiptCheck:
        """Does today's history still hold everything up to the receipt, unchanged?
        Raises ReceiptCodeInvalid (an InputError) for text that is not a receipt code."""
        return self._vault.check_receipt(code)

    # ---- checking ------------------------------------------------------------------------

    def verify(self, progress: Progress | None = None) -> integrity.VerifyReport:
        """The full check: file, history, attachments, receipts given, search, key file."""
        return integrity.verify(self._vault, progress)

    def repair_search(self) -> search_audit.SearchAudit:
        """Rebuild search where it is not true to the record; returns what was wrong."""
        return search_audit.repair(self._vault)

    def key_file_problems(self) -> list[str]:
        """Anything wrong with the key file, in plain words (also part of verify)."""
        return self._vault.key_file_problems()

    # ---- backups ---------------------------------------------------------------------------

    def backup(self, destination: Path) -> Path:
        """An encrypted one-file backup (keys inside), written atomically, owner-only."""
        return backup_mod.backup(self._vault, destination)

    @staticmethod
    def repair_key_file(vault_path: Path, backup_path: Path, passphrase: str) -> backup_mod.KeyRepair:
        """Write a damaged or lost key file afresh from a backup of the same record. The
        passphrase is the one that opened the record when the backup was made."""
        return backup_mod.repair_key_file(vault_path, backup_path, passphrase)
