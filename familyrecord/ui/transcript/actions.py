"""What can be done to the chosen line, by key, by right-click menu and by the hint line.

One scheme throughout: a click chooses a line and moves the player there; Space or Enter plays
from it (again to pause); F2 or double-click corrects its words in place (Enter saves, Esc
cancels); D marks it disputed, I important, S asks who was speaking; Up and Down move between
lines. The keys work while the list has focus and not while typing, so a correction can hold
any letter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from familyrecord.storage.transcripts import Segment
from familyrecord.ui.transcript.segments import TEXT, SegmentTable


class LineActions(QObject):
    def __init__(self, table: SegmentTable, *, play: Callable[[], None], correct: Callable[[], None],
                 dispute: Callable[[bool], None], important: Callable[[bool], None],
                 speaker: Callable[[], None], find: Callable[[], None]) -> None:
        super().__init__(table)
        self._table = table

        def action(text: str, keys: Iterable[str], slot: Callable[[], object]) -> QAction:
            made = QAction(text, table)
            made.setShortcuts([QKeySequence(k) for k in keys])
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # not while typing elsewhere
            made.triggered.connect(slot)
            table.addAction(made)
            return made

        self.play = action(self.tr("Play from here"), ("Space", "Return", "Enter"), play)
        self.correct = action(self.tr("Correct the words"), ("F2",), correct)
        self.dispute = action(self.tr("I dispute this"), ("D",), lambda: dispute(self.dispute.isChecked()))
        self.important = action(self.tr("Important"), ("I",),
                                lambda: important(self.important.isChecked()))
        for checkable in (self.dispute, self.important):
            checkable.setCheckable(True)
        self.speaker = action(self.tr("Who was speaking…"), ("S",), speaker)
        self.next = action(self.tr("Next line"), ("Down",), lambda: table.move_current(1))
        self.previous = action(self.tr("Previous line"), ("Up",), lambda: table.move_current(-1))
        self.find = action(self.tr("Find and replace…"), (), find)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_menu)

    def hint(self) -> str:
        return self.tr("Space: play. F2 or double-click: correct. D: dispute. I: important. S: speaker.")

    def keys_help(self) -> str:
        return self.tr("Click a line to go to it. Space or Enter plays from there (again to pause). "
                       "F2 or double-click corrects its words: Enter saves, Esc cancels. D: I dispute "
                       "this. I: important. S: who was speaking. Up and Down: previous and next line. "
                       "Right-click for all of these.")

    def sync(self, seg: Segment | None) -> None:
        """Show the chosen line's marks in the menu; nothing to act on without a line."""
        for checkable, on in ((self.dispute, seg is not None and seg.disputed),
                              (self.important, seg is not None and seg.important)):
            checkable.blockSignals(True)
            checkable.setChecked(on)
            checkable.blockSignals(False)
        for line_action in (self.play, self.correct, self.dispute, self.important, self.speaker,
                            self.next, self.previous):
            line_action.setEnabled(seg is not None)
        self.find.setEnabled(bool(self._table.segments))

    def menu(self) -> QMenu:
        menu = QMenu(self._table)
        menu.setAccessibleName(self.tr("What to do with this line"))
        for group in ((self.play, self.correct), (self.dispute, self.important, self.speaker),
                      (self.previous, self.next), (self.find,)):
            menu.addActions(list(group))
            menu.addSeparator()
        return menu

    def show_menu(self, pos: QPoint) -> None:
        row = self._table.rowAt(pos.y())
        if row >= 0:
            self._table.setCurrentCell(row, TEXT)
        menu = self.menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._table.viewport().mapToGlobal(pos))


def speaker_menu(parent: QWidget, names: Iterable[str], current: str, *, choose: Callable[[str], None],
                 someone_else: Callable[[], None], rename: Callable[[], None]) -> QMenu:
    """Who was speaking: the meeting's people and the transcript's speakers, or someone else."""
    menu = QMenu(parent)
    menu.setAccessibleName(parent.tr("Who was speaking"))
    for name in dict.fromkeys(n for n in names if n):
        chosen = menu.addAction(name)
        chosen.setCheckable(True)
        chosen.setChecked(name == current)
        chosen.triggered.connect(lambda _on=False, n=name: choose(n))
    menu.addSeparator()
    menu.addAction(parent.tr("Someone else…")).triggered.connect(someone_else)
    if current:
        menu.addAction(parent.tr("Rename {0} everywhere…").format(current)).triggered.connect(rename)
    return menu
