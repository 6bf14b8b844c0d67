"""The support plan, promised against delivered: every promise with its status now, the
history of what happened to it with the evidence, and a form to record the next update
(`services.kinship.update_support`)."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import short_date
from familyrecord.records.enums import SupportStatus
from familyrecord.records.kinship import SupportItem
from familyrecord.records.models import Correspondence, Meeting, Record
from familyrecord.services import Services
from familyrecord.ui.contact.status_style import counted
from familyrecord.ui.contact.tables import ID_ROLE, GrowingTable
from familyrecord.ui.widgets.common import QT_DATE, EnumCombo, button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import kind_label, label
from familyrecord.views import support

# A symbol per status, always beside its words, so a glance down the "Now" column is enough.
STATUS_MARKS: dict[SupportStatus, str] = {
    SupportStatus.DELIVERED: "✔",
    SupportStatus.PARTLY: "◐",
    SupportStatus.LATE: "!",
    SupportStatus.NOT_DELIVERED: "✘",
    SupportStatus.PROMISED: "…",
}


def status_words(status: SupportStatus) -> str:
    return f"{STATUS_MARKS[status]} {label(status)}"


class SupportPlanView(QWidget):
    open_record = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.today: date | None = None
        self.items: list[SupportItem] = []
        self.setAccessibleName(self.tr("Promised against delivered"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.overdue = QLabel()
        self.overdue.setWordWrap(True)
        self.overdue.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.overdue)
        self.table = named(GrowingTable(
            [self.tr("What was promised"), self.tr("Promised on"), self.tr("Due by"),
             self.tr("How often"), self.tr("Now")],
            weights=[8, 3, 3, 3, 4], optional=[1, 3], whole=[1, 2]), self.tr("Support promised"))
        self.table.itemSelectionChanged.connect(self._show_selected)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("Nothing from a support plan yet. Add each thing you were "
                                    "promised under \"Support plan\"; then say here what happened."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        self.detail = QGroupBox(self.tr("What happened to it"))
        detail = QVBoxLayout(self.detail)
        self.item_title = QLabel()
        self.item_title.setProperty("heading", 2)
        self.item_title.setWordWrap(True)
        detail.addWidget(self.item_title)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.linkActivated.connect(self._link)
        detail.addWidget(self.facts)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.linkActivated.connect(self._link)
        self.history.setAccessibleName(self.tr("History of this promise"))
        detail.addWidget(self.history)
        next_update = QLabel(self.tr("Record what happened next"))
        next_update.setStyleSheet("font-weight: 600;")
        detail.addWidget(next_update)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status = EnumCombo(support.STATUS_ORDER)
        self.status.setAccessibleName(self.tr("What happened"))
        self.on_date = named(QDateEdit(), self.tr("On"))
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat(QT_DATE)
        self.note = named(QLineEdit(), self.tr("Note"))
        self.note.setPlaceholderText(self.tr("For example: the first visit was on Monday."))
        self.evidence = named(QComboBox(), self.tr("Evidence"),
                              self.tr("A letter or meeting that shows it."))
        self.evidence.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.evidence.setMinimumContentsLength(14)
        form.addRow(self.tr("What happened:"), self.status)
        form.addRow(self.tr("On:"), self.on_date)
        form.addRow(self.tr("Note:"), self.note)
        form.addRow(self.tr("Evidence:"), self.evidence)
        detail.addLayout(form)
        self.add_button = button(self.tr("Add this update"), self, slot=self.add_update)
        detail.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("status", True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.scroll_area = scrolled(inner)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)
        self.detail.setVisible(False)

    def _today(self) -> date:
        return self.today or date.today()

    # ---- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.services.is_locked:
            return
        chosen = self.selected_id()
        today = self._today()
        found = self.services.kinship.support_summary(today)
        self.items = list(found.items)
        self._show_summary(found)
        self.table.set_rows([
            ("\n".join(t for t in (item.what, item.provider) if t), short_date(item.promised_on),
             short_date(item.due_on), item.how_often, status_words(item.status_on(today)))
            for item in self.items], [item.id for item in self.items])
        self.empty.setVisible(not self.items)
        self.table.setVisible(bool(self.items))
        self._fill_evidence()
        self.select(chosen or (self.items[0].id if self.items else ""))

    def _show_summary(self, found: support.SupportSummary) -> None:
        if not found.items:
            self.summary.setText(self.tr("No support plan items are recorded."))
            self.overdue.clear()
            return
        counts = " · ".join(f"{label(status)}: {found.by_status[status]}"
                            for status in support.STATUS_ORDER if found.by_status[status])
        text = counted(found.promised, self.tr("The support plan promised 1 thing."),
                       self.tr("The support plan promised %1 things.")) + " " + counts
        if found.delivered_late:
            text += " " + counted(len(found.delivered_late), self.tr("(1 delivered late)"),
                                  self.tr("(%1 delivered late)"))
        self.summary.setText(text)
        if found.overdue:
            listed = "; ".join(self.tr("%1, due %2").replace("%1", i.what).replace("%2", short_date(i.due_on))
                               for i in found.overdue)
            self.overdue.setText(self.tr("Overdue on %1: %2.").replace("%1", short_date(found.on))
                                 .replace("%2", listed))
        else:
            self.overdue.setText(self.tr("Nothing is overdue on %1.").replace("%1", short_date(found.on)))

    def _fill_evidence(self) -> None:
        self.evidence.clear()
        self.evidence.addItem(self.tr("None"), "")
        found: list[Record] = [*self.services.list_records(Correspondence),
                               *self.services.list_records(Meeting)]
        found.sort(key=lambda r: r.when() or date.min, reverse=True)
        for record in found:
            self.evidence.addItem(self._record_words(record), record.id)

    @staticmethod
    def _record_words(record: Record) -> str:
        when = short_date(record.when())
        words = f"{kind_label(record.KIND)}: {record.summary()}"
        return f"{when} {words}" if when else words

    def selected_id(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return ""
        cell = self.table.item(rows[0].row(), 0)
        return str(cell.data(ID_ROLE)) if cell is not None else ""

    def select(self, item_id: str) -> None:
        for row, item in enumerate(self.items):
            if item.id == item_id:
                self.table.blockSignals(True)  # shown once, below, even if the row was chosen
                self.table.selectRow(row)
                self.table.blockSignals(False)
                break
        self._show_selected()

    def selected(self) -> SupportItem | None:
        chosen = self.selected_id()
        return next((i for i in self.items if i.id == chosen), None)

    def _show_selected(self) -> None:
        item = self.selected()
        self.detail.setVisible(item is not None)
        if item is None:
            return
        self.item_title.setText(item.what)
        facts = []
        if item.provider:
            facts.append(self.tr("Promised by %1").replace("%1", html.escape(item.provider)))
        if item.promised_on:
            facts.append(self.tr("on %1").replace("%1", short_date(item.promised_on)))
        if item.due_on:
            facts.append(self.tr("due by %1").replace("%1", short_date(item.due_on)))
        if item.how_often:
            facts.append(html.escape(item.how_often))
        text = ", ".join(facts)
        source = self._linked(item.source_record_id)
        if source:
            text += "<br>" + self.tr("Promised in: %1").replace("%1", source)
        self.facts.setText(text)
        self.history.setText(self._history_html(item))
        today = self._today()
        self.on_date.setDate(QDate(today.year, today.month, today.day))
        self.note.clear()
        self.evidence.setCurrentIndex(0)

    def _history_html(self, item: SupportItem) -> str:
        updates = support.history(item)
        if not updates:
            return html.escape(self.tr("Nothing recorded yet: still promised."))
        rows = []
        for update in updates:
            line = f"{short_date(update.on)}: <b>{html.escape(status_words(update.status))}</b>"
            if update.note:
                line += " — " + html.escape(update.note)
            evidence = self._linked(update.evidence_record_id)
            if evidence:
                line += "<br>" + self.tr("Evidence: %1").replace("%1", evidence)
            rows.append(f"<li>{line}</li>")
        return f"<b>{html.escape(self.tr('History'))}</b><ul>{''.join(rows)}</ul>"

    def _linked(self, record_id: str) -> str:
        """A link to a record that opens it, or "" when there is none (or it is gone)."""
        if not record_id:
            return ""
        try:
            record = self.services.get(record_id)
        except UserError:
            return html.escape(self.tr("(no longer in the record)"))
        return f"<a href='record:{record.id}'>{html.escape(self._record_words(record))}</a>"

    def _link(self, href: str) -> None:
        if href.startswith("record:"):
            self.open_record.emit(href.removeprefix("record:"))

    # ---- writing -----------------------------------------------------------------------------

    def add_update(self) -> SupportItem | None:
        item = self.selected()
        if item is None:
            return None
        picked = self.on_date.date()
        try:
            saved = self.services.kinship.update_support(
                item.id, self.status.value(), date(picked.year(), picked.month(), picked.day()),
                note=self.note.text(), evidence_record_id=str(self.evidence.currentData() or ""))
        except UserError as exc:
            self.message.setText(error_text(exc))
            return None
        self.refresh()
        self.select(saved.id)
        self.message.setText(self.tr("Saved: %1 is now \"%2\".").replace("%1", saved.what)
                             .replace("%2", label(saved.status_on(self._today()))))
        return saved

    def clear(self) -> None:
        self.items = []
        self.table.setRowCount(0)
        self.evidence.clear()
        for text in (self.summary, self.overdue, self.item_title, self.facts, self.history, self.message):
            text.clear()
        self.detail.setVisible(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.clear()

