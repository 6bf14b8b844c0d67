"""The rules table and the deadlines records propose. Expected dates worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from familyrecord.errors import InputError
from familyrecord.records.enums import MeetingType
from familyrecord.timescales import (
    MissingDateError,
    RulesTableError,
    Trigger,
    UnknownRuleError,
    default_rules,
    describe_due,
    load_rules,
    proposal_for_rule,
    propose,
)
from familyrecord.timescales.rules_data import RULES

# rule id, trigger kind, subtype, record date, hand-worked due date (why, in a word)
CASES: list[tuple[str, str, str, date, date]] = [
    # Mon 16 Dec 2024 + 15 working days, skipping 25, 26 Dec and 1 Jan
    ("icpc_after_strategy_discussion", "meeting", "strategy_discussion", date(2024, 12, 16),
     date(2025, 1, 9)),
    ("first_core_group_after_icpc", "meeting", "icpc", date(2024, 11, 19), date(2024, 12, 3)),
    # 30 Nov 2023 + 3 months: no 30 Feb, so the leap day
    ("first_review_conference", "meeting", "icpc", date(2023, 11, 30), date(2024, 2, 29)),
    # 26 Feb 2024 + 3 months is Sunday 26 May: held by the Friday before
    ("first_review_conference", "meeting", "icpc", date(2024, 2, 26), date(2024, 5, 24)),
    # 31 Aug 2023 + 6 months
    ("next_review_conference", "meeting", "rcpc", date(2023, 8, 31), date(2024, 2, 29)),
    # 2 working days before Wed 3 Jan 2024: Tue 2 Jan, (New Year's Day), Fri 29 Dec
    ("reports_before_conference", "meeting", "icpc", date(2024, 1, 3), date(2023, 12, 29)),
    # before Tue 2 Apr 2024: (Easter Monday, Good Friday), Thu 28, Wed 27 Mar
    ("reports_before_conference", "meeting", "rcpc", date(2024, 4, 2), date(2024, 3, 27)),
    # Fri 24 May 2024 + 5, skipping the spring bank holiday
    ("conference_outline_plan_sent", "meeting", "icpc", date(2024, 5, 24), date(2024, 6, 3)),
    ("conference_outline_plan_sent", "meeting", "rcpc", date(2024, 12, 20), date(2024, 12, 31)),
    ("conference_record_sent", "meeting", "icpc", date(2024, 12, 16), date(2025, 1, 9)),
    # Wed 1 May 2024 + 15, skipping the early May bank holiday
    ("conference_record_sent", "meeting", "rcpc", date(2024, 5, 1), date(2024, 5, 23)),
    # Fri 24 Dec 2021 + 10, skipping 27, 28 Dec and 3 Jan (substitute days)
    ("comments_on_conference_record", "minutes_received", "icpc", date(2021, 12, 24),
     date(2022, 1, 12)),
    ("comments_on_conference_record", "minutes_received", "rcpc", date(2021, 12, 24),
     date(2022, 1, 12)),
    # Fri 28 Apr 2023 + 20, skipping 1 May, the coronation (8 May) and 29 May
    ("first_child_in_care_review", "event", "came_into_care", date(2023, 4, 28), date(2023, 5, 31)),
    # 31 Jan 2024 + 3 months: no 31 April
    ("second_child_in_care_review", "meeting", "lac_review_first", date(2024, 1, 31),
     date(2024, 4, 30)),
    # 25 Jun 2024 + 6 months is Christmas Day: held by Christmas Eve
    ("next_child_in_care_review", "meeting", "lac_review", date(2024, 6, 25), date(2024, 12, 24)),
    # Thu 23 Dec 2021 + 10 working days
    ("complaint_stage_1_response", "correspondence_sent", "complaint_stage_1", date(2021, 12, 23),
     date(2022, 1, 11)),
    # Mon 3 Apr 2023 + 25, skipping Easter and both May bank holidays
    ("complaint_stage_2_response", "correspondence_sent", "complaint_stage_2", date(2023, 4, 3),
     date(2023, 5, 12)),
    # Mon 23 May 2022 + 30, skipping 2 and 3 June (moved spring holiday, Platinum Jubilee)
    ("complaint_review_panel", "correspondence_sent", "complaint_stage_3", date(2022, 5, 23),
     date(2022, 7, 6)),
    # Thu 14 Dec 2023 + 20, skipping 25, 26 Dec and 1 Jan
    ("ask_for_stage_2", "correspondence_received", "complaint_stage_1_response", date(2023, 12, 14),
     date(2024, 1, 16)),
    # Thu 2 Feb 2023 + 20: four plain weeks
    ("ask_for_review_panel", "correspondence_received", "complaint_stage_2_response",
     date(2023, 2, 2), date(2023, 3, 2)),
    # 29 Feb 2024 + 12 months
    ("ombudsman_after_complaints", "correspondence_received", "complaint_final_response",
     date(2024, 2, 29), date(2025, 2, 28)),
    ("subject_access_response", "correspondence_sent", "subject_access_request", date(2024, 11, 19),
     date(2024, 12, 19)),
    # 31 Oct 2024 + 1 month is Saturday 30 Nov: the next working day (ICO)
    ("subject_access_response", "correspondence_sent", "subject_access_request", date(2024, 10, 31),
     date(2024, 12, 2)),
    # 25 Nov 2024 + 1 month is Christmas Day; Boxing Day too: Friday 27 Dec
    ("subject_access_response", "correspondence_sent", "subject_access_request", date(2024, 11, 25),
     date(2024, 12, 27)),
    # 26 weeks beginning with Mon 6 Jan 2025 end on Sunday 6 July 2025
    ("care_proceedings_26_weeks", "event", "care_application_issued", date(2025, 1, 6),
     date(2025, 7, 6)),
    # Mon 15 Apr 2024 + 6 weeks is the spring bank holiday: the Friday before
    ("pre_proceedings_review", "meeting", "plo", date(2024, 4, 15), date(2024, 5, 24)),
]


@pytest.mark.parametrize(("rule_id", "kind", "subtype", "on", "expected"), CASES)
def test_each_rule_proposes_the_hand_worked_date(rule_id: str, kind: str, subtype: str, on: date,
                                                 expected: date) -> None:
    by_rule = {p.rule_id: p for p in propose(Trigger(kind, subtype), on)}
    assert by_rule[rule_id].due == expected
    assert proposal_for_rule(rule_id, on).due == expected


def test_every_rule_and_subtype_has_a_case() -> None:
    covered = {(rule_id, subtype) for rule_id, _, subtype, _, _ in CASES}
    in_table = {(rule.id, subtype) for rule in default_rules() for subtype in rule.trigger_subtypes}
    assert covered == in_table


def test_wording_names_the_due_date_and_rule() -> None:
    (core_group,) = [p for p in propose(Trigger("meeting", "icpc"), date(2024, 11, 19))
                     if p.rule_id == "first_core_group_after_icpc"]
    assert core_group.wording == ("The first core group meeting should be held within 10 working "
                                  "days of the conference: by Tue 3 Dec 2024.")
    assert core_group.who == "local_authority"
    assert core_group.who_label == "the local authority"
    assert core_group.deadline_kind == "meeting"
    assert "Working Together" in core_group.source
    assert core_group.local_practice is False


def test_an_icpc_proposes_its_rules_in_table_order() -> None:
    ids = [p.rule_id for p in propose(Trigger("meeting", "icpc"), date(2024, 11, 19))]
    assert ids == ["first_core_group_after_icpc", "first_review_conference",
                   "reports_before_conference", "conference_outline_plan_sent",
                   "conference_record_sent"]


def test_local_practice_rules_are_flagged() -> None:
    flagged = {rule.id for rule in default_rules() if rule.local_practice}
    assert {"reports_before_conference", "conference_record_sent", "pre_proceedings_review"} <= flagged
    assert "subject_access_response" not in flagged


def test_a_meeting_datetime_counts_from_its_day() -> None:
    (core_group, *_) = propose(Trigger("meeting", "icpc"), datetime(2024, 11, 19, 14, 30))
    assert core_group.due == date(2024, 12, 3)
    assert type(core_group.due) is date


def test_meeting_triggers_use_the_record_meeting_types() -> None:
    known = {member.value for member in MeetingType} | {"lac_review_first"}
    for rule in default_rules():
        if rule.trigger_kind in ("meeting", "minutes_received"):
            assert set(rule.trigger_subtypes) <= known, rule.id


def test_no_date_says_why_instead_of_guessing() -> None:
    with pytest.raises(MissingDateError) as caught:
        propose(Trigger("meeting", "strategy_discussion"), None)
    assert isinstance(caught.value, InputError)
    assert caught.value.user_message == ("This meeting has no date, so FamilyRecord cannot work out "
                                         "when the next step is due.")
    with pytest.raises(MissingDateError) as caught:
        propose(Trigger("correspondence_sent", "subject_access_request"), None)
    assert caught.value.user_message.startswith("This letter or e-mail has no date")


def test_unknown_trigger_proposes_nothing() -> None:
    assert propose(Trigger("meeting", "school_health"), date(2024, 5, 1)) == []
    assert propose(Trigger("meeting", "school_health"), None) == []
    assert propose(Trigger("letter", "icpc"), date(2024, 5, 1)) == []


def test_unknown_rule_id_is_a_plain_error() -> None:
    with pytest.raises(UnknownRuleError) as caught:
        proposal_for_rule("no_such_rule", date(2024, 5, 1))
    assert "check the date yourself" in caught.value.user_message


def _row(**changes: Any) -> dict[str, object]:
    row: dict[str, object] = dict(RULES[0])
    for key, value in changes.items():
        if value is _DROP:
            row.pop(key)
        else:
            row[key] = value
    return row


_DROP = object()


@pytest.mark.parametrize("bad", [
    _row(source=_DROP),
    _row(colour="red"),
    _row(unit="fortnights"),
    _row(offset=True),
    _row(offset="15"),
    _row(offset=0),
    _row(who="the council"),
    _row(deadline_kind="soon"),
    _row(trigger_kind="phone_call"),
    _row(trigger_subtypes="icpc"),
    _row(trigger_subtypes=[]),
    _row(trigger_subtypes=["ICPC"]),
    _row(id="First Rule"),
    _row(title="  "),
    _row(wording="No date slot here."),
    _row(wording="By {due} or {later}."),
    _row(wording="By {due:%d %b}."),
    _row(wording="By {due"),
    _row(local_practice="yes"),
    _row(if_not_working_day="sideways"),
    _row(start_day_counts=True),  # the first rule counts working days
])
def test_damaged_rule_rows_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(RulesTableError) as caught:
        load_rules([bad])
    assert isinstance(caught.value, InputError)
    assert "rule 1" in str(caught.value)


def test_duplicate_ids_and_non_rows_are_refused() -> None:
    with pytest.raises(RulesTableError, match="used twice"):
        load_rules([_row(), _row()])
    with pytest.raises(RulesTableError, match="not a table row"):
        load_rules([["id", "x"]])  # type: ignore[list-item]


def test_a_good_row_loads_and_custom_tables_are_used() -> None:
    (rule,) = load_rules([_row(id="my_rule", offset=1)])
    assert rule.id == "my_rule"
    proposals = propose(Trigger("meeting", "strategy_discussion"), date(2024, 5, 3), rules=[rule])
    assert [(p.rule_id, p.due) for p in proposals] == [("my_rule", date(2024, 5, 7))]


@pytest.mark.parametrize(("due", "today", "expected"), [
    (date(2024, 5, 13), date(2024, 5, 13), "due today"),
    (date(2024, 5, 14), date(2024, 5, 13), "due tomorrow"),
    (date(2024, 5, 15), date(2024, 5, 13), "2 working days left"),
    (date(2024, 5, 7), date(2024, 5, 3), "1 working day left"),  # over the May bank holiday
    (date(2024, 5, 12), date(2024, 5, 10), "due Sun 12 May 2024: no working days left"),
    (date(2024, 5, 13), date(2024, 5, 21), "late by 6 working days"),
    (date(2024, 5, 24), date(2024, 5, 28), "late by 1 working day"),  # over the spring holiday
    (date(2024, 5, 25), date(2024, 5, 27), "late: it was due Sat 25 May 2024"),
])
def test_describe_due(due: date, today: date, expected: str) -> None:
    assert describe_due(due, today) == expected
