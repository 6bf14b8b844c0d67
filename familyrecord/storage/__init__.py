"""The encrypted vault: SQLCipher database, key slots, repositories, blobs, search, journal."""

from familyrecord.storage.blobs import Attachment, ImportCancelled
from familyrecord.storage.errors import (
    DiskFull,
    KeyringUnavailable,
    RecordNotFound,
    VaultBusy,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultNewerThanApp,
    VaultNotFound,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from familyrecord.storage.keyslots import KdfParams
from familyrecord.storage.search import SearchHit
from familyrecord.storage.transcripts import Segment, Transcript
from familyrecord.storage.vault import NewVault, Vault

__all__ = [
    "Attachment",
    "DiskFull",
    "ImportCancelled",
    "KdfParams",
    "KeyringUnavailable",
    "NewVault",
    "RecordNotFound",
    "SearchHit",
    "Segment",
    "Transcript",
    "Vault",
    "VaultBusy",
    "VaultCorrupt",
    "VaultError",
    "VaultExists",
    "VaultLocked",
    "VaultNewerThanApp",
    "VaultNotFound",
    "WeakPassphrase",
    "WrongPassphrase",
    "WrongRecoveryCode",
]
