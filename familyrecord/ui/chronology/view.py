"""The chronology view: a filterable table of dated rows and a horizontal timeline.

The family can add rows by hand, reword a row, move it within its day and leave it out of
exports. Every change is saved through the export layer's edit functions (records in the
vault), then the rows are rebuilt from the vault.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.export.options import ExportOptions
from familyrecord.records.enums import Significance
from familyrecord.services import Services
from familyrecord.ui.chronology.model import (
    SIGNIFICANCE_TEXT,
    ChronologyModel,
    Timeline,
    configure_table,
    tr,
)
from familyrecord.ui.widgets.common import QT_DATE
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.sections import FlowLayout
from familyrecord.views.chronology import (
    ROW_KIND_LABELS,
    ChronologyFilter,
    ChronologyRow,
    RowKind,
    filtered,
)

# Below this many average characters across the table, the less needed columns step aside.
NARROW_CHARS = 100
# Below this many, who was there steps aside too (it is in each row's tooltip).
VERY_NARROW_CHARS = 75
# The share of the page's height on screen that the rows get.
TABLE_SHARE = 0.6


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _together(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Keep a label and its control on the same line when the row wraps."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return holder


class ChronologyView(QWidget):
    """Shows the chronology. `clear()` drops everything decrypted (called on lock)."""

    open_record = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._all: list[ChronologyRow] = []
        self.setAccessibleName(tr("Chronology"))
        layout = QVBoxLayout(self)
        # Filters and buttons wrap onto more lines (not off the edge) at large text or narrow windows;
        # there the filters fold away behind "Filters" so the rows keep the screen.
        top = QHBoxLayout()
        self.filters_button = QPushButton(tr("Filters"), self)
        self.filters_button.setAccessibleName(tr("Show the filters"))
        self.filters_button.setCheckable(True)
        self.filters_button.toggled.connect(self._show_filters)
        self.filters_button.clicked.connect(self._filters_chosen)
        self.shown_count = QLabel(self)
        self.shown_count.setAccessibleName(tr("How many rows are shown"))
        self.shown_count.setWordWrap(True)
        top.addWidget(self.filters_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.shown_count, 1)
        layout.addLayout(top)
        self.filter_box = self._filters()
        layout.addWidget(self.filter_box)
        self._filters_by_hand = False  # once the person opens or folds them, that choice stays
        self.timeline = Timeline(self)
        layout.addWidget(self.timeline)
        self.model = ChronologyModel(self._set_text, self._set_included, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Chronology rows"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        configure_table(self.table)
        # Enough room for a few wrapped rows even with large text (fit_height gives it more).
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(self._double_clicked)
        self.timeline.row_clicked.connect(self.table.selectRow)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._buttons())
        layout.addLayout(self._add_form())
        self.message = QLabel(self)
        self.message.setAccessibleName(tr("Message"))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    # ---- building ----------------------------------------------------------------------------

    def _show_filters(self, shown: bool) -> None:
        self.filter_box.setVisible(shown)
        self.filters_button.setAccessibleName(tr("Hide the filters") if shown else tr("Show the filters"))

    def _filters_chosen(self) -> None:
        self._filters_by_hand = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        if not self._filters_by_hand:
            wide = event.size().width() >= NARROW_CHARS * self.fontMetrics().averageCharWidth()
            self.filters_button.setChecked(wide)
            self._show_filters(wide)
        super().resizeEvent(event)

    def _filters(self) -> QWidget:
        box = QWidget(self)
        row = FlowLayout(box, spacing=8)
        self.child_filter = QComboBox(self)
        self.child_filter.setAccessibleName(tr("Which child"))
        self.type_filter = QComboBox(self)
        self.type_filter.setAccessibleName(tr("Kind of entry"))
        self.type_filter.addItem(tr("Every kind"), None)
        for kind, label in ROW_KIND_LABELS.items():
            self.type_filter.addItem(tr(label), kind)
        self.significance_filter = QComboBox(self)
        self.significance_filter.setAccessibleName(tr("Importance"))
        for text, level in ((tr("All rows"), Significance.LOW),
                            (tr("Normal and high importance"), Significance.NORMAL),
                            (tr("High importance only"), Significance.HIGH)):
            self.significance_filter.addItem(text, level)
        self.use_from = QCheckBox(tr("From"), self)
        self.use_from.setAccessibleName(tr("Only rows from a date"))
        self.date_from = QDateEdit(self)
        self.date_from.setAccessibleName(tr("From date"))
        self.date_from.setCalendarPopup(True)
        self.date_from.setDisplayFormat(QT_DATE)
        self.use_to = QCheckBox(tr("To"), self)
        self.use_to.setAccessibleName(tr("Only rows up to a date"))
        self.date_to = QDateEdit(_qdate(date.today()), self)
        self.date_to.setAccessibleName(tr("To date"))
        self.date_to.setCalendarPopup(True)
        self.date_to.setDisplayFormat(QT_DATE)
        self.show_left_out = QCheckBox(tr("Show rows left out"), self)
        self.show_left_out.setAccessibleName(tr("Show rows left out of exports"))
        self.show_left_out.setChecked(True)
        for widget in (self.child_filter, self.type_filter, self.significance_filter):
            row.addWidget(widget)
            widget.currentIndexChanged.connect(self.apply_filters)
        for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            row.addWidget(_together(box, check, edit))
            check.toggled.connect(self.apply_filters)
            edit.dateChanged.connect(self.apply_filters)
        row.addWidget(self.show_left_out)
        self.show_left_out.toggled.connect(self.apply_filters)
        return box

    def _buttons(self) -> QWidget:
        box = QWidget(self)
        row = FlowLayout(box, spacing=8)
        self.up_button = QPushButton(tr("Move up within the day"), self)
        self.down_button = QPushButton(tr("Move down within the day"), self)
        self.open_button = QPushButton(tr("Open where it comes from"), self)
        self.remove_button = QPushButton(tr("Delete a row I added"), self)
        self.save_button = QPushButton(tr("Save as a Word table or CSV…"), self)
        for button, slot in ((self.up_button, lambda: self._move(-1)),
                             (self.down_button, lambda: self._move(1)),
                             (self.open_button, self._open_selected),
                             (self.remove_button, self._remove_selected),
                             (self.save_button, self._choose_file)):
            button.setAccessibleName(button.text())
            button.clicked.connect(slot)
            row.addWidget(button)
        # The chosen row's importance and whether the family disputes it (saved as overrides).
        self.importance_label = QLabel(tr("How important:"), box)
        self.row_significance = QComboBox(box)
        self.row_significance.setAccessibleName(tr("How important the chosen row is"))
        for level in (Significance.LOW, Significance.NORMAL, Significance.HIGH):
            self.row_significance.addItem(tr(SIGNIFICANCE_TEXT[level]), level)
        self.importance_label.setBuddy(self.row_significance)
        self.row_disputed = QCheckBox(tr("The family disputes this"), box)
        self.row_disputed.setAccessibleName(tr("The family disputes the chosen row"))
        row.addWidget(_together(box, self.importance_label, self.row_significance))
        row.addWidget(self.row_disputed)
        self.row_significance.activated.connect(self._set_significance)
        self.row_disputed.clicked.connect(self._set_disputed)
        self._selection_changed()
        return box

    def _add_form(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(tr("Add a row:"), self)
        self.new_date = QDateEdit(_qdate(date.today()), self)
        self.new_date.setAccessibleName(tr("Date of the new row"))
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat(QT_DATE)
        self.new_text = QLineEdit(self)
        self.new_text.setAccessibleName(tr("What happened"))
        self.new_text.setPlaceholderText(tr("What happened, in a sentence or two"))
        self.add_button = QPushButton(tr("Add"), self)
        self.add_button.setAccessibleName(tr("Add the row"))
        self.add_button.clicked.connect(self._add)
        for widget in (label, self.new_date, self.new_text):
            row.addWidget(widget)
        row.setStretchFactor(self.new_text, 1)
        row.addWidget(self.add_button)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_columns()
        return super().eventFilter(watched, event)

    def _share_columns(self) -> None:
        """The wording keeps at least half the width. When that is not enough (large text, a
        narrow window), number, source and importance step aside, then who: the wording and the
        date matter most, the chosen row's importance is below the table and each row's tooltip
        names all."""
        chars = self.table.fontMetrics().averageCharWidth()
        across = self.table.viewport().width()
        for column in (ChronologyModel.COL_NO, ChronologyModel.COL_SOURCE, ChronologyModel.COL_IMPORTANCE):
            self.table.setColumnHidden(column, across < NARROW_CHARS * chars)
        self.table.setColumnHidden(ChronologyModel.COL_WHO, across < VERY_NARROW_CHARS * chars)
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in (ChronologyModel.COL_NO, ChronologyModel.COL_DATE,
                                                     ChronologyModel.COL_IMPORTANCE,
                                                     ChronologyModel.COL_INCLUDED)
                    if not self.table.isColumnHidden(c))
        share = (self.table.viewport().width() - fixed) // 4
        for column, wanted in ((ChronologyModel.COL_WHO, 16), (ChronologyModel.COL_SOURCE, 18)):
            header.resizeSection(column, min(wanted * chars, max(share, 9 * chars)))

    def fit_height(self, room: int) -> None:
        """Give the rows most of `room` (the height the page has on screen): several rows show
        even at 200% text, and the buttons below are reached by scrolling the page."""
        lines = self.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(max(lines * 8, int(room * TABLE_SHARE)))

    # ---- the interface the main window uses --------------------------------------------------

    def refresh(self) -> None:
        """Rebuild every row from the vault and show them with the current filters."""
        current = self.child_filter.currentData()
        self.child_filter.blockSignals(True)
        self.child_filter.clear()
        self.child_filter.addItem(tr("All the children"), None)
        for child in self._services.children():
            self.child_filter.addItem(child.name, child.id)
        found = self.child_filter.findData(current)
        self.child_filter.setCurrentIndex(max(found, 0))
        self.child_filter.blockSignals(False)
        self._all = self._services.chronology.rows()
        self.apply_filters()

    def clear(self) -> None:
        """Forget every decrypted row (the record is being locked)."""
        self._all = []
        self.model.set_rows([])
        self.timeline.set_rows([])
        self.child_filter.clear()
        self.shown_count.clear()
        self.new_text.clear()
        self.message.clear()

    def current_filter(self) -> ChronologyFilter:
        child = self.child_filter.currentData()
        kind = self.type_filter.currentData()
        return ChronologyFilter(
            date_from=_pydate(self.date_from.date()) if self.use_from.isChecked() else None,
            date_to=_pydate(self.date_to.date()) if self.use_to.isChecked() else None,
            child_ids=(child,) if child else (), kinds=(RowKind(kind),) if kind else (),
            min_significance=self.significance_filter.currentData() or Significance.LOW,
            include_excluded=self.show_left_out.isChecked())

    def apply_filters(self) -> None:
        chosen = self.current_filter()
        rows = [r for r in self._all if chosen.accepts(r)]
        shown = filtered(rows, ChronologyFilter(include_excluded=True))
        self.model.set_rows(shown)
        self.timeline.set_rows([r for r in shown if r.included])
        self.shown_count.setText(tr("Showing all %1 rows.").replace("%1", str(len(shown)))
                                 if len(shown) == len(self._all) else
                                 tr("Showing %1 of %2 rows.").replace("%1", str(len(shown)))
                                 .replace("%2", str(len(self._all))))
        self._selection_changed()

    # ---- edits -------------------------------------------------------------------------------

    def _selected(self) -> ChronologyRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _changed(self, message: str) -> None:
        """A change was saved: say so and rebuild the rows from the vault."""
        self.message.setText(message)
        self.refresh()

    def _guard(self, work: Callable[[], object]) -> bool:
        """Run one save; a problem the family can fix is shown, not raised."""
        try:
            work()
        except UserError as exc:
            self.message.setText(error_text(exc))
            return False
        return True

    def _set_text(self, row: ChronologyRow, text: str) -> None:
        if self._guard(lambda: self._services.chronology.set_text(row, text)):
            self._changed(tr("Saved your wording. The original record is unchanged."))

    def _set_included(self, row: ChronologyRow, included: bool) -> None:
        if self._guard(lambda: self._services.chronology.set_included(row, included)):
            self._changed(tr("This row will go into exports.") if included
                      else tr("This row is left out of exports."))

    def _move(self, step: int) -> None:
        row = self._selected()
        if row is None:
            self.message.setText(tr("Choose a row first."))
            return
        moved = self._services.chronology.move_within_day(self._all, row.key, step)
        if not moved:
            self.message.setText(tr("It is already first or last on its day."))
            return
        self._changed(tr("Moved."))
        self._select_key(row.key)

    def _select_key(self, key: str) -> None:
        """Choose the row with this key again after the rows were rebuilt."""
        for n, each in enumerate(self.model.rows()):
            if each.key == key:
                self.table.selectRow(n)

    def _selection_changed(self, *_args: QItemSelection) -> None:
        """Show the chosen row's importance and disputed flag; nothing chosen, nothing to change."""
        row = self._selected()
        for widget in (self.importance_label, self.row_significance, self.row_disputed):
            widget.setEnabled(row is not None)
        if row is None:
            return
        self.row_significance.setCurrentIndex(self.row_significance.findData(row.significance))
        self.row_disputed.setChecked(row.disputed)

    def _set_significance(self, _index: int = 0) -> None:
        row = self._selected()
        data = self.row_significance.currentData()
        if row is None or data is None:
            return
        level = Significance(data)  # Qt hands the enum back as its plain string value
        if level is row.significance:
            return
        if self._guard(lambda: self._services.chronology.set_significance(row, level)):
            self._changed(tr("Saved how important this row is. The original record is unchanged."))
            self._select_key(row.key)

    def _set_disputed(self, checked: bool) -> None:
        row = self._selected()
        if row is None or checked == row.disputed:
            return
        if self._guard(lambda: self._services.chronology.set_disputed(row, checked)):
            self._changed(tr("Marked as disputed by the family.") if checked
                          else tr("No longer marked as disputed."))
            self._select_key(row.key)

    def _add(self) -> None:
        text = self.new_text.text().strip()
        if not text:
            self.message.setText(tr("Please write what happened first."))
            return
        if self._guard(lambda: self._services.chronology.add_manual_row(_pydate(self.new_date.date()), text)):
            self.new_text.clear()
            self._changed(tr("Row added."))

    def _remove_selected(self) -> None:
        row = self._selected()
        if row is None or not row.manual:
            self.message.setText(tr("Only rows you added can be deleted; others can be left out."))
            return
        if self._guard(lambda: self._services.chronology.remove_manual_row(row)):
            self._changed(tr("Row deleted."))

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Save the chronology"), tr("chronology.docx"),
            tr("Word table (*.docx);;Spreadsheet (*.csv)"))
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, destination: Path) -> bool:
        """Save the rows that pass the current filters (child, kind, dates) as DOCX or CSV."""
        chosen = self.current_filter()
        options = ExportOptions(date_from=chosen.date_from, date_to=chosen.date_to,
                                child_ids=list(chosen.child_ids), kinds=list(chosen.kinds))
        if not self._guard(lambda: self._services.exports.chronology(options, destination)):
            return False
        self.message.setText(tr("Saved to {path}. Family court papers are confidential: share it "
                                "only with your solicitor, advocate or the court.").format(path=destination))
        return True

    def _open_selected(self) -> None:
        row = self._selected()
        if row is not None and row.source_id:
            self.open_record.emit(row.source_id)

    def _double_clicked(self, index: object) -> None:
        if getattr(index, "column", lambda: -1)() != ChronologyModel.COL_TEXT:
            self._open_selected()
