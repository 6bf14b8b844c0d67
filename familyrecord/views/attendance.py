"""Contact attendance counts: one source for the bundle's chart and any chart in the app."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from familyrecord.records.enums import SessionStatus
from familyrecord.records.models import ContactSession

# The outcomes a chart stacks, in the order of its legend.
CHARTED_STATUSES: tuple[SessionStatus, ...] = (
    SessionStatus.HAPPENED, SessionStatus.LATE, SessionStatus.CANCELLED, SessionStatus.NO_SHOW,
)


@dataclass(frozen=True)
class MonthlyAttendance:
    months: tuple[date, ...]  # the first day of each month that has a dated session, in order
    statuses: tuple[SessionStatus, ...]
    # counts[i][j]: sessions of statuses[i] in months[j]
    counts: tuple[tuple[int, ...], ...]


def tally(sessions: Sequence[ContactSession]) -> Counter[SessionStatus]:
    """How many sessions ended each way."""
    return Counter(s.status for s in sessions)


def monthly(sessions: Sequence[ContactSession],
            statuses: Sequence[SessionStatus] = CHARTED_STATUSES) -> MonthlyAttendance:
    dated = [s for s in sessions if s.session_date is not None]
    months = sorted({date(s.session_date.year, s.session_date.month, 1)  # type: ignore[union-attr]
                     for s in dated})
    counts = Counter((date(s.session_date.year, s.session_date.month, 1), s.status)  # type: ignore[union-attr]
                     for s in dated)
    return MonthlyAttendance(tuple(months), tuple(statuses),
                             tuple(tuple(counts[(m, st)] for m in months) for st in statuses))
