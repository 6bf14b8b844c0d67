"""Records survive the trip to canonical JSON and back, exactly."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from familyrecord.records import Event, Person, Record, Role, record_types
from familyrecord.records.codec import from_plain, record_json, to_plain


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([t.cls for t in record_types()]).flatmap(st.from_type))
def test_round_trip(record: Record) -> None:
    record.created_at = record.updated_at = None
    assert from_plain(type(record), to_plain(record)) == record
    assert record_json(from_plain(type(record), to_plain(record))) == record_json(record)


def test_canonical_form_is_stable() -> None:
    person = Person(id="p1", name="Zoë", role=Role.GP)
    assert record_json(person) == record_json(Person(id="p1", role=Role.GP, name="Zoë"))
    assert '"name":"Zoë"' in record_json(person)


def test_unknown_keys_are_ignored_and_missing_take_defaults() -> None:
    event = from_plain(Event, {"id": "e1", "title": "x", "occurred_on": "2026-01-02", "future": 1})
    assert event.occurred_on == date(2026, 1, 2) and event.description == ""


def test_members_sharing_a_value_keep_their_own_labels() -> None:
    """StrEnum members hash as their value: "" in several enumerations must not share one label
    (it made "If cancelled, by whom" read "On this date")."""
    from familyrecord.records.enums import (
        Basis,
        CancelledBy,
        DateQualifier,
        DeadlineWho,
        LetterPurpose,
        enum_label,
    )

    assert enum_label(CancelledBy.NOT_CANCELLED) == "Not cancelled"
    assert enum_label(DateQualifier.EXACT) == "On this date"
    assert enum_label(Basis.UNSPECIFIED) == "Not said"
    assert enum_label(LetterPurpose.NONE) == "Nothing special"
    assert enum_label(DeadlineWho.UNSAID) == "Not said"
