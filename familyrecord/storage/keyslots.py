"""Key slots: the vault's random data key, wrapped once per way of opening it.

The database is encrypted with a random 256-bit data key. That key is never stored in the
clear: each slot holds it sealed with AES-256-GCM under a key derived by Argon2id from a
secret (the passphrase, or the recovery code shown once at creation). Changing the passphrase
re-seals the data key; the database itself is not re-encrypted.

The slots live in `<vault>.keys`, a small JSON file beside the database (keyfile.py reads,
checks and writes it). The vault's id and the slot's kind are bound into each seal as associated
data, so a slot cannot be moved to another vault or swapped for the other kind unnoticed.
"""

from __future__ import annotations

import secrets

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from familyrecord.storage.errors import (
    KeyFileDamaged,
    PassphraseSlotDamaged,
    RecoverySlotDamaged,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from familyrecord.storage.keyfile import (
    FORMAT,
    NONCE_BYTES,
    SALT_BYTES,
    SEALED_BYTES,
    KdfParams,
    KeyFile,
    KeySlot,
    SlotKind,
    b64,
    key_file_findings,
    keys_path,
    read_key_file,
    replace_slot,
    unb64,
    write_key_file,
)

__all__ = [
    "DEFAULT_KDF", "FORMAT", "KdfParams", "KeyFile", "KeySlot", "SlotKind", "check_new_passphrase",
    "key_file_findings", "keys_path", "new_data_key", "new_recovery_code",
    "normalise_recovery_code", "passphrase_problem", "read_key_file", "replace_slot", "seal",
    "unseal", "write_key_file",
]

DATA_KEY_BYTES = 32

# The passphrase rule, the same for the app, the command line and the library.
MIN_PASSPHRASE_LENGTH = 8
MAX_PASSPHRASE_LENGTH = 1024


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase cannot be used (plain words), or None when it can."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return (f"The passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters. A few unusual "
                "words are easy to remember and hard to guess.")
    if len(passphrase) > MAX_PASSPHRASE_LENGTH:
        return f"The passphrase can have at most {MAX_PASSPHRASE_LENGTH} characters."
    if not passphrase.strip():
        return "The passphrase cannot be only spaces."
    return None


def check_new_passphrase(passphrase: str) -> None:
    """Raise WeakPassphrase when a new passphrase breaks the rule."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise WeakPassphrase(problem, user_message=problem)


# Crockford's base32: no I, L, O or U, so a code written by hand reads back unambiguously.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_GROUPS = 6
_RECOVERY_GROUP_LEN = 5  # 30 symbols x 5 bits = 150 bits of entropy

DEFAULT_KDF = KdfParams()


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_code() -> str:
    length = _RECOVERY_GROUPS * _RECOVERY_GROUP_LEN
    symbols = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(length))
    groups = [symbols[i:i + _RECOVERY_GROUP_LEN] for i in range(0, len(symbols), _RECOVERY_GROUP_LEN)]
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Accept the code however it was typed: any case, spaces or dashes, O for 0 and I/L for 1."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    groups = [cleaned[i:i + _RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), _RECOVERY_GROUP_LEN)]
    return "-".join(groups)


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism, hash_len=32, type=Type.ID,
    )


# Bound into every seal. Fixed at 1 for ever: changing it would lock out every existing record.
_AAD_VERSION = 1


def _aad(vault_id: str, kind: SlotKind) -> bytes:
    return f"familyrecord-keyslot/{_AAD_VERSION}/{vault_id}/{kind}".encode()


def seal(data_key: bytes, secret: str, kind: SlotKind, vault_id: str, kdf: KdfParams) -> KeySlot:
    problem = kdf.problem()
    if problem is not None:
        raise ValueError(f"key derivation settings refused: {problem}")
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_derive(secret, salt, kdf)).encrypt(nonce, data_key, _aad(vault_id, kind))
    return KeySlot(kind=kind, salt=b64(salt), nonce=b64(nonce), sealed=b64(sealed), kdf=kdf)


def unseal(slot: KeySlot, secret: str, vault_id: str) -> bytes:
    """The data key from one slot. A wrong secret is WrongPassphrase/WrongRecoveryCode; a slot
    that cannot even be tried (damaged fields, absurd settings) is damage, never 'wrong'."""
    damaged = RecoverySlotDamaged if slot.kind == "recovery" else PassphraseSlotDamaged
    problem = slot.kdf.problem()
    if problem is not None:
        raise damaged(f"key settings refused: {problem}")
    try:
        salt, nonce, sealed = unb64(slot.salt), unb64(slot.nonce), unb64(slot.sealed)
    except ValueError as exc:
        raise damaged(f"key slot unreadable: {exc}") from None
    if (len(salt), len(nonce), len(sealed)) != (SALT_BYTES, NONCE_BYTES, SEALED_BYTES):
        raise damaged("key slot fields have the wrong length")
    try:
        data_key = AESGCM(_derive(secret, salt, slot.kdf)).decrypt(nonce, sealed,
                                                                   _aad(vault_id, slot.kind))
    except InvalidTag:
        raise (WrongRecoveryCode() if slot.kind == "recovery" else WrongPassphrase()) from None
    if len(data_key) != DATA_KEY_BYTES:
        raise KeyFileDamaged("key slot holds a key of the wrong size")
    return data_key
