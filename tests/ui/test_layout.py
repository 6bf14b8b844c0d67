"""Everything fits a laptop screen at every text size (issue 9).

On a 1366x768 screen (and 1280x720), at 100% and 200% text: the window never grows past the
screen; on every page of the navigation, every section of every record form and every start
page, no visible button, field or label lies outside the screen or is clipped by its parent
(inside a scroll area it must lie within the scrolled content, and the scroll bar in that
direction must be allowed); buttons, fields and one-line labels get at least the size their text
needs; Lock and Hide now are on screen whatever the width.

The offscreen platform's screen is 800x800 unless Qt was started with
QT_QPA_PLATFORM="offscreen:configfile=..." naming a screen size; otherwise the screen size the
app reads (familyrecord.ui.widgets.screen.available_geometry) is set here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.app import AppWindow
from familyrecord.ui.widgets.theme import apply_appearance
from tests.conftest import FAST_KDF
from tests.ui.uihelpers import view

pytestmark = pytest.mark.gui

CHECKED = (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit,
           QAbstractItemView)
# Qt's own parts inside these are laid out by Qt; the composite itself is checked.
COMPOSITES = (QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit)
SLACK = 2  # pixels of rounding allowed


@pytest.fixture
def screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The screen the app sees: the real one when Qt was started with this size, else set."""
    width, height = getattr(request, "param", (1366, 768))
    wanted = QRect(0, 0, width, height)
    real = QGuiApplication.primaryScreen()
    if real is None or real.availableGeometry() != wanted:
        from familyrecord.ui.widgets import screen as screen_mod

        monkeypatch.setattr(screen_mod, "available_geometry", lambda _widget=None: QRect(wanted))
    return wanted


@pytest.fixture
def text_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The app's text at `param` percent; the app's look is put back afterwards."""
    percent = int(request.param)
    font, sheet, palette = QFont(qapp.font()), qapp.styleSheet(), QPalette(qapp.palette())
    apply_appearance(qapp, AppSettings(text_scale_percent=percent, theme="light"))
    yield percent
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) else ""
    name = widget.accessibleName() or (words if isinstance(words, str) else "")
    return f"{type(widget).__name__} {name[:40]!r}"


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(inner)


def _part_of_composite(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def _scroll_area_of(content: QWidget) -> QScrollArea | None:
    """The QScrollArea whose scrolled widget `content` is (None for any other widget)."""
    viewport = content.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    if isinstance(area, QScrollArea) and area.widget() is content:
        return area
    return None


def placement_problem(widget: QWidget, window: QWidget, room: QRect) -> str:
    """'' when `widget` is wholly on screen or reachable by scrolling; else what is wrong.

    `room` is the part of the screen the window covers, in the window's coordinates."""
    rect = QRect(QPoint(0, 0), widget.size())
    current = widget
    while current is not window:
        parent = current.parentWidget()
        if parent is None:
            return "not in the window"
        rect.translate(current.pos())
        area = _scroll_area_of(parent)
        if area is not None:
            if not _inside(rect, parent.rect()):
                return f"outside the scrolled content of {describe(area)}"
            bars = ((parent.width() > area.viewport().width() + SLACK, area.horizontalScrollBarPolicy()),
                    (parent.height() > area.viewport().height() + SLACK, area.verticalScrollBarPolicy()))
            if any(needed and policy == Qt.ScrollBarPolicy.ScrollBarAlwaysOff for needed, policy in bars):
                return f"cut off by {describe(area)}, which may not scroll that way"
            current, rect = area, QRect(QPoint(0, 0), area.size())
            continue
        if not _inside(rect, parent.rect()):
            return f"clipped by {describe(parent)} ({rect.x()},{rect.y()} {rect.width()}x{rect.height()} " \
                   f"in {parent.width()}x{parent.height()})"
        current = parent
    if not _inside(rect, room):
        return f"off screen ({rect.x()},{rect.y()} {rect.width()}x{rect.height()} on a " \
               f"{room.width()}x{room.height()} screen)"
    return ""


def size_problem(widget: QWidget) -> str:
    """'' when the widget has the room its text needs."""
    if widget.property("elidesOnPurpose"):  # shortens itself with "…"; the tooltip says it all
        return ""
    if isinstance(widget, QLabel):
        if not widget.text().strip() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return ""
        needed = QSize(0, widget.heightForWidth(widget.width())) if widget.wordWrap() else widget.sizeHint()
    elif isinstance(widget, QAbstractButton):
        needed = widget.sizeHint() if widget.text() else QSize(0, 0)
    elif isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox)):
        # Qt sizes a field by its size hint; with a style sheet its minimum hint can be a few
        # pixels more. Smaller than both, the text is cut.
        needed = QSize(0, min(widget.sizeHint().height(), widget.minimumSizeHint().height()))
    else:
        return ""
    if widget.width() + SLACK < needed.width() or widget.height() + SLACK < needed.height():
        return f"text cut: {widget.width()}x{widget.height()}, needs {needed.width()}x{needed.height()}"
    return ""


def layout_problems(window: QWidget, screen: QRect, where: str) -> list[str]:
    """Every visible button, field and label of `window` that is off screen, clipped or squeezed."""
    for _ in range(10):  # a changed minimum travels up one parent per round of layout requests
        QApplication.processEvents()
    frame = window.frameGeometry()
    problems = []
    if not _inside(frame, screen):
        problems.append(f"{where}: the window ({frame.width()}x{frame.height()} at {frame.x()},{frame.y()}) "
                        f"is larger than the {screen.width()}x{screen.height()} screen")
    origin = window.mapToGlobal(QPoint(0, 0))
    room = screen.translated(-origin.x(), -origin.y()).intersected(QRect(QPoint(0, 0), window.size()))
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisible() or _part_of_composite(widget, window):
            continue
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, COMPOSITES):
            continue  # a scroll area is a frame; what it holds is checked
        for problem in (placement_problem(widget, window, room), size_problem(widget)):
            if problem:
                problems.append(f"{where}: {describe(widget)} {problem}")
    return problems


def open_window(qtbot: QtBot, path: Path, services: Services | None, screen: QRect) -> AppWindow:
    window = AppWindow(AppSettings(), vault_path=path, kdf=FAST_KDF, save_settings=False)
    qtbot.addWidget(window)
    window.move(screen.topLeft())
    window.resize(screen.size())  # as large as the screen allows: the window caps itself
    window.show()
    qtbot.waitExposed(window)
    if services is not None:
        window.enter_main(services)
    QApplication.processEvents()
    return window


def safety_buttons_problems(window: AppWindow, screen: QRect, where: str) -> list[str]:
    assert window.main is not None
    found = []
    for button in (window.main.lock_button, window.main.hide_button):
        if not button.isVisible():
            found.append(f"{where}: {describe(button)} is hidden")
    return found + [p for p in layout_problems(window, screen, where)
                    if "'Lock'" in p or "'Hide now'" in p]


SCALES = [pytest.param(100, id="100%"), pytest.param(200, id="200%")]
SCREENS = [pytest.param((1366, 768), id="1366x768")]
SMALL = [pytest.param((1280, 720), id="1280x720")]


@pytest.mark.parametrize(("screen", "text_scale"), [
    pytest.param((1366, 768), 100, id="1366x768-100%"), pytest.param((1366, 768), 200, id="1366x768-200%"),
    pytest.param((1280, 720), 150, id="1280x720-150%"), pytest.param((1280, 720), 200, id="1280x720-200%"),
], indirect=True)
def test_every_page_fits(qtbot: QtBot, demo_services: Services, vault_path: Path, screen: QRect,
                         text_scale: int) -> None:
    window = open_window(qtbot, vault_path, demo_services, screen)
    assert window.main is not None
    problems: list[str] = []
    for key in window.main.pages:
        window.main.show_page(key)
        area = window.main.areas.get(key)
        for index in range(len(area.views) if area is not None else 1):
            if area is not None:
                view(window, key, index)
            problems += layout_problems(window, screen, f"page {key}[{index}]")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS, indirect=True)
@pytest.mark.parametrize("text_scale", SCALES, indirect=True)
def test_every_record_form_fits(qtbot: QtBot, demo_services: Services, vault_path: Path,
                                screen: QRect, text_scale: int) -> None:
    window = open_window(qtbot, vault_path, demo_services, screen)
    assert window.main is not None
    problems: list[str] = []
    for key, area in window.main.areas.items():
        for index, list_view in enumerate(area.views):
            view(window, key, index)
            if list_view.model.rowCount() > 0:
                list_view.table.selectRow(0)
            else:
                list_view.new_record()
            tabs = list_view.editor.tabs
            for section in range(tabs.count()):
                tabs.setCurrentIndex(section)
                where = f"form {list_view.record_type.__name__} / {tabs.tabText(section)}"
                problems += layout_problems(window, screen, where)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS + SMALL, indirect=True)
@pytest.mark.parametrize("text_scale", SCALES, indirect=True)
def test_start_pages_fit(qtbot: QtBot, vault_path: Path, screen: QRect, text_scale: int) -> None:
    window = open_window(qtbot, vault_path, None, screen)
    problems: list[str] = []
    for page in (window.welcome, window.create_page, window.recovery, window.unlock_page):
        window.stack.setCurrentWidget(page)
        if page is window.recovery:
            window.recovery.set_code("ABCD-EFGH-JKLM-NPQR-STVW-XYZ0-1234-5678")
        problems += layout_problems(window, screen, type(page).__name__)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS, indirect=True)
@pytest.mark.parametrize("text_scale", SCALES, indirect=True)
def test_lock_and_hide_now_stay_on_screen(qtbot: QtBot, demo_services: Services, vault_path: Path,
                                          screen: QRect, text_scale: int) -> None:
    window = open_window(qtbot, vault_path, demo_services, screen)
    assert window.main is not None
    problems = safety_buttons_problems(window, screen, "full width")
    # However narrow the window is made, the two safety buttons stay; others go into More.
    for width in (1100, 900, 700):
        window.resize(width, window.height())
        problems += safety_buttons_problems(window, screen, f"{width} wide")
    assert not problems, "\n".join(problems)
