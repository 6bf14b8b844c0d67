"""The request for corrections to the minutes, from plain data: the same calm words as text, Word
and PDF, on A4; any wording (quotes, ampersands, angle brackets, other scripts) sets safely."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from familyrecord.export.correction_letter import (
    CorrectionLetter,
    LetterPoint,
    letter_docx,
    letter_pdf,
    letter_text,
    recording_time,
)

A4_POINTS = (595.3, 841.9)

LETTER = CorrectionLetter(
    dated=date(2024, 3, 12), meeting_title="Core group meeting", meeting_on=date(2024, 3, 5),
    reply_by=date(2024, 3, 26), to_name="Hannah Reid", to_organisation="Westshire Children's Services",
    to_address="County Hall\nMarket Street\nWestbury WB1 2AB", from_name="Kerry Jones",
    minutes_received_on=date(2024, 3, 11), points=(
        LetterPoint(item="3.1", heading="Contact",
                    minutes_say="Contact between Tyler and his father will continue once a week.",
                    said="So contact with Dad stays at twice a week at the family centre.",
                    said_source="recording", said_at="01:25",
                    account="It has never been once a week.",
                    correction="Please change “once a week” to “twice a week”."),
        LetterPoint(minutes_say="Mum said she did not receive the letter.",
                    said="I got the letter on Monday.", said_source="notes"),
        LetterPoint(said="I will make the referral to Little Acorns nursery by Friday.",
                    said_source="recording", said_at="1:02:49"),
    ))


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize(("seconds", "label"), [(0, "00:00"), (65.4, "01:05"), (599.99, "09:59"),
                                                (3599, "59:59"), (3725, "1:02:05"), (-3, "00:00")])
def test_recording_times_read_as_a_player_shows_them(seconds: float, label: str) -> None:
    assert recording_time(seconds) == label


def test_the_words_of_the_letter() -> None:
    text = letter_text(LETTER)
    assert text.startswith("Kerry Jones\nTuesday 12 March 2024\n\nHannah Reid\n"
                           "Westshire Children's Services\nCounty Hall\nMarket Street\n"
                           "Westbury WB1 2AB\n\nDear Hannah Reid,")
    assert ("Request for corrections to the minutes: Core group meeting on Tuesday 5 March 2024" in text)
    assert "which I received on Monday 11 March 2024" in text
    assert "alongside my own recording of the meeting" in text and "ask for 3 points" in text
    assert ("1. Item 3.1 (Contact)\nThe minutes say: “Contact between Tyler and his father will "
            "continue once a week.”\nWhat was said, at 01:25 in my recording: “So contact with Dad") in text
    assert "My account: It has never been once a week." in text
    assert "The correction I ask for: Please change “once a week” to “twice a week”." in text
    # Without a correction written, a plain one is asked for; notes are named as notes.
    assert "2. A point in the minutes\n" in text and "What I noted at the meeting: “I got the letter" in text
    assert "Please correct this so that it matches what was said." in text
    assert "3. Something said that the minutes leave out\nWhat was said, at 1:02:49 in my recording" in text
    assert "Please add this to the minutes." in text
    assert "reply by Tuesday 26 March 2024" in text and "kept with the minutes" in text
    assert text.rstrip().endswith("Yours sincerely,\n\n\nKerry Jones")
    # No loaded words: the letter says what was said, not what someone "claimed".
    assert not any(word in text.lower() for word in ("claim", "denied", "lied", "false", "wrong"))


def test_pdf_and_word_carry_the_same_letter_on_a4() -> None:
    pdf = letter_pdf(LETTER)
    reader = PdfReader(io.BytesIO(pdf))
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.5)
               for p in reader.pages)
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in _pdf_text(pdf)
    word_data = letter_docx(LETTER)
    section = Document(io.BytesIO(word_data)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    for text in (_pdf_text(pdf), _docx_text(word_data).replace("\n", " ")):
        for words in ("Dear Hannah Reid,", "1. Item 3.1 (Contact)", "What was said, at 01:25 in my recording",
                      "“Contact between Tyler and his father will continue once a week.”",
                      "Please change “once a week” to “twice a week”.", "What I noted at the meeting",
                      "Something said that the minutes leave out", "Tuesday 26 March 2024", "Kerry Jones"):
            assert words in text, words


def test_with_no_one_named_and_notes_only() -> None:
    letter = CorrectionLetter(dated=date(2024, 3, 12), meeting_title="Child in need review", meeting_on=None,
                              reply_by=date(2024, 3, 26), points=(LETTER.points[1],))
    text = letter_text(letter)
    assert "Dear Sir or Madam," in text and "my own notes of the meeting" in text
    assert "ask for 1 point to be corrected" in text and "recording" not in text
    assert text.startswith("Tuesday 12 March 2024\n\nDear Sir or Madam,")
    assert "Dear Sir or Madam," in _pdf_text(letter_pdf(letter))


WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300)


@settings(max_examples=25, deadline=None)
@given(minutes=WORDS, said=WORDS, account=WORDS, name=WORDS)
def test_any_wording_sets_safely(minutes: str, said: str, account: str, name: str) -> None:
    point = LetterPoint(minutes_say=minutes, said=said, said_source="recording", said_at="00:10",
                        account=account)
    letter = CorrectionLetter(dated=date(2024, 3, 12), meeting_title="Meeting <b>&</b>",
                              meeting_on=date(2024, 3, 5), reply_by=date(2024, 3, 26), points=(point,),
                              to_name=name, to_address=name)
    assert letter_pdf(letter).startswith(b"%PDF")
    assert letter_docx(letter).startswith(b"PK")
    assert "Meeting <b>&</b>" in letter_text(letter)
