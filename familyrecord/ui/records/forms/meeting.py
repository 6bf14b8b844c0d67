"""The meeting form: details, who was there, notes and decisions, actions, minutes and disputed points."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeVar

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from familyrecord.records.enums import MeetingType, Role, Significance
from familyrecord.records.models import Action, Attendee, DisputedPoint, Meeting, Person, Record
from familyrecord.ui.records.forms.base import RecordForm
from familyrecord.ui.records.forms.fields import open_feature
from familyrecord.ui.widgets.common import EnumCombo, RowListEditor, button, named
from familyrecord.ui.widgets.dates import DateField, EntryError


class PersonCombo(QComboBox):
    """Pick someone from People, or type a name that is not there."""

    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.addItem("", "")
        for person in people:
            self.addItem(person.name, person.id)
        self.setCurrentIndex(0)

    def person_id(self) -> str:
        index = self.currentIndex()
        if index > 0 and self.itemText(index) == self.currentText():
            return str(self.itemData(index))
        return ""

    def set_person(self, person_id: str, name: str) -> None:
        index = self.findData(person_id) if person_id else -1
        if index > 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


class AttendeeRow(QWidget):
    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = {p.id: p for p in people}
        self._original = Attendee()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.who = named(PersonCombo(people), self.tr("Attendee"),
                         self.tr("Pick from People or type a name."))
        self.role: EnumCombo[Role] = named(EnumCombo(list(Role)), self.tr("Attendee's role"))
        self.present = named(QCheckBox(self.tr("Was there")), self.tr("Was there"))
        self.present.setChecked(True)
        grid.addWidget(QLabel(self.tr("Who:")), 0, 0)
        grid.addWidget(self.who, 0, 1)
        grid.addWidget(self.present, 0, 2)
        grid.addWidget(QLabel(self.tr("Role:")), 1, 0)
        grid.addWidget(self.role, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.who.currentIndexChanged.connect(self._take_role)

    def _take_role(self) -> None:
        person = self._people.get(self.who.person_id())
        if person is not None:
            self.role.set_value(person.role)

    def value(self) -> Attendee:
        return dataclasses.replace(self._original, person_id=self.who.person_id(),
                                   name=self.who.currentText().strip(), role=self.role.value(),
                                   present=self.present.isChecked())

    def set_value(self, attendee: Attendee) -> None:
        self._original = attendee
        self.who.set_person(attendee.person_id, attendee.name)
        self.role.set_value(attendee.role)
        self.present.setChecked(attendee.present)


class ActionRow(QWidget):
    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = Action()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.description = named(QLineEdit(), self.tr("What was promised"))
        self.description.setPlaceholderText(self.tr("What was promised"))
        self.owner = named(PersonCombo(people), self.tr("Who will do it"))
        self.due = named(DateField(), self.tr("Due by"))
        self.done = named(QCheckBox(self.tr("Done")), self.tr("Done"))
        grid.addWidget(self.description, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("Who:")), 1, 0)
        grid.addWidget(self.owner, 1, 1)
        grid.addWidget(self.done, 1, 2)
        grid.addWidget(QLabel(self.tr("Due by:")), 2, 0)
        grid.addWidget(self.due, 2, 1)
        grid.setColumnStretch(1, 1)

    def value(self) -> Action:
        return dataclasses.replace(self._original, description=self.description.text().strip(),
                                   owner_person_id=self.owner.person_id(),
                                   owner_name=self.owner.currentText().strip(),
                                   due_on=self.due.value(), done=self.done.isChecked())

    def set_value(self, action: Action) -> None:
        self._original = action
        self.description.setText(action.description)
        self.owner.set_person(action.owner_person_id, action.owner_name)
        self.due.set_value(action.due_on)
        self.done.setChecked(action.done)


class DisputedRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = DisputedPoint()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.point = named(QLineEdit(), self.tr("The point you disagree with"))
        self.point.setPlaceholderText(self.tr("What the minutes or report say"))
        self.account = named(QLineEdit(), self.tr("Your account"))
        self.account.setPlaceholderText(self.tr("What really happened, in your words"))
        self.raised = named(DateField(), self.tr("Date you raised it"))
        self.response = named(QLineEdit(), self.tr("Their response"))
        self.response.setPlaceholderText(self.tr("Their response, if any"))
        self.resolved = named(QCheckBox(self.tr("Answered")), self.tr("Answered"))
        self.in_bundle = named(QCheckBox(self.tr("Reached the court bundle")),
                               self.tr("Reached the court bundle"))
        grid.addWidget(self.point, 0, 0, 1, 2)
        grid.addWidget(self.account, 1, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Raised on:")), 2, 0)
        grid.addWidget(self.raised, 2, 1)
        grid.addWidget(self.response, 3, 0, 1, 2)
        grid.addWidget(self.resolved, 4, 0)
        grid.addWidget(self.in_bundle, 4, 1)
        grid.setColumnStretch(1, 1)

    def value(self) -> DisputedPoint:
        return dataclasses.replace(self._original, text=self.point.text().strip(),
                                   family_account=self.account.text().strip(),
                                   raised_on=self.raised.value(), response=self.response.text().strip(),
                                   resolved=self.resolved.isChecked(),
                                   reached_court_bundle=self.in_bundle.isChecked())

    def set_value(self, point: DisputedPoint) -> None:
        self._original = point
        self.point.setText(point.text)
        self.account.setText(point.family_account)
        self.raised.set_value(point.raised_on)
        self.response.setText(point.response)
        self.resolved.setChecked(point.resolved)
        self.in_bundle.setChecked(point.reached_court_bundle)


Row = TypeVar("Row", AttendeeRow, ActionRow, DisputedRow)


def _rows_binding(editor: RowListEditor[Row]) -> tuple[Callable[[], list[Any]],
                                                        Callable[[list[Any]], None]]:
    """Read and fill the rows of `editor` as the record's list of items."""
    def get() -> list[Any]:
        return [row.value() for row in editor.contents()]

    def set_(items: list[Any]) -> None:
        editor.clear_rows()
        for item in items or []:
            editor.add_row().set_value(item)

    return get, set_


class MeetingForm(RecordForm):
    record_type = Meeting
    with_recording = True

    def build(self) -> None:
        self._people: list[Person] = []
        self.page(self.tr("Details"))
        self.line("title", self.tr("Title:"), self.tr("Optional. For example: Second core group."))
        self.choice("meeting_type", self.tr("Kind of meeting:"), list(MeetingType))
        self.starts = self.datetime("starts_at", self.tr("Starts:"))
        self.datetime("ends_at", self.tr("Ends:"), default_day=self._start_day,
                      help_text=self.tr("A time alone is on the day it starts."))
        self.line("place", self.tr("Where:"))
        announced = QComboBox()
        choices: list[bool | None] = [True, False, None]
        for text in (self.tr("Yes"), self.tr("No"), self.tr("Not noted")):
            announced.addItem(text)
        self.add("recording_announced", self.tr("Recording announced:"), announced,
                 lambda: choices[announced.currentIndex()] if announced.currentIndex() >= 0 else None,
                 lambda v: announced.setCurrentIndex(choices.index(v)),
                 self.tr("Did you tell the meeting you were recording it?"))
        self.choice("significance", self.tr("How important:"), list(Significance))
        self.text("agenda", self.tr("Agenda:"))
        self.children_picker()
        kind = self.bindings["meeting_type"].widget
        assert isinstance(kind, QComboBox)
        self.deadline_box(kind.currentIndexChanged, self.starts.changed)

        self.page(self.tr("Who was there"))
        self.attendees = RowListEditor(lambda: AttendeeRow(self._people),
                                       self.tr("Add someone who was there"),
                                       self.tr("Nobody added yet. Pick people from your People list."))
        self.add("attendees", self.tr("People:"), self.attendees, *_rows_binding(self.attendees))

        self.page(self.tr("Notes and decisions"))
        self.date("reports_received_on", self.tr("Reports received on:"),
                  self.tr("When you got the reports for this meeting."))
        self.text("own_notes", self.tr("My notes:"))
        decisions = self.text("decisions", self.tr("Decisions:"), self.tr("One decision on each line."))
        self.bindings["decisions"].get = lambda: [line.strip() for line in
                                                  decisions.toPlainText().splitlines() if line.strip()]
        self.bindings["decisions"].set = lambda v: decisions.setPlainText("\n".join(v or []))

        self.page(self.tr("Actions"))
        self.action_rows = RowListEditor(lambda: ActionRow(self._people), self.tr("Add an action"),
                                     self.tr("No actions yet. Add who promised to do what, and by when."))
        self.add("actions", self.tr("Actions:"), self.action_rows, *_rows_binding(self.action_rows))

        self.page(self.tr("Minutes and disputes"))
        minutes_on = self.date("minutes_received_on", self.tr("Official minutes received on:"))
        assert self.deadlines is not None
        self.deadlines.watch(minutes_on.changed)
        compare = QWidget()
        row = QHBoxLayout(compare)
        row.setContentsMargins(0, 0, 0, 0)
        self.compare_button = button(self.tr("Compare with the minutes…"), compare, slot=self.compare_minutes)
        self.compare_note = QLabel(compare)
        self.compare_note.setWordWrap(True)
        row.addWidget(self.compare_button)
        row.addWidget(self.compare_note, 1)
        self.current_layout().addRow(compare)
        self.minutes_file = QComboBox()
        self.add("minutes_attachment_id", self.tr("Minutes file:"), self.minutes_file,
                 lambda: str(self.minutes_file.currentData() or ""), self._set_minutes_file,
                 self.tr("Add the file under Files first, then pick it here."))
        self.disputed = RowListEditor(DisputedRow, self.tr("Add a disputed point"),
                                      self.tr("No disputed points. Add anything in the minutes you "
                                              "disagree with."))
        self.add("disputed_points", self.tr("Disputed points:"), self.disputed, *_rows_binding(self.disputed))

    def _set_minutes_file(self, attachment_id: str) -> None:
        self.minutes_file.clear()
        self.minutes_file.addItem(self.tr("No file"), "")
        record = self.record
        if record is not None and not self.services.is_locked:
            for attachment in self.services.attachments_for(record):
                self.minutes_file.addItem(attachment.file_name, attachment.id)
        index = self.minutes_file.findData(attachment_id or "")
        self.minutes_file.setCurrentIndex(max(0, index))

    def _start_day(self) -> date | None:
        try:
            start = self.starts.value()
        except EntryError:
            return None
        return start.date() if start is not None else None

    def new_record(self) -> Record:
        """A new meeting starts on today's date (no time yet): most are logged on the day."""
        return Meeting(starts_at=datetime.combine(date.today(), time(0, 0)))

    def compare_minutes(self) -> None:
        record = self.record
        self.compare_note.clear()
        if record is None or record.created_at is None:
            self.compare_note.setText(self.tr("Save the meeting first."))
            return
        if not open_feature("familyrecord.ui.minutes", "open_minutes_comparison", self, self.services,
                            record.id):
            self.compare_note.setText(self.tr("Comparing with the minutes is not available yet."))

    def refresh_files(self) -> None:
        self._set_minutes_file(str(self.minutes_file.currentData() or ""))

    def load(self, record: Record | None) -> None:
        self._people = [] if self.services.is_locked else self.services.list_records(Person)
        super().load(record)
        self.compare_note.clear()

    def clear(self) -> None:
        super().clear()
        self._people = []
        self.attendees.clear_rows()
        self.action_rows.clear_rows()
        self.disputed.clear_rows()
        self.minutes_file.clear()
