"""Issue 9.4: a transcript editor a person can work in.

Lines are corrected in place (double-click or F2; Enter saves through the transcription service,
Esc cancels, the machine's original is kept and shown on hover); keys and a right-click menu mark
a line disputed (D) or important (I), say who was speaking (S) and play from it (Space / Enter);
the chosen line's controls sit beside the list or directly under it; the editor opens in its own
window with the same player; `show_moment` jumps to a time. At 200% text on 1366x768 lines wrap
and nothing is cut off. The recording is a synthetic tone made in memory (no speech engine).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from datetime import datetime

import av
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QInputDialog,
    QMenu,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Attendee, Meeting
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.storage.transcripts import Segment
from familyrecord.ui.transcript.panel import TranscriptPanel
from familyrecord.ui.transcript.segments import MARKS, TEXT
from familyrecord.ui.widgets.common import scrolled
from familyrecord.ui.widgets.theme import apply_appearance
from tests.vault_access import vault_of

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("symbolsresolver", "PulseAudio", "pa_context", "No audio device",
                              "QSocketNotifier", "propagateSizeHints", "does not support raise",
                              "does not support grabbing"),
]

SECONDS = 60
SAID = ["Good afternoon, this is the core group meeting for Leo and Mia.",
        "I have finished the parenting course and I have the certificate with me today.",
        "The nursery place is still not arranged, which was promised at the last meeting.",
        "We will look into the nursery place and come back to you within two weeks."]


def tone(seconds: int) -> bytes:
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("aac", rate=16000)
        stream.layout = "mono"
        t = np.arange(seconds * 16000) / 16000
        frame = av.AudioFrame.from_ndarray((0.1 * np.sin(2 * math.pi * 330 * t)).astype(np.float32)[None, :],
                                           format="fltp", layout="mono")
        frame.sample_rate = 16000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return out.getvalue()


@pytest.fixture(scope="module")
def recording() -> bytes:
    return tone(SECONDS)


@pytest.fixture
def meeting(services: Services, recording: bytes) -> Meeting:
    """Forty lines of 1.5 s each (the first four long enough to wrap), speakers 1 and 2."""
    meeting = services.save(Meeting(title="Core group meeting", starts_at=datetime(2026, 2, 3, 13, 30),
                                    attendees=[Attendee(name="Tom Price"), Attendee(name="Priya Shah")]))
    attachment = services.import_attachment_stream(io.BytesIO(recording), "meeting.m4a",
                                                   media_type="audio/mp4", link_to=meeting.id)
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, attachment.id, "faster-whisper", "tiny.en", "en")
    lines = [SAID[n] if n < len(SAID) else f"Line number {n} of the meeting." for n in range(40)]
    store.add_segments(transcript.id, [Segment(1.5 * n, 1.5 * n + 1.4, text, speaker=f"Speaker {n % 2 + 1}")
                                       for n, text in enumerate(lines)])
    return meeting


@pytest.fixture
def panel(qtbot: QtBot, services: Services, meeting: Meeting) -> Iterator[TranscriptPanel]:
    widget = TranscriptPanel(services)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.set_meeting(meeting.id)
    qtbot.waitUntil(lambda: widget.player.player.duration() > 0, timeout=10000)
    yield widget
    widget.clear()


def stored(services: Services, panel: TranscriptPanel) -> list[Segment]:
    transcript_id = services.transcription.transcripts_for(panel._meeting_id or "")[0].id
    return services.transcription.segments(transcript_id)


def choose(qtbot: QtBot, panel: TranscriptPanel, row: int) -> None:
    panel.table.setCurrentCell(row, TEXT)
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus, timeout=2000)


def inline_editor(panel: TranscriptPanel) -> QPlainTextEdit:
    editors = [e for e in panel.table.viewport().findChildren(QPlainTextEdit) if e.isVisible()]
    assert len(editors) == 1, "one correction box open over the line"
    return editors[0]


def open_menu(panel: TranscriptPanel) -> QMenu:
    menus = [m for m in panel.table.findChildren(QMenu) if m.isVisible()]
    assert len(menus) == 1
    return menus[0]


def test_double_click_corrects_a_line_in_place_enter_saves_and_keeps_the_original(
        qtbot: QtBot, panel: TranscriptPanel, services: Services) -> None:
    rect = panel.table.visualItemRect(panel.table.item(1, TEXT))
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = inline_editor(panel)
    assert editor.toPlainText() == SAID[1]
    editor.selectAll()
    qtbot.keyClicks(editor, "I finished the Triple P course in March.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.item(1, TEXT).text().startswith("I finished the Triple P"),
                    timeout=2000)
    assert not panel.table.editing
    line = stored(services, panel)[1]
    assert line.text == "I finished the Triple P course in March."
    assert line.original_text == SAID[1]
    assert "corrected" in panel.table.item(1, MARKS).text()
    assert not panel.table.isColumnHidden(MARKS)
    assert SAID[1] in panel.table.item(1, TEXT).toolTip()  # the machine's words, on hover
    assert "Correction saved" in panel.message.text()
    assert panel.text.toPlainText() == line.text  # the line's controls show the stored words


def test_escape_cancels_and_typed_letters_are_words_not_shortcuts(
        qtbot: QtBot, panel: TranscriptPanel, services: Services) -> None:
    choose(qtbot, panel, 2)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = inline_editor(panel)
    qtbot.keyClicks(editor, "Did I say Sunday")  # D, I and S are keys only outside the editor
    assert editor.toPlainText() == "Did I say Sunday"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.table.editing, timeout=2000)
    QApplication.processEvents()
    line = stored(services, panel)[2]
    assert (line.text, line.disputed, line.important, line.speaker) == (SAID[2], False, False, "Speaker 1")
    assert panel.table.item(2, TEXT).text() == SAID[2]
    # Shift+Enter is a new line inside the correction; Enter then saves both lines.
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = inline_editor(panel)
    editor.selectAll()
    qtbot.keyClicks(editor, "First part.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "Second part.")
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: stored(services, panel)[2].text == "First part.\nSecond part.", timeout=2000)


def test_a_correction_under_way_survives_new_lines_and_the_player_passing(
        qtbot: QtBot, panel: TranscriptPanel, services: Services, meeting: Meeting) -> None:
    """While a transcription adds lines and the recording plays on, typed words stay put."""
    choose(qtbot, panel, 3)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = inline_editor(panel)
    editor.selectAll()
    qtbot.keyClicks(editor, "We will find a nursery place within two weeks.")
    transcript_id = services.transcription.transcripts_for(meeting.id)[0].id
    vault_of(services).transcripts.add_segments(transcript_id, [Segment(61.0, 62.0, "A new line.")])
    panel.reload_segments()  # what a running transcription does as lines arrive
    panel.player.seek(4700)  # the player reaches the line being corrected: it is highlighted
    qtbot.waitUntil(lambda: panel.playing_row == 3, timeout=5000)
    assert panel.table.rowCount() == 41 and panel.table.editing
    assert editor.toPlainText() == "We will find a nursery place within two weeks."
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(services, panel)[3].text.startswith("We will find"), timeout=2000)
    assert stored(services, panel)[3].original_text == SAID[3]


def test_keys_mark_disputed_and_important_and_say_who_was_speaking(
        qtbot: QtBot, panel: TranscriptPanel, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    choose(qtbot, panel, 2)
    qtbot.keyClick(panel.table, Qt.Key.Key_D)
    qtbot.keyClick(panel.table, Qt.Key.Key_I)
    line = stored(services, panel)[2]
    assert (line.disputed, line.important) == (True, True)
    assert panel.disputed.isChecked() and panel.important.isChecked()
    assert "disputed" in panel.table.item(2, MARKS).text()
    qtbot.keyClick(panel.table, Qt.Key.Key_D)  # again: no longer disputed
    assert not stored(services, panel)[2].disputed and not panel.disputed.isChecked()

    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    menu = open_menu(panel)
    names = [a.text() for a in menu.actions() if a.text()]
    assert names[:4] == ["Me", "Tom Price", "Priya Shah", "Speaker 1"]
    assert [a.text() for a in menu.actions() if a.isChecked()] == ["Speaker 1"]
    next(a for a in menu.actions() if a.text() == "Tom Price").trigger()
    menu.close()
    assert stored(services, panel)[2].speaker == "Tom Price"
    assert panel.table.item(2, 1).text() == "Tom Price"

    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    menu = open_menu(panel)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grandma Rose", True))
    next(a for a in menu.actions() if a.text() == "Someone else…").trigger()
    menu.close()
    assert stored(services, panel)[2].speaker == "Grandma Rose"


def test_space_and_enter_play_from_the_line_and_space_again_pauses(
        qtbot: QtBot, panel: TranscriptPanel) -> None:
    choose(qtbot, panel, 6)  # 9.0 s
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.player.is_playing and panel.player.position() >= 9000, timeout=5000)
    qtbot.waitUntil(lambda: panel.playing_row == 6, timeout=5000)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert not panel.player.is_playing
    choose(qtbot, panel, 20)  # 30.0 s
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: 30000 <= panel.player.position() < 33000 and panel.player.is_playing,
                    timeout=5000)
    panel.player.pause()
    # A click only moves the player to the line; it starts nothing.
    rect = panel.table.visualItemRect(panel.table.item(1, TEXT))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: 1500 <= panel.player.position() < 3000, timeout=5000)
    assert not panel.player.is_playing


def test_up_down_and_the_right_click_menu_name_every_action_with_its_key(
        qtbot: QtBot, panel: TranscriptPanel) -> None:
    choose(qtbot, panel, 3)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.table.currentRow() == 4
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert panel.table.currentRow() == 2
    rect = panel.table.visualItemRect(panel.table.item(1, TEXT))
    panel.line_actions.show_menu(rect.center())
    menu = open_menu(panel)
    assert panel.table.currentRow() == 1  # the menu acts on the line clicked
    keys = {a.text(): a.shortcut().toString() for a in menu.actions() if a.text()}
    assert keys == {"Play from here": "Space", "Correct the words": "F2", "I dispute this": "D",
                    "Important": "I", "Who was speaking…": "S", "Previous line": "Up",
                    "Next line": "Down", "Find and replace…": ""}
    next(a for a in menu.actions() if a.text() == "Correct the words").trigger()
    menu.close()
    assert inline_editor(panel).toPlainText() == SAID[1]
    hint = panel.hint.text()
    for words in ("Space", "F2", "double-click", "D:", "I:", "S:"):
        assert words in hint
    assert panel.hint.isVisible()


def test_typing_in_the_correction_box_survives_marking_the_line(
        qtbot: QtBot, panel: TranscriptPanel, services: Services) -> None:
    choose(qtbot, panel, 0)
    panel.text.setPlainText("Good afternoon, this is the core group meeting for Leo, Mia and Sam.")
    panel.disputed.setChecked(True)
    assert panel.text.toPlainText().endswith("Mia and Sam.")
    qtbot.mouseClick(panel.save_text_button, Qt.MouseButton.LeftButton)
    line = stored(services, panel)[0]
    assert line.disputed and line.text.endswith("Mia and Sam.") and line.original_text == SAID[0]


def test_show_moment_chooses_the_line_brings_it_into_view_and_plays(
        qtbot: QtBot, panel: TranscriptPanel) -> None:
    line_33 = panel.table.item(33, TEXT)
    assert not panel.table.viewport().rect().intersects(panel.table.visualItemRect(line_33))
    panel.show_moment(50.2)  # inside line 33 (49.5–50.9 s)
    assert panel.table.currentRow() == 33
    assert panel.table.viewport().rect().contains(panel.table.visualItemRect(panel.table.item(33, TEXT)))
    qtbot.waitUntil(lambda: panel.player.is_playing and panel.player.position() >= 50200, timeout=5000)
    panel.player.pause()
    panel.show_moment(4.45)  # between lines: the one begun before it
    assert panel.table.currentRow() == 2
    panel.player.pause()


def test_own_window_keeps_the_same_player_and_goes_back_on_close_and_on_lock(
        qtbot: QtBot, panel: TranscriptPanel) -> None:
    player = panel.player
    qtbot.mouseClick(panel.window_button, Qt.MouseButton.LeftButton)
    window = panel.own_window
    assert window is not None and window.isVisible() and window.isWindow()
    assert window.isAncestorOf(panel.table) and window.isAncestorOf(player)
    assert panel.player is player and panel.away.isVisible()
    assert "open in its own window" in panel.away.findChildren(QWidget)[0].property("text").lower()
    assert window.width() > panel.width() or window.height() > panel.height()
    assert "Core group" not in window.windowTitle()  # no record content in task bars
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    choose(qtbot, panel, 10)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # keys and the player work in the window
    qtbot.waitUntil(lambda: player.position() >= 15000, timeout=5000)
    player.pause()
    window.close()
    assert panel.own_window is None and panel.isAncestorOf(panel.table) and not panel.away.isVisible()
    assert panel.window_button.text() == "Open in its own window"
    panel.open_window()
    assert panel.own_window is not None
    panel.clear()  # lock: the window goes and everything decrypted with it
    assert panel.own_window is None and panel.isAncestorOf(panel.table)
    assert not player.loaded and panel.table.rowCount() == 0


@pytest.fixture
def text_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The app's text at `param` percent (its real look: font and style sheet), put back after."""
    font, sheet, palette = QFont(qapp.font()), qapp.styleSheet(), QPalette(qapp.palette())
    apply_appearance(qapp, AppSettings(text_scale_percent=int(request.param), theme="light"))
    yield int(request.param)
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _lines_fit(panel: TranscriptPanel) -> list[str]:
    """Rows whose words need more height than the row has at the column's width."""
    table = panel.table
    metrics = table.fontMetrics()
    short: list[str] = []
    for row in range(table.rowCount()):
        for column in (TEXT, 1):
            item = table.item(row, column)
            width = table.columnWidth(column) - 8
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                          item.text()).height()
            if needed > table.rowHeight(row):
                short.append(f"row {row} column {column}: {needed} > {table.rowHeight(row)}")
    return short


def _controls_problems(panel: TranscriptPanel, area: QWidget) -> list[str]:
    """Visible controls of the chosen line (and the list) that are outside `area` or clipped."""
    problems = []
    wanted: list[QWidget] = [panel.table, panel.hint, panel.text, panel.disputed, panel.important,
                             panel.speaker, panel.save_text_button, panel.assign_button,
                             panel.rename_button, panel.original_button]
    for widget in wanted:
        rect = _rect_in(widget, area)
        if not widget.isVisible() or not area.rect().adjusted(-1, -1, 1, 1).contains(rect):
            problems.append(f"{widget.accessibleName() or type(widget).__name__} at {rect}")
        if isinstance(widget, QAbstractButton | QCheckBox | QComboBox) \
                and widget.width() < widget.sizeHint().width() - 2:
            problems.append(f"{widget.accessibleName()} squeezed")
    return problems


@pytest.mark.parametrize("text_scale", [200], indirect=True)
def test_own_window_at_200_percent_on_1366x768_shows_lines_whole_and_every_control(
        qtbot: QtBot, text_scale: int, panel: TranscriptPanel) -> None:
    assert panel.table.font().pointSizeF() >= 23  # the app's 200% (24 pt)
    window = panel.open_window()
    window.showNormal()  # it opens maximised on the test's small screen; here it is a laptop's
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.size() == QSize(1366, 768), timeout=2000)
    choose(qtbot, panel, 2)
    qtbot.waitUntil(lambda: not panel.table._fit_timer.isActive(), timeout=2000)
    QApplication.processEvents()
    assert not panel.split.beside  # at 200% the list keeps the full width, controls under it
    assert _controls_problems(panel, window) == []
    assert _lines_fit(panel) == []
    assert not panel.table.horizontalScrollBar().isVisible()
    assert panel.table.viewport().height() >= 3 * panel.table.fontMetrics().lineSpacing()
    table_bottom = _rect_in(panel.table, window).bottom()
    assert 0 <= _rect_in(panel.text, window).top() - table_bottom < 40  # directly under the list
    header = panel.table.horizontalHeader()
    for column in range(4):
        title = panel.table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title) \
            or panel.table.isColumnHidden(column)


@pytest.mark.parametrize("text_scale", [200], indirect=True)
def test_in_the_meeting_at_200_percent_nothing_is_cut_off_sideways(
        qtbot: QtBot, services: Services, meeting: Meeting, text_scale: int) -> None:
    """In the meeting's section (a scroll area about 970 wide), the editor needs no sideways
    scrolling: its rows of buttons wrap, and the chosen line's controls follow the list."""
    widget = TranscriptPanel(services)
    area = scrolled(widget)
    qtbot.addWidget(area)
    area.resize(970, 730)
    area.show()
    widget.set_meeting(meeting.id)
    choose(qtbot, widget, 1)
    QApplication.processEvents()
    assert widget.minimumSizeHint().width() <= area.viewport().width()
    assert not area.horizontalScrollBar().isVisible()
    assert _controls_problems(widget, widget) == []
    assert _lines_fit(widget) == []
    assert _rect_in(widget.text, widget).top() > _rect_in(widget.table, widget).bottom()
    widget.clear()


def test_controls_sit_beside_the_list_when_wide_and_under_it_when_narrow(
        qtbot: QtBot, panel: TranscriptPanel) -> None:
    wide = panel.split.threshold()  # 100 average characters of the current font
    panel.resize(wide + 400, 700)
    qtbot.waitUntil(lambda: panel.split.beside, timeout=2000)
    qtbot.waitUntil(lambda: panel.controls.x() > panel.table.x(), timeout=2000)
    table, controls = _rect_in(panel.table, panel), _rect_in(panel.controls, panel)
    assert controls.left() > table.right() and controls.top() == table.top()
    assert _controls_problems(panel, panel) == []
    panel.resize(wide - 40, 700)
    qtbot.waitUntil(lambda: not panel.split.beside, timeout=2000)
    qtbot.waitUntil(lambda: panel.controls.y() > panel.table.y(), timeout=2000)  # laid out again
    table, controls = _rect_in(panel.table, panel), _rect_in(panel.controls, panel)
    assert controls.top() > table.bottom() and controls.left() == table.left()
    assert table.height() > controls.height() / 2  # the list keeps its share of the height


@pytest.mark.parametrize("text_scale", [100], indirect=True)
@pytest.mark.parametrize("room", [(625, 508), (619, 401)])
def test_in_the_meeting_at_100_percent_the_lines_get_most_of_the_room_and_all_controls_show(
        qtbot: QtBot, services: Services, meeting: Meeting, text_scale: int,
        room: tuple[int, int]) -> None:
    """The meeting's section on a 1366x768 laptop at 100% is 400 to 500 high and about 620
    wide: no scrolling, the chosen line's controls right under the list, and where there is
    room the list of lines is the largest part."""
    widget = TranscriptPanel(services)
    area = scrolled(widget)
    qtbot.addWidget(area)
    area.resize(*room)
    area.show()
    widget.set_meeting(meeting.id)
    choose(qtbot, widget, 1)
    qtbot.waitUntil(lambda: not widget.table._fit_timer.isActive(), timeout=2000)
    QApplication.processEvents()
    assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()
    assert _controls_problems(widget, area.viewport()) == []
    assert _lines_fit(widget) == []
    table = widget.table.height()
    assert table >= 4 * widget.table.fontMetrics().lineSpacing()
    if room[1] >= 500:
        others = [widget.player.height(), widget.controls.height(), widget.hint.height()]
        assert table > max(others) and table >= 0.38 * widget.height()
    widget.clear()
