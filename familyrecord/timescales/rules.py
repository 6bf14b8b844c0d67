"""The timescales rules table: what each row means, and a loader that checks every row.

Columns of a row (see `rules_data.RULES`):

- id: stable name, lower_case_with_underscores; accepted deadlines keep it to move with their record.
- trigger_kind, trigger_subtypes: what kind of record starts the clock (see `TRIGGER_KINDS`) and which
  subtypes of it (e.g. meeting "icpc").
- offset, unit: how far from the record's date (`UNITS`); negative means before it.
- start_day_counts (optional, default false): the period "begins with" the record's day (care
  proceedings: 26 weeks beginning with the day of issue ends the day before the 26th anniversary).
- if_not_working_day (optional, default "keep"): "next" or "previous" working day when the date
  falls on a weekend or bank holiday.
- who: who must act (`WHO_LABELS`); deadline_kind: `DEADLINE_KINDS`.
- title: a short name for the deadline; wording: the rule in plain English with a `{due}` slot.
- source: where the timescale comes from; local_practice: true when the family should check their
  local procedures.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from familyrecord.errors import InputError

TRIGGER_KINDS = frozenset({
    "meeting", "minutes_received", "correspondence_sent", "correspondence_received", "event",
})
UNITS = frozenset({"working_days", "calendar_days", "weeks", "calendar_months"})
ROLLS = frozenset({"keep", "next", "previous"})
WHO_LABELS: dict[str, str] = {
    "local_authority": "the local authority",
    "you": "you",
    "court": "the court",
}
DEADLINE_KINDS = frozenset({
    "meeting", "report_before_meeting", "meeting_record", "complaint_response",
    "complaint_escalation", "subject_access", "court", "reply",
})

_REQUIRED = ("id", "trigger_kind", "trigger_subtypes", "offset", "unit", "who", "deadline_kind",
             "title", "wording", "source", "local_practice")
_OPTIONAL = ("start_day_counts", "if_not_working_day")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class RulesTableError(InputError):
    """A row of the timescales table cannot be used; nothing is proposed from a damaged table."""

    user_message = "The timescales table is damaged, so FamilyRecord cannot suggest deadlines."


@dataclass(frozen=True)
class Rule:
    id: str
    trigger_kind: str
    trigger_subtypes: tuple[str, ...]
    offset: int
    unit: str
    who: str
    deadline_kind: str
    title: str
    wording: str
    source: str
    local_practice: bool
    start_day_counts: bool = False
    if_not_working_day: str = "keep"

    def applies_to(self, kind: str, subtype: str) -> bool:
        return self.trigger_kind == kind and subtype in self.trigger_subtypes


def load_rules(rows: Sequence[Mapping[str, object]]) -> tuple[Rule, ...]:
    """Check every row and build the rules; raise `RulesTableError` naming the first bad row."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise RulesTableError(f"rule {number}: not a table row")
        try:
            rule = _rule_from_row(row)
        except (KeyError, TypeError, ValueError) as exc:
            raise RulesTableError(f"rule {number} ({row.get('id', '?')!s}): {exc}") from None
        if rule.id in seen:
            raise RulesTableError(f"rule {number}: the id {rule.id!r} is used twice")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The shipped table (`rules_data.RULES`), checked once."""
    from familyrecord.timescales.rules_data import RULES

    return load_rules(RULES)


def _rule_from_row(row: Mapping[str, object]) -> Rule:
    missing = [key for key in _REQUIRED if key not in row]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    unknown = sorted(set(row) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ValueError(f"unknown column {', '.join(unknown)}")
    rule = Rule(
        id=_name(row, "id"),
        trigger_kind=_choice(row, "trigger_kind", TRIGGER_KINDS),
        trigger_subtypes=_subtypes(row),
        offset=_int(row, "offset"),
        unit=_choice(row, "unit", UNITS),
        who=_choice(row, "who", frozenset(WHO_LABELS)),
        deadline_kind=_choice(row, "deadline_kind", DEADLINE_KINDS),
        title=_text(row, "title"),
        wording=_wording(row),
        source=_text(row, "source"),
        local_practice=_bool(row, "local_practice"),
        start_day_counts=_bool(row, "start_day_counts", default=False),
        if_not_working_day=_choice(row, "if_not_working_day", ROLLS, default="keep"),
    )
    if rule.offset == 0:
        raise ValueError("offset must not be 0")
    if rule.start_day_counts and (rule.unit == "working_days" or rule.offset < 0):
        raise ValueError("start_day_counts only fits a forward count of calendar days, weeks or months")
    return rule


def _text(row: Mapping[str, object], key: str) -> str:
    value = row[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be some text")
    return value


def _name(row: Mapping[str, object], key: str) -> str:
    value = _text(row, key)
    if not _NAME.fullmatch(value):
        raise ValueError(f"{key} must be lower_case_with_underscores")
    return value


def _choice(row: Mapping[str, object], key: str, allowed: frozenset[str], default: str = "") -> str:
    value = row.get(key, default)
    if value not in allowed:
        raise ValueError(f"{key} must be one of {', '.join(sorted(allowed))}")
    assert isinstance(value, str)
    return value


def _int(row: Mapping[str, object], key: str) -> int:
    value = row[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{key} must be a whole number")
    return value


def _bool(row: Mapping[str, object], key: str, default: bool | None = None) -> bool:
    value = row.get(key, default)
    if not isinstance(value, bool):
        raise TypeError(f"{key} must be true or false")
    return value


def _subtypes(row: Mapping[str, object]) -> tuple[str, ...]:
    value = row["trigger_subtypes"]
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise TypeError("trigger_subtypes must be a non-empty list of names")
    names = tuple(value)
    for name in names:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError("trigger_subtypes must be lower_case_with_underscores names")
    return names


def _wording(row: Mapping[str, object]) -> str:
    wording = _text(row, "wording")
    try:
        slots = [(name, spec, conversion)
                 for _, name, spec, conversion in string.Formatter().parse(wording) if name is not None]
    except ValueError as exc:
        raise ValueError(f"wording has a broken {{}} slot: {exc}") from None
    if slots != [("due", "", None)]:
        raise ValueError("wording must have exactly one plain {due} slot")
    return wording
