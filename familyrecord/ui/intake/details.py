"""The middle of the review window: what one file is, its notes, the suggested fields, the dates
its text mentions and the files inside it, with Accept and Skip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from familyrecord.services import Services
from familyrecord.ui.intake.form import SuggestionForm
from familyrecord.ui.intake.hints import attachment_line, breakable, date_line
from familyrecord.ui.intake.rows import ReviewRow, RowState, tr
from familyrecord.ui.widgets.errors import tr as tr_error


def _label(parent: QWidget, *, heading: int = 0) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    if heading:
        label.setProperty("heading", heading)
    return label


class DownScroll(QScrollArea):
    """Scrolls down only. Its content is as wide as the view and as tall as that width needs:
    QScrollArea alone sizes it by its size hint, a few pixels short once labels wrap."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        content = self.widget()
        if content is not None and content.hasHeightForWidth():
            content.setMinimumHeight(content.heightForWidth(self.viewport().width()))


class ItemDetails(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("The file you are checking"))
        layout = QVBoxLayout(self)
        self.title = _label(self, heading=2)
        self.state = _label(self)
        self.notes = _label(self)
        self.notes.setProperty("fieldError", True)
        self.form = SuggestionForm(services, self)
        self.dates_title = _label(self)
        self.dates_title.setText(self.tr("Dates in the text:"))
        self.dates = _label(self)
        self.files_title = _label(self)
        self.files_title.setText(self.tr("Files inside this e-mail (kept with it):"))
        self.files = _label(self)
        for widget in (self.title, self.state, self.notes, self.form, self.dates_title, self.dates,
                       self.files_title, self.files):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_row(None)

    def show_row(self, row: ReviewRow | None) -> None:
        """Show one row: its item's suggestions with the person's edits over them."""
        item = row.item if row is not None else None
        self.title.setText(breakable(row.name) if row is not None else self.tr("Nothing to check yet"))
        self.state.setText(row.state_text() if row is not None else self.tr(
            "Add letters, e-mails, photos or scans of letters: they appear in the list, one a row."))
        notes = [tr_error(item.error)] if item is not None and item.error else []
        if item is not None and not item.ok:
            notes.append(tr("You can still keep the file: fill in the date and the subject, then press "
                            "Accept."))
        notes += [tr(w) for w in (item.warnings if item is not None else ())]
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.form.load(item, row.edits if row is not None else None)
        dates = ["• " + date_line(m) for m in (item.dates if item is not None else ())]
        self.dates.setText("\n".join(dates))
        for widget in (self.dates_title, self.dates):
            widget.setVisible(bool(dates))
        files = ["• " + attachment_line(a) for a in (item.attachments if item is not None else ())]
        self.files.setText(breakable("\n".join(files)))
        for widget in (self.files_title, self.files):
            widget.setVisible(bool(files))
        self.set_actions(row)

    def set_actions(self, row: ReviewRow | None) -> None:
        self.form.setEnabled(row is not None and row.is_open)
        if row is not None:
            self.state.setText(row.state_text())
            # A file that could not be read says why in the notes below; ready ones need no words.
            self.state.setVisible(row.state not in (RowState.READY, RowState.FAILED) or bool(row.problem)
                                  or (row.state == RowState.READY and row.pictures_wait))
