"""Contact that plans itself: sessions from the schedule (idempotent), a changed schedule that
touches future unanswered sessions only, one-click answers, and Home's "did it happen?"."""

from __future__ import annotations

from datetime import date, time

import pytest

from familyrecord.errors import UserError
from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactArrangement, ContactSession, ValidationError
from familyrecord.services import Services
from familyrecord.views.contact import confirm_question, month_calendar

TODAY = date(2026, 3, 20)  # a Friday


def tuesdays(services: Services, **changes: object) -> ContactArrangement:
    a = ContactArrangement(with_whom="Mum", repeat_rule="FREQ=WEEKLY;BYDAY=TU", starts_on=date(2026, 3, 3),
                           session_start=time(16), session_end=time(17, 30), supervised=True,
                           supervisor="Family centre", child_ids=["child-1"])
    for name, value in changes.items():
        setattr(a, name, value)
    return services.save(a)


def dates_of(sessions: list[ContactSession]) -> list[date]:
    return sorted(s.session_date for s in sessions if s.session_date)


def test_planning_creates_sessions_up_to_eight_weeks_ahead_once(services: Services) -> None:
    a = tuesdays(services)
    made = services.kinship.plan_sessions(a, today=TODAY)
    # From the start (within four weeks back) to 15 May, eight weeks after 20 March.
    assert dates_of(made)[0] == date(2026, 3, 3) and dates_of(made)[-1] == date(2026, 5, 12)
    assert len(made) == 11
    first = made[0]
    assert (first.arrangement_id, first.from_schedule, first.status) == (a.id, True, SessionStatus.PLANNED)
    assert (first.planned_start, first.planned_end) == (time(16), time(17, 30))
    assert (first.with_whom, first.supervisor, first.child_ids) == ("Mum", "Family centre", ["child-1"])
    assert services.kinship.plan_sessions(a, today=TODAY) == []
    assert services.kinship.plan_all(TODAY) == []
    assert len(services.kinship.sessions_of(a.id)) == 11
    # A week later, planning carries on from the last planned session: one more Tuesday.
    assert dates_of(services.kinship.plan_all(date(2026, 3, 27))) == [date(2026, 5, 19)]


def test_planning_respects_sessions_logged_by_hand_and_archived_ones(services: Services) -> None:
    a = tuesdays(services)
    services.save(ContactSession(arrangement_id=a.id, session_date=date(2026, 3, 24),
                                 status=SessionStatus.HAPPENED))
    archived = services.save(ContactSession(arrangement_id=a.id, session_date=date(2026, 3, 31),
                                            from_schedule=True))
    services.archive(archived)
    made = services.kinship.plan_sessions(a, until=date(2026, 4, 7), since=date(2026, 3, 1),
                                          today=TODAY)
    assert dates_of(made) == [date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17), date(2026, 4, 7)]


def test_planning_looks_back_four_weeks_only(services: Services) -> None:
    a = tuesdays(services, starts_on=date(2025, 1, 7))
    made = services.kinship.plan_sessions(a, until=TODAY, today=TODAY)
    assert dates_of(made) == [date(2026, 2, 24), date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17)]


def test_changing_the_schedule_changes_future_sessions_only_and_keeps_logged_ones(
        services: Services) -> None:
    a = tuesdays(services)
    planned = {s.session_date: s for s in services.kinship.plan_sessions(a, today=TODAY)}
    services.kinship.confirm(planned[date(2026, 3, 10)].id, SessionStatus.HAPPENED, wellbeing="Happy")
    noted = planned[date(2026, 3, 31)]
    noted.notes = "Mum asked to bring the dog"
    services.save(noted)
    answered_ahead = services.kinship.confirm(planned[date(2026, 4, 7)].id, SessionStatus.CANCELLED,
                                              cancelled_by=CancelledBy.COUNCIL, notice_hours=48)
    seq_before = services.recent_changes(1)[0].seq

    a.repeat_rule = "FREQ=WEEKLY;BYDAY=WE"
    a.session_start, a.session_end = time(17), time(18)
    change = services.kinship.change_schedule(a, today=TODAY)

    after = {s.session_date: s for s in services.kinship.sessions_of(a.id)}
    # Past sessions stay, answered or not; the future ones answered or written in stay too.
    for kept in (date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17), date(2026, 3, 31), date(2026, 4, 7)):
        assert kept in after
    assert after[date(2026, 3, 10)].child_wellbeing == "Happy"
    assert after[date(2026, 3, 31)].notes == "Mum asked to bring the dog"
    assert after[date(2026, 3, 31)].planned_start == time(16)
    assert after[date(2026, 4, 7)].id == answered_ahead.id
    # The untouched future Tuesdays went; Wednesdays from tomorrow came, at the new time.
    assert dates_of(list(change.removed)) == [date(2026, 3, 24), date(2026, 4, 14), date(2026, 4, 21),
                                              date(2026, 4, 28), date(2026, 5, 5), date(2026, 5, 12)]
    assert dates_of(list(change.added))[:3] == [date(2026, 3, 25), date(2026, 4, 1), date(2026, 4, 8)]
    assert dates_of(list(change.added))[-1] == date(2026, 5, 13)
    assert all(s.planned_start == time(17) for s in change.added)
    assert change.moved == ()
    # One change in the journal: the arrangement, six removals and eight new sessions together.
    new = [e for e in services.recent_changes(1000) if e.seq > seq_before]
    assert len(change.added) == 8
    assert len(new) == 1 + 6 + 8 and len({e.group_seq for e in new}) == 1


def test_a_new_time_moves_untouched_future_sessions_and_keeps_their_ids(services: Services) -> None:
    a = tuesdays(services)
    before = {s.session_date: s.id for s in services.kinship.plan_sessions(a, today=TODAY)}
    a.session_start = time(15)
    change = services.kinship.change_schedule(a, today=TODAY)
    assert change.added == () and change.removed == ()
    assert dates_of(list(change.moved))[0] == date(2026, 3, 24) and len(change.moved) == 8
    after = {s.session_date: s for s in services.kinship.sessions_of(a.id)}
    assert {d: s.id for d, s in after.items()} == before
    assert after[date(2026, 3, 17)].planned_start == time(16)  # past: as it was planned
    assert after[date(2026, 3, 24)].planned_start == time(15)


def test_an_ended_schedule_removes_only_untouched_future_sessions(services: Services) -> None:
    a = tuesdays(services)
    services.kinship.plan_sessions(a, today=TODAY)
    a.ends_on = date(2026, 3, 31)
    change = services.kinship.change_schedule(a, today=TODAY)
    assert dates_of(services.kinship.sessions_of(a.id))[-1] == date(2026, 3, 31)
    assert len(change.removed) == 6
    a.repeat_rule = ""
    services.kinship.change_schedule(a, today=TODAY)
    assert dates_of(services.kinship.sessions_of(a.id)) == [date(2026, 3, 3), date(2026, 3, 10),
                                                             date(2026, 3, 17)]


def test_a_bad_rule_is_refused_before_anything_is_saved(services: Services) -> None:
    a = ContactArrangement(with_whom="Dad", repeat_rule="FREQ=WEEKLY;BYDAY=XX", starts_on=TODAY)
    with pytest.raises(UserError, match="BYDAY"):
        services.kinship.change_schedule(a, today=TODAY)
    assert services.kinship.arrangements() == []
    # Saved some other way, it is passed over when planning instead of stopping the others.
    services.save(a)
    good = tuesdays(services)
    assert {s.arrangement_id for s in services.kinship.plan_all(TODAY)} == {good.id}


def test_one_click_answers_and_what_they_clear(services: Services) -> None:
    a = tuesdays(services)
    s = services.kinship.plan_sessions(a, today=TODAY)[0]
    late = services.kinship.confirm(s.id, SessionStatus.LATE, late_minutes=25, note="Traffic")
    assert (late.status, late.late_minutes, late.notes) == (SessionStatus.LATE, 25, "Traffic")
    cancelled = services.kinship.confirm(s.id, SessionStatus.CANCELLED, late_minutes=10,
                                         cancelled_by=CancelledBy.COUNCIL, notice_hours=2.5)
    assert (cancelled.late_minutes, cancelled.cancelled_by, cancelled.notice_hours) == (
        None, CancelledBy.COUNCIL, 2.5)
    assert cancelled.notes == "Traffic"  # None leaves the note as it was
    happened = services.kinship.confirm(s.id, SessionStatus.HAPPENED, wellbeing=" Quiet after ")
    assert (happened.cancelled_by, happened.notice_hours, happened.child_wellbeing) == (
        CancelledBy.NOT_CANCELLED, None, "Quiet after")
    with pytest.raises(ValidationError, match="who cancelled"):
        services.kinship.confirm(s.id, SessionStatus.CANCELLED)
    assert services.repo(ContactSession).get(s.id).status is SessionStatus.HAPPENED  # unchanged


def test_home_asks_about_past_planned_sessions_oldest_first(services: Services) -> None:
    a = tuesdays(services)
    planned = services.kinship.plan_sessions(a, today=TODAY)
    services.kinship.confirm(planned[1].id, SessionStatus.NO_SHOW)
    waiting = services.kinship.to_confirm(TODAY)
    assert dates_of(waiting) == [date(2026, 3, 3), date(2026, 3, 17)]
    assert [s.id for s in services.home(TODAY).contact_to_confirm] == [s.id for s in waiting]
    assert confirm_question(waiting[1], TODAY) == "Did Tuesday's contact with Mum happen?"
    assert confirm_question(waiting[0], TODAY) == \
        "Did the contact with Mum on Tuesday 3 March 2026 happen?"
    for s in waiting:
        services.kinship.confirm(s.id, SessionStatus.HAPPENED)
    assert services.home(TODAY).contact_to_confirm == []


def test_a_session_that_was_never_due_is_skipped_in_the_schedule(services: Services) -> None:
    a = tuesdays(services)
    planned = services.kinship.plan_sessions(a, today=TODAY)
    updated = services.kinship.skip_session(planned[0].id)
    assert updated.skipped_dates == [date(2026, 3, 3)]
    assert date(2026, 3, 3) not in dates_of(services.kinship.sessions_of(a.id))
    assert services.kinship.plan_sessions(updated, since=date(2026, 3, 1), today=TODAY) == []
    done = services.kinship.confirm(planned[1].id, SessionStatus.HAPPENED)
    with pytest.raises(UserError) as refused:
        services.kinship.skip_session(done.id)
    assert refused.value.user_message.startswith("Only a planned session")


def test_month_calendar_maps_days_to_what_happened(services: Services) -> None:
    a = tuesdays(services)
    planned = services.kinship.plan_sessions(a, today=TODAY)
    services.kinship.confirm(planned[1].id, SessionStatus.LATE, late_minutes=5)
    cal = services.kinship.month(a.id, 2026, 3, TODAY)
    assert len(cal.weeks) == 6 and all(len(w) == 7 for w in cal.weeks)
    assert cal.weeks[0][0].day == date(2026, 2, 23) and not cal.weeks[0][0].in_month
    waiting = SessionStatus.PLANNED
    assert cal.statuses == {date(2026, 3, 3): waiting, date(2026, 3, 10): SessionStatus.LATE,
                            date(2026, 3, 17): waiting, date(2026, 3, 24): waiting,
                            date(2026, 3, 31): waiting}
    needs = [d.day for w in cal.weeks for d in w if d.needs_answer]
    assert needs == [date(2026, 3, 3), date(2026, 3, 17)]
    assert month_calendar([], 2026, 2, TODAY).statuses == {}


def test_plan_all_is_one_change_in_the_journal(services: Services) -> None:
    tuesdays(services)
    tuesdays(services, with_whom="Gran", repeat_rule="FREQ=MONTHLY;BYDAY=1SA")
    seq_before = services.recent_changes(1)[0].seq
    made = services.kinship.plan_all(TODAY)
    assert len(made) == 11 + 3  # Gran: 7 March, 4 April, 2 May
    new = [e for e in services.recent_changes(100) if e.seq > seq_before]
    assert len(new) == len(made) and len({e.group_seq for e in new}) == 1
