"""The key file `<vault>.keys`: read strictly, written atomically, checked twice.

The file is outside data: anything may be in it (a flipped bit, an editor's mistake, a folder
where the file should be). It is parsed with every field checked for type, size and sane
bounds before any of it is used, so damage is reported as damage and never as a wrong
passphrase, a crash or a hang.

Two checks guard it (format 2):
- each slot carries a checksum of its own fields and the vault id (no key needed), so a
  damaged slot is found before its passphrase is tried;
- the file carries a MAC (HMAC-SHA256 under a key derived from the data key with HKDF) over
  all of it, checked after unlock and by `verify`: it proves the slots are exactly as
  FamilyRecord last wrote them, including the recovery slot nobody has tried for months.
Files written before format 2 (no checksums, no MAC) still open; they gain both at the next
unlock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from familyrecord.storage.atomic import remove_stale_partials, write_atomically
from familyrecord.storage.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    KeyFileUnreadable,
    PassphraseSlotDamaged,
    RecoverySlotDamaged,
)

FORMAT = 2
LEGACY_FORMAT = 1
SlotKind = Literal["passphrase", "recovery"]
SLOT_KINDS: tuple[SlotKind, ...] = ("passphrase", "recovery")

SALT_BYTES = 16
NONCE_BYTES = 12
SEALED_BYTES = 32 + 16  # the 256-bit data key and its GCM tag
MAX_KEY_FILE_BYTES = 64 * 1024  # a real one is under 2 KiB
_MAX_SLOTS = 8
_VAULT_ID = re.compile(r"[0-9a-f]{32}")  # also the shape of a slot checksum
_HEX64 = re.compile(r"[0-9a-f]{64}")

# Argon2id bounds. Below them a slot is too weak to trust; above them unlocking would take
# minutes or exhaust memory. The shipped cost (4 passes over 256 MiB) is well inside.
MIN_TIME_COST, MAX_TIME_COST = 1, 64
MIN_MEMORY_KIB, MAX_MEMORY_KIB = 8 * 1024, 4 * 1024 * 1024
MIN_PARALLELISM, MAX_PARALLELISM = 1, 16
MAX_WORK_KIB = 16 * 4 * 262_144  # passes x memory: 16 times the shipped cost (a few seconds)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Defaults take roughly half a second on a modest laptop."""

    time_cost: int = 4
    memory_kib: int = 262_144
    parallelism: int = 2

    def problem(self) -> str | None:
        """Why these settings cannot be used (outside sane bounds), or None."""
        for name in ("time_cost", "memory_kib", "parallelism"):
            if type(getattr(self, name)) is not int:
                return f"{name} is not a whole number"
        if not MIN_TIME_COST <= self.time_cost <= MAX_TIME_COST:
            return f"time_cost {self.time_cost} is outside {MIN_TIME_COST}..{MAX_TIME_COST}"
        if not MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB:
            return f"memory_kib {self.memory_kib} is outside {MIN_MEMORY_KIB}..{MAX_MEMORY_KIB}"
        if not MIN_PARALLELISM <= self.parallelism <= MAX_PARALLELISM:
            return f"parallelism {self.parallelism} is outside {MIN_PARALLELISM}..{MAX_PARALLELISM}"
        if self.time_cost * self.memory_kib > MAX_WORK_KIB:
            return "time_cost x memory_kib would take far too long"
        return None


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
    # Slots present in the file but unusable, as (kind, why); the kind may be unreadable too.
    damaged: tuple[tuple[str, str], ...] = ()
    # None: a file from before format 2, which carries no MAC yet.
    mac: str | None = None
    # Canonical JSON of the file as read, without its MAC: what the MAC covers.
    signed: str = ""
    format: int = FORMAT

    def slot(self, kind: SlotKind) -> KeySlot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        why = self.problem_with(kind) or f"the key file has no {kind} slot"
        raise (RecoverySlotDamaged(why) if kind == "recovery" else PassphraseSlotDamaged(why))

    def problem_with(self, kind: SlotKind) -> str | None:
        """Why the slot of this kind cannot be used, or None when it is there and whole."""
        if any(s.kind == kind for s in self.slots):
            return None
        reasons = [why for damaged_kind, why in self.damaged if damaged_kind == kind]
        return reasons[0] if reasons else f"there is no {kind} slot"


def keys_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".keys")


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _kdf_dict(kdf: KdfParams) -> dict[str, int]:
    return {"time_cost": kdf.time_cost, "memory_kib": kdf.memory_kib, "parallelism": kdf.parallelism}


def slot_checksum(slot: KeySlot, vault_id: str) -> str:
    """A checksum of the slot's fields and the vault id: finds accidental damage, needs no key."""
    return hashlib.sha256(canonical({
        "format": FORMAT, "vault_id": vault_id, "kind": slot.kind, "salt": slot.salt,
        "nonce": slot.nonce, "sealed": slot.sealed, "kdf": _kdf_dict(slot.kdf),
    }).encode("ascii")).hexdigest()[:32]


def _mac_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"familyrecord key file mac/2").derive(data_key)


def mac_for(signed: str, data_key: bytes) -> str:
    return hmac.new(_mac_key(data_key), signed.encode("utf-8"), hashlib.sha256).hexdigest()


def mac_matches(key_file: KeyFile, data_key: bytes) -> bool:
    return key_file.mac is not None and hmac.compare_digest(
        key_file.mac, mac_for(key_file.signed, data_key))


# ---- reading ------------------------------------------------------------------------------

def read_key_file(vault_path: Path) -> KeyFile:
    """The key file beside `vault_path`, parsed and checked. Raises a KeyFileDamaged kind."""
    path = keys_path(Path(vault_path))
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a folder, or a pipe that would block the read
            raise KeyFileDamaged(f"{path.name} is not a file")
        if info.st_size > MAX_KEY_FILE_BYTES:
            raise KeyFileDamaged(f"{path.name} is {info.st_size} bytes, far too large")
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing(f"{path.name} is missing") from None
    except PermissionError:
        raise KeyFileUnreadable(f"{path.name} cannot be read: permission denied") from None
    except OSError as exc:
        raise KeyFileUnreadable(f"{path.name} cannot be read: {exc.strerror}") from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileDamaged(f"{path.name} is far too large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyFileDamaged(f"{path.name} is not text") from None
    return parse_key_file(text)


def parse_key_file(text: str) -> KeyFile:
    """Parse the key file's text. Anything malformed raises KeyFileDamaged (nothing else)."""
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise KeyFileDamaged("the key file is not valid JSON") from None
    if not isinstance(raw, dict):
        raise KeyFileDamaged("the key file does not hold a JSON object")
    file_format = raw.get("format")
    if type(file_format) is not int or file_format not in (LEGACY_FORMAT, FORMAT):
        raise KeyFileDamaged("the key file's format is unknown")
    vault_id = raw.get("vault_id")
    if not isinstance(vault_id, str) or not _VAULT_ID.fullmatch(vault_id):
        raise KeyFileDamaged("the key file's record id is damaged")
    raw_slots = raw.get("slots")
    if not isinstance(raw_slots, list) or not 0 < len(raw_slots) <= _MAX_SLOTS:
        raise KeyFileDamaged("the key file's list of slots is damaged")
    slots: list[KeySlot] = []
    damaged: list[tuple[str, str]] = []
    for item in raw_slots:
        kind = item.get("kind") if isinstance(item, dict) else None
        label = kind if kind in SLOT_KINDS else "unknown"
        parsed = _parse_slot(item, vault_id, file_format)
        if isinstance(parsed, str):
            damaged.append((str(label), parsed))
        elif any(s.kind == parsed.kind for s in slots):
            damaged.append((parsed.kind, f"there are two {parsed.kind} slots"))
        else:
            slots.append(parsed)
    mac: str | None = None
    if file_format == FORMAT:
        found = raw.get("mac")
        mac = found if isinstance(found, str) and _HEX64.fullmatch(found) else ""
    signed = canonical({k: v for k, v in raw.items() if k != "mac"})
    return KeyFile(vault_id, tuple(slots), tuple(damaged), mac, signed, file_format)


def _parse_slot(raw: object, vault_id: str, file_format: int) -> KeySlot | str:
    """A checked slot, or why it is damaged."""
    if not isinstance(raw, dict):
        return "a slot is not an object"
    kind = raw.get("kind")
    if kind not in SLOT_KINDS:
        return "a slot is of no known kind"
    fields: dict[str, str] = {}
    for name, size in (("salt", SALT_BYTES), ("nonce", NONCE_BYTES), ("sealed", SEALED_BYTES)):
        value = raw.get(name)
        if not isinstance(value, str) or len(value) > 4 * size:
            return f"the {kind} slot's {name} is damaged"
        try:
            decoded = unb64(value)
        except (ValueError, binascii.Error):
            return f"the {kind} slot's {name} is damaged"
        if len(decoded) != size:
            return f"the {kind} slot's {name} has the wrong length"
        fields[name] = value
    kdf = _parse_kdf(raw.get("kdf"))
    if isinstance(kdf, str):
        return f"the {kind} slot's key settings are damaged: {kdf}"
    slot = KeySlot(cast(SlotKind, kind), fields["salt"], fields["nonce"], fields["sealed"], kdf)
    if file_format >= FORMAT:
        checksum = raw.get("checksum")
        if not isinstance(checksum, str) or not _VAULT_ID.fullmatch(checksum) \
                or not hmac.compare_digest(checksum, slot_checksum(slot, vault_id)):
            return f"the {kind} slot does not match its checksum"
    return slot


def _parse_kdf(raw: object) -> KdfParams | str:
    if not isinstance(raw, Mapping):
        return "they are missing"
    values: dict[str, int] = {}
    for name in ("time_cost", "memory_kib", "parallelism"):
        value = raw.get(name)
        if type(value) is not int:  # bool and float are refused too
            return f"{name} is not a whole number"
        values[name] = value
    kdf = KdfParams(**values)
    problem = kdf.problem()
    return problem if problem is not None else kdf


# ---- writing ------------------------------------------------------------------------------

def payload(key_file: KeyFile) -> dict[str, object]:
    """The file's content without its MAC (what the MAC covers)."""
    return {
        "format": FORMAT,
        "vault_id": key_file.vault_id,
        "slots": [
            {"kind": s.kind, "salt": s.salt, "nonce": s.nonce, "sealed": s.sealed,
             "kdf": _kdf_dict(s.kdf), "checksum": slot_checksum(s, key_file.vault_id)}
            for s in key_file.slots
        ],
    }


def render_key_file(key_file: KeyFile, data_key: bytes) -> str:
    content = payload(key_file)
    content["mac"] = mac_for(canonical(content), data_key)
    return json.dumps(content, indent=1) + "\n"


def write_key_file(vault_path: Path, key_file: KeyFile, data_key: bytes) -> KeyFile:
    """Replace the key file atomically (old or new, never half; owner-only), with fresh
    checksums and MAC. Returns the key file as it now reads back."""
    text = render_key_file(key_file, data_key)
    written = parse_key_file(text)
    path = keys_path(Path(vault_path))
    remove_stale_partials(path)  # left by a write killed long ago (kill -9 during passwd)
    write_atomically(path, text.encode("utf-8"))
    return written


def replace_slot(key_file: KeyFile, new_slot: KeySlot) -> KeyFile:
    """The key file with `new_slot` in place of any slot of its kind (damaged ones included)."""
    others = tuple(s for s in key_file.slots if s.kind != new_slot.kind)
    damaged = tuple(d for d in key_file.damaged if d[0] != new_slot.kind)
    return KeyFile(key_file.vault_id, (*others, new_slot), damaged)


# ---- checking after unlock ------------------------------------------------------------------

def key_file_findings(key_file: KeyFile, data_key: bytes) -> list[str]:
    """What is wrong with an unlocked record's key file, in plain words (empty: all is well)."""
    findings: list[str] = []
    passphrase = key_file.problem_with("passphrase")
    if passphrase is not None:
        findings.append(f"The key file's passphrase slot is damaged or missing ({passphrase}). "
                        "Choose a new passphrase to write a fresh one.")
    recovery = key_file.problem_with("recovery")
    if recovery is not None:
        findings.append(f"The key file's recovery code slot is damaged or missing ({recovery}). "
                        "Make a new recovery code: the old one will not open the record.")
    unknown = [why for kind, why in key_file.damaged if kind not in SLOT_KINDS]
    if unknown:
        findings.append(f"The key file holds a damaged slot of no known kind ({unknown[0]}).")
    if key_file.mac is not None and not mac_matches(key_file, data_key):
        findings.append("The key file has been changed since FamilyRecord last wrote it (its "
                        "integrity check does not match). If you did not change it, make a new "
                        "recovery code and choose a new passphrase, or repair it from a backup.")
    return findings
