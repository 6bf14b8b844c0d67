"""The attendance, letterbox, support plan and money tabs fit a 1366x768 laptop at 100% and
200% text: no visible label, button or field is cut off at the side, clipped by what holds it
(inside a scroll area: outside the scrolled content) or too short for its wrapped words.

The same run saves what it saw as PNGs: to $FAMILYRECORD_SCREENSHOTS when set (the project's
docs/screenshots/attendance-*.png and support-*.png are made so), else to the test's temporary
folder:

    FAMILYRECORD_SCREENSHOTS=docs/screenshots QT_QPA_PLATFORM=offscreen \\
        .venv/bin/python -m pytest -q tests/ui/test_contact_screens.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import Direction, LetterboxKind, MoneyEntryType, MoneyKind
from familyrecord.records.kinship import LetterboxItem, MoneyEntry
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.app import AppWindow
from familyrecord.ui.contact.attendance import AttendanceView
from familyrecord.ui.contact.letterbox import LetterboxPanel
from familyrecord.ui.contact.money import MoneyView
from familyrecord.ui.contact.pages import ContactAttendancePage
from familyrecord.ui.contact.support import SupportPlanView
from familyrecord.ui.widgets.theme import apply_appearance
from tests.conftest import FAST_KDF

pytestmark = pytest.mark.gui

LAPTOP = QRect(0, 0, 1366, 768)
# Which tab of which area, and the name of its screenshot (None: checked, not saved).
TABS: list[tuple[str, type[QWidget], str | None]] = [
    ("contact", ContactAttendancePage, "attendance"),
    ("contact", LetterboxPanel, None),
    ("support", SupportPlanView, "support"),
    ("support", MoneyView, None),
]


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The screen the app sees is 1366x768 (the offscreen platform's own is 800x800)."""
    real = QGuiApplication.primaryScreen()
    if real is None or real.availableGeometry() != LAPTOP:
        from familyrecord.ui.widgets import screen as screen_mod

        monkeypatch.setattr(screen_mod, "available_geometry", lambda _widget=None: QRect(LAPTOP))
    return LAPTOP


@pytest.fixture(params=[100, 200], ids=["100%", "200%"])
def text_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    percent = int(request.param)
    font, sheet, palette = QFont(qapp.font()), qapp.styleSheet(), QPalette(qapp.palette())
    apply_appearance(qapp, AppSettings(text_scale_percent=percent, theme="light"))
    yield percent
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


CHECKED = (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
SLACK = 2  # pixels of rounding


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(inner)


def _problem(widget: QWidget, window: QWidget) -> str:
    """'' when the widget is wholly inside what holds it, up to the window (inside a scroll area:
    inside its scrolled content, which must not be wider than the area)."""
    rect = QRect(QPoint(0, 0), widget.size())
    current = widget
    while current is not window:
        parent = current.parentWidget()
        if parent is None:
            return "not in the window"
        rect.translate(current.pos())
        holder = parent.parentWidget()
        area = holder.parentWidget() if holder is not None else None
        if isinstance(area, QScrollArea) and area.widget() is parent:
            if not _inside(rect, parent.rect()):
                return "outside the scrolled content"
            if parent.width() > area.viewport().width() + SLACK:
                return "in content wider than its scroll area"
            current, rect = area, QRect(QPoint(0, 0), area.size())
            continue
        if not _inside(rect, parent.rect()):
            return f"clipped by {type(parent).__name__}"
        current = parent
    if (isinstance(widget, QLabel) and widget.wordWrap() and widget.text().strip()
            and widget.height() + SLACK < widget.heightForWidth(widget.width())):
        return "wrapped words cut off at the bottom"
    return ""


def layout_problems(page: QWidget, window: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    found = []
    for widget in page.findChildren(QWidget):
        if isinstance(widget, CHECKED) and widget.isVisible():
            problem = _problem(widget, window)
            if problem:
                name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
                found.append(f"{where}: {type(widget).__name__} {str(name)[:40]!r} {problem}")
    return found


def open_window(qtbot: QtBot, path: Path, services: Services, screen: QRect) -> AppWindow:
    window = AppWindow(AppSettings(), vault_path=path, kdf=FAST_KDF, save_settings=False)
    qtbot.addWidget(window)
    window.resize(screen.size())  # as large as the screen allows: the window caps itself
    window.show()
    qtbot.waitExposed(window)
    window.enter_main(services)
    QApplication.processEvents()
    return window


def _with_money_and_letters(services: Services) -> None:
    """The demo family has contact and a support plan; give it an allowance and letterbox too."""
    today = date.today()
    for month in range(3):
        services.save(MoneyEntry(money_kind=MoneyKind.SGO_ALLOWANCE, entry_type=MoneyEntryType.DUE,
                                 on=today - timedelta(days=90 - 30 * month), amount_pence=62500,
                                 payer="Northfield Council"))
    services.save(MoneyEntry(money_kind=MoneyKind.SGO_ALLOWANCE, entry_type=MoneyEntryType.RECEIVED,
                             on=today - timedelta(days=85), amount_pence=62500, payer="Northfield Council"))
    services.save(LetterboxItem(direction=Direction.RECEIVED, item_kind=LetterboxKind.CARD,
                                dated=today - timedelta(days=40), from_name="Mum", passed_on=True,
                                passed_on_date=today - timedelta(days=38)))
    services.save(LetterboxItem(direction=Direction.SENT, item_kind=LetterboxKind.LETTER,
                                dated=today - timedelta(days=10), to_name="Mum"))


def _show_tab(window: AppWindow, area: str, kind: type[QWidget]) -> QWidget:
    assert window.main is not None
    window.main.show_page(area)
    tabs = window.main.areas[area].tabs
    assert tabs is not None
    page = next(w for i in range(tabs.count()) if isinstance(w := tabs.widget(i), kind))
    assert isinstance(page, QWidget)
    tabs.setCurrentWidget(page)
    for _ in range(3):  # a table that grows to its rows lays the page out again: let it settle
        QApplication.processEvents()
    return page


def test_contact_support_and_money_tabs_fit_a_laptop(qtbot: QtBot, demo_services: Services,
                                                     vault_path: Path, laptop: QRect,
                                                     text_scale: int, tmp_path: Path) -> None:
    demo_services.kinship.plan_all()
    _with_money_and_letters(demo_services)
    window = open_window(qtbot, vault_path, demo_services, laptop)
    out = Path(os.environ.get("FAMILYRECORD_SCREENSHOTS") or tmp_path)
    problems: list[str] = []
    for area, kind, shot in TABS:
        page = _show_tab(window, area, kind)
        problems += layout_problems(page, window, f"{area} / {kind.__name__}")
        # The page's own scroll area holds its content: it is never wider than the page.
        views = [page] if not isinstance(page, ContactAttendancePage) else [page.view]
        for held in views:
            scroller = getattr(held, "scroll_area", None)
            if scroller is not None:
                assert scroller.widget().width() <= scroller.viewport().width(), kind.__name__
        if isinstance(page, ContactAttendancePage):
            assert isinstance(page.view, AttendanceView)
            assert page.view.summary is not None  # the demo's arrangement is shown
            page.view.calendar.step(-1)  # last month: what happened, not only what is planned
            QApplication.processEvents()
        if shot is not None:
            assert window.grab().save(str(out / f"{shot}-{text_scale}.png"))
    assert window.size().width() <= laptop.width() and window.size().height() <= laptop.height()
    assert not problems, "\n".join(problems)
