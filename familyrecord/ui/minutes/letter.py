"""The outcome: "Make the letter asking for corrections". A preview of the points (what the
minutes say, what was said and when, the family's account, the correction asked), who the letter
goes to and who signs it; then the points go on the meeting as disputed and the letter is saved
under Letters as sent, with a reply date and its Word and PDF copies, all as one change.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import long_date
from familyrecord.records.minutes_review import MinutesReview
from familyrecord.records.models import Correspondence, DisputedPoint, Meeting, Person
from familyrecord.services import Services
from familyrecord.services.minutes import REPLY_WORKING_DAYS
from familyrecord.storage.blobs import Attachment
from familyrecord.timescales.workdays import add_working_days
from familyrecord.ui.minutes.panes import heading, wrapped
from familyrecord.ui.minutes.playback import MomentPlayer
from familyrecord.ui.minutes.words import tr
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text

Today = Callable[[], date]
OpenRecord = Callable[[str], None]


def point_html(number: int, point: DisputedPoint, said_at: str) -> str:
    lines = [f"<b>{number}. {html.escape(point.text)}</b>"]
    if point.recording_wording:
        said = tr("What was said (at {0}):").format(said_at) if said_at else tr("What I noted:")
        lines.append(f"{html.escape(said)} “{html.escape(point.recording_wording)}”")
    if point.family_account:
        lines.append(f"{html.escape(tr('In my words:'))} {html.escape(point.family_account)}")
    if point.correction_asked:
        lines.append(f"{html.escape(tr('The correction I ask for:'))} {html.escape(point.correction_asked)}")
    return "<br>".join(lines)


class LetterPage(QWidget):
    """Signals: made(Correspondence) once the letter is saved."""

    made = Signal(object)

    def __init__(self, services: Services, meeting: Meeting, review: MinutesReview, player: MomentPlayer,
                 open_record: OpenRecord | None, today: Today = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting = meeting
        self.review = review
        self.player = player
        self.open_record = open_record
        self.today = today
        self.letter: Correspondence | None = None
        self._build()
        self.refresh()
        if review.letter_id:
            try:
                found = services.get(review.letter_id)
            except UserError:
                found = None  # the letter was deleted: a new one can be made
            if isinstance(found, Correspondence):
                self._show_letter(found, made_now=False)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 6, 8, 6)
        outer.addWidget(scrolled(content), 1)
        layout.addWidget(heading(tr("Ask for the minutes to be corrected"), content))
        layout.addWidget(wrapped(content, tr(
            "Each statement you marked inaccurate or incomplete, and each thing you added as left out, "
            "becomes a point in a calm letter asking for corrections. The points are also kept on the "
            "meeting as disputed, so they show in your chronology and your court bundle.")))
        layout.addWidget(heading(tr("The points the letter makes"), content))
        self.points = wrapped(content)
        self.points.setTextFormat(Qt.TextFormat.RichText)
        self.points.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.points.setAccessibleName(tr("The points the letter makes"))
        layout.addWidget(self.points)

        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(heading(tr("Who it is to and from"), content))
        layout.addWidget(wrapped(content, tr("Who the letter is to:")))
        self.to = named(QComboBox(content), tr("Who the letter is to"))
        self.to.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.to.setMinimumContentsLength(16)
        layout.addWidget(self.to)
        layout.addWidget(wrapped(content, tr("Signed by:")))
        self.signed_by = named(QLineEdit(content), tr("Signed by"))
        self.signed_by.setPlaceholderText(tr("Your name, as you sign letters"))
        layout.addWidget(self.signed_by)
        for box in (self.to, self.signed_by):  # a name does not need the whole width of a big screen
            box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.reply_by = wrapped(content)
        layout.addWidget(self.reply_by)
        actions = QHBoxLayout()
        self.make_button = button(tr("Make the letter asking for corrections"), content, slot=self.make)
        actions.addWidget(self.make_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.result = QFrame(content)
        self.result.setFrameShape(QFrame.Shape.StyledPanel)
        done = QVBoxLayout(self.result)
        self.result_text = wrapped(self.result)
        self.result_text.setAccessibleName(tr("Where the letter is"))
        done.addWidget(self.result_text)
        buttons = QHBoxLayout()
        self.open_button = button(tr("Open the letter"), self.result, slot=self.open_letter)
        self.word_button = button(tr("Save the Word copy…"), self.result,
                                  slot=lambda: self.save_copy(".docx"))
        self.pdf_button = button(tr("Save the PDF copy…"), self.result, slot=lambda: self.save_copy(".pdf"))
        for widget in (self.open_button, self.word_button, self.pdf_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        done.addLayout(buttons)
        self.result.setVisible(False)
        layout.addWidget(self.result)
        self.status = wrapped(content)
        layout.addWidget(self.status)
        layout.addStretch(1)

    # ---- the preview -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The points as the review gives them now, and the people the letter could go to."""
        today = self.today()
        points = self.services.minutes.points(self.review, today)
        if points:
            self.points.setText("<br><br>".join(
                point_html(n, p, self.player.label(p.recording_at) if p.recording_at is not None else "")
                for n, p in enumerate(points, start=1)))
        else:
            self.points.setText(html.escape(tr(
                "Nothing to ask for yet. Mark a statement as inaccurate or incomplete, or add something "
                "that was said but left out.")))
        self.make_button.setEnabled(bool(points))
        self._fill_addressees()
        reply_by = add_working_days(today, REPLY_WORKING_DAYS)
        self.reply_by.setText(tr("The letter asks for a reply by {0} ({1} working days).").format(
            long_date(reply_by), REPLY_WORKING_DAYS))

    def _fill_addressees(self) -> None:
        keep = self.to.currentData()
        self.to.clear()
        suggested = self.services.minutes.addressee(self.meeting)
        if suggested.name:
            where = f", {suggested.organisation}" if suggested.organisation else ""
            self.to.addItem(tr("{0}{1} (suggested)").format(suggested.name, where), "")
        else:
            self.to.addItem(tr("Nobody named (the letter says “Dear Sir or Madam”)"), "")
        for person in self.services.list_records(Person, newest_first=False):
            if person.id != suggested.person_id and person.name:
                role = f", {person.organisation}" if person.organisation else ""
                self.to.addItem(f"{person.name}{role}", person.id)
        index = self.to.findData(keep) if keep else 0
        self.to.setCurrentIndex(max(0, index))

    def set_review(self, review: MinutesReview) -> None:
        self.review = review
        self.refresh()

    # ---- making it -------------------------------------------------------------------------------

    def make(self) -> None:
        person_id = str(self.to.currentData() or "")
        person = self.services.get(person_id) if person_id else None
        try:
            _meeting, letter = self.services.minutes.outcome(
                self.review.id, today=self.today(), signed_by=self.signed_by.text().strip(),
                to=person if isinstance(person, Person) else None)
        except UserError as exc:
            self.status.setText(error_text(exc))
            return
        self.review = self.services.minutes.review(self.review.id)
        self._show_letter(letter, made_now=True)
        self.made.emit(letter)

    def _show_letter(self, letter: Correspondence, *, made_now: bool) -> None:
        self.letter = letter
        to = letter.to_name or tr("whoever deals with the minutes")
        text = tr("The letter is saved under Letters, as a letter you sent, dated {0}, to {1}. It asks "
                  "for a reply by {2}. Print it or e-mail it, and keep any reply with it.").format(
            long_date(letter.dated), to, long_date(letter.reply_needed_by))
        if not made_now:
            text = tr("You made a letter for these minutes before. {0} Making it again brings it up to "
                      "date with your points.").format(text)
        self.result_text.setText(text)
        self.result.setVisible(True)
        self.open_button.setVisible(self.open_record is not None)
        self.make_button.setText(tr("Make the letter again with these points"))
        self.status.clear()

    def copies(self) -> dict[str, Attachment]:
        """The letter's Word and PDF copies, by extension."""
        if self.letter is None:
            return {}
        return {Path(a.file_name).suffix.lower(): a for a in self.services.attachments_for(self.letter)
                if Path(a.file_name).suffix.lower() in (".docx", ".pdf")}

    def open_letter(self) -> None:
        if self.letter is not None and self.open_record is not None:
            self.open_record(self.letter.id)

    def save_copy(self, suffix: str) -> None:
        copy = self.copies().get(suffix)
        if copy is None:
            self.status.setText(tr("That copy of the letter is not there. Make the letter again."))
            return
        dialog = QFileDialog(self, tr("Save a copy of the letter"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(copy.file_name)
        dialog.fileSelected.connect(lambda name: self.save_copy_to(suffix, Path(name)))
        dialog.open()

    def save_copy_to(self, suffix: str, path: Path) -> None:
        copy = self.copies().get(suffix)
        if copy is None:
            return
        try:
            self.services.save_attachment_as(copy.id, path)
        except (UserError, OSError) as exc:
            self.status.setText(error_text(exc, os_error=tr("The copy could not be saved there: %1.")))
        else:
            self.status.setText(tr("A copy was saved. Remember it is not encrypted."))
