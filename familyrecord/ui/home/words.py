"""Home's words: how a date stands in working days, and the "did it happen?" question.

Translated here (context "home"); the core's English versions (timescales.propose.describe_due,
views.contact.confirm_question) serve the command line. Working days are those of England and
Wales, counted as the core counts them, so Home and `familyrecord due` always agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication

from familyrecord.formatting import long_date, short_date, short_time
from familyrecord.records.models import ContactSession
from familyrecord.timescales.workdays import working_days_between

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def tr(text: str) -> str:
    return QCoreApplication.translate("home", text)


def counted(count: int, one: str, many: str) -> str:
    """`one` for a count of 1, else `many` with %1 replaced by the count (both translated)."""
    return tr(one) if count == 1 else tr(many).replace("%1", str(count))


def due_words(due: date, today: date) -> str:
    """"due today", "due tomorrow", "2 working days left", or how late it is."""
    if due == today:
        return tr("due today")
    if due == today + timedelta(days=1):
        return tr("due tomorrow")
    if due < today:
        return late_words(due, today)
    left = working_days_between(today, due)
    if left == 0:  # due on a weekend or a bank holiday, with no working day before it
        return tr("due %1: no working days left").replace("%1", short_date(due))
    return counted(left, "1 working day left", "%1 working days left")


def late_words(due: date, today: date) -> str:
    """"late by 6 working days", or just "late" when only a weekend or a bank holiday has
    passed since (the due date is always shown beside it)."""
    late = working_days_between(due, today)
    if late <= 0:
        return tr("late")
    return counted(late, "late by 1 working day", "late by %1 working days")


def overdue_words(due: date, today: date) -> str:
    """"Overdue: late by 6 working days", or "Overdue" when no working day has passed since."""
    late = working_days_between(due, today)
    if late <= 0:
        return tr("Overdue")
    return tr("Overdue: %1").replace("%1", late_words(due, today))


def day_name(day: date) -> str:
    return tr(_DAYS[day.weekday()])


def is_recent(session: ContactSession, today: date) -> bool:
    """Within the last week: the day's name is enough ("Tuesday's contact")."""
    assert session.session_date is not None
    return today - session.session_date < timedelta(days=7)


def confirm_question(session: ContactSession, today: date) -> str:
    """"Did Tuesday's contact with Linda happen?" (the date itself once a week has passed)."""
    assert session.session_date is not None
    who = session.with_whom.strip()
    if is_recent(session, today):
        text = (tr("Did %1's contact with %2 happen?") if who else tr("Did %1's contact happen?"))
        when = day_name(session.session_date)
    else:
        text = (tr("Did the contact with %2 on %1 happen?") if who
                else tr("Did the contact on %1 happen?"))
        when = long_date(session.session_date)
    return text.replace("%1", when).replace("%2", who)


def session_times(session: ContactSession) -> str:
    """"16:00 to 17:30" ("from 16:00" with no end; "" when no time was planned)."""
    if session.planned_start is not None and session.planned_end is not None:
        return tr("%1 to %2").replace("%1", short_time(session.planned_start)).replace(
            "%2", short_time(session.planned_end))
    if session.planned_start is not None:
        return tr("from %1").replace("%1", short_time(session.planned_start))
    return ""


def session_when(session: ContactSession, today: date) -> str:
    """What the question leaves out: the date (when it names only the day) and the times."""
    assert session.session_date is not None
    times = session_times(session)
    if not is_recent(session, today):
        return times
    day = long_date(session.session_date)
    return tr("%1, %2").replace("%1", day).replace("%2", times) if times else day
