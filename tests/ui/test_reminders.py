"""Reminders (issue 14): generic unless the family opts in, never naming anything while the
record is locked or the window is hidden; once per item per day; checked every hour."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from familyrecord import settings as settings_mod
from familyrecord.records.models import Deadline, Meeting
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.home.reminders import REMIND_EVERY_MS, Reminder, TrayNotifier
from familyrecord.ui.home.view import HomeView
from familyrecord.ui.settings.dialog import SettingsDialog
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui

MONDAY_MORNING = datetime(2026, 3, 16, 9, 0)
TITLE = "Send my statement to the court"


class Window(QWidget):
    """A top-level window holding Home, with the app's settings as AppWindow has them."""

    def __init__(self, services: Services, settings: AppSettings) -> None:
        super().__init__()
        self.settings = settings
        self.home = HomeView(services, self)
        QVBoxLayout(self).addWidget(self.home)


@pytest.fixture
def due_tomorrow(services: Services) -> Deadline:
    return services.save(Deadline(title=TITLE, due_on=date(2026, 3, 17)))


def shown(qtbot: QtBot, services: Services, *, opted_in: bool = False) -> Window:
    window = Window(services, AppSettings(show_due_in_reminders=opted_in))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: not window.home.reminders._first.isActive())  # the start-up check ran
    return window


def test_a_generic_reminder_once_a_day_and_every_hour(qtbot: QtBot, services: Services,
                                                       due_tomorrow: Deadline) -> None:
    window = shown(qtbot, services)
    home = window.home
    assert home.reminders.timer.isActive() and home.reminders.timer.interval() == REMIND_EVERY_MS == 3_600_000

    reminder = home.reminders.check(MONDAY_MORNING)
    assert reminder == Reminder("FamilyRecord", "Something is due tomorrow. Open FamilyRecord to see what.",
                                False)
    assert home.banner.isVisibleTo(home) and TITLE not in home.banner.text.text()
    assert home.banner.text.text() == reminder.body
    assert home.reminders.check(datetime(2026, 3, 16, 10, 0)) is None  # said once today
    # The next day it is due today: said again, once.
    again = home.reminders.check(datetime(2026, 3, 17, 8, 0))
    assert again is not None and again.body.startswith("Something is due today.")
    assert home.reminders.check(datetime(2026, 3, 17, 9, 0)) is None
    # Done: no more reminders.
    services.save(Deadline(id=due_tomorrow.id, title=TITLE, due_on=due_tomorrow.due_on,
                           done_on=date(2026, 3, 17)))
    assert home.reminders.check(datetime(2026, 3, 18, 8, 0)) is None


def test_names_what_is_due_only_when_opted_in_and_on_screen(qtbot: QtBot, services: Services,
                                                            due_tomorrow: Deadline) -> None:
    services.save(Meeting(title="Review conference", starts_at=datetime(2026, 3, 16, 14, 0)))
    services.save(Meeting(title="Already over", starts_at=datetime(2026, 3, 16, 8, 0)))
    window = shown(qtbot, services, opted_in=True)
    reminder = window.home.reminders.check(MONDAY_MORNING)
    assert reminder is not None and reminder.names_what
    assert reminder.body == f"Due today: Review conference. Due tomorrow: {TITLE}."
    assert window.home.banner.text.text() == reminder.body

    # Minimised, the same family's reminders say nothing about what is due.
    services.save(Deadline(title="Ask for the minutes", due_on=date(2026, 3, 17)))
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    hidden = window.home.reminders.check(datetime(2026, 3, 16, 11, 0))
    assert hidden is not None and not hidden.names_what
    assert "Ask for the minutes" not in hidden.body


def test_while_locked_only_the_tray_reminds_and_it_names_nothing(
        qtbot: QtBot, services: Services, due_tomorrow: Deadline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = shown(qtbot, services, opted_in=True)
    home = window.home
    home.reminders.check(datetime(2026, 3, 15, 9, 0))  # a day early: learns what falls due when
    services.lock()
    home.clear()
    # No tray (as offscreen): nothing can be shown while locked, so nothing counts as said.
    assert home.reminders.check(MONDAY_MORNING) is None
    assert not home.banner.isVisibleTo(home)

    sent: list[Reminder] = []
    monkeypatch.setattr(TrayNotifier, "available", staticmethod(lambda: True))
    monkeypatch.setattr(TrayNotifier, "show", lambda _self, reminder: sent.append(reminder))
    reminder = home.reminders.check(MONDAY_MORNING)
    assert reminder is not None and sent == [reminder]
    assert not reminder.names_what and TITLE not in reminder.body
    assert reminder.body.startswith("Something is due tomorrow.")
    assert not home.banner.isVisibleTo(home)


def test_the_setting_is_off_by_default_and_kept(qtbot: QtBot, services: Services) -> None:
    assert AppSettings().show_due_in_reminders is False
    dialog = SettingsDialog(AppSettings(), services)
    qtbot.addWidget(dialog)
    assert not dialog.due_in_reminders.isChecked()
    dialog.due_in_reminders.setChecked(True)
    chosen = dialog.result_settings()
    assert chosen.show_due_in_reminders is True
    settings_mod.save(chosen)
    assert json.loads(settings_mod.settings_path().read_text(encoding="utf-8"))["show_due_in_reminders"]
    assert settings_mod.load().show_due_in_reminders is True


def test_a_meeting_tomorrow_is_reminded_without_its_time_or_title(qtbot: QtBot,
                                                                   services: Services) -> None:
    services.save(Meeting(title="Core group", starts_at=datetime.combine(date(2026, 3, 17), time(13))))
    window = shown(qtbot, services)
    reminder = window.home.reminders.check(MONDAY_MORNING)
    assert reminder is not None and "Core group" not in reminder.body and "13" not in reminder.body


def test_home_in_the_app_window_reads_the_family_s_choice(qtbot: QtBot, services: Services,
                                                          vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services,
                         settings=AppSettings(show_due_in_reminders=True))
    assert window.main is not None
    assert window.main.home._may_name_due()
    window.settings = AppSettings(show_due_in_reminders=False)  # as Settings saves it
    assert not window.main.home._may_name_due()
