"""The transcript editor's widgets and where they sit; no record logic (editing.py, panel.py).

Everything lives in `body`, so the whole editor, with its player, can move into a window of its
own and back. The list of lines takes all the height left over; the chosen line's controls sit
beside it when there is room, else directly under it; rows of buttons wrap instead of being cut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from familyrecord.services import Services
from familyrecord.ui.transcript.controls import LineControls
from familyrecord.ui.transcript.jobs import JobBar
from familyrecord.ui.transcript.layout import Adaptive, OwnWindow
from familyrecord.ui.transcript.player import AudioPlayer
from familyrecord.ui.transcript.segments import SegmentTable, StatusNote
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.sections import FlowLayout

# Side by side from this many average characters: the list keeps ~60 for the words.
SIDE_BY_SIDE_CHARS = 100


def flow(parent: QWidget, *widgets: QWidget) -> QWidget:
    row = QWidget(parent)
    layout = FlowLayout(row)
    for widget in widgets:
        layout.addWidget(widget)
    return row


def labelled(parent: QWidget, caption: str, widget: QWidget) -> QWidget:
    """A caption and its box that stay together when a row wraps."""
    pair = QWidget(parent)
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(caption, pair)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return pair


class TranscriptView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Recording and transcript"))
        self.body = QWidget(self)
        body = self.body
        self.recording = named(QComboBox(body), self.tr("Recording"))
        self.recording.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.recording.setMinimumContentsLength(14)
        self.add_button = button(self.tr("Add recording…"), body)  # shown while there is none
        self.resume_button = button(self.tr("Carry on transcribing"), body)
        self.window_button = button(self.tr("Open in its own window"), body)
        self.window_button.setToolTip(self.tr("More room for the transcript; the player comes along"))
        self.more_button = button(self.tr("More"), body, name=self.tr("More for this recording"))
        more = QMenu(self.more_button)
        self.add_action = more.addAction(self.tr("Add another recording…"))
        self.export_action = more.addAction(self.tr("Save transcript as…"))
        self.find_action = more.addAction(self.tr("Find and replace…"))
        self.more_button.setMenu(more)
        self.message = StatusNote(body)
        self.jobs = JobBar(services, body)
        self.player = AudioPlayer(body)

        self.find_text = named(QLineEdit(body), self.tr("Find in transcript"))
        self.find_text.setPlaceholderText(self.tr("Find…"))
        self.replace_text = named(QLineEdit(body), self.tr("Replace with"))
        self.replace_text.setPlaceholderText(self.tr("Replace with…"))
        self.find_button = button(self.tr("Find next"), body)
        self.replace_button = button(self.tr("Replace all"), body)
        self.find_done = button(self.tr("Done"), body, name=self.tr("Close find and replace"),
                                slot=lambda: self.show_find(False))
        self.find_row = flow(body, labelled(body, self.tr("Find:"), self.find_text), self.find_button,
                             labelled(body, self.tr("Replace with:"), self.replace_text),
                             self.replace_button, self.find_done)
        self.find_row.setVisible(False)
        self.find_action.triggered.connect(lambda: self.show_find(True))

        self.hint = QLabel(body)
        self.hint.setWordWrap(True)
        self.table = SegmentTable(body)
        self.controls = LineControls(body)
        self.split = Adaptive(self.table, self.controls, SIDE_BY_SIDE_CHARS, stretch=(3, 2), parent=body)
        self.split.flipped.connect(self._on_flipped)
        self._on_flipped(self.split.beside)
        # The chosen line's controls, under their old names (the panel's interface).
        self.speaker, self.text, self.original = (self.controls.speaker, self.controls.text,
                                                  self.controls.original)
        self.assign_button, self.rename_button = self.controls.assign_button, self.controls.rename_button
        self.save_text_button = self.controls.save_text_button
        self.original_button = self.controls.original_button
        self.disputed, self.important = self.controls.disputed, self.controls.important

        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.recording_pair = labelled(body, self.tr("Recording:"), self.recording)
        self.player.add_to_row(self.recording_pair, self.add_button, self.resume_button,
                               self.window_button, self.more_button)
        for widget in (self.message, self.jobs, self.player, self.find_row, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.split, 1)

        self.away = QWidget(self)  # what the meeting page shows while the editor has its own window
        away_text = QLabel(self.tr("The transcript is open in its own window."), self.away)
        away_text.setWordWrap(True)
        self.back_button = button(self.tr("Bring it back here"), self.away, slot=self.close_window)
        self.raise_button = button(self.tr("Show that window"), self.away, slot=self.raise_window)
        away_layout = QVBoxLayout(self.away)
        away_layout.addWidget(away_text)
        away_layout.addWidget(flow(self.away, self.raise_button, self.back_button))
        away_layout.addStretch(1)
        self.away.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body, 1)
        outer.addWidget(self.away, 1)
        self.own_window: OwnWindow | None = None
        self.window_button.clicked.connect(self.toggle_window)
        # Ctrl+Space plays from the chosen line anywhere in the editor, also in its own window.
        self.play_shortcut = QShortcut(QKeySequence("Ctrl+Space"), self.body)
        self.play_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def recording_id(self, index: int | None = None) -> str | None:
        """The attachment id of the recording at `index` (default: the one shown), if any.

        Asked only of items that hold an id: PySide6 6.12 drops a reference to None each time it
        hands back an empty QVariant (currentData() of an empty box), which on Python 3.11
        ends in a crash ("deallocating None") after a few thousand calls."""
        at = self.recording.currentIndex() if index is None else index
        if not 0 <= at < self.recording.count():
            return None
        return str(self.recording.itemData(at))

    def _on_flipped(self, beside: bool) -> None:
        self.controls.heading.setVisible(beside)
        self.controls.fit_text_box(beside=beside)

    def show_find(self, on: bool) -> None:
        self.find_row.setVisible(on)
        if on:
            self.find_text.setFocus()

    # ---- its own window ------------------------------------------------------------------------

    @property
    def in_own_window(self) -> bool:
        return self.own_window is not None

    def toggle_window(self) -> None:
        if self.own_window is None:
            self.open_window()
        else:
            self.close_window()

    def open_window(self) -> OwnWindow:
        """Move the whole editor, player included, into a window of its own."""
        if self.own_window is None:
            self.own_window = OwnWindow(self._window_closed, self)
            self.own_window.hold(self.body)
            self.away.setVisible(True)
            self.window_button.setText(self.tr("Close this window"))
            self.window_button.setAccessibleName(self.window_button.text())
            self.own_window.show_sized()
        self.raise_window()
        return self.own_window

    def raise_window(self) -> None:
        if self.own_window is not None:
            self.own_window.raise_()
            self.own_window.activateWindow()
            self.table.setFocus()

    def close_window(self) -> None:
        if self.own_window is not None:
            self.own_window.close()  # closeEvent puts the editor back

    def _window_closed(self) -> None:
        window, self.own_window = self.own_window, None
        if window is None:
            return
        window.release()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.body, 1)
        self.body.show()
        self.away.setVisible(False)
        self.window_button.setText(self.tr("Open in its own window"))
        self.window_button.setAccessibleName(self.window_button.text())
        window.deleteLater()
