"""Create, read, update, archive and delete for every record type; validation; listing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from familyrecord.records import (
    Action,
    Attendee,
    CancelledBy,
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    DisputedPoint,
    Event,
    Meeting,
    MeetingType,
    Person,
    Record,
    Role,
    SessionStatus,
    ValidationError,
)
from familyrecord.services import Services
from familyrecord.storage.errors import RecordNotFound
from tests.vault_access import vault_of

SAMPLES: list[Record] = [
    Person(name="Sarah Ahmed", role=Role.SOCIAL_WORKER, organisation="Council",
           allocated_from=date(2026, 1, 5), allocated_to=date(2026, 3, 1)),
    Child(name="Mia", date_of_birth=date(2019, 3, 14)),
    Meeting(meeting_type=MeetingType.ICPC, starts_at=datetime(2026, 2, 1, 10),
            attendees=[Attendee(name="Sarah Ahmed", role=Role.SOCIAL_WORKER)],
            decisions=["Plan agreed"],
            actions=[Action(description="Refer to course", owner_name="Sarah", due_on=date(2026, 3, 1))],
            disputed_points=[DisputedPoint(text="Minutes say I refused")]),
    Correspondence(dated=date(2026, 2, 3), subject="Minutes request", body="Please send them",
                   reply_needed_by=date(2026, 2, 17)),
    ContactArrangement(with_whom="Grandmother", schedule="Weekly", starts_on=date(2026, 1, 1)),
    ContactSession(with_whom="Grandmother", session_date=date(2026, 2, 4), planned_start=time(16),
                   status=SessionStatus.CANCELLED, cancelled_by=CancelledBy.COUNCIL),
    Event(occurred_on=date(2026, 2, 9), title="Home visit"),
    Deadline(title="Complaint response", due_on=date(2026, 2, 20)),
]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda r: r.KIND)
def test_crud_cycle(services: Services, sample: Record) -> None:
    record = replace(sample)
    created = services.save(record)
    assert created.created_at is not None
    assert services.get(created.id) == created
    edited = replace(created, child_ids=["child-1"])
    services.save(edited)
    assert services.get(created.id).child_ids == ["child-1"]
    archived = services.archive(edited)
    assert archived.archived
    assert services.list_records(type(sample)) == []
    assert [r.id for r in services.list_records(type(sample), include_archived=True)] == [created.id]
    restored = services.archive(archived, archived=False)
    assert [r.id for r in services.list_records(type(sample))] == [restored.id]
    versions = services.history(restored)
    assert [v.action for v in versions] == ["create", "update", "update", "update"]
    services.delete(restored)
    with pytest.raises(RecordNotFound):
        services.get(created.id)


def test_validation_names_the_field(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.save(Person(name="  "))
    assert caught.value.field_name == "name"
    with pytest.raises(ValidationError) as caught:
        services.save(Meeting(starts_at=datetime(2026, 1, 1, 10), ends_at=datetime(2026, 1, 1, 9)))
    assert caught.value.field_name == "ends_at"
    with pytest.raises(ValidationError):
        services.save(ContactSession(session_date=date(2026, 1, 1), status=SessionStatus.CANCELLED))
    assert services.list_records(Person) == [] and services.list_records(Meeting) == []


def test_unchanged_save_adds_no_version(services: Services) -> None:
    person = services.save(Person(name="Same"))
    services.save(person)
    assert len(services.history(person)) == 1


def test_list_filters_by_child_and_dates(services: Services) -> None:
    for day in (1, 10, 20):
        services.save(Event(occurred_on=date(2026, 4, day), title=f"Day {day}",
                            child_ids=["mia"] if day != 10 else ["leo"]))
    events = vault_of(services).repo(Event)
    assert [e.title for e in events.list(child_id="mia")] == ["Day 20", "Day 1"]
    assert [e.title for e in events.list(date_from=date(2026, 4, 5), date_to=date(2026, 4, 20),
                                         newest_first=False)] == ["Day 10", "Day 20"]
    assert [e.title for e in events.list(limit=1, offset=1)] == ["Day 10"]
    assert events.count() == 3


def test_meeting_datetime_on_last_day_is_in_range(services: Services) -> None:
    services.save(Meeting(starts_at=datetime(2026, 5, 1, 15, 30)))
    found = vault_of(services).repo(Meeting).list(date_from=date(2026, 5, 1), date_to=date(2026, 5, 1))
    assert len(found) == 1


def test_update_of_missing_record(services: Services) -> None:
    with pytest.raises(RecordNotFound):
        vault_of(services).repo(Person).update(Person(name="Nobody"))


def test_failed_write_leaves_nothing(services: Services) -> None:
    """One transaction: a failure half-way (here: a clashing id) rolls everything back."""
    person = services.save(Person(name="First"))
    entries = len(services.recent_changes(1000))
    clash = Person(id=person.id, name="Second")
    with pytest.raises(Exception):  # noqa: B017 - sqlite integrity error is a bug-class error
        vault_of(services).repo(Person).create(clash)
    assert services.get(person.id).name == "First"  # type: ignore[attr-defined]
    assert len(services.recent_changes(1000)) == entries
    assert services.search("Second") == []


def test_home_summary(demo_services: Services) -> None:
    home = demo_services.home()
    assert any(m.title == "Review child protection conference" for m in home.upcoming_meetings)
    assert {d.title for d in home.deadlines_due} >= {"Reports due before the review conference"}
    assert any(c.subject == "Nursery place for Leo" for c in home.replies_overdue)
    assert any("nursery" in oa.action.description for oa in home.open_actions)
    assert len(home.recent) == 10


def test_allocation_history(demo_services: Services) -> None:
    workers = demo_services.allocation_history()
    assert [w.name for w in workers] == ["Sarah Ahmed", "Tom Price"]
    assert workers[0].allocated_to is not None and workers[1].allocated_to is None


def test_recent_changes_leave_out_sessions_the_schedule_planned(services: Services) -> None:
    from familyrecord.records.enums import SessionStatus
    from familyrecord.records.models import ContactSession

    written = services.save(Event(occurred_on=date(2026, 4, 1), title="Written by the family"))
    planned = services.save(ContactSession(session_date=date(2026, 4, 7), from_schedule=True))
    assert [r.id for r in services.home(date(2026, 4, 2)).recent] == [written.id]
    planned.status = SessionStatus.HAPPENED
    services.save(planned)
    assert [r.id for r in services.home(date(2026, 4, 8)).recent][:1] == [planned.id]
