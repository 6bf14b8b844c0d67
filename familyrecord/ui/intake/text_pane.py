"""The words of the file under review, with the words each suggestion came from marked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from familyrecord.services.intake import CHECK_NOTE, IntakeItem
from familyrecord.ui.widgets.common import named


def qt_position(text: str, index: int) -> int:
    """Where Python's `index` into `text` falls in the editor: it counts UTF-16 units and shows
    a Windows line end as one character."""
    prefix = text[: max(0, index)].replace("\r\n", "\n")
    return len(prefix.encode("utf-16-le")) // 2


class SourceText(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._marks: list[QTextEdit.ExtraSelection] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("The words in the file"))
        self.heading.setProperty("heading", 2)
        layout.addWidget(self.heading)
        self.check_note = QLabel(QCoreApplication.translate("intake", CHECK_NOTE))
        self.check_note.setWordWrap(True)
        font = self.check_note.font()
        font.setBold(True)
        self.check_note.setFont(font)
        self.check_note.setVisible(False)
        layout.addWidget(self.check_note)
        self.box = named(QPlainTextEdit(), self.tr("The words in the file"),
                         self.tr("Words a suggestion came from are marked. Choose a field to see its words."))
        self.box.setReadOnly(True)
        layout.addWidget(self.box, 1)

    def show_item(self, item: IntakeItem | None) -> None:
        self._text = item.text if item is not None else ""
        self.heading.setText(self.tr("The e-mail's words") if item is not None and item.kind == "email"
                             else self.tr("The words in the file"))
        self.box.setPlainText(self._text.replace("\r\n", "\n"))
        self.check_note.setVisible(item is not None and item.machine_read)
        if item is not None and not item.text.strip():
            self.box.setPlaceholderText(self._empty_words(item))
        else:
            self.box.setPlaceholderText("")
        mark = QTextCharFormat()
        colour = QColor("#fff1a8") if self._light() else QColor("#5c5120")
        mark.setBackground(colour)
        self._marks = []
        for suggestion in item.suggestions if item is not None else ():
            if 0 <= suggestion.start < suggestion.end:
                self._marks.append(self._selection(suggestion.start, suggestion.end, mark))
        self.box.setExtraSelections(self._marks)

    def _empty_words(self, item: IntakeItem) -> str:
        if not item.ok:
            return self.tr("No words could be read from this file.")
        if item.pages_to_read:
            return self.tr("The words in this picture have not been read yet. They will be read after "
                           "saving.")
        return self.tr("No words were found in this file.")

    def _light(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() > 128

    def _selection(self, start: int, end: int, style: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.box.document())
        cursor.setPosition(qt_position(self._text, start))
        cursor.setPosition(qt_position(self._text, end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = style
        return selection

    def show_span(self, start: int, end: int) -> None:
        """Select the words at [start, end) of the item's text and scroll them into view."""
        if not 0 <= start <= end <= len(self._text):
            return
        cursor = QTextCursor(self.box.document())
        cursor.setPosition(qt_position(self._text, start))
        cursor.setPosition(qt_position(self._text, end), QTextCursor.MoveMode.KeepAnchor)
        self.box.setTextCursor(cursor)
        self.box.ensureCursorVisible()

    def selected_words(self) -> str:
        return self.box.textCursor().selectedText().replace("\u2029", "\n")

    def clear(self) -> None:
        self.show_item(None)
