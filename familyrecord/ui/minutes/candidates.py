"""What the recording says: the passages that may be what a minutes statement reports, best first.

One widget holds the keyboard focus and a current passage: Tab, → or ↓ go to the next passage,
Shift+Tab, ← or ↑ back (Tab leaves the list after the last one, as usual); Enter or a click plays
from that passage's time. The best passage shows the words that differ from the minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from familyrecord.ui.minutes.highlight import mark_colours, marked_html
from familyrecord.ui.minutes.words import tr
from familyrecord.views.minutes import LIKELY_MATCH, Candidate, Span

TimeLabel = Callable[[float], str]  # a time on the meeting's timeline as the player shows it

_STYLE = """
QFrame#candidate { border: 1px solid palette(mid); border-radius: 6px; }
QFrame#candidate[current="true"] { border: 2px solid palette(highlight); }
QFrame#candidate[current="true"][focused="true"] { border: 4px solid palette(highlight); }
"""


def _likeliness(rank: int, score: float) -> str:
    if score < LIKELY_MATCH:
        return tr("less likely")
    return tr("best match") if rank == 0 else tr("may be this")


class CandidateCard(QFrame):
    """One passage: when (or "from your notes"), how likely, who spoke, and the words."""

    clicked = Signal()

    def __init__(self, rank: int, candidate: Candidate, time_label: TimeLabel, spans: Sequence[Span],
                 chosen: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidate")
        self.setProperty("current", False)
        self.setProperty("focused", False)
        self.candidate = candidate
        passage = candidate.passage
        where = tr("At {0}").format(time_label(passage.start)) if passage.start is not None \
            else tr("From your notes")
        facts = [where, _likeliness(rank, candidate.score)]
        if passage.speakers:
            facts.append(", ".join(passage.speakers))
        if chosen:
            facts.append(tr("kept as what was said"))
        layout = QVBoxLayout(self)
        self.header = QLabel(" · ".join(facts), self)
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.RichText)
        self.words.setText(marked_html(passage.text, spans, mark_colours(self)))
        for label in (self.header, self.words):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.header)
        layout.addWidget(self.words)
        self.setAccessibleName(f"{self.header.text()}: {passage.text}")

    def set_current(self, current: bool, focused: bool) -> None:
        self.setProperty("current", current)
        self.setProperty("focused", focused)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
            event.accept()
            return
        super().mousePressEvent(event)


class CandidateList(QWidget):
    """The ranked passages for one statement. Signals: current_changed(index), play_requested(index)."""

    current_changed = Signal(int)
    play_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("What the recording says"))
        self.setStyleSheet(_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        self._layout.addWidget(self.empty)
        self.cards: list[CandidateCard] = []
        self.current = -1

    def show_candidates(self, candidates: Sequence[Candidate], time_label: TimeLabel,
                        best_spans: Sequence[Span], chosen_text: str, *, has_recording: bool) -> None:
        """Show the passages; the one the family chose before (or the best) becomes current."""
        for card in self.cards:
            # Hidden first: a card added moments ago has a show queued by its layout, which
            # would otherwise open it as a window of its own.
            card.hide()
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        chosen = self._chosen(candidates, chosen_text)
        for rank, candidate in enumerate(candidates):
            card = CandidateCard(rank, candidate, time_label, best_spans if rank == 0 else (),
                                 rank == chosen and bool(chosen_text), self)
            card.clicked.connect(lambda at=rank: self._clicked(at))
            self._layout.addWidget(card)
            self.cards.append(card)
        if not candidates:
            self.empty.setText(tr("Nothing in the recording or your notes seems to be about this.")
                               if has_recording else
                               tr("There is no transcript of a recording for this meeting, and nothing "
                                  "in your notes seems to be about this."))
        elif candidates[0].score < LIKELY_MATCH:
            self.empty.setText(tr("Nothing said seems to match this closely. It may not have been "
                                  "discussed."))
        else:
            self.empty.clear()
        self.empty.setVisible(bool(self.empty.text()))
        self.current = -1
        self.set_current(max(0, chosen) if candidates else -1)

    @staticmethod
    def _chosen(candidates: Sequence[Candidate], chosen_text: str) -> int:
        """The passage the family chose: the one holding the words kept (they may be cut down)."""
        if not chosen_text:
            return -1
        for rank, candidate in enumerate(candidates):
            if chosen_text in candidate.passage.text or candidate.passage.text in chosen_text:
                return rank
        return -1

    def candidate(self) -> Candidate | None:
        return self.cards[self.current].candidate if 0 <= self.current < len(self.cards) else None

    def set_current(self, index: int) -> None:
        if not self.cards:
            self.current = -1
            return
        index = max(0, min(index, len(self.cards) - 1))
        if index == self.current:
            return
        self.current = index
        self._restyle()
        self.current_changed.emit(index)

    def _restyle(self) -> None:
        for at, card in enumerate(self.cards):
            card.set_current(at == self.current, self.hasFocus())
        if 0 <= self.current < len(self.cards):
            self.setAccessibleDescription(self.cards[self.current].accessibleName())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._restyle()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._restyle()

    def step(self, delta: int) -> bool:
        """Move to the next (1) or previous (-1) passage; False at either end."""
        target = self.current + delta
        if not self.cards or not 0 <= target < len(self.cards):
            return False
        self.set_current(target)
        return True

    def _clicked(self, index: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_current(index)
        self.play_requested.emit(index)

    # ---- keys ------------------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the passages first; after the last one it leaves the list as usual.
        if self.hasFocus() and self.step(1 if next else -1):
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current >= 0:
            self.play_requested.emit(self.current)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.step(1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.step(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
