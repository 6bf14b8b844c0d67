"""Every visible interactive widget has an accessible name; keyboard-only use reaches every main view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.ui.app import AppWindow
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
               QAbstractItemView, QSlider, QTabBar)
# Parts Qt builds inside a composite widget; the composite carries the name.
COMPOSITES = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)


def _is_part_of_composite(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_widgets(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible() or _is_part_of_composite(widget):
            continue
        if type(widget).__name__ in ("QScrollBar",) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.accessibleName().strip():
            text = getattr(widget, "text", lambda: "")()
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return missing


def _open_first_record_everywhere(window: AppWindow) -> None:
    assert window.main is not None
    for key, area in window.main.areas.items():
        for index, list_view in enumerate(area.views):
            view(window, key, index)
            list_view.table.selectRow(0)
            if list_view.model.rowCount() == 0:
                list_view.new_record()


def test_every_visible_interactive_widget_has_an_accessible_name(qtbot: QtBot, demo_services: Services,
                                                                  vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services)
    assert window.main is not None
    _open_first_record_everywhere(window)
    problems: dict[str, list[str]] = {}
    for key in window.main.pages:
        page = window.main.show_page(key)
        if key in window.main.areas:
            for index, list_view in enumerate(window.main.areas[key].views):
                view(window, key, index)
                for tab in range(list_view.editor.tabs.count()):
                    list_view.editor.tabs.setCurrentIndex(tab)
                    QApplication.processEvents()
                    if missing := unnamed_widgets(window):
                        problems[f"{key}/{list_view.spec.plural}/tab {tab}"] = missing
        else:
            QApplication.processEvents()
            if missing := unnamed_widgets(page):
                problems[key] = missing
    assert problems == {}


def test_start_pages_have_accessible_names(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "none.frvault")
    for page in (window.welcome, window.create_page, window.recovery, window.unlock_page):
        window.stack.setCurrentWidget(page)
        assert unnamed_widgets(page) == [], type(page).__name__


def test_keyboard_only_navigation_through_the_main_views(qtbot: QtBot, demo_services: Services,
                                                         vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services)
    main = window.main
    assert main is not None
    assert main.nav.hasFocus()  # after unlock the navigation has the focus
    seen = [main.current_key()]
    for _ in range(len(main.pages) - 1):
        qtbot.keyClick(main.nav, Qt.Key.Key_Down)
        seen.append(main.current_key())
    assert seen == list(main.pages)
    # Ctrl+number jumps straight to a view.
    qtbot.keyClick(main.nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main.current_key() == "meetings"
    # Tab goes from the navigation into the view, to its "Add" button first.
    meetings = view(window, "meetings")
    main.nav.setFocus()
    qtbot.keyClick(main.nav, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is meetings.add_button, focused
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    title = meetings.editor.form.bindings["title"].widget
    assert QApplication.focusWidget() is title
    qtbot.keyClicks(title, "Typed without a mouse")
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Typed without a mouse" in [m.title for m in demo_services.list_records(Meeting)]
    # Ctrl+F goes to search; Enter runs it and moves into the results; Enter opens one.
    qtbot.keyClick(title, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main.current_key() == "search" and QApplication.focusWidget() is main.search.box
    qtbot.keyClicks(main.search.box, "Typed without")
    qtbot.keyClick(main.search.box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is main.search.results
    qtbot.keyClick(main.search.results, Qt.Key.Key_Return)
    assert main.current_key() == "meetings"
    assert meetings.editor.form.record is not None
    assert meetings.editor.form.record.title == "Typed without a mouse"  # type: ignore[attr-defined]
    # Ctrl+K also opens search.
    main.show_page("home")
    qtbot.keyClick(main.home, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert main.current_key() == "search"
