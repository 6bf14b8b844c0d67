"""The encrypted vault: SQLCipher database, key slots, repositories, blobs, search, journal."""

from familyrecord.storage.blobs import Attachment, ImportCancelled
from familyrecord.storage.errors import (
    DiskFull,
    IsABackup,
    KeyFileDamaged,
    KeyFileMismatch,
    KeyFileMissing,
    KeyringUnavailable,
    PassphraseSlotDamaged,
    RecordNotFound,
    RecoverySlotDamaged,
    VaultBusy,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultNewerThanApp,
    VaultNotFound,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from familyrecord.storage.keyslots import KdfParams
from familyrecord.storage.receipts import Receipt, ReceiptCheck, ReceiptCodeInvalid
from familyrecord.storage.search import SearchHit
from familyrecord.storage.transcripts import Segment, Transcript
from familyrecord.storage.vault import NewVault, Vault

__all__ = [
    "Attachment",
    "DiskFull",
    "ImportCancelled",
    "IsABackup",
    "KdfParams",
    "KeyFileDamaged",
    "KeyFileMismatch",
    "KeyFileMissing",
    "KeyringUnavailable",
    "NewVault",
    "PassphraseSlotDamaged",
    "Receipt",
    "ReceiptCheck",
    "ReceiptCodeInvalid",
    "RecordNotFound",
    "RecoverySlotDamaged",
    "SearchHit",
    "Segment",
    "Transcript",
    "Vault",
    "VaultBusy",
    "VaultCorrupt",
    "VaultError",
    "VaultExists",
    "VaultInUse",
    "VaultLocked",
    "VaultNewerThanApp",
    "VaultNotFound",
    "WeakPassphrase",
    "WrongPassphrase",
    "WrongRecoveryCode",
]
