"""The side by side view: one minutes statement at a time | what the recording says | what we say.

Keyboard-driven (the keys only act while the focus is in this page, and never while typing in a
box): J, Alt+↓ or Page Down next statement; K, Alt+↑ or Page Up previous; Space plays the current
passage (or pauses); 1–5 or A, I, C, N, S mark the statement; Tab or → next passage, Shift+Tab or
← back; Enter or a click plays a passage. Every mark is one save; words typed are saved with the
next mark or on moving to another statement. The columns sit side by side when the text fits,
otherwise two or one across, inside a scroll area so nothing is cut off at large text sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.records.enums import Verdict
from familyrecord.records.minutes_review import MinutesReview, StatementReview
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.ui.minutes.candidates import CandidateList
from familyrecord.ui.minutes.panes import StatementPane, VerdictPane, heading, wrapped
from familyrecord.ui.minutes.playback import MomentPlayer
from familyrecord.ui.minutes.words import VERDICTS, tr, verdict_word
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.views.minutes import Candidate, Comparison, StatementMatch

COLUMN_CHARS = 30  # the narrowest a column may be, in average characters of the text size


def checked_text(review: MinutesReview) -> str:
    done = sum(1 for s in review.statements if s.verdict is not Verdict.UNMARKED)
    return tr("{0} of {1} checked").format(done, len(review.statements))


class ComparisonPage(QWidget):
    """Signals: changed(MinutesReview) after every save; other_minutes_requested()."""

    changed = Signal(object)
    other_minutes_requested = Signal()

    def __init__(self, services: Services, meeting: Meeting, review: MinutesReview, comparison: Comparison,
                 player: MomentPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting = meeting
        self.review = review
        self.matches: dict[int, StatementMatch] = {m.statement.index: m for m in comparison.statements}
        self.player = player
        self.has_recording = bool(services.minutes.spoken_lines(meeting.id))
        self.position = -1
        self._moved = False  # the family picked another passage than the one first shown
        self._columns = 0
        self._build()
        self._keys()
        self._fill_chooser()
        self.show_statement(self._first_unchecked())

    # ---- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        nav = QHBoxLayout()
        self.previous_button = button(tr("Previous (K)"), self, name=tr("Previous statement"),
                                      slot=lambda: self.step(-1))
        self.chooser = named(QComboBox(self), tr("Go to a statement"))
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        self.chooser.activated.connect(self.show_statement)
        self.next_button = button(tr("Next (J)"), self, name=tr("Next statement"), slot=lambda: self.step(1))
        self.progress = QLabel(self)
        self.progress.setAccessibleName(tr("How many statements are checked"))
        for widget in (self.previous_button, self.next_button):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.chooser, 1)
        nav.addWidget(self.next_button)
        nav.addWidget(self.progress)
        layout.addLayout(nav)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(8, 6, 8, 6)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(14)
        body.addLayout(self.grid)
        self.minutes = StatementPane(self.body)
        self.recording = QWidget(self.body)
        said = QVBoxLayout(self.recording)
        said.setContentsMargins(0, 0, 0, 0)
        said.addWidget(heading(tr("What the recording says"), self.recording))
        self.candidates = CandidateList(self.recording)
        self.candidates.current_changed.connect(self._passage_changed)
        self.candidates.play_requested.connect(lambda _i: self.play())
        said.addWidget(self.candidates)
        said.addStretch(1)
        self.verdict = VerdictPane(self.body)
        self.verdict.verdict_chosen.connect(self.mark)
        body.addStretch(1)
        self.keys_hint = wrapped(self.body, tr(
            "Keys: J or Page Down next statement, K or Page Up previous · Space play or pause · "
            "1 to 5 mark · Tab or → next passage · Enter plays it"))
        body.addWidget(self.keys_hint)
        where = QHBoxLayout()
        self.source_note = wrapped(self.body, self._source_text())
        self.other_minutes_button = button(tr("Use other minutes…"), self.body,
                                           slot=self.other_minutes_requested.emit)
        where.addWidget(self.source_note, 1)
        where.addWidget(self.other_minutes_button)
        body.addLayout(where)
        self.scroll_area = scrolled(self.body)
        layout.addWidget(self.scroll_area, 1)
        self._arrange(3)

    def _source_text(self) -> str:
        attachment_id = self.review.minutes_attachment_id
        names = {a.id: a.file_name for a in self.services.attachments_for(self.meeting)}
        if attachment_id in names:
            return tr("These minutes were read from {0}.").format(names[attachment_id])
        return tr("These minutes were pasted in.")

    def _keys(self) -> None:
        actions: list[tuple[tuple[str, ...], Callable[[], object]]] = [
            (("J", "Alt+Down", "PgDown"), lambda: self.step(1)),
            (("K", "Alt+Up", "PgUp"), lambda: self.step(-1)),
            (("Space",), self._space),
            (("Right",), lambda: self.candidates.step(1)),
            (("Left",), lambda: self.candidates.step(-1)),
        ]
        for choice in VERDICTS:
            actions.append(((choice.digit, choice.letter), partial(self.mark, choice.verdict)))
        self.shortcuts: list[QShortcut] = []
        for keys, slot in actions:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)

    def _arrange(self, columns: int) -> None:
        """Three columns side by side; two (minutes over recording | verdict); or one below another."""
        if columns == self._columns:
            return
        self._columns = columns
        for widget in (self.minutes, self.recording, self.verdict):
            self.grid.removeWidget(widget)
        for column in range(3):
            self.grid.setColumnStretch(column, 0)
        # (row, column, rows spanned) of the minutes, the recording and the verdict.
        places = {3: [(0, 0, 1), (0, 1, 1), (0, 2, 1)], 2: [(0, 0, 1), (1, 0, 1), (0, 1, 2)],
                  1: [(0, 0, 1), (1, 0, 1), (2, 0, 1)]}
        for widget, (row, column, rows) in zip((self.minutes, self.recording, self.verdict),
                                               places[columns], strict=True):
            self.grid.addWidget(widget, row, column, rows, 1, Qt.AlignmentFlag.AlignTop)
        stretches = {3: (3, 4, 3), 2: (1, 1, 0), 1: (1, 0, 0)}[columns]
        for column, stretch in enumerate(stretches):
            self.grid.setColumnStretch(column, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = event.size().width() - self.scroll_area.verticalScrollBar().sizeHint().width()
        column = COLUMN_CHARS * max(1, self.fontMetrics().averageCharWidth())
        self._arrange(3 if room >= 3 * column + 36 else 2 if room >= 2 * column + 18 else 1)
        super().resizeEvent(event)

    # ---- showing a statement ----------------------------------------------------------------------

    def _first_unchecked(self) -> int:
        return next((n for n, s in enumerate(self.review.statements) if s.verdict is Verdict.UNMARKED), 0)

    def _fill_chooser(self) -> None:
        self.chooser.clear()
        for position, statement in enumerate(self.review.statements):
            self.chooser.addItem(self._chooser_text(position, statement))
        self.progress.setText(checked_text(self.review))

    def _chooser_text(self, position: int, statement: StatementReview) -> str:
        words = statement.minutes_text if len(statement.minutes_text) <= 60 else \
            statement.minutes_text[:57].rstrip() + "…"
        number = tr("Statement {0} of {1}").format(position + 1, len(self.review.statements))
        return f"{number} · {statement.item + ' ' if statement.item else ''}{words} · " \
               f"{verdict_word(statement.verdict)}"

    @property
    def statement(self) -> StatementReview:
        return self.review.statements[self.position]

    def show_statement(self, position: int) -> None:
        if not self.review.statements:
            self.verdict.say(tr("No statements were found in these minutes."))
            return
        position = max(0, min(position, len(self.review.statements) - 1))
        said = self.save_words() if position != self.position else ""
        self.position = position
        self.chooser.setCurrentIndex(position)
        statement = self.statement
        match = self.matches.get(statement.index)
        found = match.differences if match is not None else ()
        if match is not None:
            self.minutes.show_statement(match.statement, found)
        self._show_candidates()
        self._moved = False
        self.verdict.show_statement(statement, self._suggestion())
        self.verdict.say(said)
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(position < len(self.review.statements) - 1)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_candidates(self, keep: int = -1) -> None:
        """The passages for the current statement; `keep` stays current (after a save)."""
        match = self.matches.get(self.statement.index)
        candidates = match.candidates if match is not None else ()
        spans = [span for d in (match.differences if match is not None else ()) for span in d.recording_spans]
        self.candidates.show_candidates(candidates, self.player.label, spans, self.statement.recording_text,
                                        has_recording=self.has_recording)
        moved = self._moved
        if keep >= 0:
            self.candidates.set_current(keep)
        self._moved = moved

    def _suggestion(self) -> str:
        try:
            return self.services.minutes.suggested_correction(self.review, self.statement.index)
        except UserError:
            return ""

    def step(self, delta: int) -> None:
        target = self.position + delta
        if 0 <= target < len(self.review.statements):
            self.show_statement(target)
            self.candidates.setFocus(Qt.FocusReason.OtherFocusReason)

    def _passage_changed(self, _index: int) -> None:
        self._moved = True

    # ---- playing ---------------------------------------------------------------------------------

    def play(self) -> None:
        candidate = self.candidates.candidate()
        if candidate is None:
            self.player.say(tr("There is nothing in the recording to play for this statement."))
            return
        self.player.play_at(candidate.passage.start)

    def _space(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and self.isAncestorOf(focus):
            focus.click()  # Space still presses the button that has the focus
            return
        candidate = self.candidates.candidate()
        self.player.toggle(candidate.passage.start if candidate is not None else None)

    # ---- saving as it goes -----------------------------------------------------------------------

    def _chosen(self) -> Candidate | None:
        return self.candidates.candidate() if self._moved else None

    def mark(self, verdict: Verdict) -> None:
        """One save: the verdict, with the words typed and the passage picked, if any."""
        if self.position < 0:
            return
        account, correction = self.verdict.edits()
        self._save(lambda: self.services.minutes.mark(
            self.review.id, self.statement.index, verdict, account=account, chosen=self._chosen(),
            correction=correction), tr("Saved: {0}.").format(verdict_word(verdict)))

    def save_words(self) -> str:
        """Keep what was typed about the current statement (moving on, marking, closing); what
        to tell the family about it ("" when nothing was typed)."""
        if self.position < 0 or self.services.is_locked:
            return ""
        account, correction = self.verdict.edits()
        if account is None and correction is None:
            return ""
        return self._save(lambda: self.services.minutes.mark(
            self.review.id, self.statement.index, self.statement.verdict, account=account,
            correction=correction), tr("Your words about statement {0} are saved.").format(self.position + 1))

    def _save(self, save: Callable[[], MinutesReview], done: str) -> str:
        try:
            self.review = save()
        except UserError as exc:
            self.verdict.say(error_text(exc))
            self.verdict.set_verdict(self.statement.verdict)
            return error_text(exc)
        self.verdict.saved()
        self.verdict.say(done)
        statement = self.statement
        focused = self.candidates.hasFocus()
        self._show_candidates(keep=self.candidates.current)
        if focused:
            self.candidates.setFocus(Qt.FocusReason.OtherFocusReason)
        self.verdict.set_verdict(statement.verdict)
        self.chooser.setItemText(self.position, self._chooser_text(self.position, statement))
        self.progress.setText(checked_text(self.review))
        self.verdict.offer_suggestion(self._suggestion())
        self.changed.emit(self.review)
        return done

    def set_review(self, review: MinutesReview) -> None:
        """The review changed elsewhere in the window (an omission added)."""
        self.review = review
