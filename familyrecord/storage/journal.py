"""The journal: an append-only, hash-chained log of every change to the vault.

Each entry records when something was created, changed, archived or deleted, the SHA-256 of
its new content, the previous entry's hash, and its own hash over all of that. The content
itself is kept beside the hash so earlier wording is never lost; a true delete (for mistakes)
blanks the stored content of that record's entries but keeps their hashes, so the chain still
proves that something existed and when it changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from familyrecord.records.codec import canonical_json
from familyrecord.storage.connection import Connection

GENESIS_HASH = "0" * 64


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    at: str
    action: str
    kind: str
    entity_id: str
    content_hash: str
    content: str | None
    prev_hash: str
    entry_hash: str
    # Entries written in one transaction share the seq of its first entry (not hashed: the
    # chain proves order and content; the group only says what was saved together).
    group_seq: int | None = None


def compute_entry_hash(seq: int, at: str, action: str, kind: str, entity_id: str,
                       content_hash: str, prev_hash: str) -> str:
    return sha256_text(canonical_json({
        "seq": seq, "at": at, "action": action, "kind": kind, "entity_id": entity_id,
        "content_hash": content_hash, "prev_hash": prev_hash,
    }))


def append(conn: Connection, action: str, kind: str, entity_id: str, content: str | None,
           content_hash: str | None = None) -> JournalEntry:
    """Add an entry. Must be called inside the transaction that makes the change."""
    if content_hash is None:
        content_hash = sha256_text(content) if content is not None else ""
    row = conn.execute("SELECT seq, entry_hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    seq = row["seq"] + 1 if row else 1
    prev_hash = row["entry_hash"] if row else GENESIS_HASH
    at = utc_now().isoformat()
    entry_hash = compute_entry_hash(seq, at, action, kind, entity_id, content_hash, prev_hash)
    group_seq = _group_for(conn, seq)
    conn.execute(
        "INSERT INTO journal (seq, at, action, kind, entity_id, content_hash, content, prev_hash,"
        " entry_hash, group_seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (seq, at, action, kind, entity_id, content_hash, content, prev_hash, entry_hash, group_seq),
    )
    return JournalEntry(seq, at, action, kind, entity_id, content_hash, content, prev_hash, entry_hash,
                        group_seq)


def start_group(conn: Connection) -> None:
    """Begin a new journal group (called when a transaction begins)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_GROUP_TABLE} (seq INTEGER)")
    conn.execute(f"DELETE FROM temp.{_GROUP_TABLE}")


_GROUP_TABLE = "journal_group"


def _group_for(conn: Connection, seq: int) -> int:
    # Per connection and in memory (temp_store=MEMORY): the first entry of the transaction.
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_GROUP_TABLE} (seq INTEGER)")
    row = conn.execute(f"SELECT seq FROM temp.{_GROUP_TABLE}").fetchone()
    if row is not None:
        return int(row[0])
    conn.execute(f"INSERT INTO temp.{_GROUP_TABLE} (seq) VALUES (?)", (seq,))
    return seq


def entry_from_row(row: object) -> JournalEntry:
    r = row  # sqlcipher Row
    return JournalEntry(r["seq"], r["at"], r["action"], r["kind"], r["entity_id"],  # type: ignore[index]
                        r["content_hash"], r["content"], r["prev_hash"], r["entry_hash"],  # type: ignore[index]
                        r["group_seq"])  # type: ignore[index]


def history(conn: Connection, entity_id: str) -> list[JournalEntry]:
    """Every journal entry about one record or attachment, oldest first."""
    rows = conn.execute("SELECT * FROM journal WHERE entity_id = ? ORDER BY seq", (entity_id,))
    return [entry_from_row(r) for r in rows]


def recent(conn: Connection, limit: int = 50) -> list[JournalEntry]:
    rows = conn.execute("SELECT * FROM journal ORDER BY seq DESC LIMIT ?", (limit,))
    return [entry_from_row(r) for r in rows]


def head_hash(conn: Connection) -> str:
    row = conn.execute("SELECT entry_hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    return str(row["entry_hash"]) if row else GENESIS_HASH


def logged_exports(conn: Connection) -> list[str]:
    """The stored wording of every export entry (JSON: what, options)."""
    rows = conn.execute("SELECT content FROM journal WHERE action = 'export' AND content IS NOT NULL")
    return [str(r["content"]) for r in rows]


def contains_hash(conn: Connection, entry_hash: str) -> bool:
    return conn.execute("SELECT 1 FROM journal WHERE entry_hash = ?", (entry_hash,)).fetchone() is not None


def forget_content(conn: Connection, entity_id: str) -> None:
    """Blank the stored wording of one record's entries (true delete); hashes stay."""
    conn.execute("UPDATE journal SET content = NULL WHERE entity_id = ?", (entity_id,))


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def check_chain(conn: Connection) -> ChainBreak | None:
    """Recompute every entry's hash and link; return the first break, or None when intact."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    for row in conn.execute("SELECT * FROM journal ORDER BY seq"):
        e = entry_from_row(row)
        if e.seq != expected_seq:
            return ChainBreak(expected_seq, f"journal entry {expected_seq} is missing")
        if e.prev_hash != prev_hash:
            return ChainBreak(e.seq, f"journal entry {e.seq} does not follow entry {e.seq - 1}")
        recomputed = compute_entry_hash(e.seq, e.at, e.action, e.kind, e.entity_id,
                                        e.content_hash, e.prev_hash)
        if recomputed != e.entry_hash:
            return ChainBreak(e.seq, f"journal entry {e.seq} has been altered")
        if e.content is not None and sha256_text(e.content) != e.content_hash:
            return ChainBreak(e.seq, f"the wording kept in journal entry {e.seq} has been altered")
        prev_hash = e.entry_hash
        expected_seq += 1
    return None
