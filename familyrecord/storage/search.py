"""Full-text search (SQLite FTS5) over records, transcripts and documents' text.

The index lives inside the encrypted database. Rows are kept up to date by the same
transaction that changes a record, so search never shows words that are not in the record.
Each row belongs to a record (the thing search opens) and names its source: the record
itself, a transcript, or an attachment's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from familyrecord.records.codec import from_plain
from familyrecord.records.models import Record
from familyrecord.records.registry import find_kind
from familyrecord.storage.connection import Connection
from familyrecord.storage.spelling import variants

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
SOURCE_RECORD = "record"


@dataclass(frozen=True)
class SearchHit:
    record_id: str
    kind: str
    summary: str
    sort_date: str | None
    source: str
    snippet: str
    rank: float
    archived: bool
    # For a hit in a transcript: where in the recording the words are (seconds), to play from.
    at_seconds: float | None = None

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for highlighting."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", self.snippet)):
            if piece:
                parts.append((piece, i % 2 == 1))
        return parts

    def plain_snippet(self) -> str:
        return self.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def index_record(conn: Connection, record: Record) -> None:
    conn.execute("DELETE FROM search_index WHERE record_id = ? AND source = ?",
                 (record.id, SOURCE_RECORD))
    conn.execute(
        "INSERT INTO search_index (title, body, record_id, source) VALUES (?,?,?,?)",
        (record.summary(), record.search_text(), record.id, SOURCE_RECORD),
    )


def index_extra(conn: Connection, record_id: str, source: str, title: str, body: str) -> None:
    """Index text that belongs to a record but lives elsewhere (a transcript, a document)."""
    conn.execute("DELETE FROM search_index WHERE record_id = ? AND source = ?", (record_id, source))
    if body.strip():
        conn.execute("INSERT INTO search_index (title, body, record_id, source) VALUES (?,?,?,?)",
                     (title, body, record_id, source))


def indexed_rows(conn: Connection) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """What the index holds now: (record id, source) → its (title, body) rows (verify's audit)."""
    held: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in conn.execute("SELECT record_id, source, title, body FROM search_index"):
        held.setdefault((str(row["record_id"]), str(row["source"])), []).append(
            (str(row["title"]), str(row["body"])))
    return held


def remove_source(conn: Connection, source: str) -> None:
    conn.execute("DELETE FROM search_index WHERE source = ?", (source,))


def remove_record(conn: Connection, record_id: str) -> None:
    conn.execute("DELETE FROM search_index WHERE record_id = ?", (record_id,))


def rebuild(conn: Connection) -> None:
    """Re-create the record rows of the index from the stored records."""
    import json

    conn.execute("DELETE FROM search_index WHERE source = ?", (SOURCE_RECORD,))
    for row in conn.execute("SELECT kind, body FROM records").fetchall():
        known = find_kind(row["kind"])
        if known is not None:
            index_record(conn, from_plain(known.cls, json.loads(row["body"])))


TRANSCRIPT_SOURCE = "transcript:"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text, flags=re.UNICODE)


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must appear (in any of its
    British or American spellings), the last as a prefix because it may still be being typed."""
    words = _words(text)
    if not words:
        return ""
    groups = []
    for n, word in enumerate(words):
        spellings = variants(word)
        star = ""
        if n == len(words) - 1:
            star = "*"
            # The index holds Porter stems ("immunization" is stored as "immun"), so a word cut
            # off while typing ("immuniz") would miss its own stem: offer a shorter prefix too.
            if len(word) >= 6:
                spellings += [w[: len(w) - 2] for w in spellings if w[: len(w) - 2] not in spellings]
        spelled = [f'"{v}"{star}' for v in spellings]
        groups.append(f"({' OR '.join(spelled)})" if len(spelled) > 1 else spelled[0])
    return " AND ".join(groups)


def _matches(token: str, word_variants: list[str]) -> bool:
    return any(token.startswith(v) for v in word_variants)


def _moment(conn: Connection, source: str, text: str) -> float | None:
    """The start of the first transcript segment holding every searched word (or, failing that,
    any of them), so a hit can play the recording from there."""
    wanted = [variants(w) for w in _words(text)]
    rows = conn.execute("SELECT start_s, text FROM segments WHERE transcript_id = ? ORDER BY idx",
                        (source[len(TRANSCRIPT_SOURCE):],)).fetchall()
    some: float | None = None
    for row in rows:
        tokens = [t.lower() for t in _words(row["text"])]
        hits = [any(_matches(t, v) for t in tokens) for v in wanted]
        if all(hits):
            return float(row["start_s"])
        if some is None and any(hits):
            some = float(row["start_s"])
    return some


def query(conn: Connection, text: str, *, limit: int = 50, include_archived: bool = True,
          kinds: tuple[str, ...] = ()) -> list[SearchHit]:
    match = fts_query(text)
    if not match:
        return []
    sql = (
        "SELECT s.record_id, s.source, r.kind, r.summary, r.sort_date, r.archived,"
        f" snippet(search_index, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 14) AS snip,"
        " bm25(search_index, 4.0, 1.0) AS rank"
        " FROM search_index s JOIN records r ON r.id = s.record_id"
        " WHERE search_index MATCH ?"
    )
    params: list[object] = [match]
    if not include_archived:
        sql += " AND r.archived = 0"
    if kinds:
        sql += f" AND r.kind IN ({','.join('?' * len(kinds))})"
        params.extend(kinds)
    sql += " ORDER BY rank LIMIT ?"
    params.append(limit * 3)
    hits: list[SearchHit] = []
    seen: set[tuple[str, str]] = set()
    # A record may match in several sources (its own words, a transcript, a letter's text):
    # each is a hit of its own, so a transcript hit can open the meeting at that moment.
    for row in conn.execute(sql, params).fetchall():
        if (row["record_id"], row["source"]) in seen:
            continue
        seen.add((row["record_id"], row["source"]))
        source = str(row["source"])
        at = _moment(conn, source, text) if source.startswith(TRANSCRIPT_SOURCE) else None
        hits.append(SearchHit(row["record_id"], row["kind"], row["summary"], row["sort_date"],
                              source, row["snip"], float(row["rank"]), bool(row["archived"]), at))
        if len(hits) >= limit:
            break
    return hits
