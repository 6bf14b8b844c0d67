"""Threads of letters and e-mails, and the entry an accepted review item becomes.

A new entry answers an earlier one when its In-Reply-To/References name that one's Message-ID,
or, failing that, when their subjects are the same without "Re:"/"Fwd:" (a reply from the other
side first). Logging a sent reply to a letter that needs a reply marks that letter replied to;
an e-mail whose replies were logged before it arrives here is marked replied to as well.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime

from familyrecord.errors import InputError
from familyrecord.formatting import short_date
from familyrecord.importers.dates import parse_date
from familyrecord.records.enums import Channel, Direction, LetterPurpose, Significance
from familyrecord.records.models import Correspondence
from familyrecord.services.intake_items import (
    FROM_EARLIER,
    IntakeItem,
    Suggestion,
    is_reply_subject,
    normalise_subject,
)
from familyrecord.storage.errors import RecordNotFound
from familyrecord.storage.repository import Repository

_DATES = frozenset({"dated", "reply_needed_by", "replied_on"})
_ENUMS: dict[str, type[Direction | Channel | Significance | LetterPurpose]] = {
    "direction": Direction, "channel": Channel, "significance": Significance, "purpose": LetterPurpose}
_EDITABLE = frozenset(f.name for f in fields(Correspondence)) - {"id", "created_at", "updated_at", "archived"}
MIN_SUBJECT_CHARS = 3


class UnknownField(InputError):
    user_message = "A field given for the letter is not one a letter has."


class BadFieldValue(InputError):
    user_message = "A value given for the letter could not be used."


def record_from(values: dict[str, object]) -> Correspondence:
    """A Correspondence from field values: dates may be given as text (06/01/2025 or 2025-01-06),
    enums by their value. Not validated here: saving does that."""
    unknown = sorted(set(values) - _EDITABLE)
    if unknown:
        raise UnknownField(f"unknown field {unknown[0]}",
                           user_message=f"A letter has no field called “{unknown[0]}”.")
    kwargs: dict[str, object] = {}
    for name, value in values.items():
        try:
            kwargs[name] = _coerce(name, value)
        except (ValueError, TypeError) as exc:
            raise BadFieldValue(f"bad value for {name}",
                                user_message=f"The value given for “{name}” could not be used.") from exc
    return Correspondence(**kwargs)  # type: ignore[arg-type]


def _coerce(name: str, value: object) -> object:
    if name in _DATES:
        return _as_date(value)
    if name in _ENUMS:
        return _ENUMS[name](str(value))
    if name == "child_ids":
        if isinstance(value, str) or not isinstance(value, list | tuple | set):
            raise TypeError("child_ids must be a list")
        return list(dict.fromkeys(str(v) for v in value))
    return "" if value is None else str(value)


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            found = parse_date(value, reference=date.today())
            if found is None:
                raise ValueError("not a date") from None
            return found
    raise TypeError("not a date")


def _earlier_entries(repo: Repository[Correspondence], record: Correspondence) -> list[Correspondence]:
    return [c for c in repo.list(include_archived=True) if c.id != record.id]


def find_parent(repo: Repository[Correspondence], record: Correspondence,
                thread_ids: tuple[str, ...]) -> tuple[Correspondence, str] | None:
    """(the entry this one answers, the words that say so), or None."""
    others = _earlier_entries(repo, record)
    by_message = {c.message_id: c for c in others if c.message_id}
    for message_id in thread_ids:
        if message_id in by_message:
            return by_message[message_id], f"In-Reply-To: {message_id}"
    subject = normalise_subject(record.subject)
    if len(subject) < MIN_SUBJECT_CHARS:
        return None
    same = [c for c in others if normalise_subject(c.subject) == subject
            and (record.dated is None or c.dated is None or c.dated <= record.dated)]
    opposite = [c for c in same if c.direction != record.direction]
    pool = opposite or (same if is_reply_subject(record.subject) else [])
    if not pool:
        return None
    parent = max(pool, key=lambda c: (c.dated or date.min, c.created_at.isoformat() if c.created_at else ""))
    return parent, f"Subject: {record.subject}"


def parent_id(repo: Repository[Correspondence], record: Correspondence, thread_ids: tuple[str, ...]) -> str:
    found = find_parent(repo, record, thread_ids)
    return found[0].id if found else ""


def suggest_parent(repo: Repository[Correspondence], item: IntakeItem) -> Suggestion | None:
    """The earlier entry a review item answers, as a suggestion for `replies_to_id`."""
    try:
        record = record_from({k: v for k, v in item.fields().items() if k != "body"})
    except InputError:
        return None
    found = find_parent(repo, record, item.thread_ids)
    if found is None:
        return None
    parent, words = found
    shown = f"{parent.subject} ({short_date(parent.dated)})" if parent.dated else parent.subject
    return Suggestion("replies_to_id", "Answers", parent.id, shown, words, "", FROM_EARLIER)


def earlier_replies(repo: Repository[Correspondence], record: Correspondence) -> list[Correspondence]:
    """Entries already logged that answer this one by Message-ID but were not linked (the reply
    was added first)."""
    if not record.message_id:
        return []
    return [c for c in _earlier_entries(repo, record)
            if c.in_reply_to == record.message_id and not c.replies_to_id]


def note_replies(record: Correspondence, replies: list[Correspondence]) -> None:
    """A letter that needs a reply, answered by replies logged before it: replied on the first."""
    sent = [c.dated for c in replies if c.direction == Direction.SENT and c.dated is not None]
    if (record.direction == Direction.RECEIVED and record.reply_needed_by is not None
            and record.replied_on is None and sent):
        record.replied_on = min(sent)


def answered_letter(repo: Repository[Correspondence], saved: Correspondence) -> Correspondence | None:
    """The letter a sent reply answers, marked replied to (None when there is nothing to mark)."""
    if saved.direction != Direction.SENT or not saved.replies_to_id or saved.dated is None:
        return None
    try:
        parent = repo.get(saved.replies_to_id)
    except RecordNotFound:  # not a letter or e-mail (the family may link any entry)
        return None
    if (parent.direction != Direction.RECEIVED or parent.reply_needed_by is None
            or parent.replied_on is not None):
        return None
    return replace(parent, replied_on=saved.dated)
