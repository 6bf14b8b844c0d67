"""Shared helpers for the GUI tests (a plain module: tests/ui is not a package)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.app import AppWindow
from familyrecord.ui.records.record_view import RecordListView
from tests.conftest import FAST_KDF


def make_window(qtbot: QtBot, vault_path: Path, services: Services | None = None,
                idle_ms: int | None = None, settings: AppSettings | None = None) -> AppWindow:
    window = AppWindow(settings or AppSettings(), vault_path=vault_path, idle_ms=idle_ms, kdf=FAST_KDF)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # shortcuts need an active window
    if services is not None:
        window.enter_main(services)
    return window


def view(window: AppWindow, area: str, index: int = 0) -> RecordListView:
    assert window.main is not None
    window.main.show_page(area)
    found = window.main.areas[area].views[index]
    tabs = window.main.areas[area].tabs
    if tabs is not None:
        tabs.setCurrentWidget(found)
    return found
