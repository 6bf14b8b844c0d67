"""Is the search index true to the record? And rebuilding it when it is not.

Search must find every entry, file text and transcript, with today's words, and hold nothing
from entries that are gone (deleted wording lingering in the index would also be a privacy
leak). `audit` compares each index row with what the record says it should be; `repair` puts
the index right in one transaction, through the same functions that keep it up to date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from familyrecord.formatting import plural
from familyrecord.records.codec import from_plain
from familyrecord.records.registry import find_kind
from familyrecord.storage import blobs, journal, readings, search, transcripts
from familyrecord.storage.connection import Connection
from familyrecord.storage.database import Database

Key = tuple[str, str]  # (record id, source)
Row = tuple[str, str]  # (title, text)


@dataclass
class SearchAudit:
    missing: list[Key] = field(default_factory=list)
    out_of_date: list[Key] = field(default_factory=list)
    left_over: list[Key] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.out_of_date or self.left_over)

    def findings(self) -> list[str]:
        """Each problem in plain words."""
        found = []
        if self.missing:
            found.append(f"Search is missing {_entries(self.missing)} or file text: searching "
                         "will not find them.")
        if self.out_of_date:
            found.append(f"Search holds out-of-date words for {_entries(self.out_of_date)}: "
                         "searching may show what they used to say.")
        if self.left_over:
            found.append(f"Search still holds words from {_entries(self.left_over)} or files "
                         "no longer in the record.")
        return found


def _entries(keys: list[Key]) -> str:
    return plural(len(keys), "entry", "entries")


def expected_rows(conn: Connection) -> dict[Key, Row]:
    """What the index should hold, worked out from the record itself."""
    expected: dict[Key, Row] = {}
    for row in conn.execute("SELECT id, kind, body FROM records").fetchall():
        known = find_kind(row["kind"])
        if known is None:
            continue  # a type this version does not know is not indexed (as search.rebuild)
        try:
            record = from_plain(known.cls, json.loads(row["body"]))
        except (ValueError, KeyError, TypeError):
            continue  # a damaged body: verify reports it against the journal
        expected[(record.id, search.SOURCE_RECORD)] = (record.summary(), record.search_text())
    for row in conn.execute(
            "SELECT l.record_id, a.id, a.file_name, a.text_content FROM record_attachments l"
            " JOIN attachments a ON a.id = l.attachment_id").fetchall():
        expected[(row["record_id"], blobs.search_source(row["id"]))] = blobs.search_entry(
            row["file_name"], row["text_content"])
    for row in conn.execute("SELECT id FROM transcripts").fetchall():
        meeting_id, body = transcripts.search_entry(conn, row["id"])
        if body.strip():
            expected[(meeting_id, f"{search.TRANSCRIPT_SOURCE}{row['id']}")] = (
                transcripts.SEARCH_TITLE, body)
    expected.update(readings.expected_rows(conn))
    return expected


def audit(conn: Connection) -> SearchAudit:
    expected = expected_rows(conn)
    held = search.indexed_rows(conn)
    result = SearchAudit()
    for key, row in expected.items():
        if key not in held:
            result.missing.append(key)
        elif held[key] != [row]:
            result.out_of_date.append(key)
    result.left_over = [key for key in held if key not in expected]
    return result


def repair(db: Database) -> SearchAudit:
    """Put the index right (one transaction, noted in the journal); returns what was wrong."""
    with db.transaction() as conn:
        found = audit(conn)
        if found.ok:
            return found
        for record_id, source in found.left_over:
            search.index_extra(conn, record_id, source, "", "")  # empty text: removes the row
        search.rebuild(conn)
        expected = expected_rows(conn)
        for record_id, source in found.missing + found.out_of_date:
            if source != search.SOURCE_RECORD:
                search.index_extra(conn, record_id, source, *expected[(record_id, source)])
        journal.append(conn, "repair", "search", "search_index", json.dumps({
            "missing": len(found.missing), "out_of_date": len(found.out_of_date),
            "left_over": len(found.left_over)}, sort_keys=True))
    return found
