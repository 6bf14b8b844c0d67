"""The minutes service: reading the minutes, the review kept as it goes, the comparison cached,
and the errors a person sees. The meeting is the core-group meeting of tests/minutes_fixtures.py,
its transcript stored as a transcription would store it."""

from __future__ import annotations

import dataclasses
import io
import itertools
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.errors import Cancelled, InputError, UserError
from familyrecord.records.enums import MeetingType, Role, Verdict
from familyrecord.records.minutes_review import MinutesReview
from familyrecord.records.models import Attendee, Child, Meeting, Person
from familyrecord.services import Services
from familyrecord.services.minutes import MinutesNotRead, MinutesService, NoMinutes
from familyrecord.storage.errors import RecordNotFound
from familyrecord.storage.transcripts import Segment
from familyrecord.views.minutes import SpokenLine
from tests import intake_fixtures
from tests.minutes_fixtures import ALTERED, MINUTES, OMITTED, TARGETS, transcript
from tests.vault_access import vault_of

CONTACT = 2  # the statement whose frequency the minutes changed


def store_transcript(services: Services, meeting_id: str, lines: list[SpokenLine],
                     attachment_id: str | None = None) -> str:
    """Lines stored as the transcription job stores its segments."""
    store = vault_of(services).transcripts
    made = store.create(meeting_id, attachment_id, "test", "", "en")
    store.add_segments(made.id, [Segment(line.start, line.end, line.text, speaker=line.speaker)
                                 for line in lines])
    return made.id


def core_group(services: Services, *, with_chair: bool = False, notes: str = "",
               recorded: bool = True) -> Meeting:
    child = services.save(Child(name="Tyler Jones"))
    worker = services.save(Person(name="Hannah Reid", role=Role.SOCIAL_WORKER,
                                  organisation="Westshire Children's Services",
                                  address="County Hall\nMarket Street\nWestbury WB1 2AB"))
    attendees = [Attendee(person_id=worker.id, name=worker.name, role=Role.SOCIAL_WORKER),
                 Attendee(name="Kerry Jones", role=Role.PARENT)]
    if with_chair:
        chair = services.save(Person(name="Gill Ward", role=Role.CONFERENCE_CHAIR,
                                     organisation="Safeguarding Unit"))
        attendees.insert(1, Attendee(person_id=chair.id, name=chair.name, role=Role.OTHER))
    meeting = services.save(Meeting(
        title="Core group meeting", meeting_type=MeetingType.CORE_GROUP,
        starts_at=datetime(2024, 3, 5, 10, 0), attendees=attendees, own_notes=notes,
        minutes_received_on=datetime(2024, 3, 11).date(), child_ids=[child.id]))
    if recorded:
        store_transcript(services, meeting.id, transcript())
    return meeting


def test_start_splits_the_minutes_and_keeps_one_review_per_meeting(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    assert [s.item for s in review.statements] == ["1.1", "2.1", "3.1", "4.1", "4.2", "4.3", "5.1", "6"]
    assert all(s.verdict is Verdict.UNMARKED for s in review.statements)
    assert review.child_ids == meeting.child_ids
    seq = services.recent_changes(1)[0].seq
    assert services.minutes.start(meeting.id).id == review.id
    assert services.minutes.start(meeting.id, text=MINUTES).id == review.id
    assert services.recent_changes(1)[0].seq == seq  # nothing saved again
    assert services.minutes.review_for(meeting.id) == review
    assert services.minutes.review_for("no such meeting") is None


def test_corrected_minutes_keep_the_verdicts_of_unchanged_statements(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    services.minutes.mark(review.id, 0, Verdict.INACCURATE, account="It was three days.")
    services.minutes.mark(review.id, CONTACT, Verdict.INACCURATE)
    corrected = MINUTES.replace("eight days", "three days")
    again = services.minutes.start(meeting.id, text=corrected)
    assert again.id == review.id and again.minutes_text == corrected
    assert again.statements[0].verdict is Verdict.UNMARKED  # a new wording: to be looked at again
    assert again.statements[CONTACT].verdict is Verdict.INACCURATE


def test_minutes_read_from_word_pdf_and_attachments(services: Services) -> None:
    meeting = core_group(services)
    paragraphs = ["Minutes of Core Group Meeting", "3. Contact",
                  "3.1 Contact between Tyler and his father will continue once a week at the family centre.",
                  "4. Parenting and support",
                  "4.1 Mum said she did not receive the letter about the parenting course."]
    word = intake_fixtures.docx(paragraphs)
    pdf = intake_fixtures.text_pdf(["\n".join(paragraphs)])  # one page with its own text
    for name, data in (("minutes.docx", word), ("minutes.pdf", pdf)):
        text = MinutesService.minutes_text_from_bytes(name, data)
        assert "once a week" in text and "did not receive" in text
    attachment = services.import_attachment_stream(io.BytesIO(word), "minutes.docx")
    review = services.minutes.start(meeting.id, attachment_id=attachment.id)
    assert [s.item for s in review.statements] == ["3.1", "4.1"]
    assert review.minutes_attachment_id == attachment.id
    stored = services.get(meeting.id)
    assert isinstance(stored, Meeting) and stored.minutes_attachment_id == attachment.id
    # Started again with nothing given: the review there is.
    assert services.minutes.start(meeting.id).id == review.id


def test_a_photo_of_the_minutes_uses_the_reading_kept_with_its_corrections(services: Services) -> None:
    meeting = core_group(services)
    picture = io.BytesIO()
    intake_fixtures.scan(intake_fixtures.Letter(("Minutes",)), dpi=40).save(picture, "PNG")
    attachment = services.import_attachment_stream(io.BytesIO(picture.getvalue()), "minutes.png")
    readings = vault_of(services).readings
    readings.put(attachment.id, 0, MINUTES.replace("Education", "Edukation"), "[]", "test")
    readings.correct(attachment.id, 0, MINUTES)
    review = services.minutes.start(meeting.id, attachment_id=attachment.id)  # no OCR: it was read
    assert review.minutes_text == MINUTES.strip() and len(review.statements) == 8


@pytest.mark.slow
def test_pages_no_one_has_read_are_read_now(services: Services) -> None:
    first = intake_fixtures.Letter(("1. Education", "1.1 School reported that Tyler has missed eight days",
                                    "of school this half term."))
    second = intake_fixtures.Letter(("3. Contact", "3.1 Contact between Tyler and his father will continue",
                                     "once a week at the family centre."))
    pdf = intake_fixtures.image_pdf([intake_fixtures.scan(page, dpi=150) for page in (first, second)])
    attachment = services.import_attachment_stream(io.BytesIO(pdf), "minutes.pdf")
    vault_of(services).readings.put(attachment.id, 0, "\n".join(first.lines), "[]", "test")
    seen: list[tuple[float, float]] = []
    text = services.minutes.minutes_text_from_attachment(attachment.id,
                                                         progress=lambda d, t: seen.append((d, t)))
    assert text.startswith("\n".join(first.lines))
    assert "once a week at the family centre" in text.replace("\n", " ")
    assert seen == [(1, 1)]  # one page read by OCR, the other taken from its reading
    with pytest.raises(Cancelled):
        services.minutes.minutes_text_from_attachment(attachment.id, cancelled=lambda: True)


def test_the_meetings_minutes_attachment_is_used_when_nothing_is_given(services: Services) -> None:
    meeting = core_group(services)
    attachment = services.import_attachment_stream(io.BytesIO(MINUTES.encode()), "minutes.txt",
                                                   link_to=meeting.id)
    services.save(dataclasses.replace(meeting, minutes_attachment_id=attachment.id))
    review = services.minutes.start(meeting.id)
    assert len(review.statements) == 8 and review.minutes_attachment_id == attachment.id


def test_comparison_pairs_statements_and_is_kept_until_the_transcript_changes(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    first = services.minutes.comparison(review)
    lines = services.minutes.spoken_lines(meeting.id)
    assert [line.text for line in lines] == [line.text for line in transcript()]
    hits = [m.candidates[0].passage.first <= target <= m.candidates[0].passage.last
            for m, target in zip(first.statements, TARGETS, strict=True)]
    assert sum(hits) >= 7
    assert services.minutes.comparison(review) is first
    contact = services.minutes.match_for(review, CONTACT)
    assert [d.kind for d in contact.differences] == ["frequency"]
    # The family corrects the transcript: the comparison is worked out again.
    line_id = lines[TARGETS[CONTACT]].id
    services.transcription.edit_segment(line_id, text="So contact with Dad stays at once a week.")
    second = services.minutes.comparison(review)
    assert second is not first
    assert services.minutes.match_for(review, CONTACT).differences == ()


def test_marking_saves_each_call_and_takes_the_best_passage(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    before = services.recent_changes(1)[0].seq
    marked = services.minutes.mark(review.id, CONTACT, Verdict.INACCURATE, account="It is twice a week.")
    entries = [e for e in services.recent_changes(5) if e.seq > before]
    assert [(e.action, e.kind) for e in entries] == [("update", MinutesReview.KIND)]
    statement = marked.statements[CONTACT]
    said = transcript()[TARGETS[CONTACT]]
    assert said.text in statement.recording_text
    assert statement.recording_start is not None and statement.recording_start <= said.start
    # A verdict alone leaves the account; a chosen passage replaces the one taken.
    again = services.minutes.mark(review.id, CONTACT, Verdict.INCOMPLETE)
    assert again.statements[CONTACT].account == "It is twice a week."
    other = services.minutes.match_for(review, CONTACT).candidates[1]
    chosen = services.minutes.mark(review.id, CONTACT, Verdict.INACCURATE, chosen=other)
    assert chosen.statements[CONTACT].recording_text == other.passage.text
    # Accurate and not-discussed statements take no passage of their own accord.
    accurate = services.minutes.mark(review.id, 5, Verdict.ACCURATE)
    assert accurate.statements[5].recording_text == ""
    assert services.minutes.review(review.id).summary() == "Minutes checked: 2 of 8 statements"


def test_the_passage_taken_is_cut_to_the_lines_that_differ(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    lines = transcript()
    assert services.minutes.match_for(review, 0).candidates[0].passage.first < TARGETS[0]
    school = services.minutes.mark(review.id, 0, Verdict.INACCURATE).statements[0]
    assert school.recording_text == lines[TARGETS[0]].text  # "He's missed three days", alone
    assert school.recording_start == lines[TARGETS[0]].start
    # An answer keeps the question it answers.
    letter = services.minutes.mark(review.id, 3, Verdict.INACCURATE).statements[3]
    assert letter.recording_text == f"{lines[TARGETS[3] - 1].text} {lines[TARGETS[3]].text}"
    # With nothing flagged, the best passage is taken whole.
    housing = services.minutes.best_passage(review, 6)
    top = services.minutes.match_for(review, 6).candidates[0].passage
    assert housing == top


def test_suggested_corrections_name_the_changed_detail(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    for number, (kind, words) in ALTERED.items():
        suggestion = services.minutes.suggested_correction(review, number)
        if kind in ("number", "frequency", "role"):
            assert f"“{words}” to “" in suggestion, (number, suggestion)
        else:
            assert suggestion == ""  # a negation is left to the family's own words
    assert services.minutes.suggested_correction(review, 5) == ""


def test_omissions_are_added_once_and_can_be_typed_in(services: Services) -> None:
    meeting = core_group(services)
    review = services.minutes.start(meeting.id, text=MINUTES)
    listed = services.minutes.comparison(review).omissions
    nursery = next(o for o in listed if o.passage.first <= OMITTED[0] <= o.passage.last)
    services.minutes.add_omission(review.id, nursery)
    added = services.minutes.add_omission(review.id, nursery, account="She promised the referral.")
    assert len(added.omissions) == 1 and added.omissions[0].account == "She promised the referral."
    assert added.omissions[0].recording_start == nursery.passage.start
    typed = services.minutes.add_omission(review.id, "Nan offered to help with the school run.")
    assert typed.omissions[1].recording_start is None
    assert len(services.minutes.remove_omission(review.id, 0).omissions) == 1
    with pytest.raises(InputError):
        services.minutes.add_omission(review.id, "   ")


def test_two_recordings_follow_one_another(services: Services) -> None:
    meeting = core_group(services, recorded=False)
    lines = transcript()
    first = services.import_attachment_stream(io.BytesIO(b"a"), "part1.m4a", link_to=meeting.id)
    second = services.import_attachment_stream(io.BytesIO(b"b"), "part2.m4a", link_to=meeting.id)
    store_transcript(services, meeting.id, lines[:20], first.id)
    second_half = [SpokenLine(line.id, line.start - lines[20].start, line.end - lines[20].start, line.text)
                   for line in lines[20:]]
    store_transcript(services, meeting.id, second_half, second.id)
    timeline = services.minutes.spoken_lines(meeting.id)
    assert len(timeline) == len(lines)
    assert all(a.start <= b.start for a, b in itertools.pairwise(timeline))
    moment = services.minutes.moment(meeting.id, timeline[25].start)
    assert moment.attachment_id == second.id
    assert moment.seconds == pytest.approx(second_half[5].start)
    assert moment.label.endswith("in recording 2")
    assert services.minutes.moment(meeting.id, timeline[3].start).attachment_id == first.id


def test_a_person_is_told_plainly_what_is_wrong(services: Services) -> None:
    meeting = core_group(services)
    child = services.children()[0]
    with pytest.raises(RecordNotFound):
        services.minutes.start("no-such-id", text=MINUTES)
    with pytest.raises(RecordNotFound):
        services.minutes.start(child.id, text=MINUTES)
    with pytest.raises(NoMinutes):
        services.minutes.start(meeting.id)
    with pytest.raises(MinutesNotRead):
        services.minutes.start(meeting.id, text="  \n ")
    picture = services.import_attachment_stream(io.BytesIO(b"\x00\x01 not a file"), "m.bin")
    with pytest.raises(UserError):
        services.minutes.start(meeting.id, attachment_id=picture.id)
    review = services.minutes.start(meeting.id, text=MINUTES)
    with pytest.raises(InputError, match="statement"):
        services.minutes.mark(review.id, 99, Verdict.INACCURATE)


NAMES = st.sampled_from(["minutes.txt", "minutes.pdf", "minutes.docx", "minutes.png", "minutes.jpg",
                         "minutes.eml", "minutes.odt", "minutes"])


@settings(max_examples=60, deadline=None)
@given(name=NAMES, data=st.binary(max_size=3000))
def test_any_file_gives_text_or_a_plain_error(name: str, data: bytes) -> None:
    try:
        text = MinutesService.minutes_text_from_bytes(name, data)
    except UserError as error:
        assert error.user_message
    else:
        assert isinstance(text, str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_pasted_text_starts_a_review_or_says_why_not(services: Services, text: str) -> None:
    meeting = services.list_records(Meeting)[0] if services.list_records(Meeting) else \
        services.save(Meeting(starts_at=datetime(2024, 3, 5, 10)))
    try:
        review = services.minutes.start(meeting.id, text=text)
    except UserError as error:
        assert error.user_message
    else:
        assert review.minutes_text == text
        services.minutes.comparison(review)
