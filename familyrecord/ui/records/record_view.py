"""A list of one record type beside its detail pane: add, edit, archive, files.

The list is a lazy table model behind a sort/filter proxy; the detail pane shows the record's
form pages as tabs, a Files tab, its History, and (for a form `with_recording`, meetings) the
recording and transcript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.records.models import Record, ValidationError
from familyrecord.services import Services
from familyrecord.ui.documents.attachments import AttachmentsPanel, dropped_files
from familyrecord.ui.records.columns import ColumnFitter
from familyrecord.ui.records.feedback import OneLineTitle, StatusLine
from familyrecord.ui.records.forms.base import FieldEntryProblem, RecordForm
from familyrecord.ui.records.history import HistoryPanel
from familyrecord.ui.records.table_model import RecordFilterModel, RecordTableModel
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.sections import SectionTabs

if TYPE_CHECKING:
    from familyrecord.ui.transcript.panel import TranscriptPanel


@dataclass(frozen=True)
class KindSpec:
    """How one record type is presented: names, empty state, its form."""

    form: type[RecordForm]
    plural: str
    add_text: str
    empty_text: str
    new_title: str
    transcript: bool = False


class RecordEditor(QWidget):
    """The detail pane: a record's pages as tabs, its files, and Save / Archive."""

    saved = Signal(object)  # Record
    new_requested = Signal(object)  # an unsaved Record to open in its own list

    def __init__(self, services: Services, spec: KindSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.spec = spec
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = OneLineTitle()
        self.title.setProperty("heading", 2)
        layout.addWidget(self.title)
        self.form = spec.form(services)
        self.form.new_requested.connect(self.new_requested)
        self.tabs = named(SectionTabs(), spec.plural)
        for title, page in self.form.pages:
            self.tabs.addTab(page, title)
        self.files = AttachmentsPanel(services)
        self.files.imported.connect(lambda _attachment: self.form.refresh_files())
        self.tabs.addTab(self.files, self.tr("Files"))
        self.history = HistoryPanel(services)
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.currentChanged.connect(self._page_changed)
        self.transcript: TranscriptPanel | None = None
        if spec.transcript:
            from familyrecord.ui.transcript.panel import TranscriptPanel

            self.transcript = TranscriptPanel(services)
            self.tabs.addTab(scrolled(self.transcript), self.tr("Recording and transcript"))
        layout.addWidget(self.tabs, 1)
        self.message = StatusLine()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.save_button = button(self.tr("Save"), self, slot=self.save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.archive_button = button(self.tr("Archive"), self, slot=self.toggle_archive)
        self.revert_button = button(self.tr("Undo changes"), self, slot=self.revert)
        for widget in (self.save_button, self.revert_button, self.archive_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)

    def show_record(self, record: Record | None) -> None:
        shown = self.form.record
        same = record is not None and shown is not None and shown.id == record.id
        self.form.load(record)
        current = self.form.record
        assert current is not None
        is_new = current.created_at is None
        self.title.set_title(self.spec.new_title if is_new else current.summary())
        self.archive_button.setEnabled(not is_new)
        self.archive_button.setText(self.tr("Bring back from archive") if current.archived
                                    else self.tr("Archive"))
        self.archive_button.setAccessibleName(self.archive_button.text())
        self.files.set_record(current)
        self.history.set_record(current)
        if self.transcript is not None:
            self.transcript.set_meeting(None if is_new else current.id)
        if not same:  # another record opens at the top; the one just saved stays where it was
            self.message.clear()
            self.tabs.setCurrentIndex(0)
            self.form.scroll_to_top()

    def _page_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history:
            self.history.load()  # only read the journal when someone looks

    def save(self) -> Record | None:
        """Save the form's record; a field it cannot read or a missing detail is pointed at."""
        self.form.clear_errors()
        try:
            saved = self.form.save_record(self.form.collect())
        except ValidationError as exc:
            binding = self.form.bindings.get(exc.field_name)
            if binding is not None:
                self.tabs.setCurrentIndex(binding.page)  # first, so the field can take the focus
                inner = exc.widget if isinstance(exc, FieldEntryProblem) else None
                self.form.point_at(exc.field_name, exc.message, inner)
            self.message.say(self.tr("Not saved yet: %1").replace("%1", exc.message))
            return None
        except UserError as exc:
            self.message.say(error_text(exc))
            return None
        self.show_record(saved)
        self.saved.emit(saved)  # the list shows the change (and this record again)
        note = self.form.save_note
        self.message.say(self.tr("Saved.") + (f" {note}" if note else ""), fade=True)
        return saved

    def revert(self) -> None:
        record = self.form.record
        if record is not None and record.created_at is not None:
            record = self.services.get(record.id)
        self.show_record(record if record is not None and record.created_at is not None else None)

    def toggle_archive(self) -> None:
        record = self.form.record
        if record is None or record.created_at is None:
            return
        updated = self.services.archive(record, not record.archived)
        self.show_record(updated)
        self.message.say(self.tr("Moved to the archive. Tick \"Show archived\" to see it again.")
                         if updated.archived else self.tr("Brought back from the archive."), fade=True)
        self.saved.emit(updated)

    def clear(self) -> None:
        self.form.clear()
        self.files.clear()
        self.history.clear()
        if self.transcript is not None:
            self.transcript.clear()
        self.title.set_title("")
        self.message.clear()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.files)
            self.files.add_files(files)


class RecordListView(QWidget):
    """One record type: filter, list, and the detail pane."""

    new_requested = Signal(object)  # an unsaved Record of another type to open in its list

    def __init__(self, services: Services, record_type: type[Record], spec: KindSpec,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.record_type = record_type
        self.spec = spec
        self.model = RecordTableModel(services, record_type)
        self.proxy = RecordFilterModel(self.model)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = button(spec.add_text, self, slot=lambda: self.new_record())
        self.filter = named(QLineEdit(), self.tr("Filter %1").replace("%1", spec.plural.lower()))
        self.filter.setPlaceholderText(self.tr("Filter this list"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.archived = named(QCheckBox(self.tr("Show archived")), self.tr("Show archived"))
        self.archived.toggled.connect(self._toggle_archived)
        bar.addWidget(self.add_button)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.archived)
        layout.addLayout(bar)
        if record_type.KIND == "correspondence":  # many letters and e-mails at once: ui/intake (U6)
            def add_letters() -> None:
                from familyrecord.ui.intake import open_intake

                open_intake(self, services).saved.connect(self.refresh, Qt.ConnectionType.UniqueConnection)

            self.intake_button = button(self.tr("Add letters and e-mails…"), self, slot=add_letters)
            bar.insertWidget(1, self.intake_button)
        from familyrecord.ui.widgets.adaptive import AdaptiveSplitter  # U2: wrapped words keep their height

        self.splitter: QSplitter = AdaptiveSplitter(arrange_itself=False)
        self.table = named(QTableView(), spec.plural)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the vault's newest-first order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.verticalHeader().setVisible(False)
        self.fitter = ColumnFitter(self.table, self.model.columns, self._sample)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.splitter.addWidget(self.table)
        self.detail = QStackedWidget()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setProperty("emptyState", True)
        self.editor = RecordEditor(services, spec)
        self.editor.saved.connect(self._on_saved)
        self.editor.new_requested.connect(self.new_requested)
        self.detail.addWidget(self.empty)
        self.detail.addWidget(self.editor)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._split_sized = False  # the first real size sets the split, later the user's drag rules
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.add_button, self.filter)
        self.setTabOrder(self.filter, self.archived)
        self.setTabOrder(self.archived, self.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange()
        super().resizeEvent(event)

    def _arrange(self) -> None:
        """Side by side when there is room for the form and the list's always-shown columns;
        list above the entry with large text or a narrow window."""
        list_share = self.width() * 2 // 5
        wide = (self.width() >= 120 * self.fontMetrics().averageCharWidth()
                and self.fitter.side_by_side_width() <= list_share)
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation or not self._split_sized:
            self._split_sized = True
            self.splitter.setOrientation(orientation)
            lines = self.fontMetrics().height()
            self.table.setMinimumHeight(0 if wide else lines * 6)
            total = self.width() if wide else self.height()
            self.splitter.setSizes([list_share, self.width() - list_share] if wide
                                   else [total // 4, total * 3 // 4])
            # Once the new sizes are laid out, keep the chosen entry in sight.
            QTimer.singleShot(0, lambda: self.table.scrollTo(self.table.currentIndex()))

    def _sample(self, column: int) -> object:
        """A raw value of a column (from the first row loaded), to tell dates from text."""
        if self.model.rowCount() == 0:
            return None
        return self.model.columns[column].value(self.model.record_at(0))

    def refresh(self) -> None:
        self.model.reload()
        self._arrange()
        self.fitter.fit()
        self._show_empty()

    def _show_empty(self) -> None:
        if self.detail.currentWidget() is self.editor and self.editor.form.record is not None:
            return
        self.empty.setText(self.spec.empty_text if self.model.total == 0 else
                           self.tr("Choose an entry from the list to see it, or add a new one."))
        self.detail.setCurrentWidget(self.empty)

    def _toggle_archived(self, on: bool) -> None:
        self.model.include_archived = on
        self.refresh()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        self.open_record(self.model.record_at(source.row()), select=False)

    def new_record(self, prefilled: Record | None = None) -> None:
        """A new entry (or `prefilled`, unsaved), at the top of its form with the first field focused."""
        self.table.clearSelection()
        self.editor.show_record(prefilled)
        self.detail.setCurrentWidget(self.editor)
        first = self.editor.form.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_record(self, record: Record, select: bool = True) -> None:
        self.editor.show_record(record)
        self.detail.setCurrentWidget(self.editor)
        if select:
            row = self.model.row_of(record.id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(True)
                self.table.setCurrentIndex(index)
                self.table.selectionModel().blockSignals(False)
                self.table.scrollTo(index)

    def _on_saved(self, record: Record) -> None:
        hidden = record.archived and not self.model.include_archived
        if self.model.row_of(record.id) >= 0 and not hidden:
            self.model.replace_record(record)
        else:
            self.model.reload()
        self.open_record(record)

    def clear(self) -> None:
        """Drop every decrypted record from the list and the form (on lock)."""
        self.filter.clear()
        self.model.clear()
        self.editor.clear()
        self.empty.clear()
        self.detail.setCurrentWidget(self.empty)


class RecordArea(QWidget):
    """A navigation item: one record type, or several as tabs (People and children, say)."""

    def __init__(self, services: Services, heading: str, intro: str,
                 kinds: list[tuple[type[Record], KindSpec]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(heading)
        layout = QVBoxLayout(self)
        title = QLabel(heading)
        title.setProperty("heading", 1)
        layout.addWidget(title)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        self.views = [RecordListView(services, cls, spec) for cls, spec in kinds]
        for list_view in self.views:
            list_view.new_requested.connect(self.start_new)
        self.tabs: SectionTabs | None = None  # wrap onto a second line at large text, never scroll
        if len(self.views) == 1:
            layout.addWidget(self.views[0], 1)
        else:
            self.tabs = named(SectionTabs(), heading)
            for view in self.views:
                self.tabs.addTab(view, view.spec.plural)
            layout.addWidget(self.tabs, 1)

    def heightForWidth(self, width: int) -> int:
        """When the least height that shows everything fits the room (the viewport of the scroll
        area holding this area), ask for no more: the entry's own pages scroll and Save stays in
        sight. When it does not fit (large text), the whole area scrolls at its natural height."""
        layout = self.layout()
        if layout is None:
            return -1
        least = layout.totalMinimumHeightForWidth(width)
        holder = self.parentWidget()
        room = holder.height() if holder is not None else 0
        return least if least <= room else layout.totalHeightForWidth(width)

    def view_for(self, record_type: type[Record]) -> RecordListView | None:
        for view in self.views:
            if view.record_type is record_type:
                return view
        return None

    def open_record(self, record: Record) -> None:
        view = self.view_for(type(record))
        if view is None:
            return
        if self.tabs is not None:
            self.tabs.setCurrentWidget(view)
        view.open_record(record)

    def start_new(self, record: Record) -> None:
        """Open an unsaved record (a session logged from its arrangement) in its own list here."""
        view = self.view_for(type(record))
        if view is None:
            return
        if self.tabs is not None:
            self.tabs.setCurrentWidget(view)
        view.new_record(record)

    def refresh(self) -> None:
        for view in self.views:
            view.refresh()

    def clear(self) -> None:
        for view in self.views:
            view.clear()
