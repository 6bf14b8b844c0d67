"""The chronology: every dated fact in the vault as one row, with the family's own edits applied.

Rows are built fresh from the records each time (so they never drift from their source); the
family's changes (manual rows, reworded summaries, same-day order, rows left out) live in the
vault as `ChronologyEntry` records and are laid over the built rows here. No Qt in this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time

from familyrecord.formatting import short_date
from familyrecord.records.enums import (
    CHANNEL_LABELS,
    MEETING_TYPE_LABELS,
    SESSION_STATUS_LABELS,
    CancelledBy,
    Channel,
    Direction,
    Role,
    SessionStatus,
    Significance,
)
from familyrecord.records.models import (
    ChronologyEntry,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
    Record,
)
from familyrecord.records.registry import record_types
from familyrecord.storage.record_store import RecordStore
from familyrecord.storage.transcripts import TranscriptStore
from familyrecord.views import chronology_row as words
from familyrecord.views.chronology_row import (
    ROW_KIND_LABELS,
    ChronologyRow,
    RowKind,
    format_timestamp,
)

# Re-exported: the row, its kinds and the recording times are used with the chronology.
__all__ = ["ROW_KIND_LABELS", "ChronologyRow", "RowKind", "format_timestamp"]


_SIGNIFICANCE_RANK = {Significance.LOW: 0, Significance.NORMAL: 1, Significance.HIGH: 2}


@dataclass
class ChronologyFilter:
    date_from: date | None = None
    date_to: date | None = None
    child_ids: Sequence[str] = ()
    kinds: Sequence[RowKind] = ()
    min_significance: Significance = Significance.LOW
    include_excluded: bool = False

    def accepts(self, row: ChronologyRow) -> bool:
        if self.date_from is not None and row.on < self.date_from:
            return False
        if self.date_to is not None and row.on > self.date_to:
            return False
        # Rows tagged with no child concern the whole family and stay in every child's view.
        if self.child_ids and row.child_ids and not set(row.child_ids) & set(self.child_ids):
            return False
        if self.kinds and row.kind not in self.kinds:
            return False
        if _SIGNIFICANCE_RANK[row.significance] < _SIGNIFICANCE_RANK[self.min_significance]:
            return False
        return self.include_excluded or row.included


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    # A quotation that ends its own sentence ('… arranged.”') needs no full stop after it.
    end = text.rstrip("\u201d\"')")
    return text if not text or (end and end[-1] in ".!?") else text + "."


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _meeting_rows(m: Meeting) -> list[ChronologyRow]:
    assert m.starts_at is not None
    label = MEETING_TYPE_LABELS[m.meeting_type]
    # "Initial child protection conference" needs no "(Initial Child Protection Conference
    # (ICPC))" after it; a title of the family's own does get the type.
    same = label.lower().startswith(m.summary().lower())
    text = label if same else f"{m.summary()} ({label})"
    text = _sentence(f"{text}{', ' + m.place if m.place else ''}")
    if m.decisions:
        text += " " + _sentence(f"Decided: {_clip(m.decisions[0], 120)}")
    present = [a.name for a in m.attendees if a.present and a.name]
    open_points = [p for p in m.disputed_points if not p.resolved]
    carried = tuple(f"{m.id}:dp:{p.id}" for p in open_points if p.raised_on is not None)
    rows = [ChronologyRow(
        key=m.id, kind=RowKind.MEETING, on=m.starts_at.date(), at=m.starts_at.time(), text=text,
        people=", ".join(present), source_id=m.id, source_label=f"Meeting: {m.summary()}",
        significance=m.significance, disputed=bool(open_points), child_ids=list(m.child_ids),
        carried_disputes=carried if len(carried) == len(open_points) else (),
        basis=words.MEETING_MINUTES if m.minutes_received_on else words.MEETING_NOTES)]
    for point in m.disputed_points:
        if point.raised_on is None:
            continue
        rows.append(ChronologyRow(
            key=f"{m.id}:dp:{point.id}", kind=RowKind.DISPUTED_POINT, on=point.raised_on,
            text=_sentence(f"The family disputed a point in the record of the {m.summary()}: "
                           f"{_clip(point.text, 140)}"),
            source_id=m.id, source_label=f"Meeting: {m.summary()}", significance=Significance.HIGH,
            disputed=not point.resolved, child_ids=list(m.child_ids),
            basis=words.DISPUTED_MINUTES))
    return rows


def _correspondence_row(c: Correspondence, today: date) -> ChronologyRow:
    assert c.dated is not None
    channel = CHANNEL_LABELS[c.channel]
    if c.direction is Direction.SENT:
        head = f"{channel} sent to {c.to_name}" if c.to_name else f"{channel} sent"
    else:
        head = f"{channel} received from {c.from_name}" if c.from_name else f"{channel} received"
    text = _sentence(f"{head}: {c.subject}")
    if c.reply_overdue(today):
        assert c.reply_needed_by is not None
        text += f" No reply yet; it was needed by {short_date(c.reply_needed_by)}."
    people = ", ".join(n for n in (c.from_name, c.to_name) if n and n != "Me")
    return ChronologyRow(
        key=c.id, kind=RowKind.CORRESPONDENCE, on=c.dated, text=text, people=people, source_id=c.id,
        source_label=f"{channel}: {c.subject}", significance=c.significance,
        child_ids=list(c.child_ids),
        basis=words.TOLD_BY_PHONE if c.channel is Channel.PHONE else words.LETTER)


_CANCELLER = {CancelledBy.FAMILY: "the family", CancelledBy.CARER: "the carer",
              CancelledBy.COUNCIL: "the council", CancelledBy.CHILD: "the child",
              CancelledBy.OTHER: "someone else", CancelledBy.NOT_CANCELLED: ""}


def _session_row(s: ContactSession) -> ChronologyRow | None:
    if s.status is SessionStatus.PLANNED or s.session_date is None:
        return None
    text = _sentence(f"Contact session with {s.with_whom or 'family'}: "
                     f"{SESSION_STATUS_LABELS[s.status].lower()}")
    if s.status is SessionStatus.CANCELLED:
        text = _sentence(f"Contact session with {s.with_whom or 'family'} cancelled by "
                         f"{_CANCELLER[s.cancelled_by]}"
                         f"{' (' + s.notice_given + ')' if s.notice_given else ''}")
    elif s.notes:
        text += " " + _sentence(_clip(s.notes, 120))
    significance = {SessionStatus.HAPPENED: Significance.LOW, SessionStatus.LATE: Significance.NORMAL}
    return ChronologyRow(
        key=s.id, kind=RowKind.CONTACT_SESSION, on=s.session_date, at=s.actual_start or s.planned_start,
        text=text, people=", ".join(n for n in (s.with_whom, s.supervisor) if n), source_id=s.id,
        source_label="Contact log", significance=significance.get(s.status, Significance.HIGH),
        child_ids=list(s.child_ids), basis=words.CONTACT_LOG)


def _event_row(e: Event) -> ChronologyRow:
    assert e.occurred_on is not None
    text = _sentence(e.title)
    if e.description:
        text += " " + _sentence(_clip(e.description, 160))
    return ChronologyRow(
        key=e.id, kind=RowKind.EVENT, on=e.occurred_on, qualifier=e.date_qualifier, text=text,
        people=e.people, source_id=e.id, source_label=f"Event: {e.title}", significance=e.significance,
        child_ids=list(e.child_ids), basis=words.EVENT_BASIS[e.basis])


def _deadline_row(d: Deadline, today: date) -> ChronologyRow | None:
    assert d.due_on is not None
    if d.done_on is None and d.due_on >= today:
        return None  # not yet a fact: still to come
    if d.missed(today):
        late = f"done {short_date(d.done_on)}" if d.done_on else "still not done"
        text = _sentence(f"Deadline missed: {d.title} (due {short_date(d.due_on)}, {late})")
        on, significance = d.done_on or d.due_on, Significance.HIGH
    else:
        assert d.done_on is not None
        text = _sentence(f"Deadline met: {d.title} (due {short_date(d.due_on)})")
        on, significance = d.done_on, Significance.LOW
    return ChronologyRow(key=d.id, kind=RowKind.DEADLINE, on=on, text=text, source_id=d.id,
                         source_label="Deadlines", significance=significance,
                         child_ids=list(d.child_ids), basis=words.DEADLINE)


def _allocation_rows(p: Person) -> list[ChronologyRow]:
    org = f" ({p.organisation})" if p.organisation else ""
    rows = []
    if p.allocated_from is not None:
        rows.append(ChronologyRow(
            key=f"{p.id}:from", kind=RowKind.ALLOCATION, on=p.allocated_from,
            text=_sentence(f"{p.name}{org} allocated as the social worker"), people=p.name,
            source_id=p.id, source_label="Social workers", child_ids=list(p.child_ids),
            basis=words.ALLOCATION))
    if p.allocated_to is not None:
        rows.append(ChronologyRow(
            key=f"{p.id}:to", kind=RowKind.ALLOCATION, on=p.allocated_to,
            text=_sentence(f"{p.name}{org} stopped being the social worker"), people=p.name,
            source_id=p.id, source_label="Social workers", child_ids=list(p.child_ids),
            basis=words.ALLOCATION))
    return rows


def _arrangement_row(a: ContactArrangement) -> ChronologyRow | None:
    if a.starts_on is None:
        return None
    kind = "Supervised contact" if a.supervised else "Contact"
    text = _sentence(f"{kind} with {a.with_whom} arranged{': ' + a.schedule if a.schedule else ''}")
    return ChronologyRow(key=a.id, kind=RowKind.CONTACT_ARRANGEMENT, on=a.starts_on, text=text,
                         people=a.with_whom, source_id=a.id, source_label="Contact arrangement",
                         child_ids=list(a.child_ids), basis=words.ARRANGEMENT)


def _transcript_rows(transcripts: TranscriptStore, m: Meeting) -> list[ChronologyRow]:
    assert m.starts_at is not None
    rows = []
    for transcript in transcripts.for_meeting(m.id):
        for seg in transcripts.segments(transcript.id):
            if not (seg.disputed or seg.important):
                continue
            who = f"{seg.speaker}: " if seg.speaker else ""
            what = "Disputed" if seg.disputed else "Important"
            rows.append(ChronologyRow(
                key=f"{m.id}:seg:{seg.id}", kind=RowKind.TRANSCRIPT, on=m.starts_at.date(),
                at=m.starts_at.time(), timestamp=seg.start,
                text=_sentence(f"{what} moment in the recording of the {m.summary()} at "
                               f"{format_timestamp(seg.start)}: {who}\u201c{_clip(seg.text, 140)}\u201d"),
                people=seg.speaker, source_id=m.id, source_label=f"Transcript: {m.summary()}",
                significance=Significance.HIGH, disputed=seg.disputed, child_ids=list(m.child_ids),
                basis=words.RECORDING))
    return rows


def _manual_row(e: ChronologyEntry) -> ChronologyRow:
    assert e.occurred_on is not None
    return ChronologyRow(
        key=f"manual:{e.id}", kind=RowKind.MANUAL, on=e.occurred_on, qualifier=e.date_qualifier,
        text=_sentence(e.text), people=e.people, source_label="Added by the family",
        significance=e.significance or Significance.NORMAL, disputed=bool(e.disputed),
        included=not e.excluded, position=e.position, entry_id=e.id, child_ids=list(e.child_ids),
        basis=words.OWN_ENTRY)


def _apply(row: ChronologyRow, edit: ChronologyEntry) -> ChronologyRow:
    return replace(
        row, text=_sentence(edit.text) if edit.text else row.text,
        people=edit.people or row.people, significance=edit.significance or row.significance,
        disputed=row.disputed if edit.disputed is None else edit.disputed,
        included=not edit.excluded, position=edit.position, entry_id=edit.id,
        carried_disputes=row.carried_disputes if edit.disputed is None else (),
        edited=bool(edit.text or edit.people or edit.significance or edit.disputed is not None))


RowBuilder = Callable[[Record, date], list[ChronologyRow]]


def _dated_meeting_rows(m: Meeting, today: date) -> list[ChronologyRow]:
    # Meetings still to come are plans, not facts: they join the chronology once they happen.
    return _meeting_rows(m) if m.starts_at is not None and m.starts_at.date() <= today else []


def _optional(row: ChronologyRow | None) -> list[ChronologyRow]:
    return [row] if row is not None else []


# The rows each record type contributes; the registry says which types are in the chronology.
ROW_BUILDERS: dict[type[Record], RowBuilder] = {
    Meeting: lambda r, today: _dated_meeting_rows(r, today),  # type: ignore[arg-type]
    Correspondence: lambda r, today: [_correspondence_row(r, today)],  # type: ignore[arg-type]
    ContactSession: lambda r, today: _optional(_session_row(r)),  # type: ignore[arg-type]
    ContactArrangement: lambda r, today: _optional(_arrangement_row(r)),  # type: ignore[arg-type]
    Event: lambda r, today: [_event_row(r)],  # type: ignore[arg-type]
    Deadline: lambda r, today: _optional(_deadline_row(r, today)),  # type: ignore[arg-type]
    Person: lambda r, today: _allocation_rows(r) if r.role is Role.SOCIAL_WORKER else [],  # type: ignore[attr-defined,arg-type]
}


def build_rows(records: RecordStore, transcripts: TranscriptStore, *, today: date | None = None,
               include_transcripts: bool = True) -> list[ChronologyRow]:
    """Every row the vault yields, sorted, edits applied, numbered in order (all rows)."""
    today = today or date.today()
    rows: list[ChronologyRow] = []
    for record_type in record_types():
        builder = ROW_BUILDERS.get(record_type.cls)
        if builder is None or not record_type.in_chronology:
            continue
        # A social worker's allocation stays history after they are archived.
        archived = record_type.cls is Person
        for record in records.repo(record_type.cls).list(include_archived=archived, newest_first=False):
            rows += builder(record, today)
            if include_transcripts and isinstance(record, Meeting) and _dated_meeting_rows(record, today):
                rows += _transcript_rows(transcripts, record)
    edits: dict[str, ChronologyEntry] = {}
    for entry in records.repo(ChronologyEntry).list(newest_first=False):
        if entry.overrides:
            edits[entry.overrides] = entry
        else:
            rows.append(_manual_row(entry))
    rows = [_apply(r, edits[r.key]) if r.key in edits else r for r in rows]
    return number(sort_rows(rows))


def _natural(row: ChronologyRow) -> tuple[time, float]:
    return (row.at or time.min, row.timestamp or 0.0)


def sort_rows(rows: Iterable[ChronologyRow]) -> list[ChronologyRow]:
    """By date; within a day, rows the family placed come in their order, then time of day."""
    def key(row: ChronologyRow) -> tuple[date, int, time, float, str]:
        at, stamp = _natural(row)
        return (row.on, row.position if row.position is not None else 1_000_000, at, stamp, row.key)
    return sorted(rows, key=key)


def number(rows: list[ChronologyRow]) -> list[ChronologyRow]:
    """Serial numbers 1, 2, 3 … over the rows that go into an export."""
    serial = 0
    for row in rows:
        if row.included:
            serial += 1
            row.serial = serial
        else:
            row.serial = 0
    return rows


def filtered(rows: Iterable[ChronologyRow], chosen: ChronologyFilter) -> list[ChronologyRow]:
    return number([r for r in rows if chosen.accepts(r)])


def disputed_rows(rows: Sequence[ChronologyRow]) -> list[ChronologyRow]:
    """The rows that each stand for one disputed matter, as a reader counts them.

    A meeting flagged only because its disputed points have rows of their own is left out
    while those rows are there, so one point is never counted twice.
    """
    keys = {r.key for r in rows if r.disputed}
    return [r for r in rows if r.disputed and not (r.carried_disputes
                                                   and set(r.carried_disputes) <= keys)]
