"""The support plan view: promised against delivered, marking one promise late with a note and
a letter as evidence, and reaching it from the Support and money area."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import Direction, SupportStatus
from familyrecord.records.kinship import SupportItem, SupportUpdate
from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.ui.contact.support import SupportPlanView
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui

TODAY = date(2025, 6, 2)


def _two_items(services: Services) -> tuple[SupportItem, SupportItem]:
    nursery = services.save(SupportItem(what="Nursery place for Leo", provider="Sarah Ahmed",
                                        promised_on=date(2025, 3, 1), due_on=date(2025, 4, 1)))
    visits = services.save(SupportItem(
        what="Family support worker visits", provider="Family Support Team",
        promised_on=date(2025, 3, 5), how_often="Weekly",
        updates=[SupportUpdate(on=date(2025, 3, 20), status=SupportStatus.DELIVERED,
                               note="Visits started.")]))
    return nursery, visits


def _view(qtbot: QtBot, services: Services) -> SupportPlanView:
    view = SupportPlanView(services)
    qtbot.addWidget(view)
    view.today = TODAY
    view.resize(1100, 800)
    view.show()  # reads the record when shown
    return view


def test_two_promises_and_marking_one_late(qtbot: QtBot, services: Services) -> None:
    nursery, visits = _two_items(services)
    letter = services.save(Correspondence(direction=Direction.RECEIVED, dated=date(2025, 4, 10),
                                          subject="Nursery not yet arranged", from_name="Sarah Ahmed"))
    view = _view(qtbot, services)
    assert view.table.rowCount() == 2
    now = view.table.row_texts(4)
    assert now == ["… Promised", "✔ Delivered"]
    assert view.summary.text().startswith("The support plan promised 2 things.")
    assert "Delivered: 1" in view.summary.text() and "Promised: 1" in view.summary.text()
    assert view.overdue.text() == "Overdue on 02/06/2025: Nursery place for Leo, due 01/04/2025."

    view.select(nursery.id)
    assert view.detail.isVisible()
    assert view.item_title.text() == "Nursery place for Leo"
    assert "Nothing recorded yet" in view.history.text()
    view.status.set_value(SupportStatus.LATE)
    view.on_date.setDate(QDate(2025, 4, 10))
    view.note.setText("Not arranged by the date promised.")
    view.evidence.setCurrentIndex(view.evidence.findData(letter.id))
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    saved = services.get(nursery.id)
    assert isinstance(saved, SupportItem)
    assert [(u.on, u.status, u.note, u.evidence_record_id) for u in saved.updates] == [
        (date(2025, 4, 10), SupportStatus.LATE, "Not arranged by the date promised.", letter.id)]
    assert view.message.text() == 'Saved: Nursery place for Leo is now "Late".'
    assert view.table.row_texts(4) == ["! Late", "✔ Delivered"]
    assert "Late: 1" in view.summary.text() and "Promised" not in view.summary.text()
    # The history shows the update with a link to the letter that proves it.
    history = view.history.text()
    assert "10/04/2025" in history and "Not arranged by the date promised." in history
    assert f"record:{letter.id}" in history and "Nursery not yet arranged" in history
    with qtbot.waitSignal(view.open_record) as opened:
        view.history.linkActivated.emit(f"record:{letter.id}")
    assert opened.args == [letter.id]
    # The other promise is untouched.
    assert services.get(visits.id).status is SupportStatus.DELIVERED  # type: ignore[attr-defined]


def test_an_update_that_fails_says_why(qtbot: QtBot, services: Services) -> None:
    nursery, _ = _two_items(services)
    letter = services.save(Correspondence(dated=date(2025, 4, 10), subject="Gone soon"))
    view = _view(qtbot, services)
    view.select(nursery.id)
    view.evidence.setCurrentIndex(view.evidence.findData(letter.id))
    services.delete(letter)  # the letter goes after the list was read
    assert view.add_update() is None
    assert "no longer in the record" in view.message.text()
    assert services.get(nursery.id).updates == []  # type: ignore[attr-defined]


def test_empty_plan_says_so(qtbot: QtBot, services: Services) -> None:
    view = _view(qtbot, services)
    assert view.summary.text() == "No support plan items are recorded."
    assert view.empty.isVisible() and not view.table.isVisible() and not view.detail.isVisible()


def test_support_area_has_the_promised_against_delivered_tab(qtbot: QtBot, services: Services,
                                                             vault_path: Path) -> None:
    _two_items(services)
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    window.main.show_page("support")
    tabs = window.main.areas["support"].tabs
    assert tabs is not None
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Promised against delivered" in titles and "Money owed" in titles
    view = tabs.widget(titles.index("Promised against delivered"))
    assert isinstance(view, SupportPlanView)
    tabs.setCurrentWidget(view)
    assert view.table.rowCount() == 2
    # Locking drops what the tab showed.
    window.lock()
    assert view.table.rowCount() == 0 and view.items == []
