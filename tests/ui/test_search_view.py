"""Search in the app: each result says where it was found, and a transcript result opens the
meeting at that moment of its recording (issue 9, point 9)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Correspondence, Meeting
from familyrecord.services import Services
from familyrecord.storage.search import SearchHit
from familyrecord.storage.transcripts import Segment
from familyrecord.transcription import speech
from familyrecord.ui.search.view import HTML_ROLE, MOMENT_ROLE, clock, found_in
from tests.ui.uihelpers import make_window
from tests.vault_access import vault_of

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not speech.espeak_available(),
                       reason="espeak-ng is not installed (apt-get install espeak-ng)"),
    # QtMultimedia reports missing audio back-ends (no VA-API, no PulseAudio, no sound card) here.
    pytest.mark.qt_log_ignore("symbolsresolver", "PulseAudio", "pa_context", "No audio device",
                              "Packet corrupt", "Estimating duration", "Input #0", "Duration:",
                              "Stream #0", "Using Qt multimedia with FFmpeg", "QSocketNotifier"),
]

LINES = (("en-gb", "Good afternoon, this is the core group meeting."),
         ("en-us", "Her immunization record is up to date."),
         ("en-gb", "We will meet again next month."))
SAID_AT = 3.5  # when the second line starts in the stored transcript


@pytest.fixture
def meeting(services: Services, tmp_path: Path) -> Meeting:
    """A meeting with a recording and a transcript (in the speech model's US spelling)."""
    recording = tmp_path / "meeting.m4a"
    recording.write_bytes(speech.encode(speech.conversation(LINES), "m4a"))
    meeting = services.save(Meeting(title="Core group meeting", starts_at=datetime(2026, 2, 3, 13, 30)))
    attachment = services.transcription.import_recording(recording, meeting.id)
    recording.unlink()
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, attachment.id, "faster-whisper", "tiny.en", "en")
    store.add_segments(transcript.id, [Segment(0.0, 3.2, LINES[0][1], speaker="Speaker 1"),
                                       Segment(SAID_AT, 6.0, LINES[1][1], speaker="Speaker 2"),
                                       Segment(6.4, 8.5, LINES[2][1], speaker="Speaker 1")])
    return meeting


def test_clock() -> None:
    assert [clock(s) for s in (0, 3.5, 65, 600, 3725.9)] == ["0:00", "0:03", "1:05", "10:00", "1:02:05"]


def test_each_hit_says_where_it_was_found(qtbot: QtBot, services: Services, meeting: Meeting,
                                          vault_path: Path) -> None:
    services.save(Correspondence(dated=date(2026, 2, 4), subject="Immunisation letter",
                                 body="The immunisation programme."))
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    search = window.main.search
    window.main.show_search()
    search.box.setText("immunisation")
    search.run_search()
    places = sorted(found_in(hit) for hit in search.model.hits)
    assert places == ["Found in the entry", "Found in the recording's transcript at 0:03"]
    row = next(n for n, h in enumerate(search.model.hits) if h.record_id == meeting.id)
    html = search.model.index(row, 0).data(HTML_ROLE)
    assert "transcript at 0:03" in html and "<u>immunization</u>" in html
    assert search.model.index(row, 0).data(MOMENT_ROLE) == SAID_AT
    # The other sources are named too.
    hit = search.model.hits[row]
    for source, words in (("attachment:x", "text of a file"), ("reading:x", "read from a picture"),
                          ("transcript:x", "transcript")):
        other = SearchHit(hit.record_id, hit.kind, hit.summary, hit.sort_date, source, hit.snippet,
                          hit.rank, hit.archived, None)
        assert words in found_in(other)


def test_a_transcript_hit_opens_the_meeting_at_that_moment(qtbot: QtBot, services: Services,
                                                           meeting: Meeting, vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services)
    main = window.main
    assert main is not None
    main.show_search()
    qtbot.keyClicks(main.search.box, "immunisation")  # British spelling; the transcript is American
    qtbot.keyClick(main.search.box, Qt.Key.Key_Return)
    assert [(h.record_id, h.at_seconds) for h in main.search.model.hits] == [(meeting.id, SAID_AT)]
    qtbot.keyClick(main.search.results, Qt.Key.Key_Return)
    assert main.current_key() == "meetings"
    editor = main.areas["meetings"].views[0].editor
    assert editor.form.record is not None and editor.form.record.id == meeting.id
    panel = editor.transcript
    assert panel is not None
    section = editor.tabs.currentWidget()
    assert section is not None and (section is panel or section.isAncestorOf(panel))
    # The line said then is chosen, and the recording plays from there.
    qtbot.waitUntil(lambda: panel.table.currentRow() == 1, timeout=5000)
    assert panel.table.segments[1].text == LINES[1][1]
    qtbot.waitUntil(lambda: SAID_AT * 1000 - 300 <= panel.player.position() < 6400, timeout=5000)
