"""Letterbox contact: each item and whether it was passed on, answered in one click."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import Direction, LetterboxKind
from familyrecord.records.kinship import LetterboxItem
from familyrecord.services import Services
from familyrecord.ui.contact.letterbox import LetterboxPanel
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui


def _items(services: Services) -> tuple[LetterboxItem, LetterboxItem]:
    card = services.save(LetterboxItem(direction=Direction.RECEIVED, item_kind=LetterboxKind.CARD,
                                       dated=date(2025, 5, 2), from_name="Mum"))
    letter = services.save(LetterboxItem(direction=Direction.SENT, item_kind=LetterboxKind.LETTER,
                                         dated=date(2025, 5, 20), to_name="Mum", passed_on=False))
    return card, letter


def _panel(qtbot: QtBot, services: Services) -> LetterboxPanel:
    panel = LetterboxPanel(services)
    qtbot.addWidget(panel)
    panel.today = date(2025, 6, 1)
    panel.resize(1000, 700)
    panel.show()
    return panel


def test_mark_passed_on_not_passed_on_and_not_known(qtbot: QtBot, services: Services) -> None:
    card, letter = _items(services)
    panel = _panel(qtbot, services)
    assert panel.table.row_texts(1) == ["Letter, sent to Mum", "Card, received from Mum"]  # newest first
    assert panel.table.row_texts(2) == ["No", "Not known yet"]
    assert not panel.passed_button.isEnabled()  # nothing chosen yet

    panel.table.selectRow(1)
    assert panel.selected_id() == card.id and panel.passed_button.isEnabled()
    assert panel.on_date.date() == QDate(2025, 6, 1)  # today, until changed
    panel.on_date.setDate(QDate(2025, 5, 4))
    qtbot.mouseClick(panel.passed_button, Qt.MouseButton.LeftButton)
    saved = services.get(card.id)
    assert isinstance(saved, LetterboxItem)
    assert (saved.passed_on, saved.passed_on_date) == (True, date(2025, 5, 4))
    assert panel.table.row_texts(2) == ["No", "Yes, on 04/05/2025"]
    assert panel.selected_id() == card.id  # still chosen after saving

    qtbot.mouseClick(panel.not_passed_button, Qt.MouseButton.LeftButton)
    saved = services.get(card.id)
    assert isinstance(saved, LetterboxItem)
    assert (saved.passed_on, saved.passed_on_date) == (False, None)

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.unknown_button, Qt.MouseButton.LeftButton)
    assert services.get(letter.id).passed_on is None  # type: ignore[attr-defined]
    assert panel.table.row_texts(2) == ["Not known yet", "No"]


def test_no_items_yet(qtbot: QtBot, services: Services) -> None:
    panel = _panel(qtbot, services)
    assert panel.empty.isVisible() and not panel.table.isVisible()


def test_letterbox_tab_in_the_contact_area(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    _items(services)
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    window.main.show_page("contact")
    tabs = window.main.areas["contact"].tabs
    assert tabs is not None
    panel = next(tabs.widget(i) for i in range(tabs.count()) if isinstance(tabs.widget(i), LetterboxPanel))
    assert isinstance(panel, LetterboxPanel)
    tabs.setCurrentWidget(panel)
    assert panel.table.rowCount() == 2
