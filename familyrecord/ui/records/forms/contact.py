"""Forms for contact: a session (linked to its arrangement) and an arrangement with its schedule.

An arrangement is saved through `services.kinship.change_schedule`, which plans its sessions
(future ones only are moved when the schedule changes). From an arrangement's page, "Log a
session" opens a new session linked to it, and "Attendance…" opens the attendance view.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from familyrecord.formatting import short_time
from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactArrangement, ContactSession, Record
from familyrecord.ui.records.forms.base import RecordForm
from familyrecord.ui.records.forms.fields import MoneyField, NumberField, RecordPicker, open_feature
from familyrecord.ui.records.forms.schedule_editor import ScheduleEditor
from familyrecord.ui.widgets.common import EnumCombo, RowListEditor, button
from familyrecord.ui.widgets.dates import DateField
from familyrecord.views import schedule


class ContactSessionForm(RecordForm):
    record_type = ContactSession

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.arrangement = RecordPicker(self.tr("None (not part of an arrangement)"))
        self.add("arrangement_id", self.tr("Arrangement:"), self.arrangement, self.arrangement.value,
                 self.arrangement.set_value, self.tr("The contact arrangement this session is part of."))
        self.line("with_whom", self.tr("Contact with:"))
        self.date("session_date", self.tr("Date:"))
        self.status: EnumCombo[SessionStatus] = self.choice("status", self.tr("What happened:"),
                                                            list(SessionStatus))
        self.late = NumberField(whole=True)
        self.add("late_minutes", self.tr("Late by (minutes):"), self.late, self.late.value,
                 self.late.set_value)
        self.cancelled_by: EnumCombo[CancelledBy] = self.choice(
            "cancelled_by", self.tr("If cancelled, by whom:"), list(CancelledBy))
        self.notice = NumberField(whole=False)
        self.add("notice_hours", self.tr("Notice given (hours):"), self.notice, self.notice.value,
                 self.notice.set_value, self.tr("How long before the session you were told. 0 if "
                                                "nobody told you before it was due."))
        self.line("notice_given", self.tr("How you were told:"), self.tr("For example: by text."))
        self.time("planned_start", self.tr("Planned start:"))
        self.time("planned_end", self.tr("Planned end:"))
        self.time("actual_start", self.tr("Actual start:"))
        self.time("actual_end", self.tr("Actual end:"))
        self.line("supervisor", self.tr("Supervisor:"))
        self.text("child_wellbeing", self.tr("How the child was:"))
        self.text("notes", self.tr("Notes:"))
        money = MoneyField()
        self.add("expenses_pence", self.tr("Expenses:"), money, money.value, money.set_value,
                 self.tr("Travel or other costs, to claim back, in pounds and pence."))
        self.children_picker()
        self.status.currentIndexChanged.connect(self._status_changed)
        self.cancelled_by.currentIndexChanged.connect(self._cancelled_by_changed)
        self.arrangement.activated.connect(self._arrangement_chosen)
        self._status_changed()

    def _status_changed(self) -> None:
        status = self.status.value()
        self.set_row_visible("late_minutes", status is SessionStatus.LATE)
        cancelled = status is SessionStatus.CANCELLED
        for name in ("notice_hours", "notice_given"):
            self.set_row_visible(name, cancelled)

    def _cancelled_by_changed(self) -> None:
        # Saying who cancelled means it was cancelled.
        if self.cancelled_by.value() is not CancelledBy.NOT_CANCELLED:
            self.status.set_value(SessionStatus.CANCELLED)

    def _arrangement_chosen(self) -> None:
        """Fill what the chosen arrangement already says, where nothing is filled in yet."""
        chosen = self.arrangement.value()
        if not chosen or self.services.is_locked:
            return
        arrangement = self.services.get(chosen)
        if not isinstance(arrangement, ContactArrangement):
            return
        fills: dict[str, Any] = {"with_whom": arrangement.with_whom,
                                 "planned_start": arrangement.session_start,
                                 "planned_end": arrangement.session_end,
                                 "supervisor": arrangement.supervisor if arrangement.supervised else "",
                                 "child_ids": list(arrangement.child_ids)}
        current = self.preview()
        for name, value in fills.items():
            if value and current is not None and not getattr(current, name):
                self.bindings[name].set(value)

    def load(self, record: Record | None) -> None:
        if not self.services.is_locked:
            self.arrangement.set_records(self.services.kinship.arrangements())
        super().load(record)
        self._status_changed()

    def collect(self) -> Record:
        record = super().collect()
        assert isinstance(record, ContactSession)
        # Details that do not fit what happened are not kept (a session that happened has no canceller).
        if record.status is not SessionStatus.LATE:
            record.late_minutes = None
        if record.status is not SessionStatus.CANCELLED:
            record.notice_hours = None
        return record


class ContactArrangementForm(RecordForm):
    record_type = ContactArrangement

    def build(self) -> None:
        self.page(self.tr("Details"))
        self.line("with_whom", self.tr("Contact with:"), self.tr("For example: Mum, or Grandma Jean."))
        self.line("place", self.tr("Where:"))
        self.check("supervised", self.tr("Supervised"))
        self.line("supervisor", self.tr("Supervisor:"))
        self.text("terms", self.tr("What the order or agreement says:"))
        self.date("review_on", self.tr("Review date:"))
        self.children_picker()
        actions = QWidget()
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        self.log_button = button(self.tr("Log a session"), actions, slot=self.log_session)
        self.attendance_button = button(self.tr("Attendance…"), actions, slot=self.open_attendance)
        self.note = QLabel(actions)
        self.note.setWordWrap(True)
        row.addWidget(self.log_button)
        row.addWidget(self.attendance_button)
        row.addWidget(self.note, 1)
        self.current_layout().addRow(actions)

        self.page(self.tr("Schedule"))
        self.schedule_editor = ScheduleEditor(self.preview_arrangement, self.add_skipped)
        self.add("repeat_rule", self.tr("How often:"), self.schedule_editor, self.schedule_editor.rule_text,
                 self.schedule_editor.set_rule)
        starts = self.date("starts_on", self.tr("Starts on:"))
        ends = self.date("ends_on", self.tr("Ends on:"), self.tr("Leave empty if there is no end date."))
        start = self.time("session_start", self.tr("Sessions start at:"))
        end = self.time("session_end", self.tr("Sessions end at:"))
        self.skipped: RowListEditor[DateField] = RowListEditor(
            self._skipped_row, self.tr("Add a date to skip"), self.tr("No dates skipped."))
        self.add("skipped_dates", self.tr("Dates with no session:"), self.skipped, self._skipped_dates,
                 self._set_skipped, self.tr("Holidays and other dates when contact will not happen."))
        self.line("schedule", self.tr("In your words:"),
                  self.tr("Filled in from the schedule when left empty, for the list."))
        for signal in (starts.changed, ends.changed, start.changed, end.changed, self.skipped.changed):
            signal.connect(self.schedule_editor.refresh)

    # ---- skipped dates ---------------------------------------------------------------------

    def _skipped_row(self) -> DateField:
        field = DateField()
        field.setAccessibleName(self.tr("Date to skip"))
        field.changed.connect(self.schedule_editor.refresh)
        return field

    def _skipped_dates(self) -> list[date]:
        return sorted({day for row in self.skipped.contents() if (day := row.value()) is not None})

    def _set_skipped(self, days: list[date]) -> None:
        self.skipped.clear_rows()
        for day in days or []:
            self.skipped.add_row().set_value(day)

    def add_skipped(self, days: list[date]) -> None:
        have = {row.text() for row in self.skipped.contents()}
        for day in days:
            field = DateField()
            field.set_value(day)
            if field.text() not in have:
                self.skipped.add_row().set_value(day)

    # ---- using -----------------------------------------------------------------------------

    def preview_arrangement(self) -> ContactArrangement | None:
        record = self.preview()
        return record if isinstance(record, ContactArrangement) else None

    def load(self, record: Record | None) -> None:
        super().load(record)
        self.note.clear()
        saved = self.record is not None and self.record.created_at is not None
        self.log_button.setEnabled(saved)
        self.attendance_button.setEnabled(saved)
        if not saved:
            self.note.setText(self.tr("Save the arrangement to log its sessions."))
        self.schedule_editor.refresh()

    def collect(self) -> Record:
        before = self.record
        record = super().collect()
        assert isinstance(record, ContactArrangement)
        old_words = _words(before) if isinstance(before, ContactArrangement) else ""
        if record.repeat_rule and (not record.schedule.strip() or record.schedule == old_words):
            record.schedule = _words(record)
        return record

    def save_record(self, record: Record) -> Record:
        """Save and plan its sessions (future ones follow a changed schedule; logged ones stay)."""
        assert isinstance(record, ContactArrangement)
        change = self.services.kinship.change_schedule(record)
        self.save_note = (self.tr("Sessions planned: %1.").replace("%1", str(len(change.added)))
                          if change.added else "")
        return self.services.get(record.id)

    def log_session(self) -> None:
        record = self.record
        if not isinstance(record, ContactArrangement) or record.created_at is None:
            return
        self.new_requested.emit(ContactSession(
            arrangement_id=record.id, child_ids=list(record.child_ids), with_whom=record.with_whom,
            session_date=date.today(), planned_start=record.session_start,
            planned_end=record.session_end, supervisor=record.supervisor if record.supervised else ""))

    def open_attendance(self) -> None:
        record = self.record
        if record is None or record.created_at is None:
            return
        if not any(open_feature(module, "open_attendance", self, self.services, record.id)
                   for module in ("familyrecord.ui.contact", "familyrecord.ui.contact.attendance")):
            self.note.setText(self.tr("The attendance view is not available yet."))


def _words(arrangement: ContactArrangement) -> str:
    """The schedule in words for the list: "Every Tuesday, 16:00 to 17:30"."""
    if not arrangement.repeat_rule:
        return ""
    words = schedule.describe_rule(arrangement.repeat_rule, arrangement.starts_on)
    if arrangement.session_start is not None:
        words += f", {short_time(arrangement.session_start)}"
        if arrangement.session_end is not None:
            words += f" to {short_time(arrangement.session_end)}"
    return words
