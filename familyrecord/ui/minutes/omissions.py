""""Said but not in the minutes": what was said that no statement covers, the weightiest first
(promises, decisions, dates, what professionals said they will do), each with its time and why it
may matter. The family adds those they want put in the minutes, with a note in their words, or
removes them again; they can also add something the list does not show. Each change is one save.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from familyrecord.errors import UserError
from familyrecord.records.minutes_review import MinutesReview, OmissionReview
from familyrecord.services import Services
from familyrecord.ui.minutes.panes import heading, wrapped
from familyrecord.ui.minutes.playback import MomentPlayer
from familyrecord.ui.minutes.words import reasons_text, tr
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.views.minutes import Omission, Passage


def _same(kept: OmissionReview, omission: Omission) -> bool:
    return (kept.recording_text, kept.recording_start) == (omission.passage.text, omission.passage.start)


class OmissionRow(QFrame):
    """One thing said: when and by whom, the words, why it may matter, the family's note, and
    Play, Add or Remove."""

    def __init__(self, header: str, words: str, why: str, note: str, added: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        top = wrapped(self, header)
        font = top.font()
        font.setBold(True)
        top.setFont(font)
        layout.addWidget(top)
        self.words = wrapped(self, words)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.words)
        if why:
            layout.addWidget(wrapped(self, why))
        self.note = named(QLineEdit(note, self), tr("Your note about this"))
        self.note.setPlaceholderText(tr("Your note, if you want one: why it matters"))
        layout.addWidget(self.note)
        self.buttons = QHBoxLayout()
        self.play_button = button(tr("Play"), self, name=tr("Play this from the recording"))
        self.toggle_button = button(tr("Remove from my list") if added else tr("Add to my list"), self)
        self.buttons.addWidget(self.play_button)
        self.buttons.addWidget(self.toggle_button)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        self.added = added
        if added:
            self.setProperty("added", True)
        self.setAccessibleName(f"{header}: {words}")


class OmissionsPage(QWidget):
    """Signals: changed(MinutesReview) after every save."""

    changed = Signal(object)

    def __init__(self, services: Services, review: MinutesReview, omissions: tuple[Omission, ...],
                 player: MomentPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.review = review
        self.found = omissions
        self.player = player
        self.rows: list[OmissionRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.content = QWidget(self)
        self.list = QVBoxLayout(self.content)
        self.list.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(scrolled(self.content), 1)
        self.status = wrapped(self)
        layout.addWidget(self.status)
        self.rebuild()

    def added_count(self) -> int:
        return len(self.review.omissions)

    def rebuild(self, focus: int = -1) -> None:
        while (old := self.list.takeAt(0)) is not None:
            widget = old.widget()
            if widget is not None:
                widget.hide()  # before its layout's queued show can open it as a window
                widget.deleteLater()
        self.rows = []
        self.list.addWidget(heading(tr("Said but not in the minutes"), self.content))
        self.list.addWidget(wrapped(self.content, tr(
            "Things said in the meeting that nothing in the minutes covers, those that may matter "
            "most first. Add the ones you want put in the minutes. They go in your letter.")))
        if not self.found:
            empty = wrapped(self.content, tr("Nothing said stands out as left out of the minutes."))
            empty.setProperty("emptyState", True)
            self.list.addWidget(empty)
        kept = list(self.review.omissions)
        for omission in self.found:
            position = next((n for n, k in enumerate(kept) if _same(k, omission)), -1)
            passage = omission.passage
            when = tr("At {0}").format(self.player.label(passage.start)) if passage.start is not None \
                else tr("From your notes")
            who = ", ".join(passage.speakers)
            header = f"{when} · {who}" if who else when
            note = kept[position].account if position >= 0 else ""
            row = self._row(header, passage.text, reasons_text(omission.reasons), note, position)
            row.play_button.clicked.connect(lambda _c=False, at=passage.start: self.player.play_at(at))
            row.play_button.setVisible(passage.start is not None)
            if position < 0:
                at = len(self.rows) - 1
                row.toggle_button.clicked.connect(
                    lambda _c=False, o=omission, r=row, at=at: self._add(
                        lambda: self.services.minutes.add_omission(self.review.id, o, r.note.text()), at))
        typed = [(n, k) for n, k in enumerate(kept) if not any(_same(k, o) for o in self.found)]
        for position, item in typed:
            when = tr("At {0}").format(self.player.label(item.recording_start)) \
                if item.recording_start is not None else tr("Added by you")
            row = self._row(when, item.recording_text, "", item.account, position)
            row.play_button.setVisible(item.recording_start is not None)
            row.play_button.clicked.connect(lambda _c=False, at=item.recording_start: self.player.play_at(at))
        self._other_row()
        self.list.addStretch(1)
        if 0 <= focus < len(self.rows):
            self.rows[focus].toggle_button.setFocus()

    def _row(self, header: str, words: str, why: str, note: str, position: int) -> OmissionRow:
        row = OmissionRow(header, words, why, note, position >= 0, self.content)
        at = len(self.rows)
        if position >= 0:
            row.toggle_button.clicked.connect(lambda _c=False, p=position: self._remove(p, at))
            row.note.editingFinished.connect(lambda p=position, r=row: self._note_changed(p, r))
        self.rows.append(row)
        self.list.addWidget(row)
        return row

    def _other_row(self) -> None:
        box = QFrame(self.content)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        layout.addWidget(wrapped(box, tr("Something else that was said and left out:")))
        self.other = named(QLineEdit(box), tr("Something else that was said and left out"))
        self.other.setPlaceholderText(tr("What was said, as near as you remember it"))
        self.other_note = named(QLineEdit(box), tr("Your note about it"))
        self.other_note.setPlaceholderText(tr("Your note, if you want one"))
        self.other_button = button(tr("Add to my list"), box, name=tr("Add what you wrote to my list"),
                                   slot=self._add_other)
        for widget in (self.other, self.other_note):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.list.addWidget(box)

    # ---- saving ----------------------------------------------------------------------------------

    def _save(self, save: Callable[[], MinutesReview], done: str, focus: int) -> None:
        try:
            self.review = save()
        except UserError as exc:
            self.status.setText(error_text(exc))
            return
        self.status.setText(done)
        self.rebuild(focus)
        self.changed.emit(self.review)

    def _add(self, save: Callable[[], MinutesReview], focus: int) -> None:
        self._save(save, tr("Added to your list. It will go in your letter."), focus)

    def _remove(self, position: int, focus: int) -> None:
        self._save(lambda: self.services.minutes.remove_omission(self.review.id, position),
                   tr("Taken off your list."), focus)

    def _note_changed(self, position: int, row: OmissionRow) -> None:
        if position >= len(self.review.omissions):
            return
        kept = self.review.omissions[position]
        if row.note.text().strip() == kept.account:
            return
        found = next((o for o in self.found if _same(kept, o)), None)
        # The same words and time again update the note rather than adding another.
        target: Omission | Passage = found if found is not None else Passage(
            "recording", 0, 0, kept.recording_start, kept.recording_end, kept.recording_text)
        try:
            self.review = self.services.minutes.add_omission(self.review.id, target, row.note.text())
        except UserError as exc:
            self.status.setText(error_text(exc))
            return
        self.status.setText(tr("Your note is saved."))
        self.changed.emit(self.review)

    def _add_other(self) -> None:
        said, note = self.other.text(), self.other_note.text()
        self._save(lambda: self.services.minutes.add_omission(self.review.id, said, note),
                   tr("Added to your list. It will go in your letter."), -1)

    def set_review(self, review: MinutesReview) -> None:
        if review.omissions != self.review.omissions:
            self.review = review
            self.rebuild()
        self.review = review
