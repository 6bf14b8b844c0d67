"""Transcripts of meeting audio and their segments.

The machine's text is kept in `original_text` for ever; edits change `text` only. Segments
are stored as they arrive, so an interrupted transcription keeps what it finished and a
resumed one carries on from the last stored segment without duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from familyrecord.records.codec import canonical_json
from familyrecord.records.models import new_id
from familyrecord.storage import journal, search
from familyrecord.storage.errors import RecordNotFound

if TYPE_CHECKING:
    from familyrecord.storage.connection import Connection
    from familyrecord.storage.database import Database


@dataclass(frozen=True)
class Transcript:
    id: str
    meeting_id: str
    attachment_id: str | None
    engine: str
    model: str
    language: str
    created_at: str


@dataclass
class Segment:
    start: float
    end: float
    text: str
    original_text: str = ""
    speaker: str = ""
    disputed: bool = False
    important: bool = False
    idx: int = -1
    id: int = 0
    words: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        return self.text != self.original_text


def _segment(row: object) -> Segment:
    r = row
    return Segment(start=r["start_s"], end=r["end_s"], text=r["text"],  # type: ignore[index]
                   original_text=r["original_text"], speaker=r["speaker"],  # type: ignore[index]
                   disputed=bool(r["disputed"]), important=bool(r["important"]),  # type: ignore[index]
                   idx=r["idx"], id=r["id"])  # type: ignore[index]


class TranscriptStore:
    def __init__(self, vault: Database) -> None:
        self._vault = vault

    def create(self, meeting_id: str, attachment_id: str | None, engine: str, model: str,
               language: str) -> Transcript:
        transcript = Transcript(new_id(), meeting_id, attachment_id, engine, model, language,
                                journal.utc_now().isoformat())
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO transcripts (id, meeting_id, attachment_id, engine, model, language,"
                " created_at) VALUES (?,?,?,?,?,?,?)",
                (transcript.id, meeting_id, attachment_id, engine, model, language,
                 transcript.created_at),
            )
            journal.append(conn, "create", "transcript", transcript.id, canonical_json({
                "meeting_id": meeting_id, "attachment_id": attachment_id, "engine": engine,
                "model": model, "language": language}))
        return transcript

    def get(self, transcript_id: str) -> Transcript:
        row = self._vault.connection.execute("SELECT * FROM transcripts WHERE id = ?",
                                             (transcript_id,)).fetchone()
        if row is None:
            raise RecordNotFound(f"transcript {transcript_id}")
        return Transcript(row["id"], row["meeting_id"], row["attachment_id"], row["engine"],
                          row["model"], row["language"], row["created_at"])

    def for_meeting(self, meeting_id: str) -> list[Transcript]:
        rows = self._vault.connection.execute(
            "SELECT id FROM transcripts WHERE meeting_id = ? ORDER BY created_at", (meeting_id,))
        return [self.get(r["id"]) for r in rows.fetchall()]

    def add_segments(self, transcript_id: str, segments: Sequence[Segment]) -> list[Segment]:
        """Append finished segments in one transaction; returns them with their ids."""
        with self._vault.transaction() as conn:
            row = conn.execute("SELECT coalesce(max(idx), -1) FROM segments WHERE transcript_id = ?",
                               (transcript_id,)).fetchone()
            next_idx = int(row[0]) + 1
            for offset, seg in enumerate(segments):
                seg.idx = next_idx + offset
                seg.original_text = seg.original_text or seg.text
                cur = conn.execute(
                    "INSERT INTO segments (transcript_id, idx, start_s, end_s, text, original_text,"
                    " speaker) VALUES (?,?,?,?,?,?,?)",
                    (transcript_id, seg.idx, seg.start, seg.end, seg.text, seg.original_text,
                     seg.speaker),
                )
                seg.id = int(cur.lastrowid or 0)
            journal.append(conn, "add_segments", "transcript", transcript_id, canonical_json(
                [[s.idx, s.start, s.end, s.text] for s in segments]))
            self._reindex(conn, transcript_id)
        return list(segments)

    def segments(self, transcript_id: str) -> list[Segment]:
        rows = self._vault.connection.execute(
            "SELECT * FROM segments WHERE transcript_id = ? ORDER BY idx", (transcript_id,))
        return [_segment(r) for r in rows]

    def last_end(self, transcript_id: str) -> float:
        """Where the stored segments stop, in seconds (resume point)."""
        row = self._vault.connection.execute(
            "SELECT coalesce(max(end_s), 0) FROM segments WHERE transcript_id = ?", (transcript_id,)
        ).fetchone()
        return float(row[0])

    def edit_segment(self, segment_id: int, *, text: str | None = None, speaker: str | None = None,
                     disputed: bool | None = None, important: bool | None = None) -> Segment:
        with self._vault.transaction() as conn:
            row = conn.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchone()
            if row is None:
                raise RecordNotFound(f"segment {segment_id}")
            seg = _segment(row)
            seg.text = seg.text if text is None else text
            seg.speaker = seg.speaker if speaker is None else speaker
            seg.disputed = seg.disputed if disputed is None else disputed
            seg.important = seg.important if important is None else important
            conn.execute(
                "UPDATE segments SET text = ?, speaker = ?, disputed = ?, important = ? WHERE id = ?",
                (seg.text, seg.speaker, int(seg.disputed), int(seg.important), segment_id),
            )
            transcript_id = str(row["transcript_id"])
            journal.append(conn, "edit_segment", "transcript", transcript_id, canonical_json({
                "idx": seg.idx, "text": seg.text, "speaker": seg.speaker,
                "disputed": seg.disputed, "important": seg.important}))
            self._reindex(conn, transcript_id)
        return seg

    def rename_speaker(self, transcript_id: str, old: str, new: str) -> int:
        """Rename a speaker in every segment at once; returns how many segments changed."""
        with self._vault.transaction() as conn:
            changed = conn.execute(
                "UPDATE segments SET speaker = ? WHERE transcript_id = ? AND speaker = ?",
                (new, transcript_id, old)).rowcount
            journal.append(conn, "rename_speaker", "transcript", transcript_id,
                           canonical_json({"from": old, "to": new}))
            self._reindex(conn, transcript_id)
        return int(changed)

    def delete(self, transcript_id: str) -> None:
        with self._vault.transaction() as conn:
            self.get(transcript_id)
            conn.execute("DELETE FROM transcripts WHERE id = ?", (transcript_id,))
            search.remove_source(conn, f"transcript:{transcript_id}")
            journal.forget_content(conn, transcript_id)
            journal.append(conn, "delete", "transcript", transcript_id, None)

    def _reindex(self, conn: Connection, transcript_id: str) -> None:
        meeting_id, body = search_entry(conn, transcript_id)
        search.index_extra(conn, meeting_id, f"transcript:{transcript_id}", SEARCH_TITLE, body)


SEARCH_TITLE = "Transcript"


def search_entry(conn: Connection, transcript_id: str) -> tuple[str, str]:
    """(meeting id, text) that search holds for a transcript (also what verify expects)."""
    row = conn.execute("SELECT meeting_id FROM transcripts WHERE id = ?", (transcript_id,)).fetchone()
    rows = conn.execute("SELECT speaker, text FROM segments WHERE transcript_id = ? ORDER BY idx",
                        (transcript_id,))
    body = "\n".join(f"{r['speaker']}: {r['text']}" if r["speaker"] else r["text"] for r in rows)
    return str(row["meeting_id"]), body
