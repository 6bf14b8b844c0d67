"""The chosen line's controls: its words to correct, who was speaking, I dispute this, Important.

They sit beside the list when there is room and directly under it when there is not (layout.py);
the buttons flow onto more lines rather than being cut off. The panel fills them (`show`) and
acts on their signals; nothing here talks to the record.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from familyrecord.storage.transcripts import Segment
from familyrecord.transcription.export import clock
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.sections import FlowLayout


class LineControls(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("The chosen line"))
        self._shown_id: int | None = None
        self._shown_text = ""
        self._beside = False
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setProperty("heading", 2)
        self.text = named(QPlainTextEdit(self), self.tr("Text of this line"),
                          self.tr("Correct the words here, then press Save correction."))
        self.text.setTabChangesFocus(True)
        self.save_text_button = button(self.tr("Save correction"), self)
        self.original_button = button(self.tr("Show the machine's original"), self)
        self.original = QLabel(self)
        self.original.setWordWrap(True)
        self.original.setVisible(False)
        self.disputed = named(QCheckBox(self.tr("I dispute this"), self), self.tr("Mark as disputed"))
        self.important = named(QCheckBox(self.tr("Important"), self), self.tr("Mark as important"))
        self.speaker_label = QLabel(self.tr("Speaker:"), self)
        self.speaker = named(QComboBox(self), self.tr("Speaker of this line"))
        self.speaker.setEditable(True)
        self.speaker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.speaker.setMinimumContentsLength(10)
        self.speaker_label.setBuddy(self.speaker)
        self.assign_button = button(self.tr("Set speaker"), self)
        self.rename_button = button(self.tr("Rename everywhere…"), self,
                                    name=self.tr("Rename this speaker everywhere"))
        self.rename_button.setToolTip(self.tr("Give this speaker another name in every line"))
        self.disputed.setToolTip(self.tr("Key: D"))
        self.important.setToolTip(self.tr("Key: I"))
        self.speaker.setToolTip(self.tr("Key: S"))

        # The words first, right under (or beside) the list, with Save beside them; then one
        # flowing row of marks and speaker, which wraps onto more lines where it must.
        marks = QWidget(self)  # the two marks stay together when the row wraps
        marks_layout = QHBoxLayout(marks)
        marks_layout.setContentsMargins(0, 0, 0, 0)
        marks_layout.setSpacing(12)
        marks_layout.addWidget(self.disputed)
        marks_layout.addWidget(self.important)
        pair = QWidget(self)  # so does the caption with its box
        pair_layout = QHBoxLayout(pair)
        pair_layout.setContentsMargins(6, 0, 0, 0)
        pair_layout.addWidget(self.speaker_label)
        pair_layout.addWidget(self.speaker)
        row = QWidget(self)
        row_flow = FlowLayout(row, spacing=10)
        for widget in (marks, pair, self.assign_button, self.rename_button, self.original_button):
            row_flow.addWidget(widget)
        words = QHBoxLayout()
        words.addWidget(self.text, 1)
        words.addWidget(self.save_text_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(words, 1)
        layout.addWidget(row)
        layout.addWidget(self.original)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._even_heights()
        self.fit_text_box(beside=False)

    def _even_heights(self) -> None:
        """Boxes as tall as the buttons beside them, so a wrapped row lines up."""
        height = self.save_text_button.sizeHint().height()
        for widget in (self.disputed, self.important, self.speaker):
            widget.setMinimumHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._even_heights()
            self.fit_text_box(beside=self._beside)

    def fit_text_box(self, *, beside: bool) -> None:
        """Two lines to type in under the list; up to six beside it, where height is free."""
        self._beside = beside
        line = self.text.fontMetrics().lineSpacing()
        frame = 2 * self.text.frameWidth() + 20  # the border, padding and the page's margins
        self.text.setMinimumHeight(2 * line + frame)
        self.text.setMaximumHeight((6 if beside else 2) * line + frame)

    def show_segment(self, seg: Segment | None) -> None:
        """Show a line; words typed but not yet saved for this same line are kept."""
        typing = (seg is not None and seg.id == self._shown_id
                  and self.text.toPlainText() != self._shown_text)
        self._shown_id = seg.id if seg else None
        for box, value in ((self.disputed, seg.disputed if seg else False),
                           (self.important, seg.important if seg else False)):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.heading.setText(self.tr("Line at {0}").format(clock(seg.start)) if seg
                             else self.tr("Choose a line in the list"))
        if not typing:
            self.text.setPlainText(seg.text if seg else "")
        self._shown_text = seg.text if seg else ""
        self.speaker.setCurrentText(seg.speaker if seg else "")
        edited = seg is not None and seg.edited
        self.original.setText(self.tr("The machine heard: {0}").format(seg.original_text)
                              if seg else "")
        self.original_button.setEnabled(edited)
        if not edited and self.original.isVisible():
            self.toggle_original()

    def toggle_original(self) -> None:
        showing = not self.original.isVisible()
        self.original.setVisible(showing)
        self.original_button.setText(self.tr("Hide the machine's original") if showing
                                     else self.tr("Show the machine's original"))
        self.original_button.setAccessibleName(self.original_button.text())

    def set_enabled(self, has_line: bool) -> None:
        for widget in (self.speaker, self.assign_button, self.rename_button, self.text,
                       self.save_text_button, self.disputed, self.important):
            widget.setEnabled(has_line)
        if not has_line:
            self.original_button.setEnabled(False)

    def clear(self) -> None:
        self._shown_id, self._shown_text = None, ""
        self.speaker.clear()
        self.text.clear()
        self.original.clear()
        if self.original.isVisible():
            self.toggle_original()
        self.heading.setText(self.tr("Choose a line in the list"))
