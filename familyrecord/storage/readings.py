"""Text read by the computer from pictures and scanned pages (OCR), one row per page.

`original_text` is the machine's reading, kept for ever; a correction by the family changes
`text` only (as transcripts keep theirs). `boxes` is JSON the reader made (where each line sits
on the page); storage keeps it as it is given. Every change is journaled in its transaction,
and the current text of an attachment's pages is what search finds for each record the file
belongs to, under the source `reading:<attachment id>`.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import TYPE_CHECKING

from familyrecord.records.codec import canonical_json
from familyrecord.storage import journal, search
from familyrecord.storage.errors import RecordNotFound

if TYPE_CHECKING:
    from familyrecord.storage.connection import Connection
    from familyrecord.storage.database import Database

SOURCE_PREFIX = "reading:"


@dataclass(frozen=True)
class Reading:
    attachment_id: str
    page: int  # from 0: the page of a PDF, or the frame of a picture
    text: str  # what it says now (the family may have corrected it)
    original_text: str  # what the computer read
    boxes: str  # JSON from the reader
    engine: str
    updated_at: str

    @property
    def edited(self) -> bool:
        return self.text != self.original_text


def search_source(attachment_id: str) -> str:
    return f"{SOURCE_PREFIX}{attachment_id}"


def _reading(row: object) -> Reading:
    r = row
    return Reading(str(r["attachment_id"]), int(r["page"]), str(r["text"]),  # type: ignore[index]
                   str(r["original_text"]), str(r["boxes"]), str(r["engine"]),  # type: ignore[index]
                   str(r["updated_at"]))  # type: ignore[index]


def search_entry(conn: Connection, attachment_id: str) -> tuple[str, str]:
    """(title, text) search holds for an attachment's readings: its name, then its pages' text."""
    row = conn.execute("SELECT file_name FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    pages = conn.execute("SELECT text FROM readings WHERE attachment_id = ? ORDER BY page",
                         (attachment_id,)).fetchall()
    body = "\n\n".join(str(p["text"]).strip() for p in pages if str(p["text"]).strip())
    return (str(row["file_name"]) if row else ""), body


def expected_rows(conn: Connection) -> dict[tuple[str, str], tuple[str, str]]:
    """What the search index should hold for readings, keyed (record id, source): for the
    search audit, beside the rows it expects for records, files and transcripts."""
    expected: dict[tuple[str, str], tuple[str, str]] = {}
    rows = conn.execute("SELECT DISTINCT r.attachment_id, l.record_id FROM readings r"
                        " JOIN record_attachments l ON l.attachment_id = r.attachment_id").fetchall()
    for row in rows:
        title, body = search_entry(conn, str(row["attachment_id"]))
        if body.strip():
            expected[(str(row["record_id"]), search_source(str(row["attachment_id"])))] = (title, body)
    return expected


def reindex(conn: Connection, attachment_id: str) -> None:
    """Put the attachment's readings in search for every record it is linked to."""
    title, body = search_entry(conn, attachment_id)
    for row in conn.execute("SELECT record_id FROM record_attachments WHERE attachment_id = ?",
                            (attachment_id,)).fetchall():
        search.index_extra(conn, str(row["record_id"]), search_source(attachment_id), title, body)


class ReadingStore:
    def __init__(self, vault: Database) -> None:
        self._vault = vault

    def put(self, attachment_id: str, page: int, text: str, boxes: str, engine: str) -> Reading:
        """Store what the computer read on one page. Reading a page again replaces the machine's
        reading; a correction the family made stays."""
        now = journal.utc_now().isoformat()
        with self._vault.transaction() as conn:
            if conn.execute("SELECT 1 FROM attachments WHERE id = ?", (attachment_id,)).fetchone() is None:
                raise RecordNotFound(f"attachment {attachment_id}")
            conn.execute(
                "INSERT INTO readings (attachment_id, page, text, original_text, boxes, engine,"
                " updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (attachment_id, page) DO UPDATE SET"
                " text = CASE WHEN readings.text = readings.original_text THEN excluded.text"
                " ELSE readings.text END, original_text = excluded.original_text,"
                " boxes = excluded.boxes, engine = excluded.engine, updated_at = excluded.updated_at",
                (attachment_id, page, text, text, boxes, engine, now))
            journal.append(conn, "read", "reading", attachment_id,
                           canonical_json({"page": page, "text": text, "engine": engine}))
            reindex(conn, attachment_id)
        return self.get(attachment_id, page)

    def correct(self, attachment_id: str, page: int, text: str) -> Reading:
        """The family's correction of one page; the computer's reading is kept beside it."""
        with self._vault.transaction() as conn:
            found = conn.execute(
                "UPDATE readings SET text = ?, updated_at = ? WHERE attachment_id = ? AND page = ?",
                (text, journal.utc_now().isoformat(), attachment_id, page)).rowcount
            if not found:
                raise RecordNotFound(f"reading {attachment_id} page {page}")
            journal.append(conn, "correct", "reading", attachment_id,
                           canonical_json({"page": page, "text": text}))
            reindex(conn, attachment_id)
        return self.get(attachment_id, page)

    def get(self, attachment_id: str, page: int) -> Reading:
        row = self._vault.connection.execute(
            "SELECT * FROM readings WHERE attachment_id = ? AND page = ?", (attachment_id, page)).fetchone()
        if row is None:
            raise RecordNotFound(f"reading {attachment_id} page {page}")
        return _reading(row)

    def for_attachment(self, attachment_id: str) -> builtins.list[Reading]:
        rows = self._vault.connection.execute(
            "SELECT * FROM readings WHERE attachment_id = ? ORDER BY page", (attachment_id,))
        return [_reading(r) for r in rows]

    def pages_read(self, attachment_id: str) -> set[int]:
        rows = self._vault.connection.execute(
            "SELECT page FROM readings WHERE attachment_id = ?", (attachment_id,))
        return {int(r["page"]) for r in rows}

    def text(self, attachment_id: str) -> str:
        """The current text of every page read, a blank line apart."""
        return search_entry(self._vault.connection, attachment_id)[1]

    def reindex(self, attachment_id: str) -> None:
        """After linking a file to another record: its readings are found from there too."""
        with self._vault.transaction() as conn:
            reindex(conn, attachment_id)
