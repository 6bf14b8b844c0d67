"""The minutes comparison, a window of its own sized to the screen: first where the minutes come
from (skipped when a review was started before), then three sections — the statements side by
side with what was said, what was said but left out, and the letter asking for corrections. One
player under them plays the recording for both lists. Closing keeps the words typed and drops the
recording from memory; locking the record closes the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QStackedWidget, QVBoxLayout, QWidget

from familyrecord.formatting import long_date
from familyrecord.records.minutes_review import MinutesReview
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.ui.minutes.compare import ComparisonPage
from familyrecord.ui.minutes.letter import LetterPage, OpenRecord
from familyrecord.ui.minutes.omissions import OmissionsPage
from familyrecord.ui.minutes.panes import wrapped
from familyrecord.ui.minutes.playback import MomentPlayer
from familyrecord.ui.minutes.source import SourcePage
from familyrecord.ui.minutes.words import tr
from familyrecord.ui.widgets.sections import SectionTabs

log = logging.getLogger(__name__)

PREFERRED = (1600, 1000)  # on a large screen; a laptop's screen caps it
FRAME_ROOM = 40  # the title bar the window manager adds


class MinutesWindow(QDialog):
    def __init__(self, services: Services, meeting: Meeting, open_record: OpenRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.services = services
        self.meeting = meeting
        self.open_record = open_record
        self.review: MinutesReview | None = None
        self.comparison_page: ComparisonPage | None = None
        self.omissions_page: OmissionsPage | None = None
        self.letter_page: LetterPage | None = None
        self.sections: SectionTabs | None = None
        title = tr("Check the minutes: {0}").format(meeting.summary())
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        when = long_date(meeting.when())
        self.meeting_label = wrapped(self, f"{meeting.summary()} · {when}" if when else meeting.summary())
        font = self.meeting_label.font()
        font.setBold(True)
        self.meeting_label.setFont(font)
        layout.addWidget(self.meeting_label)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.source = SourcePage(services, meeting, self)
        self.source.ready.connect(self.show_review)
        self.stack.addWidget(self.source)
        self.player = MomentPlayer(services, meeting.id, self)
        layout.addWidget(self.player)
        self.working = wrapped(self)
        layout.addWidget(self.working)
        self.working.setVisible(False)
        self.fit_screen()
        existing = services.minutes.review_for(meeting.id)
        if existing is not None and existing.statements:
            self.show_review(existing.id)

    def fit_screen(self, room: QRect | None = None) -> None:
        """As large as the screen's free area allows (`room`, else the screen's), up to PREFERRED."""
        if room is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            room = screen.availableGeometry() if screen is not None else None
        if room is None:
            self.resize(*PREFERRED)
            return
        self.setMaximumSize(room.size())
        self.resize(min(PREFERRED[0], room.width()), min(PREFERRED[1], room.height() - FRAME_ROOM))

    # ---- the sections ----------------------------------------------------------------------------

    def show_review(self, review_id: str) -> None:
        """Compare the review's minutes with what was said and show the three sections."""
        self.working.setText(tr("Comparing the minutes with what was said…"))
        self.working.setVisible(True)
        self.working.repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            review = self.services.minutes.review(review_id)
            comparison = self.services.minutes.comparison(review)
        finally:
            QApplication.restoreOverrideCursor()
            self.working.setVisible(False)
        if not review.statements:
            self.source.reload()
            self.source.status.setText(tr("No statements were found in these minutes: only headings or "
                                          "who was there. Check it is the minutes, or paste their words."))
            self.stack.setCurrentWidget(self.source)
            return
        self._drop_sections()
        self.review = review
        self.comparison_page = ComparisonPage(self.services, self.meeting, review, comparison, self.player)
        self.omissions_page = OmissionsPage(self.services, review, comparison.omissions, self.player)
        self.letter_page = LetterPage(self.services, self.meeting, review, self.player, self.open_record)
        self.sections = SectionTabs(self)
        self.sections.addTab(self.comparison_page, tr("Statements"))
        self.sections.addTab(self.omissions_page, "")
        self.sections.addTab(self.letter_page, tr("The letter"))
        self.sections.currentChanged.connect(self._section_changed)
        self.comparison_page.changed.connect(self._changed)
        self.comparison_page.other_minutes_requested.connect(self.choose_minutes)
        self.omissions_page.changed.connect(self._changed)
        self.stack.addWidget(self.sections)
        self.stack.setCurrentWidget(self.sections)
        self._name_sections()
        self.comparison_page.candidates.setFocus(Qt.FocusReason.OtherFocusReason)

    def _drop_sections(self) -> None:
        if self.comparison_page is not None:
            self.comparison_page.save_words()
        if self.sections is not None:
            self.stack.removeWidget(self.sections)
            self.sections.deleteLater()
        self.sections = None
        self.comparison_page = self.omissions_page = self.letter_page = None

    def _name_sections(self) -> None:
        if self.sections is None or self.review is None:
            return
        added = len(self.review.omissions)
        self.sections.buttons[1].setText(tr("Said but not in the minutes ({0} added)").format(added))
        for section in self.sections.buttons:
            section.setAccessibleName(tr("Section: {0}").format(section.text()))

    def _changed(self, review: object) -> None:
        if not isinstance(review, MinutesReview):
            return
        self.review = review
        for page in (self.comparison_page, self.omissions_page, self.letter_page):
            if page is not None:
                page.set_review(review)
        self._name_sections()

    def _section_changed(self, index: int) -> None:
        if self.comparison_page is not None:
            self.comparison_page.save_words()  # the letter shows what was typed
        if index == 2 and self.letter_page is not None and self.review is not None:
            self.letter_page.set_review(self.review)
        if index == 0 and self.comparison_page is not None:
            self.comparison_page.candidates.setFocus(Qt.FocusReason.OtherFocusReason)

    def section(self, index: int) -> None:
        if self.sections is not None:
            self.sections.setCurrentIndex(index)

    def choose_minutes(self) -> None:
        """Back to the first step, to read other (say, corrected) minutes."""
        if self.comparison_page is not None:
            self.comparison_page.save_words()
        self.player.unload()
        self.source.reload()
        self.stack.setCurrentWidget(self.source)

    # ---- closing ---------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        # Closing (the window's button, Esc, or the record locking) all come through here.
        if self.comparison_page is not None and not self.services.is_locked:
            self.comparison_page.save_words()
        self.source.shut_down()
        self.player.unload()
        super().done(result)


def main_window_opener(parent: QWidget) -> OpenRecord | None:
    """The main window's open_record (to show the letter under Letters), when it can be reached."""
    top = parent.window()
    main = getattr(top, "main", None)
    opener: Callable[..., None] | None = getattr(main, "open_record", None)
    if not callable(opener):
        return None

    def open_record(record_id: str) -> None:
        opener(record_id)
        top.raise_()
        top.activateWindow()

    return open_record
