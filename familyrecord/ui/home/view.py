"""Home: what is coming up, what is due or overdue, what was recently written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import short_date
from familyrecord.records.registry import in_area
from familyrecord.services import Services
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.labels import kind_label, tr_records
from familyrecord.ui.widgets.sections import FlowLayout

ID_ROLE = Qt.ItemDataRole.UserRole
# Areas whose first record type Home offers to add straight away (what families add most).
QUICK_ADD_AREAS = ("meetings", "correspondence", "contact")


class HomeSection(QWidget):
    """A heading, a short list of entries that open on Enter or double-click, and an empty text."""

    def __init__(self, title: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title)
        heading.setProperty("heading", 2)
        layout.addWidget(heading)
        self.empty_text = empty
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        self.list = named(QListWidget(), title)
        self.list.setMinimumHeight(120)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.list.clear()
        for text, record_id in items:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, record_id)
            self.list.addItem(item)
        self.empty.setVisible(not items)
        self.list.setVisible(bool(items))


class HomeView(QWidget):
    open_record = Signal(str)
    add_requested = Signal(str)  # navigation id of the area whose "Add" to press
    bundle_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setAccessibleName(self.tr("Home"))
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
        self.title = QLabel(self.tr("Home"))
        self.title.setProperty("heading", 1)
        layout.addWidget(self.title)
        intro = QLabel(self.tr("Everything here stays on this computer, encrypted. "
                               "Nothing is sent anywhere."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        actions_box = QWidget()
        actions = FlowLayout(actions_box, spacing=8)
        for area in QUICK_ADD_AREAS:
            first = in_area(area)[:1]
            if first and first[0].add_label:
                actions.addWidget(button(tr_records(first[0].add_label), self, slot=self._adder(area)))
        self.bundle_button = button(self.tr("Make a bundle for my solicitor…"), self,
                                    slot=self.bundle_requested.emit)
        actions.addWidget(self.bundle_button)
        layout.addWidget(actions_box)
        self.grid = grid = QGridLayout()
        self._columns = 2
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        self.upcoming = HomeSection(self.tr("Meetings coming up"),
                                    self.tr("No meetings in the next two weeks."))
        self.deadlines = HomeSection(self.tr("Deadlines due soon"),
                                     self.tr("Nothing due in the next two weeks."))
        self.overdue = HomeSection(self.tr("Replies overdue"), self.tr("No replies are overdue."))
        self.open_actions = HomeSection(self.tr("Open actions"),
                                   self.tr("No open actions. Actions agreed at meetings show here."))
        self.recent = HomeSection(self.tr("Recent entries"),
                                  self.tr("Nothing written yet. Start with a meeting, a letter or a person."))
        self.recordings = HomeSection(self.tr("Recordings not yet written out"), "")
        self.sections = [self.upcoming, self.deadlines, self.overdue, self.open_actions, self.recent,
                         self.recordings]
        for section in self.sections:
            section.list.itemActivated.connect(
                lambda item: self.open_record.emit(str(item.data(ID_ROLE))))
        self._place_sections(2)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _place_sections(self, columns: int) -> None:
        self._columns = columns
        for section in self.sections:
            self.grid.removeWidget(section)
        for i, section in enumerate(self.sections):
            self.grid.addWidget(section, i // columns, i % columns)
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

    def refresh(self, today: date | None = None) -> None:
        if self._services.is_locked:
            return
        summary = self._services.home(today)
        self.upcoming.set_items([(f"{short_date(m.starts_at, with_time=True)}  {m.summary()}", m.id)
                                 for m in summary.upcoming_meetings])
        self.deadlines.set_items([(f"{short_date(d.due_on)}  {d.summary()}", d.id)
                                  for d in summary.deadlines_due])
        self.overdue.set_items([(self.tr("%1 (reply was due %2)").replace("%1", c.summary())
                                 .replace("%2", short_date(c.reply_needed_by)), c.id)
                                for c in summary.replies_overdue])
        nobody = self.tr("nobody named")
        self.open_actions.set_items([(f"{a.action.description} — {a.action.owner_name or nobody}"
                                      + (f", {short_date(a.action.due_on)}" if a.action.due_on else ""),
                                      a.meeting.id) for a in summary.open_actions])
        self.recent.set_items([(f"{kind_label(r.KIND)}: {r.summary()}", r.id) for r in summary.recent])
        self._list_unfinished_recordings()

    def _list_unfinished_recordings(self) -> None:
        """Transcriptions a restart, a cancel or an error left unfinished: they carry on from the meeting."""
        states = {"queued": self.tr("waiting"), "cancelled": self.tr("stopped part-way"),
                  "failed": self.tr("could not finish")}
        items = []
        for job in self._services.transcription.unfinished():
            meeting = self._services.get(job.meeting_id or "")
            items.append((self.tr("%1 (%2): open it and press Carry on transcribing").replace(
                "%1", meeting.summary()).replace("%2", states[job.state]), meeting.id))
        self.recordings.set_items(items)
        # Only there when there is something to do: most families never record.
        self.recordings.setVisible(bool(items))

    def clear(self) -> None:
        self.title.setText(self.tr("Home"))
        for section in self.sections:
            section.set_items([])
