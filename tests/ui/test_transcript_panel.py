"""The transcript editor: click a segment and the player goes there; corrections keep the
machine's original; renaming a speaker changes all their segments; nothing decrypted reaches
the disk, and lock drops it all."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Attendee, Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from familyrecord.transcription import speech
from familyrecord.ui.transcript.panel import TranscriptPanel
from tests.speech_samples import FAMILY_LINES
from tests.vault_access import vault_of

# QtMultimedia reports missing audio back-ends (no VA-API, no PulseAudio, no sound card) here.
pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not speech.espeak_available(),
                       reason="espeak-ng is not installed (apt-get install espeak-ng)"),
    pytest.mark.qt_log_ignore("symbolsresolver", "PulseAudio", "pa_context", "No audio device",
                              "Packet corrupt", "Estimating duration", "Input #0", "Duration:",
                              "Stream #0", "Using Qt multimedia with FFmpeg", "QSocketNotifier"),
]

LINES = (("en-gb", "Good afternoon, this is the core group meeting."),
         ("en-us", "I have finished the parenting course."),
         ("en-gb-x-rp", "The nursery place is still not arranged."),
         ("en-us", "Please send me the minutes."))


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audio") / "meeting.m4a"
    path.write_bytes(speech.encode(speech.conversation(LINES), "m4a"))
    return path


@pytest.fixture
def meeting(services: Services, recording: Path) -> Meeting:
    """A meeting with a recording and a stored transcript at known times (no model needed)."""
    meeting = services.save(Meeting(
        title="Core group meeting", starts_at=datetime(2026, 2, 3, 13, 30),
        attendees=[Attendee(name="Tom Price"), Attendee(name="Priya Shah")]))
    attachment = services.transcription.import_recording(recording, meeting.id)
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, attachment.id, "faster-whisper", "tiny.en", "en")
    store.add_segments(transcript.id, [
        Segment(0.0, 2.6, "Good afternoon, this is the core group meeting.", speaker="Speaker 1"),
        Segment(3.0, 5.2, "I have finished the parenting course.", speaker="Speaker 2"),
        Segment(5.8, 8.4, "The nursery place is still not arranged.", speaker="Speaker 1"),
        Segment(9.0, 10.8, "Please send me the minutes.", speaker="Speaker 2")])
    return meeting


@pytest.fixture
def panel(qtbot: QtBot, services: Services, meeting: Meeting) -> TranscriptPanel:
    widget = TranscriptPanel(services)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    widget.set_meeting(meeting.id)
    qtbot.waitUntil(lambda: widget.player.player.duration() > 0, timeout=10000)
    return widget


def _click_row(qtbot: QtBot, panel: TranscriptPanel, row: int) -> None:
    rect = panel.table.visualItemRect(panel.table.item(row, 2))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_segment_moves_the_player_there_and_highlights_it(
        qtbot: QtBot, panel: TranscriptPanel) -> None:
    assert panel.table.rowCount() == 4
    assert panel.table.item(2, 0).text() == "00:00:05"
    _click_row(qtbot, panel, 2)
    qtbot.waitUntil(lambda: 5800 <= panel.player.position() < 8400, timeout=5000)
    qtbot.waitUntil(lambda: panel.playing_row == 2, timeout=5000)
    assert panel.table.item(2, 2).background().color().name() != \
        panel.table.item(1, 2).background().color().name()
    panel.player.pause()


def test_ctrl_space_plays_from_the_cursor_and_player_controls(qtbot: QtBot,
                                                              panel: TranscriptPanel) -> None:
    panel.table.setCurrentCell(3, 2)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.player.position() >= 9000, timeout=5000)
    panel.player.pause()
    panel.player.seek(6000)
    qtbot.waitUntil(lambda: abs(panel.player.position() - 6000) < 300, timeout=5000)
    qtbot.mouseClick(panel.player.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: abs(panel.player.position() - 1000) < 300, timeout=5000)
    panel.player.set_speed(1.5)
    assert panel.player.player.playbackRate() == 1.5
    assert panel.player.speed.currentText().startswith("1.5")


def test_edit_text_keeps_the_original_on_demand(qtbot: QtBot, panel: TranscriptPanel,
                                                services: Services) -> None:
    _click_row(qtbot, panel, 1)
    panel.player.pause()
    panel.text.setPlainText("I finished the Triple P parenting course in March.")
    qtbot.mouseClick(panel.save_text_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(1, 2).text() == "I finished the Triple P parenting course in March."
    assert "corrected" in panel.table.item(1, 3).text()
    transcript_id = services.transcription.transcripts_for(panel._meeting_id or "")[0].id
    stored = services.transcription.segments(transcript_id)[1]
    assert stored.text.startswith("I finished the Triple P")
    assert stored.original_text == "I have finished the parenting course."
    assert not panel.original.isVisible()
    qtbot.mouseClick(panel.original_button, Qt.MouseButton.LeftButton)
    assert panel.original.isVisible()
    assert "I have finished the parenting course." in panel.original.text()


def test_assign_and_rename_a_speaker_everywhere(qtbot: QtBot, panel: TranscriptPanel,
                                                services: Services,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert [panel.speaker.itemText(i) for i in range(panel.speaker.count())] == \
        ["Me", "Tom Price", "Priya Shah"]
    panel.table.setCurrentCell(1, 2)
    panel.speaker.setCurrentText("Me")
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(1, 1).text() == "Me"
    panel.table.setCurrentCell(0, 2)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Tom Price", True))
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    speakers = [panel.table.item(row, 1).text() for row in range(4)]
    assert speakers == ["Tom Price", "Me", "Tom Price", "Speaker 2"]
    transcript_id = services.transcription.transcripts_for(panel._meeting_id or "")[0].id
    assert [s.speaker for s in services.transcription.segments(transcript_id)] == speakers


def test_marks_find_and_replace(qtbot: QtBot, panel: TranscriptPanel, services: Services) -> None:
    panel.table.setCurrentCell(2, 2)
    panel.disputed.setChecked(True)
    panel.table.setCurrentCell(3, 2)
    panel.important.setChecked(True)
    transcript_id = services.transcription.transcripts_for(panel._meeting_id or "")[0].id
    stored = services.transcription.segments(transcript_id)
    assert [(s.disputed, s.important) for s in stored] == [
        (False, False), (False, False), (True, False), (False, True)]
    assert "disputed" in panel.table.item(2, 3).text()

    marked = [r for r in services.chronology.rows() if r.timestamp is not None]
    assert [(r.timestamp, r.disputed) for r in marked] == [(5.8, True), (9.0, False)]
    assert "00:05" in marked[0].text and "nursery place" in marked[0].text
    assert not panel.find_row.isVisible()  # find and replace open from "More"
    panel.find_action.trigger()
    assert panel.find_row.isVisible() and panel.find_text.hasFocus()
    panel.find_text.setText("nursery")
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.table.currentRow() == 2
    panel.replace_text.setText("nursery school")
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(2, 2).text() == "The nursery school place is still not arranged."
    assert services.transcription.segments(transcript_id)[2].original_text == \
        "The nursery place is still not arranged."
    qtbot.mouseClick(panel.find_done, Qt.MouseButton.LeftButton)
    assert not panel.find_row.isVisible()


def test_clear_on_lock_drops_everything_decrypted(qtbot: QtBot, panel: TranscriptPanel) -> None:
    panel.player.play_from(1000)
    panel.clear()
    assert not panel.player.loaded
    assert panel.player._data is None and panel.player._buffer is None
    assert panel.table.rowCount() == 0 and panel.text.toPlainText() == ""
    assert panel.recording.count() == 0 and not panel.add_button.isEnabled()


def test_screenshot_is_readable(qtbot: QtBot, panel: TranscriptPanel, tmp_path: Path) -> None:
    panel.table.setCurrentCell(2, 2)
    panel.player.seek(6500)
    qtbot.waitUntil(lambda: panel.playing_row == 2, timeout=5000)
    image = panel.grab()
    assert image.width() >= 900
    assert image.save(str(tmp_path / "transcript_panel.png"))
    assert panel.table.viewport().rect().contains(
        panel.table.visualItemRect(panel.table.item(2, 0)).center() + QPoint(0, 0))


@pytest.mark.model
def test_add_recording_transcribes_in_the_background(qtbot: QtBot, services: Services,
                                                     recording: Path) -> None:
    meeting = services.save(Meeting(title="Child in need meeting", starts_at=datetime(2026, 3, 1, 10)))
    widget = TranscriptPanel(services)
    qtbot.addWidget(widget)
    widget.set_meeting(meeting.id)
    assert "No recording" in widget.message.text()
    progress: list[float] = []
    live: list[int] = []  # rows shown while the job is still running
    widget.jobs.segments_arrived.connect(lambda: live.append(widget.table.rowCount()))
    with qtbot.waitSignal(widget.jobs.job_ended, timeout=60000) as ended:
        widget.add_recording(recording)
        assert widget.jobs.isVisibleTo(widget) and not widget.add_button.isEnabled()
        assert widget.jobs.task is not None
        widget.jobs.task.progress.connect(lambda done, total: progress.append(done / total))
    assert ended.args[0] == "done"
    assert live and live[0] > 0
    assert progress and progress[-1] == pytest.approx(1.0)
    assert widget.recording.currentText() == "meeting.m4a"
    text = " ".join(widget.table.item(r, 2).text() for r in range(widget.table.rowCount())).lower()
    assert "parenting course" in text and "minutes" in text
    assert widget.message.text() == "The transcript is ready."
    widget.clear()


@pytest.fixture(scope="module")
def long_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    said = FAMILY_LINES[:14]
    lines = [(("en-gb", "en-us")[n % 2], text) for n, text in enumerate(said)]
    path = tmp_path_factory.mktemp("audio") / "long.m4a"
    path.write_bytes(speech.encode(speech.conversation(lines), "m4a"))
    return path


@pytest.mark.model
def test_lock_while_transcribing_stops_the_job_and_keeps_its_work(
        qtbot: QtBot, services: Services, long_recording: Path) -> None:
    meeting = services.save(Meeting(title="Core group meeting", starts_at=datetime(2026, 3, 1, 10)))
    widget = TranscriptPanel(services)
    qtbot.addWidget(widget)
    widget.set_meeting(meeting.id)
    cleared: list[int] = []

    def lock_now() -> None:  # the record locks as soon as the first segments show
        if not cleared:
            cleared.append(widget.table.rowCount())
            widget.clear()

    widget.jobs.segments_arrived.connect(lock_now)
    with qtbot.waitSignal(widget.jobs.job_ended, timeout=60000):
        widget.add_recording(long_recording)
    (job,) = services.transcription.jobs_for(meeting.id)
    assert job.state == "cancelled"
    assert services.transcription.segments(str(job.options["transcript_id"]))
    assert widget.table.rowCount() == 0 and not widget.player.loaded


@pytest.mark.model
def test_cancel_from_the_panel_keeps_what_was_done_and_can_carry_on(
        qtbot: QtBot, services: Services, long_recording: Path) -> None:
    path = long_recording
    meeting = services.save(Meeting(title="Core group meeting", starts_at=datetime(2026, 3, 1, 10)))
    widget = TranscriptPanel(services)
    qtbot.addWidget(widget)
    widget.set_meeting(meeting.id)
    # The person presses Cancel as soon as the first segments show up.
    widget.jobs.segments_arrived.connect(widget.jobs.cancel_button.click)
    with qtbot.waitSignal(widget.jobs.job_ended, timeout=60000) as ended:
        widget.add_recording(path)
    widget.jobs.segments_arrived.disconnect(widget.jobs.cancel_button.click)
    assert ended.args[0] == "cancelled"
    kept = widget.table.rowCount()
    assert kept > 0 and "kept" in widget.message.text()
    assert widget.resume_button.isVisibleTo(widget)
    with qtbot.waitSignal(widget.jobs.job_ended, timeout=60000) as ended:
        qtbot.mouseClick(widget.resume_button, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "done"
    assert widget.table.rowCount() > kept
    assert not widget.resume_button.isVisibleTo(widget)
    widget.clear()


def test_transcription_settings_models_language_and_names(qtbot: QtBot, services: Services,
                                                          tmp_path: Path) -> None:
    import json

    from familyrecord.records.models import Person
    from familyrecord.settings import AppSettings
    from familyrecord.transcription import models
    from familyrecord.ui.transcript.settings import TranscriptionSettings

    services.save(Person(name="Priya Shah"))
    widget = TranscriptionSettings(AppSettings(), services)
    qtbot.addWidget(widget)
    assert widget.model.count() == 1 and widget.model.currentData() == models.BUNDLED_ID
    assert not widget.language.isEnabled() and "English only" in widget.language_note.text()
    assert not widget.add_folder(tmp_path)  # an empty folder is not a model
    assert "model.bin" in widget.message.text()
    folder = tmp_path / "whisper-small"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\0")
    (folder / "config.json").write_text(json.dumps({}))
    (folder / "vocabulary.txt").write_text("x\n" * (models.ENGLISH_ONLY_VOCABULARY + 1))
    assert widget.add_folder(folder)
    assert widget.model.count() == 2 and widget.language.isEnabled()
    widget.language.setCurrentIndex(widget.language.findData("cy"))
    qtbot.mouseClick(widget.fill_names_button, Qt.MouseButton.LeftButton)
    assert "Priya Shah" in widget.names.toPlainText()
    chosen = widget.apply_to(AppSettings(theme="dark"))
    assert chosen.model_folders == [str(folder)] and chosen.selected_model == f"folder:{folder}"
    assert (chosen.language, chosen.theme) == ("cy", "dark")
    assert "Priya Shah" in chosen.initial_prompt


def test_player_is_told_only_the_kind_of_file_not_its_name(panel: TranscriptPanel) -> None:
    # FFmpeg logs the source URL; the recording's own name ('meeting.m4a') must not reach it.
    assert panel.player.player.source().toString() == "recording.m4a"
