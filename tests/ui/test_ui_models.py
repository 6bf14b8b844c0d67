"""The record table model: pages loaded lazily, sorting and filtering, cleared on lock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import Role
from familyrecord.records.models import Event, Meeting, Person
from familyrecord.records.registry import by_class
from familyrecord.services import Services
from familyrecord.ui.records.areas import kind_spec
from familyrecord.ui.records.columns import columns_to_show, share_widths
from familyrecord.ui.records.record_view import RecordListView
from familyrecord.ui.records.table_model import ID_ROLE, RecordFilterModel, RecordTableModel
from familyrecord.ui.search.view import SearchResultsModel

pytestmark = pytest.mark.gui


@pytest.fixture
def events(services: Services) -> list[Event]:
    start = date(2025, 1, 1)
    return [services.save(Event(title=f"Event {i:02d}", occurred_on=start + timedelta(days=i)))
            for i in range(25)]


def test_rows_load_a_page_at_a_time(services: Services, events: list[Event]) -> None:
    model = RecordTableModel(services, Event, page_size=10)
    model.reload()
    assert model.total == 25 and model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    # Newest first, as the vault orders them.
    assert model.data(model.index(0, 1)) == "Event 24"
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25 and not model.canFetchMore(QModelIndex())
    assert {model.data(model.index(r, 0), ID_ROLE) for r in range(25)} == {e.id for e in events}


def test_view_scrolling_fetches_more(qtbot: QtBot, services: Services, events: list[Event]) -> None:
    from PySide6.QtWidgets import QTableView

    model = RecordTableModel(services, Event, page_size=5)
    model.reload()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(RecordFilterModel(model))
    table.resize(400, 600)
    table.show()
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 5)


def test_sorting_and_filtering(services: Services) -> None:
    for name, org in (("Bea", "School"), ("Ann", "Council"), ("Cal", "Council")):
        services.save(Person(name=name, organisation=org))
    model = RecordTableModel(services, Person)
    model.reload()
    proxy = RecordFilterModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["Ann", "Bea", "Cal"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["Cal", "Bea", "Ann"]
    proxy.setFilterFixedString("council")
    assert sorted(proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())) == ["Ann", "Cal"]


def test_dates_sort_by_date_not_by_text(services: Services) -> None:
    services.save(Event(title="later", occurred_on=date(2025, 2, 1)))
    services.save(Event(title="earlier", occurred_on=date(2025, 1, 15)))
    model = RecordTableModel(services, Event)
    model.reload()
    proxy = RecordFilterModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    # As text "01/02/2025" < "15/01/2025"; by date January comes first.
    assert [proxy.data(proxy.index(r, 1)) for r in range(2)] == ["earlier", "later"]


def test_clear_drops_every_record(services: Services, events: list[Event]) -> None:
    model = RecordTableModel(services, Event)
    model.reload()
    assert model.rowCount() == 25
    model.clear()
    assert model.rowCount() == 0 and model.total == 0 and not model.canFetchMore(QModelIndex())
    search = SearchResultsModel()
    search.set_hits(services.search("Event"))
    assert search.rowCount() > 0
    search.clear()
    assert search.rowCount() == 0


def test_locked_vault_loads_nothing(services: Services, events: list[Event]) -> None:
    model = RecordTableModel(services, Event)
    services.lock()
    model.reload()
    assert model.rowCount() == 0


# ---- columns chosen for the width (issue 9) -------------------------------------------------------

def test_columns_are_dropped_highest_drop_order_first() -> None:
    needed, orders = [100, 100, 100, 100], [0, 2, 1, 2]
    assert columns_to_show(needed, orders, 400) == [True, True, True, True]
    assert columns_to_show(needed, orders, 399) == [True, True, True, False]  # rightmost of the 2s
    assert columns_to_show(needed, orders, 250) == [True, False, True, False]
    assert columns_to_show(needed, orders, 50) == [True, False, False, False]  # 0 always stays


def test_text_columns_share_and_only_the_longest_is_cut() -> None:
    # Date (fixed) 100; name 120, role 400 (text); 500 wide: the name whole, the role gets the rest.
    assert share_widths([100, 120, 400], [True, False, False], [True, True, True], 500, 90) == [100, 120, 280]
    # Room to spare goes to the widest text column.
    assert share_widths([100, 120, 200], [True, False, False], [True, True, True], 500, 90) == [100, 120, 280]
    # Too little room: equal shares, never below the floor; dates are never cut.
    assert share_widths([100, 300, 400], [True, False, False], [True, True, True], 200, 90) == [100, 90, 90]


def _people(services: Services) -> None:
    services.save(Person(name="Daniel Hughes", role=Role.SOCIAL_WORKER, organisation="Northfield Council "
                         "Children's Services, Family Support and Safeguarding Team",
                         allocated_from=date(2025, 1, 6)))
    services.save(Person(name="Jo Bennett", role=Role.PARENT_ADVOCATE, organisation="Family Rights Group",
                         allocated_from=date(2024, 11, 2), allocated_to=date(2025, 1, 5)))


@pytest.mark.parametrize("width", [520, 700, 1200])
def test_people_always_show_name_role_and_dates_whole(qtbot: QtBot, services: Services, width: int) -> None:
    _people(services)
    list_view = RecordListView(services, Person, kind_spec(by_class(Person)))
    qtbot.addWidget(list_view)
    list_view.refresh()
    list_view.table.resize(width, 300)
    list_view.table.show()
    list_view.fitter.fit()
    table, model = list_view.table, list_view.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in list_view.fitter.shown_columns()]
    assert {"Name", "Role", "From", "Until"} <= set(titles)
    if width < 1200:
        assert "Organisation" not in titles  # the first to go
    metrics = table.fontMetrics()
    row = model.row_of(next(p.id for p in services.list_records(Person) if p.name == "Daniel Hughes"))
    for column, title in enumerate(model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)):
        if title in ("Name", "Role", "From", "Until"):
            text = str(model.data(model.index(row, column)))
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column), (title, text)


def test_meetings_keep_the_date_whole_and_cut_only_the_title(qtbot: QtBot, services: Services) -> None:
    services.save(Meeting(title="Review child protection conference about the nursery place " * 2,
                          starts_at=datetime(2026, 1, 6, 13, 30), place="Northfield Civic Centre, room 4"))
    list_view = RecordListView(services, Meeting, kind_spec(by_class(Meeting)))
    qtbot.addWidget(list_view)
    list_view.refresh()
    list_view.table.resize(420, 300)
    list_view.table.show()
    list_view.fitter.fit()
    model, table = list_view.model, list_view.table
    shown = [model.headerData(c, Qt.Orientation.Horizontal) for c in list_view.fitter.shown_columns()]
    assert shown == ["Date", "Title"]
    assert table.fontMetrics().horizontalAdvance("06/01/2026 13:30") <= table.columnWidth(0)
    assert not table.horizontalScrollBar().isVisible()
