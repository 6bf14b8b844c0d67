"""From a record that starts a clock to the deadlines that follow it, in plain words.

The module knows nothing of how records are stored: the caller turns a record into a `Trigger`
(its kind and subtype, e.g. meeting "icpc") and passes the record's date. Dates are never guessed:
a matching rule with no date raises `MissingDateError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from familyrecord.errors import InputError
from familyrecord.formatting import plural
from familyrecord.timescales.rules import WHO_LABELS, Rule, default_rules
from familyrecord.timescales.workdays import (
    add_calendar_months,
    add_days,
    add_weeks,
    add_working_days,
    next_working_day,
    previous_working_day,
    working_days_between,
)

_WHAT_HAS_NO_DATE = {
    "meeting": "This meeting has no date",
    "minutes_received": "The date the meeting's record arrived is not filled in",
    "correspondence_sent": "This letter or e-mail has no date",
    "correspondence_received": "This letter or e-mail has no date",
    "event": "This event has no date",
}


@dataclass(frozen=True)
class Trigger:
    """What kind of record starts a clock: kind (e.g. "meeting") and subtype (e.g. "icpc")."""

    kind: str
    subtype: str


@dataclass(frozen=True)
class Proposal:
    """A deadline a record suggests; the family accepts or edits it."""

    rule_id: str
    due: date
    who: str
    who_label: str
    deadline_kind: str
    title: str
    wording: str
    source: str
    local_practice: bool


class MissingDateError(InputError):
    """A rule applies to this record, but the record has no date to count from."""

    user_message = "This record has no date, so FamilyRecord cannot work out when the next step is due."


class UnknownRuleError(InputError):
    """A saved deadline names a rule the timescales table no longer has."""

    user_message = ("FamilyRecord no longer has the rule this deadline came from, "
                    "so it cannot move the date. Please check the date yourself.")


def format_due(day: date) -> str:
    """Tue 3 Dec 2024 (no platform-specific strftime flags)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def due_date(rule: Rule, on: date) -> date:
    """The date `rule` gives for a record dated `on`."""
    start = on.date() if isinstance(on, datetime) else on
    if rule.unit == "working_days":
        due = add_working_days(start, rule.offset)
    elif rule.unit == "calendar_days":
        due = add_days(start, rule.offset)
    elif rule.unit == "weeks":
        due = add_weeks(start, rule.offset)
    else:
        due = add_calendar_months(start, rule.offset)
    if rule.start_day_counts:
        due -= timedelta(days=1)
    if rule.if_not_working_day == "next":
        return next_working_day(due)
    if rule.if_not_working_day == "previous":
        return previous_working_day(due)
    return due


def propose(trigger: Trigger, on: date | None,
            rules: Sequence[Rule] | None = None) -> list[Proposal]:
    """The deadlines that follow a record of this kind dated `on`, in table order.

    A trigger no rule knows gives []. A known trigger with no date raises `MissingDateError`.
    """
    matching = [rule for rule in (default_rules() if rules is None else rules)
                if rule.applies_to(trigger.kind, trigger.subtype)]
    if not matching:
        return []
    if on is None:
        what = _WHAT_HAS_NO_DATE.get(trigger.kind, "This record has no date")
        raise MissingDateError(
            f"no date for {trigger.kind}/{trigger.subtype}",
            user_message=f"{what}, so FamilyRecord cannot work out when the next step is due.",
        )
    return [_proposal(rule, on) for rule in matching]


def proposal_for_rule(rule_id: str, on: date, rules: Sequence[Rule] | None = None) -> Proposal:
    """The proposal of one rule, e.g. to move an accepted deadline when its record's date changes."""
    for rule in default_rules() if rules is None else rules:
        if rule.id == rule_id:
            return _proposal(rule, on)
    raise UnknownRuleError(f"no rule {rule_id!r}")


def _proposal(rule: Rule, on: date) -> Proposal:
    due = due_date(rule, on)
    return Proposal(
        rule_id=rule.id,
        due=due,
        who=rule.who,
        who_label=WHO_LABELS[rule.who],
        deadline_kind=rule.deadline_kind,
        title=rule.title,
        wording=rule.wording.format(due=format_due(due)),
        source=rule.source,
        local_practice=rule.local_practice,
    )


def describe_due(due: date, today: date) -> str:
    """How a due date stands today, in working days.

    "due today", "due tomorrow", "2 working days left", "late by 6 working days". Working days are
    counted after today up to the due date (or after the due date up to today when late), so a
    deadline due next Monday seen on Friday has "1 working day left". When no working day separates
    them (due on a Sunday, seen on Friday) the date is named instead.
    """
    if due == today:
        return "due today"
    if due == today + timedelta(days=1):
        return "due tomorrow"
    if due > today:
        left = working_days_between(today, due)
        if left == 0:
            return f"due {format_due(due)}: no working days left"
        return f"{plural(left, 'working day')} left"
    late = working_days_between(due, today)
    if late == 0:
        return f"late: it was due {format_due(due)}"
    return f"late by {plural(late, 'working day')}"
