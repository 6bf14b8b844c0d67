"""Receipts: a short code that pins the record's history at one moment, kept outside the app.

A receipt names one journal entry by its position and the first 80 bits of its hash, e.g.
`R-57-8Z4K-Q0TM-3H9V-XC2A`. Because each entry's hash covers the one before it, that entry's
hash fingerprints the whole history up to it. The family sends the code to someone they trust
(their solicitor, their advocate, their own e-mail); FamilyRecord only shows and keeps it.

Checking a receipt recomputes the chain from the first entry up to the receipt's position and
compares the result with the code. Anyone who changes, removes or renumbers any entry up to that
point (even someone who has the passphrase and recomputes every hash) gets a different hash
there, and the check fails. A receipt proves nothing about entries written after it: those are
covered only by the next receipt.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from familyrecord.errors import InputError
from familyrecord.formatting import local_timestamp, long_date, plural
from familyrecord.records.codec import canonical_json
from familyrecord.records.models import new_id
from familyrecord.storage import journal
from familyrecord.storage.connection import Connection
from familyrecord.storage.database import Database

# Crockford's base32: no I, L, O or U, so a code copied by hand reads back unambiguously.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
FINGERPRINT_CHARS = 16  # 80 bits of the entry hash
_GROUP = 4
_CODE = re.compile(r"R?-*(\d{1,12})-+([0-9A-Z-]+)")


class ReceiptCodeInvalid(InputError):
    user_message = ("That is not a receipt code. A receipt looks like R-57-8Z4K-Q0TM-3H9V-XC2A: "
                    "check it was copied in full.")


@dataclass(frozen=True)
class Receipt:
    code: str
    seq: int  # the journal entry it vouches for; also how many entries the history had
    entry_hash: str
    given_at: str  # ISO time, UTC
    purpose: str = ""

    @property
    def entries(self) -> int:
        return self.seq

    def describe(self) -> str:
        """One plain sentence: what the receipt vouches for, and when it was given."""
        when = long_date(datetime.fromisoformat(self.given_at).astimezone())
        return (f"Receipt {self.code}: the record's history had "
                f"{plural(self.seq, 'entry', 'entries')} on {when}.")


@dataclass
class ReceiptCheck:
    """The outcome of checking one receipt against today's history."""

    code: str
    seq: int
    ok: bool = False
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    given: Receipt | None = None  # this record's own note of giving it, when there is one


def fingerprint(entry_hash: str) -> str:
    """The first 16 base32 characters of a journal entry's hash."""
    value = int(entry_hash, 16)
    bits = len(entry_hash) * 4
    chars = []
    for shift in range(bits - 5, bits - 5 - 5 * FINGERPRINT_CHARS, -5):
        chars.append(_ALPHABET[(value >> shift) & 31])
    return "".join(chars)


def format_code(seq: int, entry_hash: str) -> str:
    return _code(seq, fingerprint(entry_hash))


def _code(seq: int, fp: str) -> str:
    groups = [fp[i:i + _GROUP] for i in range(0, len(fp), _GROUP)]
    return "-".join(["R", str(seq), *groups])


def parse_code(text: str) -> tuple[int, str]:
    """(seq, fingerprint) from a code however it was written: any case, spaces or dashes,
    O for 0 and I or L for 1. Raises ReceiptCodeInvalid."""
    if not isinstance(text, str) or len(text) > 200:
        raise ReceiptCodeInvalid("not a receipt code")
    # Copied from a sentence or an e-mail: quotes, brackets and a full stop around it are fine.
    cleaned = re.sub(r"[\s_.]+", "-", text.strip().strip(".,:;!?()[]<>\"'").strip().upper())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    match = _CODE.fullmatch(cleaned)
    if match is None:
        raise ReceiptCodeInvalid(f"not a receipt code: {len(text)} characters")
    seq = int(match.group(1))
    fp = match.group(2).replace("-", "")
    if seq < 1 or len(fp) != FINGERPRINT_CHARS or any(ch not in _ALPHABET for ch in fp):
        raise ReceiptCodeInvalid("not a receipt code: wrong length or letters")
    return seq, fp


def give(db: Database, purpose: str = "") -> Receipt:
    """Write a 'receipt' entry into the journal and return the receipt that pins it (it is
    also kept in the record, in the same transaction)."""
    with db.transaction() as conn:
        entry = journal.append(conn, "receipt", "receipt", new_id(),
                               canonical_json({"purpose": purpose}))
        receipt = Receipt(format_code(entry.seq, entry.entry_hash), entry.seq, entry.entry_hash,
                          entry.at, purpose)
        conn.execute("INSERT INTO receipts (code, seq, entry_hash, given_at, purpose)"
                     " VALUES (?,?,?,?,?)",
                     (receipt.code, receipt.seq, receipt.entry_hash, receipt.given_at, purpose))
    return receipt


def given(conn: Connection) -> list[Receipt]:
    """Every receipt this record has given, oldest first."""
    rows = conn.execute("SELECT code, seq, entry_hash, given_at, purpose FROM receipts ORDER BY seq")
    return [Receipt(str(r["code"]), int(r["seq"]), str(r["entry_hash"]), str(r["given_at"]),
                    str(r["purpose"])) for r in rows]


def check(conn: Connection, code: str) -> ReceiptCheck:
    """Does today's history still hold, unchanged, everything up to the receipt's entry?"""
    seq, fp = parse_code(code)
    result = ReceiptCheck(code=_code(seq, fp), seq=seq)
    result.given = next((r for r in given(conn) if r.seq == seq), None)
    prev_hash = journal.GENESIS_HASH
    expected = 1
    rows = conn.execute("SELECT * FROM journal WHERE seq <= ? ORDER BY seq", (seq,))
    for row in rows:
        entry = journal.entry_from_row(row)
        if entry.seq != expected:
            result.problems.append(f"Entry {expected} of the history is missing.")
            return result
        recomputed = journal.compute_entry_hash(entry.seq, entry.at, entry.action, entry.kind,
                                                entry.entity_id, entry.content_hash, prev_hash)
        if recomputed != entry.entry_hash or entry.prev_hash != prev_hash:
            result.problems.append(f"Entry {entry.seq} of the history has been changed.")
            return result
        if entry.content is not None and journal.sha256_text(entry.content) != entry.content_hash:
            result.problems.append(f"The wording kept in entry {entry.seq} has been changed.")
            return result
        prev_hash = recomputed
        expected += 1
    if expected <= seq:
        result.problems.append(
            f"The history now has only {expected - 1} entries; this receipt was given when it had "
            f"{seq}. Entries have been removed.")
        return result
    if fingerprint(prev_hash) != fp:
        result.problems.append(
            f"The history up to entry {seq} is not what it was when this receipt was given: "
            "something in it has been changed, removed or reordered since.")
        return result
    result.ok = True
    if result.given is None:
        result.notes.append("This record has no note of giving this receipt (the proof does not "
                            "depend on that note).")
    later = int(conn.execute("SELECT count(*) FROM journal WHERE seq > ?", (seq,)).fetchone()[0])
    result.notes.append(f"{later} later entries are not covered by this receipt; only a later "
                        "receipt can vouch for them.")
    return result


def given_but_broken(conn: Connection) -> list[str]:
    """Receipts this record gave that its (intact-chained) history no longer matches."""
    broken = []
    for receipt in given(conn):
        row = conn.execute("SELECT entry_hash FROM journal WHERE seq = ?", (receipt.seq,)).fetchone()
        if row is None or fingerprint(str(row["entry_hash"])) != parse_code(receipt.code)[1]:
            broken.append(f"The history no longer matches receipt {receipt.code}, given "
                          f"{local_timestamp(receipt.given_at)}: what came before it has been rewritten.")
    return broken


def qr_png(code: str, *, scale: int = 8) -> bytes:
    """The code as a QR image (PNG bytes, in memory) for the family to photograph or print."""
    import segno  # pure Python, BSD licence; imported here: only receipts need it

    out = io.BytesIO()
    segno.make(code, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
