"""Accepted deadlines link back to their record and move with its date, in one change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from familyrecord.errors import InputError
from familyrecord.records.enums import DeadlineKind, DeadlineWho, MeetingType
from familyrecord.records.models import Child, Deadline, Meeting
from familyrecord.services import Services
from familyrecord.services.deadlines import DeadlineService

ICPC_DAY = datetime(2024, 11, 19, 10, 0)  # Tue 19 Nov 2024
# Its deadlines, hand-worked: core group +10 working days, review conference +3 months, report
# 2 working days before, outline plan +5, minutes +15.
ICPC_DUES = {
    "first_core_group_after_icpc": date(2024, 12, 3),
    "first_review_conference": date(2025, 2, 19),
    "reports_before_conference": date(2024, 11, 15),
    "conference_outline_plan_sent": date(2024, 11, 26),
    "conference_record_sent": date(2024, 12, 10),
}
# Moved to Thu 21 Nov 2024: +10 is Thu 5 Dec; +3 months Fri 21 Feb 2025; 2 before is Tue 19 Nov;
# +5 is Thu 28 Nov; +15 is Thu 12 Dec.
MOVED_DUES = {
    "first_core_group_after_icpc": date(2024, 12, 5),
    "first_review_conference": date(2025, 2, 21),
    "reports_before_conference": date(2024, 11, 19),
    "conference_outline_plan_sent": date(2024, 11, 28),
    "conference_record_sent": date(2024, 12, 12),
}


def _icpc(services: Services) -> tuple[Meeting, list[Deadline]]:
    child = services.save(Child(name="Jordan"))
    meeting = services.save(Meeting(meeting_type=MeetingType.ICPC, starts_at=ICPC_DAY,
                                    child_ids=[child.id]))
    return meeting, services.deadlines.accept(meeting, services.deadlines.proposals(meeting))


def _by_rule(services: Services) -> dict[str, Deadline]:
    return {d.rule_id: d for d in services.list_records(Deadline)}


def test_accepted_deadlines_exist_and_link_back(services: Services) -> None:
    meeting, accepted = _icpc(services)
    stored = _by_rule(services)
    assert {rule: d.due_on for rule, d in stored.items()} == ICPC_DUES
    assert {d.id for d in accepted} == {d.id for d in stored.values()}
    core_group = stored["first_core_group_after_icpc"]
    assert core_group.source_record_id == meeting.id
    assert core_group.title == "First core group meeting due"
    assert core_group.who is DeadlineWho.LOCAL_AUTHORITY
    assert core_group.deadline_kind is DeadlineKind.MEETING
    assert core_group.child_ids == meeting.child_ids
    assert core_group.notes.splitlines() == [
        "The first core group meeting should be held within 10 working days of the conference: "
        "by Tue 3 Dec 2024.",
        "Source: Working Together to Safeguard Children 2023 (Wales: Wales Safeguarding Procedures)."]
    assert "check your local procedures" not in core_group.notes
    assert stored["conference_record_sent"].notes.endswith(
        "This is local practice: check your local procedures.")
    assert {d.id for d in services.deadlines.linked(meeting)} == {d.id for d in accepted}


def test_accepting_the_same_rule_twice_does_not_duplicate(services: Services) -> None:
    meeting, first = _icpc(services)
    again = services.deadlines.accept(meeting, services.deadlines.proposals(meeting))
    assert [d.id for d in again] == [d.id for d in first]
    assert len(services.list_records(Deadline)) == 5


def test_accepting_is_one_change(services: Services) -> None:
    meeting = services.save(Meeting(meeting_type=MeetingType.ICPC, starts_at=ICPC_DAY))
    before = services.recent_changes(1)[0].seq
    services.deadlines.accept(meeting, services.deadlines.proposals(meeting))
    entries = [e for e in services.recent_changes(20) if e.seq > before]
    assert len(entries) == 5 and {e.group_seq for e in entries} == {before + 1}


def test_an_edited_proposal_keeps_the_familys_date(services: Services) -> None:
    meeting = services.save(Meeting(meeting_type=MeetingType.ICPC, starts_at=ICPC_DAY))
    core_group = services.deadlines.proposals(meeting)[0]
    (saved,) = services.deadlines.accept(meeting, [replace(core_group, due=date(2024, 12, 6))])
    assert saved.due_on == date(2024, 12, 6)


def test_an_unsaved_record_cannot_take_deadlines(services: Services) -> None:
    meeting = Meeting(meeting_type=MeetingType.ICPC, starts_at=ICPC_DAY)
    with pytest.raises(InputError) as caught:
        services.deadlines.accept(meeting, services.deadlines.proposals(meeting))
    assert caught.value.user_message == "Please save the record before adding its deadlines."


def test_save_accepting_keeps_the_record_and_its_deadlines_together(services: Services) -> None:
    before = services.recent_changes(1)[0].seq
    meeting = Meeting(meeting_type=MeetingType.ICPC, starts_at=ICPC_DAY)
    saved, accepted = services.deadlines.save_accepting(meeting, services.deadlines.proposals(meeting))
    assert len(accepted) == 5 and all(d.source_record_id == saved.id for d in accepted)
    entries = [e for e in services.recent_changes(20) if e.seq > before]
    assert len(entries) == 6 and {e.group_seq for e in entries} == {before + 1}


def test_moving_the_meeting_moves_its_deadlines_with_a_note_in_one_change(services: Services) -> None:
    meeting, _ = _icpc(services)
    before = services.recent_changes(1)[0].seq
    services.save(replace(meeting, starts_at=datetime(2024, 11, 21, 10, 0)))
    stored = _by_rule(services)
    assert {rule: d.due_on for rule, d in stored.items()} == MOVED_DUES
    assert stored["first_core_group_after_icpc"].notes.splitlines()[-1] == (
        "Moved from 03/12/2024 because the meeting's date changed to 21/11/2024.")
    assert stored["first_review_conference"].notes.splitlines()[-1] == (
        "Moved from 19/02/2025 because the meeting's date changed to 21/11/2024.")
    entries = [e for e in services.recent_changes(20) if e.seq > before]
    assert sorted((e.kind, e.action) for e in entries) == [("deadline", "update")] * 5 + [
        ("meeting", "update")]
    assert {e.group_seq for e in entries} == {before + 1}


def test_other_edits_leave_deadlines_alone(services: Services) -> None:
    meeting, _ = _icpc(services)
    core_group = _by_rule(services)["first_core_group_after_icpc"]
    services.save(replace(core_group, due_on=date(2024, 12, 6)))  # the family's own date
    before = services.recent_changes(1)[0].seq
    services.save(replace(meeting, own_notes="We asked for an interpreter."))
    assert _by_rule(services)["first_core_group_after_icpc"].due_on == date(2024, 12, 6)
    assert [(e.kind, e.action) for e in services.recent_changes(20) if e.seq > before] == [
        ("meeting", "update")]


def test_done_and_hand_typed_deadlines_do_not_move(services: Services) -> None:
    meeting, _ = _icpc(services)
    report = _by_rule(services)["reports_before_conference"]
    services.save(replace(report, done_on=date(2024, 11, 14)))
    own = services.save(Deadline(title="Ask for an interpreter", due_on=date(2024, 11, 18),
                                 source_record_id=meeting.id))
    moved = services.deadlines.follow(replace(meeting, starts_at=datetime(2024, 11, 21, 10)), meeting)
    assert {d.rule_id for d in moved} == set(ICPC_DUES) - {"reports_before_conference"}
    stored_report = services.get(report.id)
    assert isinstance(stored_report, Deadline) and stored_report.due_on == date(2024, 11, 15)
    stored_own = services.get(own.id)
    assert isinstance(stored_own, Deadline) and stored_own.due_on == date(2024, 11, 18)


def test_minutes_arriving_later_moves_only_the_corrections_deadline(services: Services) -> None:
    meeting = services.save(Meeting(meeting_type=MeetingType.ICPC, starts_at=ICPC_DAY,
                                    minutes_received_on=date(2024, 12, 10)))
    services.deadlines.accept(meeting, services.deadlines.proposals(meeting))
    # Tue 10 Dec 2024 + 10 working days: 11-13 (3), 16-20 (8), 23, 24 (10)
    assert _by_rule(services)["comments_on_conference_record"].due_on == date(2024, 12, 24)
    services.save(replace(meeting, minutes_received_on=date(2024, 12, 12)))
    stored = _by_rule(services)
    # Thu 12 Dec + 10: 13 (1), 16-20 (6), 23, 24 (8), skip 25, 26, 27 (9), 30 (10)
    assert stored["comments_on_conference_record"].due_on == date(2024, 12, 30)
    assert stored["comments_on_conference_record"].notes.splitlines()[-1] == (
        "Moved from 24/12/2024 because the date the minutes arrived changed to 12/12/2024.")
    assert {rule: d.due_on for rule, d in stored.items() if rule in ICPC_DUES} == ICPC_DUES


def test_a_failed_follow_keeps_neither_the_new_date_nor_any_move(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting, _ = _icpc(services)
    real_follow = DeadlineService.follow

    def follow_then_fail(self: DeadlineService, *args: object, **kwargs: object) -> list[Deadline]:
        real_follow(self, *args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("power cut")

    monkeypatch.setattr(DeadlineService, "follow", follow_then_fail)
    with pytest.raises(RuntimeError):
        services.save(replace(meeting, starts_at=datetime(2024, 11, 21, 10, 0)))
    stored = services.get(meeting.id)
    assert isinstance(stored, Meeting) and stored.starts_at == ICPC_DAY
    assert {rule: d.due_on for rule, d in _by_rule(services).items()} == ICPC_DUES


def test_follow_without_a_previous_version_restores_rule_dates(services: Services) -> None:
    meeting, _ = _icpc(services)
    core_group = _by_rule(services)["first_core_group_after_icpc"]
    services.save(replace(core_group, due_on=date(2024, 12, 20)))
    moved = services.deadlines.follow(meeting)
    assert [d.rule_id for d in moved] == ["first_core_group_after_icpc"]
    restored = _by_rule(services)["first_core_group_after_icpc"]
    assert restored.due_on == date(2024, 12, 3)
    assert restored.notes.splitlines()[-1] == (
        "Moved from 20/12/2024 to match the meeting's date, 19/11/2024.")
