"""Reminders while FamilyRecord is open: "FamilyRecord: something is due tomorrow".

Checked when Home is made (after unlocking) and every hour; each deadline or meeting is mentioned
at most once a day. A reminder names nothing unless the family asked for it in Settings ("Show
what is due in reminders"), and even then only while the record is unlocked and the window is on
screen: a notification can show on a locked screen or be seen by someone else.

While the record is locked nothing can be read, so what is left from the last check is only which
record ids fall due on which days (no titles, no content): enough to say "something is due"
and no more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from familyrecord.errors import UserError
from familyrecord.records.models import Meeting
from familyrecord.services import Services

log = logging.getLogger(__name__)

REMIND_EVERY_MS = 60 * 60 * 1000
MESSAGE_SHOWN_MS = 15_000
MOST_NAMED = 3  # titles in one reminder; the rest are counted
# What a check learns ahead, so a record locked for days can still say "something is due".
LOOK_AHEAD_DAYS = 7
# (vault id, record id, day reminded): ids and dates only. Kept for the whole run, so locking and
# unlocking again does not repeat a reminder the same day.
_REMINDED: set[tuple[str, str, date]] = set()


def tr(text: str) -> str:
    return QCoreApplication.translate("reminders", text)


@dataclass(frozen=True)
class DueThing:
    key: str  # the record's id
    on: date
    title: str  # only ever shown when the family opted in


@dataclass(frozen=True)
class Reminder:
    title: str
    body: str
    names_what: bool  # the body says what is due


def things_due(services: Services, now: datetime, *, days_ahead: int = LOOK_AHEAD_DAYS
               ) -> list[DueThing]:
    """Open deadlines due from today on, and meetings still to come, within `days_ahead` days."""
    today = now.date()
    found = [DueThing(item.deadline.id, item.due_on, item.deadline.title)
             for item in services.deadlines.due(today, days_ahead=days_ahead).upcoming]
    for meeting in services.list_records(Meeting, date_from=today,
                                         date_to=today + timedelta(days=days_ahead),
                                         newest_first=False):
        if meeting.starts_at is not None and meeting.starts_at >= now:
            found.append(DueThing(meeting.id, meeting.starts_at.date(), meeting.summary()))
    return found


def compose(due: dict[str, date], titles: dict[str, str], today: date) -> Reminder:
    """The words of one reminder. With `titles` (the family opted in) it says what is due."""
    soonest = min(due.values())
    if not titles:
        body = (tr("Something is due today.") if soonest == today
                else tr("Something is due tomorrow."))
        return Reminder(tr("FamilyRecord"), body + " " + tr("Open FamilyRecord to see what."), False)
    parts = []
    for day, words in ((today, tr("Due today: %1.")), (today + timedelta(days=1), tr("Due tomorrow: %1."))):
        named = [titles[key] for key, on in sorted(due.items(), key=lambda kv: kv[1]) if on == day
                 and key in titles]
        if not named:
            continue
        listed = "; ".join(named[:MOST_NAMED])
        if len(named) > MOST_NAMED:
            listed += " " + tr("and %1 more").replace("%1", str(len(named) - MOST_NAMED))
        parts.append(words.replace("%1", listed))
    return Reminder(tr("FamilyRecord"), " ".join(parts), True)


class DueReminders(QObject):
    """Checks now and every hour; hands each reminder to `deliver`, which says whether it could
    be shown (only then is it counted as given)."""

    reminded = Signal(object)  # Reminder, once delivered

    def __init__(self, services: Services, *, deliver: Callable[[Reminder], bool],
                 may_name: Callable[[], bool], parent: QObject | None = None,
                 every_ms: int = REMIND_EVERY_MS) -> None:
        super().__init__(parent)
        self._services = services
        self._vault_id = services.vault_id
        self._deliver = deliver
        self._may_name = may_name
        self._schedule: dict[str, date] = {}
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.check)
        self._first.start(0)

    def check(self, now: datetime | None = None) -> Reminder | None:
        """Remind of what falls due today or tomorrow and was not mentioned yet today."""
        now = now or datetime.now()
        today = now.date()
        titles: dict[str, str] = {}
        if not self._services.is_locked:
            try:
                things = things_due(self._services, now)
            except UserError as exc:
                log.warning("could not check what is due: %s", type(exc).__name__)
            else:
                self._schedule = {thing.key: thing.on for thing in things}
                titles = {thing.key: thing.title for thing in things}
        soon = (today, today + timedelta(days=1))
        fresh = {key: on for key, on in self._schedule.items()
                 if on in soon and (self._vault_id, key, today) not in _REMINDED}
        if not fresh:
            return None
        named = bool(titles) and not self._services.is_locked and self._may_name()
        reminder = compose(fresh, titles if named else {}, today)
        if not self._deliver(reminder):
            return None
        _REMINDED.update((self._vault_id, key, today) for key in fresh)
        self.reminded.emit(reminder)
        return reminder


class TrayNotifier(QObject):
    """A desktop notification through the system tray, where the desktop has one. The tray icon
    shows only while the message does: a lasting icon would tell others the app is running."""

    clicked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon: QSystemTrayIcon | None = None
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self._put_away)

    @staticmethod
    def available() -> bool:
        return bool(QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages())

    def show(self, reminder: Reminder) -> None:
        if self._icon is None:
            icon = QApplication.windowIcon()
            if icon.isNull():
                style = QApplication.style()
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self._icon = QSystemTrayIcon(icon, self)
            self._icon.setToolTip(tr("FamilyRecord"))
            self._icon.messageClicked.connect(self.clicked)
        self._icon.show()
        self._icon.showMessage(reminder.title, reminder.body,
                               QSystemTrayIcon.MessageIcon.Information, MESSAGE_SHOWN_MS)
        self._hide.start(MESSAGE_SHOWN_MS + 5_000)

    def _put_away(self) -> None:
        if self._icon is not None:
            self._icon.hide()
