"""Letterbox contact at a glance: each letter, card or photo, and whether it was passed on.

The record list (Letterbox contact) is where items are added and edited; here one click says
"passed on", "not passed on" or "not known yet" (`services.kinship.mark_passed_on`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import short_date
from familyrecord.records.enums import Direction
from familyrecord.records.kinship import LetterboxItem
from familyrecord.services import Services
from familyrecord.ui.contact.tables import ID_ROLE, GrowingTable
from familyrecord.ui.widgets.common import QT_DATE, button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import label
from familyrecord.ui.widgets.sections import FlowLayout


class LetterboxPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.today: date | None = None
        self.items: list[LetterboxItem] = []
        self.setAccessibleName(self.tr("Letterbox: passed on?"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        intro = QLabel(self.tr("Letters, cards and photos sent or received through the letterbox "
                               "service. Choose one and say whether it was passed on."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = named(GrowingTable([self.tr("Date"), self.tr("What"), self.tr("Passed on")],
                                        weights=[3, 7, 4], whole=[0]), self.tr("Letterbox items"))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("No letterbox items yet. Add them under \"Letterbox contact\"."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        actions = QWidget()
        flow = FlowLayout(actions, spacing=6)
        on_label = QLabel(self.tr("Passed on, on:"))
        self.on_date = named(QDateEdit(), self.tr("Date it was passed on"))
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat(QT_DATE)
        on_label.setBuddy(self.on_date)
        today = self._today()
        self.on_date.setDate(QDate(today.year, today.month, today.day))
        self.passed_button = button(self.tr("Passed on"), self, slot=lambda: self.mark(True))
        self.not_passed_button = button(self.tr("Not passed on"), self, slot=lambda: self.mark(False))
        self.unknown_button = button(self.tr("Not known yet"), self, slot=lambda: self.mark(None))
        date_row = QWidget()
        row = QHBoxLayout(date_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(on_label)
        row.addWidget(self.on_date)
        for widget in (date_row, self.passed_button, self.not_passed_button, self.unknown_button):
            flow.addWidget(widget)
        layout.addWidget(actions)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("status", True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        area = scrolled(inner)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(area)
        self._selection_changed()

    def _today(self) -> date:
        return self.today or date.today()

    def refresh(self) -> None:
        if self.services.is_locked:
            return
        chosen = self.selected_id()
        self.items = self.services.kinship.letterbox()
        self.table.set_rows([(short_date(item.dated), self._what(item), self._passed_words(item))
                             for item in self.items], [item.id for item in self.items])
        for row, item in enumerate(self.items):
            if item.id == chosen:
                self.table.selectRow(row)
        self.empty.setVisible(not self.items)
        self.table.setVisible(bool(self.items))
        self._selection_changed()

    def _what(self, item: LetterboxItem) -> str:
        if item.direction is Direction.SENT:
            way = self.tr("sent to %1").replace("%1", item.to_name) if item.to_name else self.tr("sent")
        else:
            way = (self.tr("received from %1").replace("%1", item.from_name) if item.from_name
                   else self.tr("received"))
        return f"{label(item.item_kind)}, {way}"

    def _passed_words(self, item: LetterboxItem) -> str:
        if item.passed_on is None:
            return self.tr("Not known yet")
        if not item.passed_on:
            return self.tr("No")
        when = short_date(item.passed_on_date)
        return self.tr("Yes, on %1").replace("%1", when) if when else self.tr("Yes")

    def selected_id(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return ""
        cell = self.table.item(rows[0].row(), 0)
        return str(cell.data(ID_ROLE)) if cell is not None else ""

    def _selection_changed(self) -> None:
        chosen = bool(self.selected_id())
        for widget in (self.on_date, self.passed_button, self.not_passed_button, self.unknown_button):
            widget.setEnabled(chosen)
        if chosen:
            today = self._today()
            self.on_date.setDate(QDate(today.year, today.month, today.day))

    def mark(self, passed_on: bool | None) -> LetterboxItem | None:
        item_id = self.selected_id()
        if not item_id:
            return None
        picked = self.on_date.date()
        on = date(picked.year(), picked.month(), picked.day())
        try:
            saved = self.services.kinship.mark_passed_on(item_id, passed_on, on if passed_on else None)
        except UserError as exc:
            self.message.setText(error_text(exc))
            return None
        self.refresh()
        self.message.setText(self.tr("Saved."))
        return saved

    def clear(self) -> None:
        self.items = []
        self.table.setRowCount(0)
        self.message.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.clear()
