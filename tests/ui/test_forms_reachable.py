"""Every field of every record form, and its Save button, can be reached on a 1366x768 laptop at
100% and 200% text (issue 9): scrolled into view, each lies wholly inside the window and is seen,
not hidden behind the edge of a scroll area."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.app import AppWindow
from familyrecord.ui.widgets import screen as screen_module
from familyrecord.ui.widgets.theme import apply_appearance
from tests.conftest import FAST_KDF
from tests.ui.uihelpers import view

pytestmark = pytest.mark.gui
SCREEN = QRect(0, 0, 1366, 768)


@pytest.fixture(params=[100, 200], ids=["100%", "200%"])
def text_scale(request: pytest.FixtureRequest, qapp: QApplication,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(screen_module, "available_geometry", lambda _widget=None: QRect(SCREEN))
    font, sheet, palette = QFont(qapp.font()), qapp.styleSheet(), QPalette(qapp.palette())
    apply_appearance(qapp, AppSettings(text_scale_percent=int(request.param), theme="light"))
    yield int(request.param)
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


def reveal(widget: QWidget) -> None:
    """Scroll every scroll area around `widget`, innermost first, until all of it is in view (its
    top, when it is taller than the room), as a person scrolling to it would."""
    parent = widget.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and content is not None:
            where = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
            room = parent.viewport().size()
            width, height = min(where.width(), room.width()), min(where.height(), room.height())
            parent.ensureVisible(where.left() + width // 2, where.top() + height // 2,
                                 width // 2, height // 2)
        parent = parent.parentWidget()
    QApplication.processEvents()


def unreachable(widget: QWidget, window: QWidget) -> str:
    """'' when the widget, scrolled into view, is seen inside the window: its top, its whole width,
    and all of its height (or, for a box of text taller than the room, a few lines of it)."""
    reveal(widget)
    seen = widget.visibleRegion().boundingRect()  # clipped by every parent, the window included
    enough = min(widget.height(), 3 * widget.fontMetrics().height())
    if seen.isEmpty() or seen.top() > 2 or seen.width() + 2 < widget.width() or seen.height() + 2 < enough:
        where = widget.mapTo(window, QPoint(0, 0))
        return (f"only {seen.width()}x{seen.height()} of {widget.width()}x{widget.height()} seen "
                f"(at {where.x()},{where.y()} in the window)")
    return ""


def test_every_field_and_save_can_be_reached(qtbot: QtBot, services: Services, vault_path: Path,
                                             text_scale: int) -> None:
    window = AppWindow(AppSettings(), vault_path=vault_path, kdf=FAST_KDF, save_settings=False)
    qtbot.addWidget(window)
    window.resize(SCREEN.size())
    window.show()
    qtbot.waitExposed(window)
    window.enter_main(services)
    assert window.main is not None
    assert window.width() <= SCREEN.width() and window.height() <= SCREEN.height()
    problems: list[str] = []
    checked = 0
    for key, area in window.main.areas.items():
        for index, list_view in enumerate(area.views):
            view(window, key, index)
            list_view.new_record()
            form, editor = list_view.editor.form, list_view.editor
            for name, binding in form.bindings.items():
                if binding.holder is not None and binding.holder.isHidden():
                    continue  # a detail that does not apply yet (minutes late for a session on time)
                editor.tabs.setCurrentIndex(binding.page)
                QApplication.processEvents()
                if problem := unreachable(binding.widget, window):
                    problems.append(f"{text_scale}% {list_view.record_type.__name__}.{name}: {problem}")
                checked += 1
            if problem := unreachable(editor.save_button, window):
                problems.append(f"{text_scale}% {list_view.record_type.__name__} Save: {problem}")
    assert checked > 100  # every form's fields were looked at
    assert not problems, "\n".join(problems)
