"""A contact arrangement's schedule as sessions: an RFC 5545 rule expanded with dateutil's rrule.

The rule starts (DTSTART) on the arrangement's `starts_on` at its `session_start`, ends on
`ends_on` (inclusive) or at the rule's own UNTIL or COUNT, and leaves out `skipped_dates`
(EXDATE). Bank holidays never move a session: a Tuesday rule gives every Tuesday, Christmas
Day included, until the family skips it; `bank_holiday_clashes` finds those days to ask about.

Times are naive Europe/London wall-clock times. A 16:00 session is 16:00 on both sides of
the clock change (last Sunday of March and of October), as the family's diary says; only its
UTC instant moves by an hour. `in_london` attaches the zone where an instant is needed (a
calendar file). A time that does not exist on the spring-forward night (01:30) is kept as
written; nobody has contact then.

Only the parts a contact schedule needs are accepted (FREQ DAILY to YEARLY, INTERVAL, BYDAY,
BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL, WKST); anything else is refused in plain words
rather than half understood. Rules that can never give a date (30 February) are refused too,
because dateutil would search for one until the year 9999.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from familyrecord.errors import InputError
from familyrecord.formatting import plural
from familyrecord.records.models import ContactArrangement
from familyrecord.timescales.workdays import is_bank_holiday

LONDON = ZoneInfo("Europe/London")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()
MAX_INTERVAL = 99
MAX_COUNT = 1000
_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT", "UNTIL",
          "WKST"}
_DAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z?))?")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last",
             -2: "second to last"}


class RuleError(InputError):
    """A repeat rule that cannot be used; the message says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message, user_message=message)


@dataclass(frozen=True)
class RepeatRule:
    """A checked repeat rule. Build one for a form, or get one from `parse_rule`."""

    freq: str = "WEEKLY"
    interval: int = 1
    weekdays: tuple[tuple[int, int | None], ...] = ()  # (0 = Monday, ordinal or None)
    month_days: tuple[int, ...] = ()
    months: tuple[int, ...] = ()
    set_positions: tuple[int, ...] = ()
    count: int | None = None
    until: datetime | None = None  # naive London time
    week_start: int = 0

    @property
    def text(self) -> str:
        """The rule as RFC 5545 text, parts in a fixed order."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekdays:
            parts.append("BYDAY=" + ",".join(f"{n or ''}{DAY_CODES[d]}" for d, n in self.weekdays))
        for name, values in (("BYMONTHDAY", self.month_days), ("BYMONTH", self.months),
                             ("BYSETPOS", self.set_positions)):
            if values:
                parts.append(f"{name}=" + ",".join(str(v) for v in values))
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%dT%H%M%S}")
        if self.week_start:
            parts.append(f"WKST={DAY_CODES[self.week_start]}")
        return ";".join(parts)


def weekly_rule(weekdays: Iterable[int], every_weeks: int = 1) -> RepeatRule:
    """Every week (or every `every_weeks` weeks) on the given weekdays (0 = Monday)."""
    return _checked(RepeatRule(freq="WEEKLY", interval=every_weeks,
                               weekdays=tuple((d, None) for d in sorted(set(weekdays)))))


def monthly_rule(nth: int, weekday: int, every_months: int = 1) -> RepeatRule:
    """The nth weekday of each month (nth 1 to 5, or -1 for the last): first Saturday is (1, 5)."""
    return _checked(RepeatRule(freq="MONTHLY", interval=every_months, weekdays=((weekday, nth),)))


def parse_rule(text: str) -> RepeatRule:
    """Check a rule such as "FREQ=WEEKLY;BYDAY=TU" (an "RRULE:" prefix is allowed)."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body:
        raise RuleError("The repeat rule is empty.")
    seen: dict[str, str] = {}
    for piece in body.upper().split(";"):
        name, sep, value = piece.strip().partition("=")
        if not sep or not value.strip():
            raise RuleError(f"The repeat rule has a part without a value: {piece.strip()[:20]!r}.")
        if name not in _PARTS:
            raise RuleError(f"FamilyRecord cannot use {name[:20]!r} in a repeat rule. Use FREQ, "
                            "INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, COUNT or UNTIL.")
        if name in seen:
            raise RuleError(f"The repeat rule gives {name} twice.")
        seen[name] = value.strip()
    freq = seen.get("FREQ", "")
    if freq not in FREQUENCIES:
        raise RuleError("The repeat rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.")
    wkst = seen.get("WKST", "MO")
    if wkst not in DAY_CODES:
        raise RuleError("WKST must be a day such as MO.")
    return _checked(RepeatRule(
        freq=freq, interval=_number(seen, "INTERVAL", 1, MAX_INTERVAL) or 1,
        weekdays=tuple(_weekday(v) for v in _list(seen, "BYDAY")),
        month_days=tuple(_int(v, "BYMONTHDAY", -31, 31) for v in _list(seen, "BYMONTHDAY")),
        months=tuple(_int(v, "BYMONTH", 1, 12) for v in _list(seen, "BYMONTH")),
        set_positions=tuple(_int(v, "BYSETPOS", -31, 31) for v in _list(seen, "BYSETPOS")),
        count=_number(seen, "COUNT", 1, MAX_COUNT), until=_until(seen.get("UNTIL")),
        week_start=DAY_CODES.index(wkst)))


def check_rule(text: str) -> str:
    """The rule in its tidy form, or RuleError: for a form's validation."""
    return parse_rule(text).text


def _list(seen: dict[str, str], name: str) -> list[str]:
    return [v.strip() for v in seen[name].split(",")] if name in seen else []


def _int(value: str, name: str, low: int, high: int) -> int:
    if not re.fullmatch(r"[+-]?\d{1,4}", value) or not low <= int(value) <= high or int(value) == 0:
        raise RuleError(f"{name} must be a whole number from {low} to {high} (not 0).")
    return int(value)


def _number(seen: dict[str, str], name: str, low: int, high: int) -> int | None:
    return _int(seen[name], name, low, high) if name in seen else None


def _weekday(value: str) -> tuple[int, int | None]:
    match = _DAY.fullmatch(value)
    if match is None:
        raise RuleError(f"BYDAY needs days such as TU or 1SA, not {value[:10]!r}.")
    ordinal = int(match.group(1)) if match.group(1) else None
    if ordinal == 0:
        raise RuleError("BYDAY cannot count from 0: use 1SA for the first Saturday.")
    return DAY_CODES.index(match.group(2)), ordinal


def _until(value: str | None) -> datetime | None:
    if value is None:
        return None
    match = _UNTIL.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        day = datetime.strptime(match.group(1), "%Y%m%d")
        if not match.group(2):
            return day.replace(hour=23, minute=59, second=59)  # a date: the whole day counts
        moment = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        raise RuleError("UNTIL must be a date such as 20261231.") from None
    if match.group(3):  # UTC, as calendar programs write it: the same instant in London
        return moment.replace(tzinfo=UTC).astimezone(LONDON).replace(tzinfo=None)
    return moment


def _checked(rule: RepeatRule) -> RepeatRule:
    """Refuse what RFC 5545 forbids and what could never give a date."""
    if not 1 <= rule.interval <= MAX_INTERVAL:
        raise RuleError(f"The rule can repeat every 1 to {MAX_INTERVAL} periods.")
    if rule.count is not None and rule.until is not None:
        raise RuleError("A repeat rule can have COUNT or UNTIL, not both.")
    if any(d not in range(7) for d, _ in rule.weekdays):
        raise RuleError("A weekday must be from Monday (0) to Sunday (6).")
    monthly = rule.freq in ("MONTHLY", "YEARLY")
    for _, ordinal in rule.weekdays:
        if ordinal is not None and (not monthly or abs(ordinal) > (5 if rule.freq == "MONTHLY" else 53)):
            raise RuleError("A numbered day (1SA, -1FR) only works in a monthly or yearly rule, "
                            "and a month has at most 5 of each day.")
    if not monthly and (rule.month_days or rule.set_positions):
        # Daily and weekly rules with these can ask for days that never come.
        raise RuleError("BYMONTHDAY and BYSETPOS only work in a monthly or yearly rule.")
    if rule.set_positions and not (rule.weekdays or rule.month_days or rule.months):
        raise RuleError("BYSETPOS needs BYDAY or BYMONTHDAY to choose from.")
    if rule.month_days and rule.months and not any(
            abs(d) <= calendar.monthrange(2024, m)[1] for d in rule.month_days for m in rule.months):
        raise RuleError("That rule never gives a date (no such day in those months).")
    return rule


def _dateutil_rule(rule: RepeatRule, dtstart: datetime) -> du.rrule:
    weekdays = [du.weekday(d, n) for d, n in rule.weekdays] or None
    try:
        return du.rrule(du.FREQNAMES.index(rule.freq), dtstart=dtstart, interval=rule.interval,
                        wkst=rule.week_start, count=rule.count, until=rule.until,
                        bymonth=rule.months or None, bymonthday=rule.month_days or None,
                        byweekday=weekdays, bysetpos=rule.set_positions or None)
    except (ValueError, IndexError, OverflowError) as exc:
        raise RuleError("That repeat rule could not be used.") from exc


def session_times(arrangement: ContactArrangement, *, until: date,
                  since: date | None = None) -> list[datetime]:
    """Start times (naive London) of the arrangement's sessions from `since` to `until`.

    Inclusive at both ends, never before `starts_on` nor after `ends_on`, skipped dates left
    out. No rule (or no start date) gives no sessions.
    """
    if not arrangement.repeat_rule.strip() or arrangement.starts_on is None:
        return []
    rule = parse_rule(arrangement.repeat_rule)
    first = max(arrangement.starts_on, since or arrangement.starts_on)
    last = min(until, arrangement.ends_on or until)
    if last < first:
        return []
    dtstart = datetime.combine(arrangement.starts_on, arrangement.session_start or time(0, 0))
    try:
        found = _dateutil_rule(rule, dtstart).between(datetime.combine(first, time.min),
                                                      datetime.combine(last, time.max), inc=True)
    except (ValueError, OverflowError) as exc:  # a date past the year 9999
        raise RuleError("That repeat rule goes beyond the dates a calendar can hold.") from exc
    skipped = set(arrangement.skipped_dates)
    return [moment for moment in found if moment.date() not in skipped]


def session_dates(arrangement: ContactArrangement, *, until: date,
                  since: date | None = None) -> list[date]:
    return [moment.date() for moment in session_times(arrangement, until=until, since=since)]


def preview(arrangement: ContactArrangement, *, since: date, count: int = 6,
            look_ahead_days: int = 400) -> list[datetime]:
    """The next `count` sessions from `since`, for a form to show what the rule means."""
    times = session_times(arrangement, since=since, until=since + timedelta(days=look_ahead_days))
    return times[:count]


def bank_holiday_clashes(days: Sequence[date]) -> list[date]:
    """The sessions that fall on a bank holiday in England or Wales (they are not moved)."""
    return [d for d in days if is_bank_holiday(d)]


def in_london(moment: datetime) -> datetime:
    """A naive session time as an instant in Europe/London (its UTC offset follows the season)."""
    return moment.replace(tzinfo=LONDON)


def describe_rule(text: str, starts_on: date | None = None) -> str:
    """The rule in plain English: "Every Tuesday", "The first Saturday of each month"."""
    try:
        rule = parse_rule(text)
    except RuleError:
        return "A schedule FamilyRecord cannot read"
    names = [calendar.day_name[d] for d, _ in rule.weekdays]
    if not names and starts_on is not None and rule.freq == "WEEKLY":
        names = [calendar.day_name[starts_on.weekday()]]
    days = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[rule.freq]
    every = (f"every {unit}" if rule.interval == 1 else
             f"every other {unit}" if rule.interval == 2 else f"every {plural(rule.interval, unit)}")
    plain = not (rule.month_days or rule.months or rule.set_positions)
    if rule.freq == "WEEKLY" and plain and days:
        words = (f"Every {days}" if rule.interval == 1 else
                 f"Every other {days}" if rule.interval == 2 else f"Every {rule.interval} weeks on {days}")
    elif rule.freq == "MONTHLY" and plain and len(rule.weekdays) == 1 and rule.weekdays[0][1] in _ORDINALS:
        nth = _ORDINALS[rule.weekdays[0][1] or 0]
        words = f"The {nth} {names[0]} of {'each month' if rule.interval == 1 else every}"
    elif (rule.freq == "MONTHLY" and len(rule.month_days) == 1 and rule.month_days[0] in (*range(1, 32), -1)
          and not (rule.weekdays or rule.months)):
        day_no = rule.month_days[0]
        which = _ordinal_number(day_no) if day_no > 0 else "last day"
        words = f"The {which} of {'each month' if rule.interval == 1 else every}"
    elif rule.freq == "DAILY" and plain and not rule.weekdays:
        words = every.capitalize()
    else:
        words = f"Repeats {every} ({rule.text})"
    if rule.count is not None:
        words += f", {plural(rule.count, 'time')} in all"
    return words


def _ordinal_number(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
