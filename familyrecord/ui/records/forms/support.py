"""Forms for the support plan (what was promised, and what happened to it) and for money."""

from __future__ import annotations

import dataclasses
from datetime import date
from itertools import chain

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from familyrecord.records.enums import MoneyEntryType, MoneyKind, SupportStatus
from familyrecord.records.kinship import MoneyEntry, SupportItem, SupportUpdate
from familyrecord.records.models import Correspondence, Event, Meeting, Record
from familyrecord.services import Services
from familyrecord.ui.records.forms.base import RecordForm
from familyrecord.ui.records.forms.fields import MoneyField, RecordPicker, choice_label
from familyrecord.ui.widgets.common import EnumCombo, RowListEditor, named
from familyrecord.ui.widgets.dates import DateField

# A picker lists the most recent letters, meetings and events; an older one chosen stays chosen.
PICKER_LIMIT = 300


def evidence_records(services: Services, *, with_events: bool = False) -> list[Record]:
    """Letters and meetings (and events) to pick as a source or as evidence, newest first."""
    if services.is_locked:
        return []
    kinds: list[type[Record]] = [Correspondence, Meeting, *([Event] if with_events else [])]
    found = chain.from_iterable(services.list_records(cls, limit=PICKER_LIMIT) for cls in kinds)
    return sorted(found, key=lambda r: r.when() or date.min, reverse=True)


class UpdateRow(QWidget):
    """What happened to a promised item on a date, with a letter or meeting that shows it."""

    def __init__(self, evidence: list[Record], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = SupportUpdate()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.status: EnumCombo[SupportStatus] = named(EnumCombo(list(SupportStatus)), self.tr("Status"))
        for index, value in enumerate(SupportStatus):
            self.status.setItemText(index, choice_label(value))
        self.on = DateField()
        self.on.setAccessibleName(self.tr("Date of this update"))
        self.note = named(QLineEdit(), self.tr("What happened"))
        self.note.setPlaceholderText(self.tr("What happened, in a few words"))
        self.evidence = named(RecordPicker(self.tr("No letter or meeting")), self.tr("Evidence"))
        self.evidence.set_records(evidence)
        for row, (text, widget) in enumerate(((self.tr("Status:"), self.status), (self.tr("On:"), self.on),
                                              (self.tr("Note:"), self.note),
                                              (self.tr("Shown by:"), self.evidence))):
            caption = QLabel(text)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, 0)
            grid.addWidget(widget, row, 1)
        grid.setColumnStretch(1, 1)

    def value(self) -> SupportUpdate:
        return dataclasses.replace(self._original, status=self.status.value(), on=self.on.value(),
                                   note=self.note.text().strip(), evidence_record_id=self.evidence.value())

    def set_value(self, update: SupportUpdate) -> None:
        self._original = update
        self.status.set_value(update.status)
        self.on.set_value(update.on)
        self.note.setText(update.note)
        self.evidence.set_value(update.evidence_record_id)


class SupportItemForm(RecordForm):
    record_type = SupportItem

    def build(self) -> None:
        self._evidence: list[Record] = []
        self.page(self.tr("What was promised"))
        self.line("what", self.tr("What was promised:"), self.tr("For example: respite care one weekend "
                                                                "a month, or help with nursery fees."))
        self.line("provider", self.tr("Who promised it:"))
        self.date("promised_on", self.tr("Promised on:"))
        self.date("due_on", self.tr("Due by:"))
        self.line("how_often", self.tr("How often:"), self.tr("For example: every month."))
        self.source = RecordPicker(self.tr("Not linked to a letter or meeting"))
        self.add("source_record_id", self.tr("Promised in:"), self.source, self.source.value,
                 self.source.set_value, self.tr("The plan, letter or meeting where it was promised."))
        self.text("notes", self.tr("Notes:"))
        self.children_picker()
        self.page(self.tr("What happened"))
        self.updates: RowListEditor[UpdateRow] = RowListEditor(
            lambda: UpdateRow(self._evidence), self.tr("Add what happened"),
            self.tr("Nothing recorded yet. Add each time it was delivered, late, partly delivered "
                    "or not delivered."))
        self.add("updates", self.tr("Updates:"), self.updates,
                 lambda: [row.value() for row in self.updates.contents()], self._set_updates)

    def _set_updates(self, updates: list[SupportUpdate]) -> None:
        self.updates.clear_rows()
        for update in updates or []:
            self.updates.add_row().set_value(update)

    def load(self, record: Record | None) -> None:
        self._evidence = evidence_records(self.services, with_events=True)
        self.source.set_records(self._evidence)
        super().load(record)

    def clear(self) -> None:
        super().clear()
        self._evidence = []
        self.updates.clear_rows()


class MoneyEntryForm(RecordForm):
    record_type = MoneyEntry

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.choice("money_kind", self.tr("What it is:"), list(MoneyKind))
        self.choice("entry_type", self.tr("Due or received:"), list(MoneyEntryType),
                    self.tr("Add what was due and what arrived: FamilyRecord works out what is owed."))
        self.date("on", self.tr("Date:"))
        amount = MoneyField()
        self.add("amount_pence", self.tr("Amount:"), amount, amount.value, amount.set_value,
                 self.tr("In pounds and pence, for example 125.50."))
        self.line("payer", self.tr("Paid by:"))
        self.line("period", self.tr("For the period:"), self.tr("For example: April 2026."))
        self.text("notes", self.tr("Notes:"))
        self.children_picker()
