"""The first step of the minutes comparison: the minutes read from a file kept with the meeting
(Word, a photo of the pages read by OCR on a worker with progress) or refused with plain words;
then playing the meeting's recording (speech made with espeak-ng) from a passage's time."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from familyrecord.transcription import speech
from familyrecord.ui.minutes import MinutesWindow, open_minutes_comparison
from tests import intake_fixtures as fx
from tests.minutes_fixtures import MINUTES
from tests.test_minutes_service import core_group
from tests.ui.test_minutes_window import key, make_holder, minutes_window
from tests.vault_access import vault_of

pytestmark = pytest.mark.gui


def _keep(services: Services, meeting: Meeting, name: str, data: bytes) -> str:
    return services.import_attachment_stream(io.BytesIO(data), name, link_to=meeting.id).id


def _read_file(qtbot: QtBot, window: MinutesWindow, name: str) -> None:
    source = window.source
    row = next(i for i in range(source.files.count()) if source.files.item(i).text() == name)
    source.files.setCurrentRow(row)
    assert source.use_file.isChecked()
    qtbot.mouseClick(source.read_button, Qt.MouseButton.LeftButton)


def test_minutes_read_from_a_word_file_kept_with_the_meeting(qtbot: QtBot, services: Services) -> None:
    meeting = core_group(services)
    _keep(services, meeting, "notes.txt", b"")  # not minutes, but readable: it is offered too
    kept = _keep(services, meeting, "minutes.docx", fx.docx(MINUTES.split("\n\n")))
    holder = make_holder(qtbot)
    open_minutes_comparison(holder, services, meeting.id)
    window = minutes_window(qtbot)
    assert window.source.files.count() == 2  # the recording-less meeting's two documents
    _read_file(qtbot, window, "minutes.docx")
    qtbot.waitUntil(lambda: window.comparison_page is not None, timeout=15000)
    page = window.comparison_page
    assert page is not None
    review = services.minutes.review(page.review.id)
    assert review.minutes_attachment_id == kept
    assert any("once a week" in s.minutes_text for s in review.statements)
    got = services.get(meeting.id)
    assert isinstance(got, Meeting) and got.minutes_attachment_id == kept  # remembered on the meeting
    assert page.source_note.text() == "These minutes were read from minutes.docx."
    window.close()


def test_a_file_that_cannot_be_read_says_so(qtbot: QtBot, services: Services) -> None:
    meeting = core_group(services)
    _keep(services, meeting, "minutes.pdf", b"%PDF-1.7 this is not really a PDF")
    holder = make_holder(qtbot)
    open_minutes_comparison(holder, services, meeting.id)
    window = minutes_window(qtbot)
    _read_file(qtbot, window, "minutes.pdf")
    source = window.source
    qtbot.waitUntil(lambda: source.read_button.isEnabled() and bool(source.status.text()), timeout=15000)
    assert window.comparison_page is None and window.stack.currentWidget() is source
    assert source.status.text().startswith("This file could not be read.")  # the error's own words
    assert services.minutes.review_for(meeting.id) is None
    # Nothing chosen and nothing pasted: the page says what to do.
    source.use_text.setChecked(True)
    source.read()
    assert source.status.text() == "Choose the minutes file, or paste the words of the minutes."
    window.close()


@pytest.mark.slow
def test_a_photo_of_the_minutes_is_read_on_a_worker(qtbot: QtBot, services: Services) -> None:
    """The words of a photographed page are read by OCR (seconds), off the window's thread."""
    meeting = core_group(services)
    lines = ("3. Contact", "3.1 Contact between Tyler and his father will continue once a week at",
             "the family centre.", "", "4. Parenting and support",
             "4.1 Mum said she did not receive the letter about the parenting course.")
    _keep(services, meeting, "minutes.jpg", fx.jpeg(fx.scan(fx.Letter(lines), dpi=150)))
    holder = make_holder(qtbot)
    open_minutes_comparison(holder, services, meeting.id)
    window = minutes_window(qtbot)
    _read_file(qtbot, window, "minutes.jpg")
    assert window.source.progress.isVisible() and window.source.stop_button.isVisible()
    qtbot.waitUntil(lambda: window.comparison_page is not None, timeout=120000)
    page = window.comparison_page
    assert page is not None
    texts = [s.minutes_text for s in page.review.statements]
    assert any("once a week" in t for t in texts) and any("did not receive" in t for t in texts)
    window.close()


# ---- playing the recording --------------------------------------------------------------------

LINES = (("en-gb", "Contact with Dad stays at twice a week at the family centre."),
         ("en-us", "Yes, I got the letter about the course on Monday."),
         ("en-gb-x-rp", "I will make the nursery referral by Friday."),
         ("en-us", "The letter from the school came on Tuesday."),
         ("en-gb", "Dad comes to the family centre on Tuesdays and Thursdays."))
SAID_MINUTES = """1. Contact with father will continue once a week at the family centre.
2. Mum said she did not receive the letter about the course.
"""


def player_hidden(window: MinutesWindow) -> bool:
    """The player bar stays out of the way until something is played."""
    return not window.player.player.isVisible() and not window.player.player.loaded


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audio") / "meeting.m4a"
    path.write_bytes(speech.encode(speech.conversation(LINES), "m4a"))
    return path


@pytest.mark.skipif(not speech.espeak_available(), reason="espeak-ng is not installed")
@pytest.mark.qt_log_ignore("symbolsresolver", "PulseAudio", "pa_context", "No audio device",
                           "Packet corrupt", "Estimating duration", "Input #0", "Duration:",
                           "Stream #0", "Using Qt multimedia with FFmpeg", "QSocketNotifier")
def test_space_and_enter_play_the_recording_from_the_passage(qtbot: QtBot, services: Services,
                                                             recording: Path) -> None:
    meeting = services.save(Meeting(title="Core group meeting", starts_at=datetime(2024, 3, 5, 10, 0)))
    attachment = services.transcription.import_recording(recording, meeting.id)
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, attachment.id, "faster-whisper", "tiny.en", "en")
    # Times near enough to where espeak-ng puts the lines (each about three seconds).
    store.add_segments(transcript.id, [Segment(3.5 * n, 3.5 * n + 3.0, text) for n, (_v, text) in
                                       enumerate(LINES)])
    services.minutes.start(meeting.id, text=SAID_MINUTES)
    holder = make_holder(qtbot)
    open_minutes_comparison(holder, services, meeting.id)
    window = minutes_window(qtbot)
    page = window.comparison_page
    assert page is not None
    assert player_hidden(window)
    page.show_statement(1)  # "did not receive the letter": said at 00:03
    page.candidates.setFocus()
    first = page.candidates.cards[0].candidate.passage
    assert first.start == pytest.approx(3.5) and "got the letter" in first.text
    key(qtbot, page, "Space")
    player = window.player.player
    assert player.loaded and window.player.player.isVisible()
    assert window.player.what.text() == "Playing from 00:03."
    qtbot.waitUntil(lambda: 3400 <= player.position() < 6500 and player.is_playing, timeout=10000)
    key(qtbot, page, "Space")  # pauses
    assert not player.is_playing
    # Another passage (Tab), played with Enter.
    key(qtbot, page, "Tab")
    second = page.candidates.candidate()
    assert page.candidates.current == 1 and second is not None and second.passage.start is not None
    key(qtbot, page, "Return")
    start_ms = int(second.passage.start * 1000)
    qtbot.waitUntil(lambda: start_ms - 100 <= player.position() < start_ms + 2500, timeout=10000)
    player.pause()
    # Closing drops the recording from memory.
    window.close()
    assert not player.loaded

