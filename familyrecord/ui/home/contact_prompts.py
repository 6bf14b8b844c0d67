"""Home's "Did Tuesday's contact happen?" prompts: one click for each answer, a note if wanted.

A prompt only asks; Home saves the answer (services.kinship.confirm, or skip_session for a date
that was never due) and says what it saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactSession
from familyrecord.ui.home.sections import heading, wrapped
from familyrecord.ui.home.words import confirm_question, session_when, tr
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.labels import label
from familyrecord.ui.widgets.sections import FlowLayout

WHO_CANCELLED = (CancelledBy.FAMILY, CancelledBy.CARER, CancelledBy.COUNCIL, CancelledBy.CHILD,
                 CancelledBy.OTHER)
MOST_AT_ONCE = 3  # prompts shown together, oldest first: more would bury the rest of Home
NOTICE_NOT_KNOWN = -1.0  # the notice box's lowest value, shown as "Not known"


@dataclass(frozen=True)
class Answer:
    """What the family said about one session (the arguments of services.kinship.confirm)."""

    session_id: str
    outcome: SessionStatus
    late_minutes: int | None = None
    cancelled_by: CancelledBy = CancelledBy.NOT_CANCELLED
    notice_hours: float | None = None
    note: str | None = None  # None: leave what is there
    wellbeing: str | None = None


def _form() -> QFormLayout:
    form = QFormLayout()
    # Captions above their fields, so nothing is squeezed at large text sizes.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    form.setContentsMargins(0, 0, 0, 0)
    return form


def _caption(text: str, buddy: QWidget) -> QLabel:
    caption = wrapped(text)
    caption.setBuddy(buddy)
    return caption


class ContactPrompt(QFrame):
    answered = Signal(object)  # Answer
    not_due = Signal(str)  # the session's id

    def __init__(self, session: ContactSession, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.question = wrapped(confirm_question(session, today))
        bold = QFont(self.question.font())
        bold.setBold(True)
        self.question.setFont(bold)
        self.setAccessibleName(self.question.text())
        layout.addWidget(self.question)
        self.when = wrapped(session_when(session, today))
        self.when.setVisible(bool(self.when.text()))
        layout.addWidget(self.when)
        answers_box = QWidget()
        answers = FlowLayout(answers_box, spacing=8)
        self.happened_button = button(tr("It happened"), self,
                                      slot=lambda: self._answer(SessionStatus.HAPPENED))
        self.late_button = button(tr("It happened, but late…"), self, slot=self._show_late)
        self.cancelled_button = button(tr("It was cancelled…"), self, slot=self._show_cancelled)
        self.no_show_button = button(tr("Did not happen (no-show)"), self,
                                     slot=lambda: self._answer(SessionStatus.NO_SHOW))
        self.not_due_button = button(tr("It was not due"), self,
                                     slot=lambda: self.not_due.emit(session.id))
        self.not_due_button.setToolTip(tr("There was no contact planned that day: take the date "
                                          "out of the schedule."))
        self.note_button = button(tr("Add a note…"), self, slot=self._show_note)
        for widget in (self.happened_button, self.late_button, self.cancelled_button,
                       self.no_show_button, self.not_due_button, self.note_button):
            answers.addWidget(widget)
        layout.addWidget(answers_box)
        self.late_box = self._late_box()
        self.cancelled_box = self._cancelled_box()
        self.note_box = self._note_box()
        for box in (self.late_box, self.cancelled_box, self.note_box):
            box.setVisible(False)
            layout.addWidget(box)

    # ---- the details some answers need -----------------------------------------------------

    def _late_box(self) -> QWidget:
        box = QWidget()
        form = _form()
        box.setLayout(form)
        self.late_minutes = named(QSpinBox(), tr("How late it started, in minutes"))
        self.late_minutes.setRange(1, 600)
        self.late_minutes.setValue(15)
        self.late_minutes.setSuffix(tr(" minutes"))
        form.addRow(_caption(tr("How late did it start?"), self.late_minutes), self.late_minutes)
        self.save_late_button = button(tr("Save: it was late"), box, slot=self._save_late)
        form.addRow(self.save_late_button)
        return box

    def _cancelled_box(self) -> QWidget:
        box = QWidget()
        form = _form()
        box.setLayout(form)
        self.who_cancelled = named(QComboBox(), tr("Who cancelled"))
        for who in WHO_CANCELLED:
            self.who_cancelled.addItem(label(who), who.value)
        self.who_cancelled.setPlaceholderText(tr("Choose who cancelled"))
        self.who_cancelled.setCurrentIndex(-1)
        form.addRow(_caption(tr("Who cancelled?"), self.who_cancelled), self.who_cancelled)
        self.notice_hours = named(QDoubleSpinBox(), tr("Notice given, in hours"))
        self.notice_hours.setRange(NOTICE_NOT_KNOWN, 24 * 60)
        self.notice_hours.setDecimals(1)
        self.notice_hours.setSingleStep(1)
        self.notice_hours.setSuffix(tr(" hours"))
        self.notice_hours.setSpecialValueText(tr("Not known"))
        self.notice_hours.setValue(NOTICE_NOT_KNOWN)
        form.addRow(_caption(tr("How much notice was given? (24 hours is a day)"), self.notice_hours),
                    self.notice_hours)
        self.cancel_problem = wrapped()
        self.cancel_problem.setProperty("fieldError", True)
        self.cancel_problem.setVisible(False)
        form.addRow(self.cancel_problem)
        self.save_cancelled_button = button(tr("Save: it was cancelled"), box,
                                            slot=self._save_cancelled)
        form.addRow(self.save_cancelled_button)
        return box

    def _note_box(self) -> QWidget:
        box = QWidget()
        form = _form()
        box.setLayout(form)
        self.note = named(QLineEdit(), tr("A note about this contact"))
        form.addRow(_caption(tr("A note (kept with your answer):"), self.note), self.note)
        self.wellbeing = named(QLineEdit(), tr("How the child was"))
        self.wellbeing.setPlaceholderText(tr("For example: happy, played with Nan"))
        form.addRow(_caption(tr("How was the child?"), self.wellbeing), self.wellbeing)
        form.addRow(wrapped(tr("Then choose an answer above.")))
        return box

    def _show_late(self) -> None:
        self.cancelled_box.setVisible(False)
        self.late_box.setVisible(True)
        self.late_minutes.setFocus()

    def _show_cancelled(self) -> None:
        self.late_box.setVisible(False)
        self.cancelled_box.setVisible(True)
        self.who_cancelled.setFocus()

    def _show_note(self) -> None:
        self.note_box.setVisible(True)
        self.note.setFocus()

    # ---- answering ---------------------------------------------------------------------------

    def _texts(self) -> tuple[str | None, str | None]:
        """The note and wellbeing typed in (None when nothing was, so nothing is overwritten)."""
        return self.note.text().strip() or None, self.wellbeing.text().strip() or None

    def _answer(self, outcome: SessionStatus, *, late_minutes: int | None = None,
                cancelled_by: CancelledBy = CancelledBy.NOT_CANCELLED,
                notice_hours: float | None = None) -> None:
        note, wellbeing = self._texts()
        self.answered.emit(Answer(self.session.id, outcome, late_minutes=late_minutes,
                                  cancelled_by=cancelled_by, notice_hours=notice_hours,
                                  note=note, wellbeing=wellbeing))

    def _save_late(self) -> None:
        self._answer(SessionStatus.LATE, late_minutes=self.late_minutes.value())

    def _save_cancelled(self) -> None:
        chosen = self.who_cancelled.currentData()
        if not chosen:
            self.cancel_problem.setText(tr("Please choose who cancelled."))
            self.cancel_problem.setVisible(True)
            self.who_cancelled.setFocus()
            return
        hours = self.notice_hours.value()
        self._answer(SessionStatus.CANCELLED, cancelled_by=CancelledBy(chosen),
                     notice_hours=None if hours <= NOTICE_NOT_KNOWN else hours)


class ContactPrompts(QWidget):
    """The prompts for every past session still waiting for an answer, oldest first."""

    answered = Signal(object)  # Answer
    not_due = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Did contact happen?"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("Did contact happen?")))
        self.intro = wrapped(tr("Contact planned from your schedule has passed. Say what happened: "
                                "the answers build up the record of contact."))
        layout.addWidget(self.intro)
        self._box = QVBoxLayout()
        self._box.setSpacing(8)
        layout.addLayout(self._box)
        self.more = wrapped()
        layout.addWidget(self.more)
        self.prompts: list[ContactPrompt] = []

    def set_sessions(self, sessions: list[ContactSession], today: date) -> None:
        for prompt in self.prompts:
            prompt.setParent(None)
            prompt.deleteLater()
        self.prompts = []
        dated = [session for session in sessions if session.session_date is not None]
        for session in dated[:MOST_AT_ONCE]:
            prompt = ContactPrompt(session, today, self)
            prompt.answered.connect(self.answered)
            prompt.not_due.connect(self.not_due)
            self._box.addWidget(prompt)
            self.prompts.append(prompt)
        waiting = len(dated) - len(self.prompts)
        self.more.setText("" if waiting <= 0 else tr("1 more is waiting: it shows here once these "
                                                      "are answered.") if waiting == 1 else
                          tr("%1 more are waiting: they show here once these are answered.")
                          .replace("%1", str(waiting)))
        self.more.setVisible(waiting > 0)
        self.setVisible(bool(self.prompts))
