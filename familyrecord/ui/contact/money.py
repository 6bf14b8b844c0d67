"""Money owed: allowances and payments due against what arrived, with running arrears per
kind and in all (`services.kinship.money_statement`), and the statement as a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import short_date
from familyrecord.services import Services
from familyrecord.ui.contact.attendance import GrowingTable
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import label
from familyrecord.views.money import MoneyStatement, pounds

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(columns: list[str], name: str) -> GrowingTable:
    table = named(GrowingTable(), name)
    table.setColumnCount(len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _set_row(table: QTableWidget, row: int, cells: tuple[str, ...], money_from: int) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if column >= money_from:
            item.setTextAlignment(RIGHT)
        table.setItem(row, column, item)


class MoneyView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.statement: MoneyStatement | None = None
        self.setAccessibleName(self.tr("Money owed"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        row = QHBoxLayout()
        self.total = QLabel()
        self.total.setProperty("heading", 2)
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.total, 1)
        self.csv_button = button(self.tr("Save as a spreadsheet (CSV)…"), self, slot=self.save_csv)
        row.addWidget(self.csv_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.empty = QLabel(self.tr("No money due or received yet. Add allowances and payments "
                                    "under \"Money\": what was due, and what arrived."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        self.kinds = _table([self.tr("What"), self.tr("Due"), self.tr("Received"),
                             self.tr("Still owed")], self.tr("Totals for each kind of money"))
        layout.addWidget(self.kinds)
        heading = QLabel(self.tr("Statement"))
        heading.setProperty("heading", 2)
        layout.addWidget(heading)
        self.statement_heading = heading
        self.rows = _table([self.tr("Date"), self.tr("What"), self.tr("Paid by"), self.tr("Due"),
                            self.tr("Received"), self.tr("Owed of this kind"),
                            self.tr("Owed in all")], self.tr("Statement"))
        layout.addWidget(self.rows)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("status", True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.scroll_area = scrolled(inner)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)

    def refresh(self) -> None:
        if self.services.is_locked:
            return
        found = self.services.kinship.money_statement()
        self.statement = found
        has_rows = bool(found.rows)
        self.empty.setVisible(not has_rows)
        for widget in (self.kinds, self.rows, self.statement_heading, self.csv_button):
            widget.setVisible(has_rows)
        self.total.setText(self._total_words(found) if has_rows else "")
        self.kinds.setRowCount(len(found.kinds))
        for row, kind in enumerate(found.kinds):
            _set_row(self.kinds, row, (label(kind), pounds(found.due_by_kind[kind]),
                                       pounds(found.received_by_kind[kind]),
                                       pounds(found.arrears_by_kind[kind])), 1)
        self.rows.setRowCount(len(found.rows))
        for row, line in enumerate(found.rows):
            _set_row(self.rows, row, (
                short_date(line.on), label(line.kind), line.entry.payer,
                pounds(line.due_pence) if line.due_pence else "",
                pounds(line.received_pence) if line.received_pence else "",
                pounds(line.kind_arrears_pence), pounds(line.arrears_pence)), 3)
        self.kinds.fit()
        self.rows.fit()

    def _total_words(self, found: MoneyStatement) -> str:
        owed = found.arrears_pence
        if owed > 0:
            words = self.tr("Still owed: %1").replace("%1", pounds(owed))
        elif owed < 0:
            words = self.tr("Paid %1 more than was due").replace("%1", pounds(-owed))
        else:
            words = self.tr("Nothing is owed")
        return self.tr("Due: %1. Received: %2. %3.").replace("%1", pounds(found.total_due)) \
            .replace("%2", pounds(found.total_received)).replace("%3", words)

    def save_csv(self, path: Path | None = None) -> int | None:
        """Ask where (unless given), save the statement; returns the number of entries saved."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the money statement"), self.tr("money statement.csv"),
                self.tr("Spreadsheet (*.csv)"))
            if not chosen:
                return None
            path = Path(chosen)
        try:
            count = self.services.kinship.export_money_csv(path)
        except (UserError, OSError) as exc:
            self.message.setText(error_text(exc, os_error=self.tr("Could not save the file: %1")))
            return None
        self.message.setText(self.tr("Saved %n entry(ies) to %1.", "", count).replace("%1", path.name))
        return count

    def clear(self) -> None:
        self.statement = None
        self.total.clear()
        self.kinds.setRowCount(0)
        self.rows.setRowCount(0)
        self.message.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.clear()
