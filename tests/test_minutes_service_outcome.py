"""The outcome of a review of the minutes: three statements marked, an account written, something
left out added; then disputed points on the meeting, in the chronology and in the bundle, and the
letter asking for corrections saved as outgoing correspondence with its Word and PDF copies."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from familyrecord.export.options import ExportOptions
from familyrecord.records.enums import Direction, LetterPurpose, Verdict
from familyrecord.records.minutes_review import MinutesReview
from familyrecord.records.models import Correspondence, Meeting, Person
from familyrecord.services import Services
from familyrecord.services.minutes import NothingToCorrect
from familyrecord.timescales.workdays import add_working_days
from familyrecord.views.chronology import RowKind
from tests.minutes_fixtures import MINUTES, OMITTED, TARGETS, transcript
from tests.test_minutes_service import CONTACT, core_group

TODAY = date(2024, 3, 12)
ACCOUNT = "Contact is twice a week, Tuesdays and Thursdays. It has never been once a week."


def _reviewed(services: Services, **meeting: bool | str) -> tuple[Meeting, MinutesReview]:
    """Three statements marked (one with the family's account) and one omission added."""
    made = core_group(services, **meeting)  # type: ignore[arg-type]
    review = services.minutes.start(made.id, text=MINUTES)
    services.minutes.mark(review.id, 0, Verdict.INACCURATE)
    services.minutes.mark(review.id, CONTACT, Verdict.INACCURATE, account=ACCOUNT)
    services.minutes.mark(review.id, 4, Verdict.INCOMPLETE,
                          correction="Please say that Jodie, the family support worker, will come.")
    services.minutes.mark(review.id, 5, Verdict.ACCURATE)
    omissions = services.minutes.comparison(review).omissions
    if omissions:
        nursery = next(o for o in omissions if o.passage.first <= OMITTED[0] <= o.passage.last)
        services.minutes.add_omission(review.id, nursery, account="Hannah promised this.")
    return made, services.minutes.review(review.id)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_outcome_puts_points_on_the_meeting_and_drafts_the_letter(services: Services) -> None:
    made, review = _reviewed(services)
    before = services.recent_changes(1)[0].seq
    meeting, letter = services.minutes.outcome(review.id, today=TODAY, signed_by="Kerry Jones")
    # All of it one change.
    entries = [e for e in services.recent_changes(20) if e.seq > before]
    assert len({e.group_seq for e in entries}) == 1
    assert {(e.action, e.kind) for e in entries} >= {("update", "meeting"), ("create", "correspondence"),
                                                     ("import", "attachment"), ("update", MinutesReview.KIND)}
    points = meeting.disputed_points
    assert len(points) == 4
    contact = points[1]
    said = transcript()[TARGETS[CONTACT]]
    assert "once a week" in contact.minutes_wording and "once a week" in contact.text
    assert said.text in contact.recording_wording
    assert contact.recording_at is not None and contact.recording_at <= said.start
    assert contact.family_account == ACCOUNT and contact.raised_on == TODAY
    assert "“once a week” to “twice a week”" in contact.correction_asked  # suggested
    assert points[2].correction_asked.startswith("Please say that Jodie")
    assert points[3].minutes_wording == "" and "Little Acorns" in points[3].recording_wording
    # The letter: outgoing, to the social worker, reply within ten working days, two copies.
    assert letter.direction is Direction.SENT and letter.purpose is LetterPurpose.MINUTES_CORRECTION
    assert letter.dated == TODAY
    assert letter.reply_needed_by == add_working_days(TODAY, 10) == date(2024, 3, 26)
    worker = next(p for p in services.list_records(Person) if p.name == "Hannah Reid")
    assert (letter.to_name, letter.person_id) == ("Hannah Reid", worker.id)
    assert services.minutes.review(review.id).letter_id == letter.id
    assert letter in services.list_records(Correspondence)
    files = services.attachments_for(letter)
    assert sorted(f.file_name.rsplit(".", 1)[1] for f in files) == ["docx", "pdf"]
    pdf = _pdf_text(services.read_attachment(next(f.id for f in files if f.file_name.endswith(".pdf"))))
    word = "\n".join(p.text for p in Document(io.BytesIO(services.read_attachment(
        next(f.id for f in files if f.file_name.endswith(".docx"))))).paragraphs)
    at = services.minutes.moment(made.id, contact.recording_at).label
    for text in (letter.body, pdf.replace("\n", " "), word):
        assert "Dear Hannah Reid" in text and "Tuesday 26 March 2024" in text
        assert f"at {at} in my recording" in text
        assert "Item 3.1 (Contact)" in text and "Something said that the minutes leave out" in text
    assert "twice a week" in letter.body and ACCOUNT in letter.body


def test_running_the_outcome_again_updates_and_never_duplicates(services: Services) -> None:
    _made, review = _reviewed(services)
    meeting, letter = services.minutes.outcome(review.id, today=TODAY)
    seq = services.recent_changes(1)[0].seq
    again_meeting, again_letter = services.minutes.outcome(review.id, today=TODAY)
    assert services.recent_changes(1)[0].seq == seq  # nothing had changed, nothing is saved
    assert again_letter.id == letter.id and again_meeting.disputed_points == meeting.disputed_points
    # An answer to a point is kept; a point the family takes back goes, unless it was answered.
    answered = dataclasses.replace(meeting.disputed_points[0], response="We will correct this.")
    services.save(dataclasses.replace(again_meeting, disputed_points=[answered,
                                                                      *again_meeting.disputed_points[1:]]))
    services.minutes.mark(review.id, 0, Verdict.ACCURATE)
    services.minutes.mark(review.id, CONTACT, Verdict.ACCURATE)
    later = date(2024, 3, 14)
    third_meeting, third_letter = services.minutes.outcome(review.id, today=later)
    points = third_meeting.disputed_points
    assert len(points) == 3 and points[0].response == "We will correct this."
    assert not any("once a week" in p.text for p in points)
    assert all(p.raised_on == TODAY for p in points)  # raised when first raised
    assert third_letter.id == letter.id and third_letter.dated == later
    assert "once a week" not in third_letter.body and len(services.list_records(Correspondence)) == 1
    files = services.attachments_for(third_letter)
    assert len(files) == 2 and len(services.all_attachments()) == 2  # the old copies are gone
    # Once the letter has been answered, a new review outcome drafts a new letter.
    services.save(dataclasses.replace(third_letter, replied_on=date(2024, 3, 20)))
    services.minutes.mark(review.id, 0, Verdict.INACCURATE)
    _m, fourth = services.minutes.outcome(review.id, today=date(2024, 3, 21))
    assert fourth.id != letter.id and len(services.list_records(Correspondence)) == 2


def test_points_flow_into_the_chronology_as_disputed(services: Services) -> None:
    made, review = _reviewed(services)
    _meeting, letter = services.minutes.outcome(review.id, today=TODAY)
    rows = services.chronology.rows(today=date(2024, 4, 1))
    disputed = [r for r in rows if r.kind is RowKind.DISPUTED_POINT]
    assert len(disputed) == 4 and all(r.disputed and r.on == TODAY and r.source_id == made.id
                                      for r in disputed)
    assert any("once a week" in r.text for r in disputed)
    assert any("Left out of the minutes" in r.text for r in disputed)
    assert any(r.source_id == letter.id for r in rows)


def test_points_and_letter_reach_the_bundle(services: Services, tmp_path: Path) -> None:
    _made, review = _reviewed(services)
    services.minutes.outcome(review.id, today=TODAY, signed_by="Kerry Jones")
    out = tmp_path / "bundle.pdf"
    services.exports.bundle(ExportOptions(), out, today=date(2024, 4, 1))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)
    assert "Disputed point" in text
    assert "continue once a week at the family centre" in text
    assert ACCOUNT in text
    assert "Left out of the minutes" in text
    assert "Request for corrections to the minutes" in text


def test_the_letter_goes_to_the_chair_first(services: Services) -> None:
    _made, review = _reviewed(services, with_chair=True)
    _meeting, letter = services.minutes.outcome(review.id, today=TODAY)
    assert letter.to_name == "Gill Ward"  # an attendee whose person is the conference chair
    assert "Safeguarding Unit" in letter.body


def test_with_no_one_named_the_letter_is_to_sir_or_madam(services: Services) -> None:
    made, review = _reviewed(services)
    services.save(dataclasses.replace(made, attendees=[]))
    for person in services.list_records(Person):
        services.save(dataclasses.replace(person, allocated_to=date(2024, 1, 1)))
    _meeting, letter = services.minutes.outcome(review.id, today=TODAY)
    assert letter.to_name == "" and "Dear Sir or Madam," in letter.body


def test_without_a_recording_the_notes_stand_in(services: Services) -> None:
    notes = ("The social worker said contact with Dad stays twice a week at the family centre.\n"
             "I told them I got the letter about the parenting course on Monday.")
    made = core_group(services, notes=notes, recorded=False)
    review = services.minutes.start(made.id, text=MINUTES)
    marked = services.minutes.mark(review.id, CONTACT, Verdict.INACCURATE)
    statement = marked.statements[CONTACT]
    assert "twice a week" in statement.recording_text and statement.recording_start is None
    _meeting, letter = services.minutes.outcome(review.id, today=TODAY)
    assert "What I noted at the meeting" in letter.body and "my own notes of the meeting" in letter.body
    assert "recording" not in letter.body.replace("recorded", "")


def test_nothing_marked_means_no_letter(services: Services) -> None:
    made = core_group(services)
    review = services.minutes.start(made.id, text=MINUTES)
    services.minutes.mark(review.id, 0, Verdict.ACCURATE)
    services.minutes.mark(review.id, 1, Verdict.NOT_SURE)
    with pytest.raises(NothingToCorrect):
        services.minutes.outcome(review.id, today=TODAY)
    assert services.list_records(Correspondence) == []
