"""Forms for people (professionals and family) and the children the case is about."""

from __future__ import annotations

from familyrecord.records.enums import Role
from familyrecord.records.models import Child, Person
from familyrecord.ui.records.forms.base import RecordForm


class PersonForm(RecordForm):
    record_type = Person

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("name", self.tr("Name:"))
        self.choice("role", self.tr("Role:"), list(Role),
                    self.tr("What they do in your case, for example social worker."))
        self.line("organisation", self.tr("Organisation:"))
        self.date("allocated_from", self.tr("Working with us from:"),
                  self.tr("Social workers change often: keep the dates."))
        self.date("allocated_to", self.tr("Until:"))
        self.line("phone", self.tr("Phone:"))
        self.line("email", self.tr("E-mail:"))
        self.text("address", self.tr("Address:"))
        self.text("notes", self.tr("Notes:"))


class ChildForm(RecordForm):
    record_type = Child

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("name", self.tr("Name:"))
        self.date("date_of_birth", self.tr("Date of birth:"))
        self.text("notes", self.tr("Notes:"))
        self.page(self.tr("About me"))
        self.line("school", self.tr("School or nursery:"))
        self.text("health", self.tr("Health:"))
        self.text("what_matters", self.tr("What matters to me:"),
                  self.tr("What the child would want a new worker to know."))
        self.text("likes", self.tr("What I like:"))
        self.text("worries", self.tr("What worries me:"))
