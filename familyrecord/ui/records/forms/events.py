"""Forms for events (dated facts for the chronology) and deadlines."""

from __future__ import annotations

from familyrecord.records.enums import (
    Basis,
    DateQualifier,
    DeadlineKind,
    DeadlineWho,
    EventType,
    Significance,
)
from familyrecord.records.models import Deadline, Event
from familyrecord.ui.records.forms.base import RecordForm


class EventForm(RecordForm):
    record_type = Event

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("title", self.tr("What happened:"), self.tr("A few words, for the chronology."))
        kind = self.choice("event_type", self.tr("Kind of event:"), list(EventType))
        occurred = self.date("occurred_on", self.tr("Date:"))
        self.choice("date_qualifier", self.tr("How sure of the date:"), list(DateQualifier))
        self.text("description", self.tr("Description:"))
        self.line("people", self.tr("People involved:"))
        self.choice("basis", self.tr("This is:"), list(Basis),
                    self.tr("Keep apart what you saw, what someone said and what a document says."))
        self.choice("significance", self.tr("How important:"), list(Significance))
        self.children_picker()
        self.deadline_box(kind.currentIndexChanged, occurred.changed)


class DeadlineForm(RecordForm):
    record_type = Deadline

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("title", self.tr("What is due:"))
        self.choice("deadline_kind", self.tr("Kind:"), list(DeadlineKind))
        self.choice("who", self.tr("Whose step:"), list(DeadlineWho))
        self.date("due_on", self.tr("Due by:"))
        self.date("done_on", self.tr("Done on:"))
        self.text("notes", self.tr("Notes:"))
        self.children_picker()
