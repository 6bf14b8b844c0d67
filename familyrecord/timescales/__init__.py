"""Timescales: working days in England and Wales, the statutory clocks, and deadline proposals (no Qt)."""

from familyrecord.timescales.propose import (
    MissingDateError,
    Proposal,
    Trigger,
    UnknownRuleError,
    describe_due,
    due_date,
    format_due,
    proposal_for_rule,
    propose,
)
from familyrecord.timescales.rules import Rule, RulesTableError, default_rules, load_rules
from familyrecord.timescales.workdays import (
    add_calendar_months,
    add_days,
    add_weeks,
    add_working_days,
    bank_holidays,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_days_between,
)

__all__ = [
    "MissingDateError",
    "Proposal",
    "Rule",
    "RulesTableError",
    "Trigger",
    "UnknownRuleError",
    "add_calendar_months",
    "add_days",
    "add_weeks",
    "add_working_days",
    "bank_holidays",
    "default_rules",
    "describe_due",
    "due_date",
    "format_due",
    "is_working_day",
    "load_rules",
    "next_working_day",
    "previous_working_day",
    "proposal_for_rule",
    "propose",
    "working_days_between",
]
