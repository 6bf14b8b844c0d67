"""Suggested fields from letters' text, with the exact words each came from; British dates."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from familyrecord.importers import dates
from familyrecord.importers.suggest import Suggestions, suggest_fields
from tests import intake_fixtures as fx

CHILDREN = ("Leo Taylor", "Mia Taylor", "Amara Okafor")


def _spans_hold(text: str, found: Suggestions) -> None:
    singles = [found.letter_date, found.sender, found.sender_role, found.organisation, found.subject,
               found.reply_needed_by, *found.children]
    for item in [s for s in singles if s is not None] + list(found.dates):
        assert text[item.start:item.end] == item.words


def test_conference_letter() -> None:
    text = fx.CONFERENCE.text
    found = suggest_fields(text, known_children=CHILDREN)
    _spans_hold(text, found)
    assert found.letter_date is not None and found.letter_date.value == date(2025, 1, 6)
    assert found.sender is not None and found.sender.value == "Jane Smith"
    assert found.sender_role is not None and found.sender_role.value == "Social Worker"
    assert found.organisation is not None and found.organisation.value == "Westshire County Council"
    assert found.subject is not None and found.subject.value == "Child protection conference for Leo and Mia"
    assert [(c.value, c.words) for c in found.children] == [("Leo Taylor", "Leo"), ("Mia Taylor", "Mia")]
    assert [(m.when, m.at, m.kind, m.what) for m in found.dates] == [
        (date(2025, 1, 20), time(10, 0), "event", "conference"),
        (date(2025, 1, 13), None, "reply_by", "reply needed"),
        (date(2025, 2, 3), None, "event", "core group meeting")]
    assert found.dates[2].words == "3rd Feb"
    assert found.reply_needed_by is not None
    assert found.reply_needed_by.value == date(2025, 1, 13)
    assert found.reply_needed_by.context == "Please let me know by 13/01/2025 whether you will attend."


def test_school_letter_with_weekday_dates_and_no_year() -> None:
    found = suggest_fields(fx.SCHOOL.text, known_children=CHILDREN)
    assert found.letter_date is not None and found.letter_date.words == "Monday 6 January 2025"
    assert found.sender is not None and found.sender.value == "Tom Hughes"
    assert found.subject is None
    meeting, reply = found.dates
    assert (meeting.when, meeting.at, meeting.what) == (date(2025, 1, 15), time(9, 30), "meeting")
    assert (reply.when, reply.kind, reply.words) == (date(2025, 1, 10), "reply_by", "Friday 10 January")
    assert found.reply_needed_by is not None and found.reply_needed_by.value == date(2025, 1, 10)


def test_review_letter_with_date_label_and_past_meeting() -> None:
    found = suggest_fields(fx.REVIEW.text, known_children=CHILDREN, reference=date(2030, 1, 1))
    assert found.letter_date is not None and found.letter_date.value == date(2025, 2, 14)
    assert found.letter_date.context == "Date: 14/02/2025"
    past, review, reply = found.dates
    assert (past.when, past.before_letter) == (date(2025, 2, 10), True)  # year from the letter's date
    assert (review.when, review.at, review.what) == (date(2025, 3, 4), time(14, 0), "child in need review")
    assert (reply.when, reply.kind) == (date(2025, 2, 28), "reply_by")
    assert [c.value for c in found.children] == ["Amara Okafor"]
    assert found.sender_role is not None and found.sender_role.value == "Senior Practitioner"


def test_email_body_uses_the_sent_date_for_dates_without_a_year() -> None:
    body = ("Hi Sarah,\n\nThe core group meeting is on 3 February at 10:00.\nPlease reply by 27 January."
            "\n\nKind regards,\nJane Smith\nSocial Worker")
    found = suggest_fields(body, known_children=CHILDREN, reference=date(2024, 12, 20))
    assert found.letter_date is None
    assert [(m.when, m.kind, m.what) for m in found.dates] == [
        (date(2025, 2, 3), "event", "core group meeting"), (date(2025, 1, 27), "reply_by", "reply needed")]
    assert found.sender is not None and found.sender.value == "Jane Smith"


def test_deadline_without_a_reply_is_a_deadline() -> None:
    found = suggest_fields("The assessment report is due by 14 March 2025.")
    (mention,) = found.dates
    assert (mention.kind, mention.what) == ("deadline", "assessment")
    assert found.reply_needed_by is None


def test_nothing_to_suggest_in_plain_chat() -> None:
    found = suggest_fields("thanks, see you soon")
    assert found == Suggestions()


@pytest.mark.parametrize(("words", "expected"), [
    ("6 January 2025", date(2025, 1, 6)), ("06/01/2025", date(2025, 1, 6)), ("6/1/25", date(2025, 1, 6)),
    ("6th Jan", date(2025, 1, 6)), ("Monday 6 January 2025", date(2025, 1, 6)),
    ("Mon, 6th of January 2025", date(2025, 1, 6)), ("2025-01-06", date(2025, 1, 6)),
    ("06.01.2025", date(2025, 1, 6)), ("January 6, 2025", date(2025, 1, 6)),
    ("1 Sept 2025", date(2025, 9, 1)), ("12/11/2024", date(2024, 11, 12)),
])
def test_british_dates_are_day_first(words: str, expected: date) -> None:
    assert dates.parse_date(words, reference=date(2025, 1, 1)) == expected


@pytest.mark.parametrize("words", ["31/02/2025", "Tel 01632 960123", "ref 12/345", "6 marbles", "13/13/2025"])
def test_things_that_are_not_dates(words: str) -> None:
    assert dates.parse_date(words) is None


def test_year_is_taken_from_the_nearest_and_the_weekday() -> None:
    assert dates.parse_date("5 January", reference=date(2024, 12, 20)) == date(2025, 1, 5)
    assert dates.parse_date("20 December", reference=date(2025, 1, 5)) == date(2024, 12, 20)
    # Friday 10 January is a Friday in 2025, not in 2024 or 2026.
    assert dates.parse_date("Friday 10 January", reference=date(2025, 7, 1)) == date(2025, 1, 10)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/.- :,\nabJanFebMonday stthndRe:Yoursincerely")),
               max_size=300))
def test_fuzz_suggestions_never_fail_and_spans_hold(text: str) -> None:
    found = suggest_fields(text, known_children=("Leo", "Mia Taylor", ""), reference=date(2025, 1, 1))
    _spans_hold(text, found)
