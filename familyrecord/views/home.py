"""What Home shows: meetings coming up, deadlines due, replies overdue, promises not yet kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from familyrecord.records.models import (
    ContactSession,
    Correspondence,
    Deadline,
    Meeting,
    Record,
)
from familyrecord.storage.record_store import RecordStore
from familyrecord.views.actions import ActionRow, open_actions
from familyrecord.views.contact import sessions_to_confirm


@dataclass
class HomeSummary:
    upcoming_meetings: list[Meeting] = field(default_factory=list)
    deadlines_due: list[Deadline] = field(default_factory=list)
    replies_overdue: list[Correspondence] = field(default_factory=list)
    # Each promise once, its latest copy deciding (meetings carry unfinished actions forward).
    open_actions: list[ActionRow] = field(default_factory=list)
    recent: list[Record] = field(default_factory=list)
    # Past contact sessions still planned: "Did Tuesday's contact happen?", oldest first.
    contact_to_confirm: list[ContactSession] = field(default_factory=list)


def home_summary(records: RecordStore, today: date, *, days_ahead: int = 14) -> HomeSummary:
    horizon = today + timedelta(days=days_ahead)
    meetings = records.repo(Meeting)
    summary = HomeSummary()
    summary.upcoming_meetings = meetings.list(date_from=today, date_to=horizon, newest_first=False)
    summary.deadlines_due = [d for d in records.repo(Deadline).list(date_to=horizon, newest_first=False)
                             if d.done_on is None]
    summary.replies_overdue = [c for c in records.repo(Correspondence).list() if c.reply_overdue(today)]
    summary.open_actions = open_actions(meetings.list(newest_first=False))
    summary.contact_to_confirm = sessions_to_confirm(
        records.repo(ContactSession).list(date_to=today - timedelta(days=1), newest_first=False), today)
    summary.recent = records.recently_changed(10)
    return summary
