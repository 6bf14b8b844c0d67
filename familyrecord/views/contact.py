"""Contact per arrangement: what happened to its sessions, a month calendar, and the sessions
still waiting for an answer ("Did Tuesday's contact happen?").

Every count here comes from `views.attendance.tally` and every chart from
`views.attendance.monthly`: the app's view and the bundle's chart cannot disagree.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from familyrecord.formatting import long_date
from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactArrangement, ContactSession
from familyrecord.views.attendance import MonthlyAttendance, monthly, tally

SHORT_NOTICE_HOURS = 24.0
# The outcomes that say the session took place.
TOOK_PLACE = (SessionStatus.HAPPENED, SessionStatus.LATE)


@dataclass(frozen=True)
class WellbeingNote:
    session_date: date
    session_id: str
    text: str


@dataclass(frozen=True)
class AttendanceSummary:
    """What happened to one arrangement's sessions (or to sessions linked to none)."""

    arrangement: ContactArrangement | None  # None: sessions not linked to an arrangement
    sessions: tuple[ContactSession, ...]  # oldest first
    planned: int  # still planned: coming up, or past and not yet answered
    happened: int  # on time
    late: int  # happened, but late
    cancelled: int
    cancelled_by: dict[CancelledBy, int]  # who cancelled, in CancelledBy order, none at 0
    no_show: int
    council_short_notice: tuple[ContactSession, ...]  # cancelled by the council, < 24 hours
    wellbeing: tuple[WellbeingNote, ...]  # the child's wellbeing notes, oldest first
    # The bundle's chart data: `monthly` of the sessions with an outcome (the bundle leaves
    # planned ones out, so months with only planned sessions are not on either axis).
    chart: MonthlyAttendance

    @property
    def answered(self) -> int:
        """Sessions with an outcome (everything except those still planned)."""
        return self.happened + self.late + self.cancelled + self.no_show

    @property
    def took_place(self) -> int:
        return self.happened + self.late

    @property
    def share_happened(self) -> float | None:
        """Of the sessions with an outcome, the share that took place (late ones count); None
        before any outcome is known. Sessions still planned are left out: they are not known."""
        return self.took_place / self.answered if self.answered else None

    @property
    def with_whom(self) -> str:
        return self.arrangement.with_whom if self.arrangement is not None else ""


def summarise(sessions: Sequence[ContactSession],
              arrangement: ContactArrangement | None = None) -> AttendanceSummary:
    ordered = sorted(sessions, key=lambda s: (s.session_date or date.min, s.planned_start or time.min))
    counted = tally(ordered)
    cancellers = [s.cancelled_by for s in ordered if s.status is SessionStatus.CANCELLED]
    by_whom = {by: cancellers.count(by) for by in CancelledBy if by in cancellers}
    short = tuple(s for s in ordered if is_council_short_notice(s))
    notes = tuple(WellbeingNote(s.session_date, s.id, s.child_wellbeing.strip()) for s in ordered
                  if s.child_wellbeing.strip() and s.session_date is not None)
    return AttendanceSummary(
        arrangement=arrangement, sessions=tuple(ordered), planned=counted[SessionStatus.PLANNED],
        happened=counted[SessionStatus.HAPPENED], late=counted[SessionStatus.LATE],
        cancelled=counted[SessionStatus.CANCELLED], cancelled_by=by_whom,
        no_show=counted[SessionStatus.NO_SHOW], council_short_notice=short, wellbeing=notes,
        chart=monthly([s for s in ordered if s.status is not SessionStatus.PLANNED]))


@dataclass(frozen=True)
class ChartSeries:
    """One stacked series of the attendance chart, counts aligned with `chart.months`."""

    status: SessionStatus
    cancelled_by: CancelledBy | None  # set on the cancellations, split by who cancelled
    counts: tuple[int, ...]


def chart_series(found: AttendanceSummary) -> list[ChartSeries]:
    """The chart's series in legend order: happened, late, cancelled by each canceller, no-show.

    Still counted by `monthly` (the cancellations of each canceller are one more call), so the
    cancelled series add up to the bundle's single cancelled series month by month.
    """
    months = found.chart.months
    out = []
    for status, row in zip(found.chart.statuses, found.chart.counts, strict=True):
        if status is not SessionStatus.CANCELLED or not found.cancelled_by:
            out.append(ChartSeries(status, None, row))
            continue
        for by in found.cancelled_by:
            part = monthly([s for s in found.sessions
                            if s.status is SessionStatus.CANCELLED and s.cancelled_by is by],
                           (SessionStatus.CANCELLED,))
            per_month = dict(zip(part.months, part.counts[0], strict=True))
            out.append(ChartSeries(status, by, tuple(per_month.get(m, 0) for m in months)))
    return out


def is_council_short_notice(session: ContactSession) -> bool:
    """Cancelled by the council with under 24 hours' notice (unknown notice does not count)."""
    return (session.status is SessionStatus.CANCELLED and session.cancelled_by is CancelledBy.COUNCIL
            and session.notice_hours is not None and session.notice_hours < SHORT_NOTICE_HOURS)


def by_arrangement(arrangements: Sequence[ContactArrangement],
                   sessions: Sequence[ContactSession]) -> list[AttendanceSummary]:
    """One summary per arrangement in the given order, then one for sessions linked to none
    (or to an arrangement not listed), when there are any."""
    known = {a.id for a in arrangements}
    grouped: dict[str, list[ContactSession]] = {a.id: [] for a in arrangements}
    loose: list[ContactSession] = []
    for s in sessions:
        (grouped[s.arrangement_id] if s.arrangement_id in known else loose).append(s)
    out = [summarise(grouped[a.id], a) for a in arrangements]
    if loose:
        out.append(summarise(loose))
    return out


def sessions_to_confirm(sessions: Sequence[ContactSession], today: date) -> list[ContactSession]:
    """Sessions still planned whose day has passed: Home asks whether they happened. Oldest
    first, so the family answers in the order things happened."""
    waiting = [s for s in sessions if s.status is SessionStatus.PLANNED and not s.archived
               and s.session_date is not None and s.session_date < today]
    return sorted(waiting, key=lambda s: s.session_date or date.min)


def confirm_question(session: ContactSession, today: date) -> str:
    """"Did Tuesday's contact with Mum happen?" (a date instead of the day after a week).

    English for the command line; the app builds its own translated sentence from the session.
    """
    assert session.session_date is not None
    who = f" with {session.with_whom}" if session.with_whom else ""
    if today - session.session_date < timedelta(days=7):
        return f"Did {calendar.day_name[session.session_date.weekday()]}'s contact{who} happen?"
    return f"Did the contact{who} on {long_date(session.session_date)} happen?"


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool  # False for the days of the months before and after that fill the weeks
    sessions: tuple[ContactSession, ...]
    needs_answer: bool  # a past session here is still planned

    @property
    def status(self) -> SessionStatus | None:
        """The day's outcome for colouring (the first session's, when there are two)."""
        return self.sessions[0].status if self.sessions else None


@dataclass(frozen=True)
class MonthCalendar:
    year: int
    month: int
    weeks: tuple[tuple[CalendarDay, ...], ...]  # Monday first, 4 to 6 weeks

    @property
    def statuses(self) -> dict[date, SessionStatus]:
        """Dates of this month that have a session, to what happened."""
        return {d.day: d.status for w in self.weeks for d in w
                if d.in_month and d.status is not None}


def month_calendar(sessions: Sequence[ContactSession], year: int, month: int,
                   today: date) -> MonthCalendar:
    by_day: dict[date, list[ContactSession]] = {}
    for s in sorted(sessions, key=lambda s: s.planned_start or time.min):
        if s.session_date is not None and not s.archived:
            by_day.setdefault(s.session_date, []).append(s)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(tuple(CalendarDay(
            day=d, in_month=d.month == month, sessions=tuple(by_day.get(d, ())),
            needs_answer=d < today and any(s.status is SessionStatus.PLANNED for s in by_day.get(d, ())))
            for d in week))
    return MonthCalendar(year, month, tuple(weeks))
