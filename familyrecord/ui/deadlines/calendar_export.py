"""Export to a calendar: chosen meetings and deadlines as an .ics file for a phone's calendar.

Plain titles ("Meeting", "Deadline") are the default, so a calendar on a lock screen or synced
to a cloud says nothing about the case. The file appears whole or not at all, readable by its
owner only, and the export is noted in the record's journal (how many, which options; no titles).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import long_date, short_time
from familyrecord.records.models import Deadline, Meeting
from familyrecord.services import Services
from familyrecord.services.deadlines import CalendarRecord
from familyrecord.storage.atomic import write_atomically
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_FILE_NAME = "calendar.ics"  # says nothing about what is in it
# Which dates to offer: (label, days before today to start from; None for every date).
RANGES: tuple[tuple[str, int | None], ...] = (
    ("From today on", 0),
    ("From three months ago", 91),
    ("Every date", None),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


def describe(record: CalendarRecord) -> str:
    """How an entry reads in the list (the real title: this list stays in the app)."""
    if isinstance(record, Meeting) and record.starts_at is not None:
        return tr("%1, %2 — Meeting: %3").replace("%1", long_date(record.starts_at)).replace(
            "%2", short_time(record.starts_at)).replace("%3", record.summary())
    when = long_date(record.when())
    if isinstance(record, Deadline) and record.done_on is not None:
        return tr("%1 — Deadline (done): %2").replace("%1", when).replace("%2", record.title)
    return tr("%1 — Deadline: %2").replace("%1", when).replace("%2", record.summary())


class CalendarExportDialog(QDialog):
    """Opened with open(); `saved` says where the file went."""

    saved = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today or date.today()
        self._records: dict[str, CalendarRecord] = {}
        self._replace: Path | None = None  # a file the family agreed to replace
        self.setWindowTitle(tr("Export to a calendar"))
        self.setAccessibleName(tr("Export to a calendar"))
        self._outer = outer = QVBoxLayout(self)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(tr("Choose the meetings and deadlines to save as a calendar file (.ics). "
                          "Open the file on your phone or in your calendar to add them."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.range = named(QComboBox(), tr("Which dates"))
        for text, days in RANGES:
            self.range.addItem(tr(text), days)
        self.range.currentIndexChanged.connect(self.reload)
        range_caption = QLabel(tr("Which dates:"))
        range_caption.setBuddy(self.range)
        row = QHBoxLayout()
        row.addWidget(range_caption)
        row.addWidget(self.range, 1)
        layout.addLayout(row)
        self.include_done = named(QCheckBox(tr("Include deadlines already done")),
                                  tr("Include deadlines already done"))
        self.include_done.toggled.connect(self.reload)
        layout.addWidget(self.include_done)
        self.list = named(QListWidget(), tr("Meetings and deadlines"),
                          tr("Tick the ones to put on the calendar."))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(self.fontMetrics().height() * 5)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list, 1)
        self.empty = QLabel(tr("There are no meetings or deadlines in these dates."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        ticks = QHBoxLayout()
        ticks.addWidget(button(tr("Tick all"), self, slot=lambda: self._tick_all(True)))
        ticks.addWidget(button(tr("Untick all"), self, slot=lambda: self._tick_all(False)))
        ticks.addStretch(1)
        layout.addLayout(ticks)
        self.plain = named(QCheckBox(tr("Plain titles (recommended: say nothing private)")),
                           tr("Plain titles"))
        self.plain.setChecked(True)
        self.plain.toggled.connect(self._explain_titles)
        layout.addWidget(self.plain)
        self.titles_note = QLabel()
        self.titles_note.setWordWrap(True)
        layout.addWidget(self.titles_note)
        self.path = named(QLineEdit(str(_default_path())), tr("Where to save the calendar file"))
        self.path.textChanged.connect(self._path_changed)
        path_caption = QLabel(tr("Save as:"))
        path_caption.setBuddy(self.path)
        layout.addWidget(path_caption)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(button(tr("Choose…"), self, name=tr("Choose where to save the calendar file"),
                               slot=self._choose))
        layout.addLayout(where)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("What happened"))
        layout.addWidget(self.message)
        # Everything above scrolls at large text sizes; the buttons below stay in view.
        self._body = body
        outer.addWidget(scrolled(body), 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(button(tr("Close"), self, slot=self.reject))
        self.save_button = button(tr("Save the calendar file"), self, slot=self.save)
        self.save_button.setDefault(True)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self._explain_titles(True)
        self.reload()
        self._fit_screen()

    def _fit_screen(self) -> None:
        """As big as what it holds (the list at least five rows), never bigger than the screen."""
        width = self.fontMetrics().averageCharWidth() * 80
        margins = self._outer.contentsMargins()
        height = (self._body.sizeHint().height() + self.save_button.sizeHint().height()
                  + margins.top() + margins.bottom() + 3 * self._outer.spacing())
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)

    # ---- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        days = self.range.currentData()
        date_from = None if days is None else self._today - timedelta(days=int(days))
        # Keep what the family unticked; entries new to the list start ticked.
        listed = {str(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count())}
        unticked = listed - set(self.chosen_ids())
        try:
            records = self._services.deadlines.calendar_choices(
                date_from=date_from, include_done=self.include_done.isChecked())
        except UserError as exc:
            self._say(error_text(exc), problem=True)
            records = []
        self.list.clear()
        self._records = {}
        for record in records:
            if record.when() is None:
                continue
            self._records[record.id] = record
            item = QListWidgetItem(describe(record))
            item.setData(ID_ROLE, record.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            keep = record.id not in unticked
            item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setVisible(bool(self._records))
        self.empty.setVisible(not self._records)

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def chosen_ids(self) -> list[str]:
        return [str(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def _explain_titles(self, plain: bool) -> None:
        self.titles_note.setText(
            tr('Each entry is called only "Meeting" or "Deadline". Nothing about your case goes '
               "on the calendar.") if plain else
            tr("The real titles go on the calendar. Anyone who sees your phone, your calendar or "
               "where it is synced can read them."))

    # ---- saving ----------------------------------------------------------------------------

    def _choose(self) -> None:
        dialog = QFileDialog(self, tr("Where to save the calendar file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(tr("Calendar files (*.ics)"))
        dialog.setDefaultSuffix("ics")
        dialog.selectFile(self.path.text())
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def _path_changed(self) -> None:
        self._replace = None

    def target(self) -> Path | None:
        """Where the file goes (".ics" added when missing), or None with a message."""
        text = self.path.text().strip()
        if not text:
            self._say(tr("Choose where to save the calendar file."), problem=True)
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            self._say(tr("Choose a folder for the file with Choose…"), problem=True)
            return None
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        if not path.parent.is_dir():
            self._say(tr("There is no folder %1. Choose another place.").replace(
                "%1", str(path.parent)), problem=True)
            return None
        return path

    def save(self) -> Path | None:
        chosen = [self._records[record_id] for record_id in self.chosen_ids()]
        if not chosen:
            self._say(tr("Tick at least one meeting or deadline to put on the calendar."), problem=True)
            return None
        path = self.target()
        if path is None:
            return None
        plain = self.plain.isChecked()
        try:
            data = self._services.deadlines.calendar(chosen, plain_titles=plain)
            write_atomically(path, data, overwrite=self._replace == path)
        except FileExistsError:
            self._replace = path
            self._say(tr("There is already a file called %1 there. Press Save again to replace "
                         "it, or choose another name.").replace("%1", path.name), problem=True)
            return None
        except (UserError, OSError) as exc:
            self._say(error_text(exc, os_error=tr("The calendar file could not be saved there: %1. "
                                                  "Choose another place.")), problem=True)
            return None
        self._replace = None
        days = self.range.currentData()
        self._services.log_export("calendar", {
            "items": len(chosen), "real_titles": not plain,
            "from": "" if days is None else (self._today - timedelta(days=int(days))).isoformat(),
            "to": "", "include_done": self.include_done.isChecked()})
        meetings = sum(isinstance(record, Meeting) for record in chosen)
        deadlines = len(chosen) - meetings
        self._say(tr("Saved %1 and %2 to %3. Open that file on your phone or in your calendar.")
                  .replace("%1", _count(meetings, "1 meeting", "%1 meetings"))
                  .replace("%2", _count(deadlines, "1 deadline", "%1 deadlines"))
                  .replace("%3", str(path)))
        self.saved.emit(str(path))
        return path

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("fieldError", problem)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


def _count(count: int, one: str, many: str) -> str:
    return tr(one) if count == 1 else tr(many).replace("%1", str(count))


def _default_path() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return folder / DEFAULT_FILE_NAME
