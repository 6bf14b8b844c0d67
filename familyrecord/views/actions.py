"""Open actions, each listed once.

Meetings often carry an unfinished action forward: a core group writes down again what the last
one agreed ("Confirm the date of the review conference — Tom Price"). Both meetings keep their
copy, so listing every action not ticked off showed the same promise twice, and an action ticked
off at the later meeting still looked open from the earlier one. Here the copies of one action
(the same words for the same person) are one promise, and the latest meeting's copy says where
it stands: open or done, and by when.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from familyrecord.records.models import Action, Meeting

_SPACES = re.compile(r"\s+")
_END_PUNCTUATION = ".;:,!"


@dataclass(frozen=True)
class ActionRow:
    """One promise still open: its latest copy, the meeting that wrote it, and where it began."""

    meeting: Meeting  # the latest meeting that wrote it down
    action: Action  # that meeting's copy
    first_meeting: Meeting  # where it was first agreed (the same meeting when never carried)

    @property
    def carried(self) -> bool:
        return self.first_meeting.id != self.meeting.id

    def late(self, today: date) -> bool:
        return self.action.due_on is not None and self.action.due_on < today


def action_key(action: Action) -> tuple[str, str]:
    """What makes two copies the same promise: the words (case, spacing and a final full stop
    aside) and who made it (their person record, else their name)."""
    words = _SPACES.sub(" ", action.description).strip().rstrip(_END_PUNCTUATION).casefold()
    owner = action.owner_person_id or _SPACES.sub(" ", action.owner_name).strip().casefold()
    return words, owner


def open_actions(meetings: Iterable[Meeting]) -> list[ActionRow]:
    """Every promise whose latest copy is not done, soonest due first (undated ones last)."""
    copies: dict[tuple[str, str], list[tuple[Meeting, Action]]] = {}
    for meeting in meetings:
        if meeting.archived:
            continue
        for action in meeting.actions:
            if action.description.strip():
                copies.setdefault(action_key(action), []).append((meeting, action))
    rows = []
    for found in copies.values():
        found.sort(key=lambda pair: _meeting_order(pair[0]))
        latest_meeting, latest = found[-1]
        if latest.done:
            continue
        rows.append(ActionRow(meeting=latest_meeting, action=latest, first_meeting=found[0][0]))
    rows.sort(key=lambda row: (row.action.due_on or date.max, row.action.description.casefold()))
    return rows


def _meeting_order(meeting: Meeting) -> tuple[datetime, float]:
    """Oldest first; a meeting without a date counts as the oldest; then the one written first."""
    written = meeting.created_at.timestamp() if meeting.created_at is not None else 0.0
    return (meeting.starts_at or datetime.min, written)
