"""Money owed: allowances and payments due against what arrived, with running arrears per
kind and in all (`services.kinship.money_statement`), and the statement as a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import short_date
from familyrecord.services import Services
from familyrecord.ui.contact.status_style import counted
from familyrecord.ui.contact.tables import GrowingTable
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import label
from familyrecord.views.money import MoneyStatement, pounds


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
        self.kinds = named(GrowingTable([self.tr("What"), self.tr("Due"), self.tr("Received"),
                                         self.tr("Still owed")], weights=[6, 3, 3, 3], whole=[1, 2, 3]),
                           self.tr("Totals for each kind of money"))
        layout.addWidget(self.kinds)
        heading = QLabel(self.tr("Statement"))
        heading.setProperty("heading", 2)
        layout.addWidget(heading)
        self.statement_heading = heading
        self.rows = named(GrowingTable(
            [self.tr("Date"), self.tr("What"), self.tr("Paid by"), self.tr("Due"),
             self.tr("Received"), self.tr("Owed of this kind"), self.tr("Owed in all")],
            weights=[3, 5, 4, 3, 3, 3, 3], optional=[2, 5],
            whole=[0, 3, 4, 5, 6]), self.tr("Statement"))
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
        self.total.setVisible(has_rows)
        self.kinds.set_rows([(label(kind), pounds(found.due_by_kind[kind]),
                              pounds(found.received_by_kind[kind]),
                              pounds(found.arrears_by_kind[kind])) for kind in found.kinds],
                            right_from=1)
        self.rows.set_rows([
            (short_date(line.on), label(line.kind), line.entry.payer,
             pounds(line.due_pence) if line.due_pence else "",
             pounds(line.received_pence) if line.received_pence else "",
             pounds(line.kind_arrears_pence), pounds(line.arrears_pence))
            for line in found.rows], [line.entry.id for line in found.rows], right_from=3)

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
        self.message.setText(counted(count, self.tr("Saved 1 entry to %2."),
                                     self.tr("Saved %1 entries to %2.")).replace("%2", path.name))
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
