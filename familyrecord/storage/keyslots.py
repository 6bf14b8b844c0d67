"""Key slots: the vault's random data key, wrapped once per way of opening it.

The database is encrypted with a random 256-bit data key. That key is never stored in the
clear: each slot holds it sealed with AES-256-GCM under a key derived by Argon2id from a
secret (the passphrase, or the recovery code shown once at creation). Changing the passphrase
re-seals the data key; the database itself is not re-encrypted.

The slots live in `<vault>.keys`, a small JSON file beside the database. The vault's id and
the slot's kind are bound into each seal as associated data, so a slot cannot be moved to
another vault or swapped for the other kind unnoticed.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from familyrecord.storage.errors import VaultCorrupt, WeakPassphrase, WrongPassphrase, WrongRecoveryCode

FORMAT = 1
DATA_KEY_BYTES = 32
SlotKind = Literal["passphrase", "recovery"]

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


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Defaults take roughly half a second on a modest laptop."""

    time_cost: int = 4
    memory_kib: int = 262_144
    parallelism: int = 2


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class KeySlot:
    kind: SlotKind
    salt: str
    nonce: str
    sealed: str
    kdf: KdfParams


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    slots: tuple[KeySlot, ...]

    def slot(self, kind: SlotKind) -> KeySlot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise VaultCorrupt(f"the key file has no {kind} slot")


def keys_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".keys")


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


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism, hash_len=32, type=Type.ID,
    )


def _aad(vault_id: str, kind: SlotKind) -> bytes:
    return f"familyrecord-keyslot/{FORMAT}/{vault_id}/{kind}".encode()


def seal(data_key: bytes, secret: str, kind: SlotKind, vault_id: str, kdf: KdfParams) -> KeySlot:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_derive(secret, salt, kdf)).encrypt(nonce, data_key, _aad(vault_id, kind))
    return KeySlot(kind=kind, salt=_b64(salt), nonce=_b64(nonce), sealed=_b64(sealed), kdf=kdf)


def unseal(slot: KeySlot, secret: str, vault_id: str) -> bytes:
    try:
        wrapping_key = _derive(secret, _unb64(slot.salt), slot.kdf)
        data_key = AESGCM(wrapping_key).decrypt(_unb64(slot.nonce), _unb64(slot.sealed),
                                                _aad(vault_id, slot.kind))
    except InvalidTag:
        raise (WrongRecoveryCode() if slot.kind == "recovery" else WrongPassphrase()) from None
    except ValueError as exc:  # bad base64 or lengths: the key file was damaged
        raise VaultCorrupt(f"key slot unreadable: {exc}") from None
    if len(data_key) != DATA_KEY_BYTES:
        raise VaultCorrupt("key slot holds a key of the wrong size")
    return data_key


def read_key_file(vault_path: Path) -> KeyFile:
    path = keys_path(vault_path)
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise VaultCorrupt(f"unknown key file format {raw.get('format')!r}")
        slots = tuple(
            KeySlot(kind=s["kind"], salt=s["salt"], nonce=s["nonce"], sealed=s["sealed"],
                    kdf=KdfParams(**s["kdf"]))
            for s in raw["slots"]
        )
        return KeyFile(vault_id=str(raw["vault_id"]), slots=slots)
    except FileNotFoundError:
        raise VaultCorrupt("the key file beside the record is missing") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise VaultCorrupt(f"the key file is damaged: {exc}") from None


def write_key_file(vault_path: Path, key_file: KeyFile) -> None:
    """Replace the key file atomically, so a crash leaves the old or the new one, never half."""
    path = keys_path(vault_path)
    payload = {
        "format": FORMAT,
        "vault_id": key_file.vault_id,
        "slots": [asdict(slot) for slot in key_file.slots],
    }
    fd, tmp_name = tempfile.mkstemp(prefix=".keys-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def replace_slot(key_file: KeyFile, new_slot: KeySlot) -> KeyFile:
    others = tuple(s for s in key_file.slots if s.kind != new_slot.kind)
    return KeyFile(vault_id=key_file.vault_id, slots=(*others, new_slot))
