"""Correcting a line's words in place: a wrapped text box over the line.

Enter saves, Shift+Enter starts a new line, Esc cancels; clicking elsewhere saves too, so typed
words are never lost. The delegate never writes the table itself: it reports the new words
(`committed`) and the panel saves them through the transcription service, which keeps the
machine's original.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class LineTextDelegate(QStyledItemDelegate):
    committed = Signal(int, str)  # row, words

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor: QPlainTextEdit | None = None
        self._filled: QPlainTextEdit | None = None  # the editor whose words are already in

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setAccessibleName(self.tr("Correct the words of this line"))
        editor.setAccessibleDescription(self.tr("Enter saves, Escape cancels, Shift+Enter starts a "
                                                "new line."))
        editor.setTabChangesFocus(True)
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        editor.installEventFilter(self)
        self._editor = editor
        editor.destroyed.connect(self._forget)
        return editor

    def _forget(self) -> None:
        self._editor = None
        self._filled = None

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        # Filled once: the view calls this again whenever the line's item changes (the player's
        # highlight, new lines arriving), which must not undo what is being typed.
        if isinstance(editor, QPlainTextEdit) and editor is not self._filled:
            self._filled = editor
            editor.setPlainText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        # Deliberately not model.setData: the panel saves through the service and refreshes the row.
        if isinstance(editor, QPlainTextEdit):
            self.committed.emit(index.row(), editor.toPlainText().strip())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        # Tall enough for the words and a line more, so a correction has room to grow.
        rect = option.rect
        metrics = editor.fontMetrics()
        margins = 24  # border, padding and the text page's margins
        words = metrics.boundingRect(QRect(0, 0, max(1, rect.width() - margins), 100_000),
                                     Qt.TextFlag.TextWordWrap,
                                     str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        rect.setHeight(max(rect.height(), words.height() + metrics.lineSpacing() + margins))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QPlainTextEdit) and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if plain_enter:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(watched, event)

    def cancel(self) -> None:
        """Close an open correction without saving it (the lines were reloaded or cleared)."""
        if self._editor is not None:
            editor, self._editor = self._editor, None
            editor.removeEventFilter(self)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
