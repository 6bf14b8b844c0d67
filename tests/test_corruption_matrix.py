"""The corruption matrix: every way the record file or its key file can be damaged ends in a typed,
plain message (no traceback, no hang), and every file in the folder is left byte-identical.

Each case copies a small real record (entries, a file, a receipt), damages it, and runs
`familyrecord verify` on it in this process: exit 2 with a `familyrecord: ...` sentence when the
record cannot be opened, exit 1 with "NOT intact" and its findings when it opens but is damaged.
Never exit 0, never any other exception, never more than 5 seconds.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from familyrecord.cli import main
from familyrecord.records import Meeting, Person
from familyrecord.services import Services
from familyrecord.storage import keyfile, keyslots
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of

NAME = "r.frvault"
KEYS = NAME + ".keys"
PAGE = 4096
CASE_LIMIT_S = 5


@dataclass(frozen=True)
class Base:
    folder: Path  # holds r.frvault(.keys), other.frvault(.keys) and backup.frvault
    size: int


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    folder = tmp_path_factory.mktemp("matrix-base")
    services, _ = Services.create(folder / NAME, PASSPHRASE, kdf=FAST_KDF, family_name="Matrix")
    for n in range(20):
        services.save(Person(name=f"Person {n}"))
    meeting = services.save(Meeting(starts_at=datetime(2026, 3, 2, 10), own_notes="notes " * 200))
    rng = random.Random(7)
    vault_of(services).attachments.import_stream(io.BytesIO(rng.randbytes(300_000)), "call.wav",
                                                 link_to=meeting.id)
    vault_of(services).receipt("matrix")
    services.backup(folder / "backup.frvault")
    services.lock()
    other, _ = Services.create(folder / "other.frvault", PASSPHRASE, kdf=FAST_KDF)
    other.lock()
    return Base(folder, (folder / NAME).stat().st_size)


# ---- the damage -----------------------------------------------------------------------------

Damage = Callable[[Path, Base], None]


def _record(change: Callable[[bytes], bytes]) -> Damage:
    def apply(folder: Path, _base: Base) -> None:
        path = folder / NAME
        path.write_bytes(change(path.read_bytes()))
    return apply


def _flip(offset: int) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        where = offset if offset >= 0 else len(data) + offset
        return data[:where] + bytes([data[where] ^ 0x5A]) + data[where + 1:]
    return change


def _cut_to(size: int) -> Callable[[bytes], bytes]:
    return lambda data: data[:size]


def _junk_appended(size: int) -> Callable[[bytes], bytes]:
    return lambda data: data + random.Random(size).randbytes(size)


def _zero_page(page: int) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        start = page * PAGE if page >= 0 else len(data) + page * PAGE
        return data[:start] + bytes(PAGE) + data[start + PAGE:]
    return change


def _keys(change: Callable[[dict[str, Any]], object]) -> Damage:
    def apply(folder: Path, _base: Base) -> None:
        raw = json.loads((folder / KEYS).read_text())
        replaced = change(raw)
        (folder / KEYS).write_text(json.dumps(raw if replaced is None else replaced))
    return apply


def _slot(raw: dict[str, Any], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in raw["slots"] if s["kind"] == kind)
    return found


def _other_char(text: str) -> str:
    i = len(text) // 2
    return text[:i] + ("Q" if text[i] != "Q" else "R") + text[i + 1:]


def _set(path: tuple[Any, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        target: Any = raw
        for step in path[:-1]:
            target = _slot(target, step) if step in ("passphrase", "recovery") else target[step]
        target[path[-1]] = value(target[path[-1]]) if callable(value) else value
    return change


def _absurd_kdf(name: str, value: int) -> Callable[[dict[str, Any]], None]:
    """A KDF value changed AND the slot checksum recomputed: only the bounds can refuse it."""
    def change(raw: dict[str, Any]) -> None:
        slot = _slot(raw, "passphrase")
        slot["kdf"][name] = value
        kdf = keyslots.KdfParams(**slot["kdf"])
        parsed = keyslots.KeySlot("passphrase", slot["salt"], slot["nonce"], slot["sealed"], kdf)
        slot["checksum"] = keyfile.slot_checksum(parsed, raw["vault_id"])
    return change


def _file_ops(op: Callable[[Path], object]) -> Damage:
    def apply(folder: Path, _base: Base) -> None:
        op(folder)
    return apply


def _swap(source: str, target: str) -> Damage:
    def apply(folder: Path, base: Base) -> None:
        shutil.copyfile(base.folder / source, folder / target)
    return apply


def _exchange(folder: Path) -> None:
    record, keys = (folder / NAME).read_bytes(), (folder / KEYS).read_bytes()
    (folder / NAME).write_bytes(keys)
    (folder / KEYS).write_bytes(record)


def _make_folder(folder: Path) -> None:
    (folder / KEYS).unlink()
    (folder / KEYS).mkdir()


def _cases() -> Iterator[tuple[str, Damage]]:
    sizes = [1, 100, 1024, PAGE, 3 * PAGE]
    for size in sizes:
        yield f"record-truncated-to-{size}", _record(_cut_to(size))
    yield "record-empty", _record(lambda d: b"")
    yield "record-truncated-to-half", _record(lambda d: d[: len(d) // 2])
    yield "record-truncated-last-page", _record(lambda d: d[:-PAGE])
    yield "record-truncated-one-byte", _record(lambda d: d[:-1])
    for offset in (0, 15, 16, 100, 1000, PAGE - 1, PAGE + 10, 2 * PAGE + 500, 10 * PAGE + 7, -3000, -100,
                   -1):
        yield f"record-byte-flipped-at-{offset}", _record(_flip(offset))
    rng = random.Random(11)
    for n in range(4):
        offset = rng.randrange(PAGE, 60 * PAGE)
        yield f"record-byte-flipped-random-{n}", _record(_flip(offset))
    yield "record-byte-flipped-at-half", _record(lambda d: _flip(len(d) // 2)(d))
    for junk in (1, 100, PAGE, 10 * PAGE):
        yield f"record-junk-appended-{junk}", _record(_junk_appended(junk))
    for page in (0, 1, 2, 10, -1, -5):
        yield f"record-page-zeroed-{page}", _record(_zero_page(page))
    yield "record-middle-page-zeroed", _record(lambda d: _zero_page(len(d) // PAGE // 2)(d))

    for field in ("salt", "nonce", "sealed", "checksum"):
        for kind in ("passphrase", "recovery"):
            yield f"keys-{kind}-{field}-flipped", _keys(_set((kind, field), _other_char))
        yield f"keys-passphrase-{field}-number", _keys(_set(("passphrase", field), 12345))
    for kind in ("passphrase", "recovery"):
        yield f"keys-{kind}-kind-flipped", _keys(_set((kind, "kind"), _other_char))
        for name in ("time_cost", "memory_kib", "parallelism"):
            yield f"keys-{kind}-{name}-changed", _keys(_set((kind, "kdf", name), lambda v: v + 1))
    yield "keys-vault-id-flipped", _keys(_set(("vault_id",), lambda v: ("1" if v[0] != "1" else "2") + v[1:]))
    yield "keys-mac-flipped", _keys(_set(("mac",), _other_char))
    yield "keys-format-3", _keys(_set(("format",), 3))
    yield "keys-format-text", _keys(_set(("format",), "2"))
    yield "keys-vault-id-number", _keys(_set(("vault_id",), 7))
    yield "keys-slots-a-dict", _keys(_set(("slots",), {"kind": "passphrase"}))
    yield "keys-slots-empty", _keys(_set(("slots",), []))
    yield "keys-kdf-a-list", _keys(_set(("passphrase", "kdf"), [4, 262144, 2]))
    yield "keys-memory-as-text", _keys(_set(("passphrase", "kdf", "memory_kib"), "262144"))
    yield "keys-mac-number", _keys(_set(("mac",), 1))
    yield "keys-recovery-slot-removed", _keys(lambda raw: raw.update(slots=[_slot(raw, "passphrase")]))
    yield "keys-json-list", _keys(lambda raw: [raw])
    for name, value in (("time_cost", 0), ("time_cost", 1_000_000), ("memory_kib", 2**31),
                        ("memory_kib", 40 * 1024 * 1024), ("memory_kib", 8), ("parallelism", 0),
                        ("parallelism", 255)):
        yield f"keys-absurd-{name}-{value}", _keys(_absurd_kdf(name, value))
    yield "keys-missing", _file_ops(lambda f: (f / KEYS).unlink())
    yield "keys-a-folder", _file_ops(_make_folder)
    yield "keys-empty", _file_ops(lambda f: (f / KEYS).write_bytes(b""))
    yield "keys-binary-junk", _file_ops(lambda f: (f / KEYS).write_bytes(random.Random(3).randbytes(900)))
    yield "keys-huge", _file_ops(lambda f: (f / KEYS).write_bytes(b" " * (keyfile.MAX_KEY_FILE_BYTES + 10)))

    yield "swapped-other-records-keys", _swap("other.frvault.keys", KEYS)
    yield "swapped-other-record-file", _swap("other.frvault", NAME)
    yield "swapped-record-and-keys-contents", _file_ops(_exchange)
    yield "swapped-record-for-its-backup", _swap("backup.frvault", NAME)


CASES = list(_cases())


class CaseTimedOut(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise CaseTimedOut()


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("name,damage", CASES, ids=[name for name, _ in CASES])
def test_damage_ends_in_a_plain_typed_message(base: Base, tmp_path: Path, name: str, damage: Damage,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for file in (NAME, KEYS):
        shutil.copyfile(base.folder / file, folder / file)
    damage(folder, base)
    before = _snapshot(folder)
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CASE_LIMIT_S)
    started = time.monotonic()
    try:
        code = main(["verify", "--path", str(folder / NAME)])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    took = time.monotonic() - started
    captured = capsys.readouterr()
    assert took < CASE_LIMIT_S, f"{name} took {took:.1f} s"
    assert "Traceback" not in captured.err
    if code == 2:
        message = captured.err.strip()
        assert message.startswith("familyrecord: ") and "\n" not in message, message
        assert any(word in message for word in ("damaged", "missing", "key file", "not allowed",
                                                    "backup")), message
    else:
        assert code == 1, f"{name}: exit {code}\n{captured.out}"
        assert "NOT intact" in captured.err and "  - " in captured.err
    assert _snapshot(folder) == before, f"{name}: files changed"
    assert not any(p.name.startswith(".") for p in folder.iterdir()), "a temporary was left"


def test_matrix_covers_what_the_issue_asks() -> None:
    names = " ".join(name for name, _ in CASES)
    for expected in ("record-empty", "truncated", "flipped", "junk-appended", "page-zeroed",
                     "keys-passphrase-salt-flipped", "keys-recovery-sealed-flipped", "keys-mac-flipped",
                     "absurd-time_cost-1000000", "keys-missing", "keys-a-folder", "swapped"):
        assert expected in names
    assert len(CASES) >= 80
    assert os.environ.get("FAMILYRECORD_PASSPHRASE") is None
