"""Home: what is due or late (the family's steps and the council's), contact waiting for an
answer, meetings coming up, replies and actions overdue, what was recently written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from familyrecord.errors import UserError
from familyrecord.formatting import long_date, short_date
from familyrecord.records.enums import SessionStatus
from familyrecord.records.models import Deadline, Record
from familyrecord.records.registry import in_area
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.home.contact_prompts import Answer, ContactPrompts
from familyrecord.ui.home.reminders import DueReminders, Reminder, TrayNotifier
from familyrecord.ui.home.sections import ID_ROLE, DueSection, HomeSection, wrapped
from familyrecord.ui.home.words import late_words, overdue_words, tr
from familyrecord.ui.widgets.common import button
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import kind_label, label, tr_records
from familyrecord.ui.widgets.sections import FlowLayout
from familyrecord.views.actions import ActionRow

log = logging.getLogger(__name__)

# Areas whose first record type Home offers to add straight away (what families add most).
QUICK_ADD_AREAS = ("meetings", "correspondence", "contact")
DAYS_AHEAD = 14


class Notice(QFrame):
    """A line of news on Home (a reminder, what was just saved) with an optional button."""

    def __init__(self, name: str, close_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = wrapped()
        self.text.setAccessibleName(name)
        row.addWidget(self.text, 1)
        self.action = button("", self)
        self.action.setVisible(False)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = button(close_text, self, name=f"{close_text} ({name})", slot=self.clear)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)
        self._on_action: Callable[[], None] | None = None
        self.action.clicked.connect(self._act)

    def say(self, text: str, *, problem: bool = False, action: str = "",
            on_action: Callable[[], None] | None = None) -> None:
        self.text.setText(text)
        self.text.setProperty("fieldError", problem)
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        self.action.setText(action)
        self.action.setAccessibleName(action)
        self.action.setVisible(bool(action))
        self._on_action = on_action
        self.setVisible(True)

    def _act(self) -> None:
        act, self._on_action = self._on_action, None
        self.clear()
        if act is not None:
            act()

    def clear(self) -> None:
        self.text.clear()
        self._on_action = None
        self.setVisible(False)


class HomeView(QWidget):
    open_record = Signal(str)
    add_requested = Signal(str)  # navigation id of the area whose "Add" to press
    bundle_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._today = date.today()
        self._planned_on: date | None = None
        self.calendar_dialog: QDialog | None = None
        self.setAccessibleName(tr("Home"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.setSpacing(12)
        self.title = QLabel(tr("Home"))
        self.title.setProperty("heading", 1)
        layout.addWidget(self.title)
        layout.addWidget(wrapped(tr("Everything here stays on this computer, encrypted. "
                                    "Nothing is sent anywhere.")))
        actions_box = QWidget()
        actions = FlowLayout(actions_box, spacing=8)
        for area in QUICK_ADD_AREAS:
            first = in_area(area)[:1]
            if first and first[0].add_label:
                actions.addWidget(button(tr_records(first[0].add_label), self, slot=self._adder(area)))
        self.bundle_button = button(tr("Make a bundle for my solicitor…"), self,
                                    slot=self.bundle_requested.emit)
        actions.addWidget(self.bundle_button)
        self.calendar_button = button(tr("Export to a calendar…"), self,
                                      slot=self.open_calendar_export)
        self.calendar_button.setToolTip(tr("Put meetings and deadlines on your phone's calendar."))
        actions.addWidget(self.calendar_button)
        layout.addWidget(actions_box)
        self.banner = Notice(tr("Reminder"), tr("Dismiss"))
        layout.addWidget(self.banner)
        self.status = Notice(tr("What was just saved"), tr("OK"))
        layout.addWidget(self.status)
        self.contact = ContactPrompts()
        self.contact.setVisible(False)
        self.contact.answered.connect(self._answer_contact)
        self.contact.not_due.connect(self._skip_contact)
        self.grid = QGridLayout()
        self._columns = 2
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(20)
        self.yours = DueSection(tr("Your steps"),
                                tr("Nothing of yours is due in the next two weeks."))
        self.theirs = DueSection(tr("The council's and the court's steps"),
                                 tr("Nothing of theirs is due in the next two weeks, and nothing "
                                    "is late."))
        for due in (self.yours, self.theirs):
            due.open_requested.connect(self.open_record)
            due.chase_requested.connect(self.chase)
        self.upcoming = HomeSection(tr("Meetings coming up"), tr("No meetings in the next two weeks."))
        self.overdue = HomeSection(tr("Replies overdue"), tr("No replies are overdue."))
        self.open_actions = HomeSection(tr("Open actions"),
                                        tr("No open actions. Actions agreed at meetings show here."))
        self.recent = HomeSection(tr("Recent entries"),
                                  tr("Nothing written yet. Start with a meeting, a letter or a person."))
        self.recordings = HomeSection(tr("Recordings not yet written out"), "")
        self.lists = [self.upcoming, self.overdue, self.open_actions, self.recent, self.recordings]
        # What is due first, then contact waiting for an answer (across both columns), then lists.
        self.sections: list[tuple[QWidget, int]] = [
            (self.yours, 1), (self.theirs, 1), (self.contact, 2),
            *((section, 1) for section in self.lists)]
        for section in self.lists:
            section.list.itemActivated.connect(
                lambda item: self.open_record.emit(str(item.data(ID_ROLE))))
        self._place_sections(2)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.tray = TrayNotifier(self)
        self.tray.clicked.connect(self._bring_forward)
        self.reminders = DueReminders(services, deliver=self._deliver, may_name=self._may_name_due,
                                      parent=self)

    # ---- layout -----------------------------------------------------------------------------

    def _place_sections(self, columns: int) -> None:
        self._columns = columns
        for section, _span in self.sections:
            self.grid.removeWidget(section)
        row = column = 0
        for section, wanted in self.sections:
            span = min(wanted, columns)
            if column + span > columns:
                row, column = row + 1, 0
            self.grid.addWidget(section, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
            column += span
            if column >= columns:
                row, column = row + 1, 0
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Two columns when there is room; one with large text or a narrow window.
        columns = 2 if self.width() >= 90 * self.fontMetrics().averageCharWidth() else 1
        if columns != self._columns:
            self._place_sections(columns)
        super().resizeEvent(event)

    def _adder(self, area: str) -> Callable[[], None]:
        return lambda: self.add_requested.emit(area)

    # ---- what Home shows ----------------------------------------------------------------------

    def refresh(self, today: date | None = None) -> None:
        if self._services.is_locked:
            return
        self._today = today = today or date.today()
        self._plan_contact(today)
        summary = self._services.home(today, days_ahead=DAYS_AHEAD)
        due = self._services.deadlines.due(today, days_ahead=DAYS_AHEAD)
        self.yours.set_items(due.yours(), today)
        self.theirs.set_items(due.theirs(), today)
        self.contact.set_sessions(summary.contact_to_confirm, today)
        self.upcoming.set_items([(f"{short_date(m.starts_at, with_time=True)}  {m.summary()}", m.id)
                                 for m in summary.upcoming_meetings])
        replies = sorted(summary.replies_overdue, key=lambda c: (c.reply_needed_by or today, c.id))
        self.overdue.set_items(
            [(tr("%1\nThe reply was due %2: %3").replace("%1", c.summary()).replace(
                "%2", short_date(c.reply_needed_by)).replace(
                "%3", late_words(c.reply_needed_by or today, today)), c.id) for c in replies])
        rows = summary.open_actions
        self.open_actions.set_items([(self._action_text(row, today), row.meeting.id) for row in rows],
                                    urgent={i for i, row in enumerate(rows) if row.late(today)})
        self.recent.set_items([(self._recent_text(r), r.id) for r in summary.recent])
        self._list_unfinished_recordings()

    @staticmethod
    def _recent_text(record: Record) -> str:
        """"Letter: Request for the minutes (06/01/2025)": the kind once, the date when it has one."""
        kind, summary = kind_label(record.KIND), record.summary()
        text = summary if summary.casefold().startswith(kind.casefold()) else f"{kind}: {summary}"
        when = record.when()
        return f"{text} ({short_date(when)})" if when is not None else text

    @staticmethod
    def _action_text(row: ActionRow, today: date) -> str:
        action = row.action
        who = action.owner_name or tr("nobody named")
        if action.due_on is None:
            when = who
        elif row.late(today):
            when = tr("%1, by %2. %3").replace("%1", who).replace(
                "%2", short_date(action.due_on)).replace("%3", overdue_words(action.due_on, today))
        else:
            when = tr("%1, by %2").replace("%1", who).replace("%2", short_date(action.due_on))
        where = (tr("agreed at %1, carried forward to %2") if row.carried else tr("agreed at %2"))
        where = where.replace("%1", row.first_meeting.summary()).replace("%2", row.meeting.summary())
        return f"{action.description}\n{when} ({where})"

    def _plan_contact(self, today: date) -> None:
        """Plan contact sessions from the schedules once a day (fast: a few ms a session)."""
        if self._planned_on == today:
            return
        try:
            self._services.kinship.plan_all(today)
        except UserError as exc:
            log.warning("could not plan contact sessions: %s", type(exc).__name__)
        self._planned_on = today

    def _list_unfinished_recordings(self) -> None:
        """Transcriptions a restart, a cancel or an error left unfinished: they carry on from the meeting."""
        states = {"queued": tr("waiting"), "cancelled": tr("stopped part-way"),
                  "failed": tr("could not finish")}
        items = []
        for job in self._services.transcription.unfinished():
            meeting = self._services.get(job.meeting_id or "")
            items.append((tr("%1 (%2): open it and press Carry on transcribing").replace(
                "%1", meeting.summary()).replace("%2", states[job.state]), meeting.id))
        self.recordings.set_items(items)
        # Only there when there is something to do: most families never record.
        self.recordings.setVisible(bool(items))

    # ---- answering and acting -----------------------------------------------------------------

    def _answer_contact(self, answer: Answer) -> None:
        try:
            session = self._services.kinship.confirm(
                answer.session_id, answer.outcome, late_minutes=answer.late_minutes,
                cancelled_by=answer.cancelled_by, notice_hours=answer.notice_hours,
                note=answer.note, wellbeing=answer.wellbeing)
        except UserError as exc:
            self.status.say(error_text(exc), problem=True)
            return
        what = label(session.cancelled_by) if answer.outcome is SessionStatus.CANCELLED \
            else label(session.status)
        if answer.outcome is SessionStatus.LATE and answer.late_minutes:
            what = tr("%1 (%2 minutes)").replace("%1", what).replace("%2", str(answer.late_minutes))
        self.refresh(self._today)
        self.status.say(tr("Saved for %1: %2.").replace("%1", long_date(session.session_date))
                        .replace("%2", what), action=tr("Undo"),
                        on_action=lambda: self._undo_contact(session.id))

    def _undo_contact(self, session_id: str) -> None:
        try:
            self._services.kinship.confirm(session_id, SessionStatus.PLANNED)
        except UserError as exc:
            self.status.say(error_text(exc), problem=True)
            return
        self.refresh(self._today)

    def _skip_contact(self, session_id: str) -> None:
        try:
            session = self._services.get(session_id)
            self._services.kinship.skip_session(session_id)
        except UserError as exc:
            self.status.say(error_text(exc), problem=True)
            return
        self.refresh(self._today)
        self.status.say(tr("Taken out of the schedule: %1.").replace("%1", long_date(session.when())))

    def chase(self, deadline: Deadline) -> str | None:
        """Draft and save a letter chasing a late step of the council's, then open it."""
        try:
            letter = self._services.deadlines.chase_letter(deadline, self._today)
        except UserError as exc:
            self.status.say(error_text(exc), problem=True)
            return None
        self.refresh(self._today)
        self.status.say(tr("A letter chasing this is saved with your letters. Read it, change "
                           "what you want, then send it."))
        self.open_record.emit(letter.id)
        return letter.id

    def open_calendar_export(self) -> QDialog:
        from familyrecord.ui.deadlines.calendar_export import CalendarExportDialog

        dialog = CalendarExportDialog(self._services, self, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.calendar_dialog = dialog
        dialog.open()  # modal to this window, but never blocks the event loop
        return dialog

    # ---- reminders ----------------------------------------------------------------------------

    def _may_name_due(self) -> bool:
        """Name what is due only when the family opted in and the window is on screen."""
        window = self.window()
        settings = getattr(window, "settings", None)
        return (isinstance(settings, AppSettings) and settings.show_due_in_reminders
                and window.isVisible() and not window.isMinimized())

    def _deliver(self, reminder: Reminder) -> bool:
        if TrayNotifier.available():
            self.tray.show(reminder)
            return True
        if self._services.is_locked:
            return False  # kept for when Home can show it
        self.banner.say(reminder.body)
        return True

    def _bring_forward(self) -> None:
        window = self.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def clear(self) -> None:
        self.title.setText(tr("Home"))
        for section in self.lists:
            section.set_items([])
        for due in (self.yours, self.theirs):
            due.set_items([], self._today)
        self.contact.set_sessions([], self._today)
        self.banner.clear()
        self.status.clear()
        if self.calendar_dialog is not None and isValid(self.calendar_dialog):
            self.calendar_dialog.close()
        self.calendar_dialog = None
