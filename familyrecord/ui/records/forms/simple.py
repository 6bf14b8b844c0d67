"""Forms for people, children, letters, contact, events and deadlines."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox

from familyrecord.records.enums import (
    Basis,
    CancelledBy,
    Channel,
    DateQualifier,
    DeadlineKind,
    Direction,
    EventType,
    Role,
    SessionStatus,
    Significance,
)
from familyrecord.records.models import (
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Person,
)
from familyrecord.ui.records.forms.base import RecordForm


class PersonForm(RecordForm):
    record_type = Person

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("name", self.tr("Name:"))
        self.choice("role", self.tr("Role:"), list(Role),
                    self.tr("What they do in your case, for example social worker."))
        self.line("organisation", self.tr("Organisation:"))
        self.line("phone", self.tr("Phone:"))
        self.line("email", self.tr("E-mail:"))
        self.text("address", self.tr("Address:"))
        self.date("allocated_from", self.tr("Working with us from:"),
                  self.tr("Social workers change often: keep the dates."))
        self.date("allocated_to", self.tr("Until:"))
        self.text("notes", self.tr("Notes:"))


class ChildForm(RecordForm):
    record_type = Child

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("name", self.tr("Name:"))
        self.date("date_of_birth", self.tr("Date of birth:"))
        self.text("notes", self.tr("Notes:"))


class CorrespondenceForm(RecordForm):
    record_type = Correspondence

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.choice("direction", self.tr("Received or sent:"), list(Direction))
        self.choice("channel", self.tr("How:"), list(Channel))
        self.date("dated", self.tr("Date:"))
        self.line("from_name", self.tr("From:"))
        self.line("to_name", self.tr("To:"))
        self.line("subject", self.tr("Subject:"), self.tr("A few words saying what it is about."))
        self.text("body", self.tr("What it says:"))
        self.date("reply_needed_by", self.tr("Reply needed by:"))
        self.date("replied_on", self.tr("Replied on:"))
        self.choice("significance", self.tr("How important:"), list(Significance))
        self.children_picker()


class ContactArrangementForm(RecordForm):
    record_type = ContactArrangement

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("with_whom", self.tr("Contact with:"), self.tr("For example: Mum, or Grandma Jean."))
        self.line("schedule", self.tr("When:"), self.tr("For example: every Saturday 10:00 to 12:00."))
        self.line("place", self.tr("Where:"))
        self.check("supervised", self.tr("Supervised"))
        self.line("supervisor", self.tr("Supervisor:"))
        self.text("terms", self.tr("What the order or agreement says:"))
        self.date("starts_on", self.tr("Starts on:"))
        self.date("ends_on", self.tr("Ends on:"))
        self.date("review_on", self.tr("Review date:"))
        self.children_picker()


class ContactSessionForm(RecordForm):
    record_type = ContactSession

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("with_whom", self.tr("Contact with:"))
        self.date("session_date", self.tr("Date:"))
        self.choice("status", self.tr("What happened:"), list(SessionStatus))
        self.choice("cancelled_by", self.tr("If cancelled, by whom:"), list(CancelledBy))
        self.line("notice_given", self.tr("Notice given:"), self.tr("For example: 2 hours, by text."))
        self.time("planned_start", self.tr("Planned start:"))
        self.time("planned_end", self.tr("Planned end:"))
        self.time("actual_start", self.tr("Actual start:"))
        self.time("actual_end", self.tr("Actual end:"))
        self.line("supervisor", self.tr("Supervisor:"))
        self.text("child_wellbeing", self.tr("How the child was:"))
        self.text("notes", self.tr("Notes:"))
        money = QDoubleSpinBox()
        money.setPrefix("£")
        money.setMaximum(100000)
        money.setDecimals(2)
        self.add("expenses_pence", self.tr("Expenses:"), money,
                 lambda: round(money.value() * 100), lambda v: money.setValue((v or 0) / 100),
                 self.tr("Travel or other costs, to claim back."))
        self.children_picker()


class EventForm(RecordForm):
    record_type = Event

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("title", self.tr("What happened:"), self.tr("A few words, for the chronology."))
        self.choice("event_type", self.tr("Kind of event:"), list(EventType))
        self.date("occurred_on", self.tr("Date:"))
        self.choice("date_qualifier", self.tr("How sure of the date:"), list(DateQualifier))
        self.text("description", self.tr("Description:"))
        self.line("people", self.tr("People involved:"))
        self.choice("basis", self.tr("This is:"), list(Basis),
                    self.tr("Keep apart what you saw, what someone said and what a document says."))
        self.choice("significance", self.tr("How important:"), list(Significance))
        self.children_picker()


class DeadlineForm(RecordForm):
    record_type = Deadline

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("title", self.tr("What is due:"))
        self.choice("deadline_kind", self.tr("Kind:"), list(DeadlineKind))
        self.date("due_on", self.tr("Due by:"))
        self.date("done_on", self.tr("Done on:"))
        self.text("notes", self.tr("Notes:"))
