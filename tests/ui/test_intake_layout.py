"""The review queue and the reading beside a picture fit a 1366×768 laptop with text at 100% and 200%:
nothing cut off or off screen; what does not fit scrolls (down, never sideways)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Child, Correspondence, Person
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.documents.view import DocumentsView
from familyrecord.ui.intake import IntakeWindow
from familyrecord.ui.widgets.theme import apply_appearance
from tests import intake_fixtures as fx
from tests.ui.test_intake_queue import read_in, three_files
from tests.vault_access import vault_of

pytestmark = pytest.mark.gui

ROOM = QSize(1366, 728)  # a 1366×768 screen less a panel
SLACK = 2


@pytest.fixture(params=[100, 200], ids=["100%", "200%"])
def text_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    percent = int(request.param)
    font, sheet, palette = QFont(qapp.font()), qapp.styleSheet(), QPalette(qapp.palette())
    apply_appearance(qapp, AppSettings(text_scale_percent=percent, theme="light"))
    yield percent
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


def _scroll_area(content: QWidget) -> QScrollArea | None:
    viewport = content.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return area if isinstance(area, QScrollArea) and area.widget() is content else None


def problems(window: QWidget) -> list[str]:
    """Visible buttons, fields and labels that are outside the window, cut off, or only reachable by
    scrolling sideways."""
    for _ in range(10):
        QApplication.processEvents()
    found = []
    if window.width() > ROOM.width() + SLACK or window.height() > ROOM.height() + SLACK:
        found.append(f"window {window.width()}x{window.height()} larger than {ROOM}")
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QLabel | QLineEdit | QComboBox) or not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.accessibleName() or getattr(widget, 'text', lambda: '')()!r}"
        rect, current = QRect(QPoint(0, 0), widget.size()), widget
        while current is not window:
            area = _scroll_area(current)
            if area is not None:  # what a scroll area holds may be taller than it, never wider
                if current.width() > area.viewport().width() + SLACK:
                    found.append(f"{name}: {area.accessibleName()!r} scrolls sideways")
                current, rect = area, QRect(QPoint(0, 0), area.size())
                continue
            parent = current.parentWidget()
            assert parent is not None
            rect.translate(current.pos())
            if not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                found.append(f"{name}: clipped by {type(parent).__name__} {parent.accessibleName()!r}")
                break
            current = parent
        wrapped = isinstance(widget, QLabel) and widget.wordWrap() and widget.text().strip()
        if wrapped and widget.height() + SLACK < widget.heightForWidth(widget.width()):
            found.append(f"{name}: text cut ({widget.height()} < {widget.heightForWidth(widget.width())})")
        button = isinstance(widget, QAbstractButton) and widget.text()
        if button and widget.width() + SLACK < widget.sizeHint().width():
            found.append(f"{name}: text cut ({widget.width()} < {widget.sizeHint().width()})")
    return found


def test_the_review_queue_fits_and_each_file_can_be_checked(qtbot: QtBot, services: Services,
                                                            tmp_path: Path, text_scale: int) -> None:
    for name in fx.KNOWN_CHILDREN:
        services.save(Child(name=name))
    services.save(Person(name="Jane Smith", email="jane.smith@westshire.gov.uk"))
    window = IntakeWindow(services, ["sarah@example.org"])
    qtbot.addWidget(window)
    window.read_now.setChecked(False)
    window.setMaximumSize(ROOM)
    window.resize(ROOM)
    window.show()
    rows = read_in(qtbot, window, list(three_files(tmp_path).values()))
    assert window.minimumSizeHint().width() <= ROOM.width()
    assert window.minimumSizeHint().height() <= ROOM.height()
    found = []
    for name, index in rows.items():
        window.queue.select(index)
        found += [f"{name} at {text_scale}%: {p}" for p in problems(window)]
    assert not found, "\n".join(found)
    for button in (window.accept_button, window.skip_button, window.accept_all_button):
        assert button.isVisible() and window.rect().contains(button.geometry())
    window.close()


def test_a_picture_and_its_words_fit_side_by_side(qtbot: QtBot, services: Services, text_scale: int) -> None:
    letter = services.save(Correspondence(subject="Letter", dated=date(2025, 1, 6)))
    vault = vault_of(services)
    photo = fx.photo(fx.CONFERENCE, size=(600, 800), quality=70)
    stored = vault.attachments.import_stream(io.BytesIO(photo), "conference.jpg", link_to=letter.id)
    vault.readings.put(stored.id, 0, fx.CONFERENCE.text, "{}", "rapidocr")
    documents = DocumentsView(services)
    qtbot.addWidget(documents)
    viewer = documents.opener.open(stored)
    assert viewer is not None and viewer.readings is not None
    viewer.setMaximumSize(ROOM)
    viewer.resize(ROOM)
    assert viewer.minimumSizeHint().width() <= ROOM.width()
    viewer.readings.compare_button.click()
    found = problems(viewer)
    assert not found, "\n".join(found)
    assert viewer.picture_view is not None and viewer.picture_view.width() > ROOM.width() // 3
    viewer.clear()
