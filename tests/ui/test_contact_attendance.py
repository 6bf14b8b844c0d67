"""The attendance view of one contact arrangement against a hand-counted fixture
(tests/ui/contact_fixtures.py): the chart's series, the figures, the month calendar and the
session table with how the child was."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCharts import QHorizontalStackedBarSeries, QStackedBarSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from familyrecord.records.enums import SessionStatus
from familyrecord.services import Services
from familyrecord.ui.contact.attendance import AttendanceDialog, AttendanceView, open_attendance
from familyrecord.ui.contact.pages import ContactAttendancePage
from familyrecord.ui.contact.status_style import LOOKS
from tests.ui import contact_fixtures as fx
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui


def _view(qtbot: QtBot, services: Services) -> tuple[AttendanceView, str]:
    arrangement = fx.weekly_arrangement(services)
    view = AttendanceView(services)
    qtbot.addWidget(view)
    view.today = fx.TODAY
    view.resize(1200, 800)
    view.show()
    view.load(arrangement.id)
    return view, arrangement.id


def test_chart_series_add_up_to_the_hand_count(qtbot: QtBot, services: Services) -> None:
    view, _ = _view(qtbot, services)
    chart = view.chart
    assert chart.isVisible() and not view.no_chart.isVisible()
    assert chart.months == fx.MONTHS
    got = {bar_set.label(): [int(bar_set.at(i)) for i in range(bar_set.count())]
           for bar_set in chart.bar_sets()}
    assert got == fx.SERIES
    assert sum(sum(counts) for counts in got.values()) == fx.ANSWERED
    axis_labels = [a.categories() for a in chart.chart().axes() if hasattr(a, "categories")]
    assert axis_labels == [fx.MONTHS]
    # The bundle's colours, in the bundle's order for the four outcomes.
    colours = {bar_set.label(): bar_set.brush().color().name() for bar_set in chart.bar_sets()}
    assert colours["Happened"] == LOOKS["happened"].colour
    assert colours["Happened, but late"] == LOOKS["late"].colour
    assert colours["Cancelled by the council"] == colours["Cancelled by us (the family)"] == "#c62828"
    assert colours["Did not happen (no-show)"] == "#6a1b9a"
    # The legend names every series in full, in the chart's order.
    assert chart.legend_names() == [b.label() for b in chart.bar_sets()]
    assert isinstance(chart.series, QStackedBarSeries)  # three months stand as columns


def test_figures_match_the_hand_count(qtbot: QtBot, services: Services) -> None:
    view, arrangement_id = _view(qtbot, services)
    f = {key: card.value.text() for key, card in view.figures.items()}
    detail = {key: card.detail.text() for key, card in view.figures.items()}
    assert f["took_place"] == f"{fx.SHARE_PERCENT}%"
    assert detail["took_place"] == f"{fx.HAPPENED + fx.LATE} of the {fx.ANSWERED} sessions with an answer"
    assert f["happened"] == str(fx.HAPPENED)
    assert f["late"] == str(fx.LATE)
    assert f["cancelled"] == str(fx.CANCELLED)
    assert detail["cancelled"] == f"Cancelled by us (the family): {fx.BY_FAMILY}; " \
                                  f"Cancelled by the council: {fx.BY_COUNCIL}"
    # Only 28 January was cancelled by the council at under 24 hours' notice (4 March had 30).
    assert (f["council_short"], detail["council_short"]) == ("1", "28/01/2025")
    assert f["no_show"] == str(fx.NO_SHOW)
    assert (f["to_answer"], f["coming_up"]) == (str(fx.TO_ANSWER), str(fx.COMING_UP))
    # The outcome's letter is on its card as well as its colour.
    assert view.figures["cancelled"].caption.text() == "C: Cancelled"
    # One source of truth: the view shows exactly what services.kinship.attendance counts.
    found = services.kinship.attendance(arrangement_id)
    assert (found.happened, found.late, found.cancelled, found.no_show, found.planned) == \
        (fx.HAPPENED, fx.LATE, fx.CANCELLED, fx.NO_SHOW, fx.WAITING)


def test_month_calendar_letters_and_moving_between_months(qtbot: QtBot, services: Services) -> None:
    view, _ = _view(qtbot, services)
    calendar = view.calendar
    assert (calendar.year, calendar.month) == (2025, 3)  # today's month
    cells = calendar.grid.cells
    assert cells[date(2025, 3, 4)].text() == "4\nC"
    assert cells[date(2025, 3, 11)].text() == "11\nH"
    assert cells[date(2025, 3, 18)].text() == "18\n?"  # past, not answered
    assert cells[date(2025, 3, 25)].text() == "25\nP"  # still to come
    assert cells[date(2025, 3, 12)].text() == "12"
    assert "Still to answer" in cells[date(2025, 3, 18)].accessibleName()
    assert "#c62828" in cells[date(2025, 3, 4)].styleSheet()
    qtbot.mouseClick(calendar.previous_button, Qt.MouseButton.LeftButton)
    assert (calendar.year, calendar.month) == (2025, 2)
    cells = calendar.grid.cells
    letters = {d.day: cells[d].text().split("\n")[1] for d in cells
               if d.month == 2 and "\n" in cells[d].text()}
    assert letters == {4: "H", 11: "N", 18: "C", 25: "H"}
    calendar.step(-1)
    cells = calendar.grid.cells
    assert cells[date(2025, 1, 21)].text() == "21\nL"
    # The legend says every letter in words, not by colour alone.
    legend = [item.accessibleName() for item in calendar.legend.findChildren(type(calendar.legend))
              if item.accessibleName()]
    assert "C: Cancelled" in legend and "?: Still to answer" in legend


def test_session_table_has_the_wellbeing_notes(qtbot: QtBot, services: Services) -> None:
    view, _ = _view(qtbot, services)
    table = view.table
    assert table.rowCount() == 12
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    wellbeing = header.index("How the child was")
    rows = {table.item(r, 0).text(): table.item(r, wellbeing).text() for r in range(table.rowCount())}
    assert rows["07/01/2025"] == fx.WELLBEING[date(2025, 1, 7)]
    assert rows["04/02/2025"] == fx.WELLBEING[date(2025, 2, 4)]
    assert rows["14/01/2025"] == ""
    what = header.index("What happened")
    by_whom = header.index("Who cancelled, and the notice")
    first_council = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "28/01/2025")
    assert table.item(first_council, what).text() == "C: Cancelled"
    assert table.item(first_council, by_whom).text() == "Cancelled by the council; 2 hours' notice"
    late = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "21/01/2025")
    assert table.item(late, what).text() == "L: Happened, but late (20 minutes late)"


def test_answering_a_session_changes_the_view(qtbot: QtBot, services: Services) -> None:
    view, arrangement_id = _view(qtbot, services)
    waiting = next(s for s in services.kinship.sessions_of(arrangement_id)
                   if s.session_date == date(2025, 3, 18))
    services.kinship.confirm(waiting.id, SessionStatus.NO_SHOW)
    view.refresh()
    assert view.figures["no_show"].value.text() == str(fx.NO_SHOW + 1)
    assert view.figures["to_answer"].value.text() == str(fx.TO_ANSWER - 1)
    assert view.figures["coming_up"].value.text() == str(fx.COMING_UP)
    assert view.calendar.grid.cells[date(2025, 3, 18)].text() == "18\nN"
    no_show = next(b for b in view.chart.bar_sets() if b.label() == "Did not happen (no-show)")
    assert [int(no_show.at(i)) for i in range(no_show.count())] == [0, 1, 1]


def test_no_answers_yet_shows_words_instead_of_a_chart(qtbot: QtBot, services: Services) -> None:
    from familyrecord.records.models import ContactArrangement

    arrangement = services.save(ContactArrangement(with_whom="Dad"))
    view = AttendanceView(services)
    qtbot.addWidget(view)
    view.show()
    view.load(arrangement.id)
    assert view.figures["took_place"].detail.text() == "No answers yet."
    assert not view.chart.isVisible() and view.no_chart.isVisible()
    assert view.table.rowCount() == 0


def test_open_attendance_opens_a_window_for_the_arrangement(qtbot: QtBot, services: Services) -> None:
    arrangement = fx.weekly_arrangement(services)
    parent = AttendanceView(services)  # any widget will do as the parent
    qtbot.addWidget(parent)
    parent.show()
    open_attendance(parent, services, arrangement.id)
    dialog = parent.findChild(AttendanceDialog, "attendance-dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.view.title.text() == "Contact with Nan"
    assert dialog.view.figures["happened"].value.text() == str(fx.HAPPENED)
    dialog.close()


def test_contact_area_has_an_attendance_tab(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    arrangement = fx.weekly_arrangement(services)
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    window.main.show_page("contact")
    tabs = window.main.areas["contact"].tabs
    assert tabs is not None
    page = next(tabs.widget(i) for i in range(tabs.count())
                if isinstance(tabs.widget(i), ContactAttendancePage))
    assert isinstance(page, ContactAttendancePage)
    page.today = fx.TODAY
    tabs.setCurrentWidget(page)
    assert page.chooser.currentData() == arrangement.id
    assert page.view.figures["happened"].value.text() == str(fx.HAPPENED)
    # Leaving the tab forgets what it showed; coming back reads it again.
    tabs.setCurrentIndex(0)
    assert page.view.summary is None and page.view.table.rowCount() == 0
    tabs.setCurrentWidget(page)
    assert page.view.table.rowCount() == 12


def test_the_arrangement_page_opens_its_attendance_and_lock_closes_it(
        qtbot: QtBot, services: Services, vault_path: Path) -> None:
    from familyrecord.records.models import ContactArrangement

    arrangement = fx.weekly_arrangement(services)
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    window.main.open_record(arrangement.id)
    list_view = window.main.areas["contact"].view_for(ContactArrangement)
    assert list_view is not None
    attendance_button = getattr(list_view.editor.form, "attendance_button", None)
    if attendance_button is None:
        pytest.skip("the arrangement form has no Attendance button")
    qtbot.mouseClick(attendance_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(AttendanceDialog, "attendance-dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.view.arrangement_id == arrangement.id
    assert dialog.view.table.rowCount() == 12
    window.lock()  # nothing decrypted stays on screen
    assert not isValid(dialog) or not dialog.isVisible()


def test_three_answers_from_home_show_in_the_chart_and_figures(qtbot: QtBot, services: Services) -> None:
    """Issue 13's path end to end: a weekly schedule, three one-click answers on Home, then the
    attendance view counts them (the Home prompts are ui/home's; the view is this package's)."""
    from familyrecord.records.models import ContactArrangement
    from familyrecord.ui.home.view import HomeView

    today = date(2026, 3, 18)
    arrangement = ContactArrangement(with_whom="Linda", starts_on=date(2026, 2, 10),
                                     repeat_rule="FREQ=WEEKLY;BYDAY=TU", session_start=time(16, 0),
                                     session_end=time(17, 30))
    services.kinship.change_schedule(arrangement, today=date(2026, 2, 11))
    home = HomeView(services)
    qtbot.addWidget(home)
    home.show()
    home.refresh(today)
    prompts = {p.session.session_date: p for p in home.contact.prompts}
    qtbot.mouseClick(prompts[date(2026, 2, 17)].happened_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(prompts[date(2026, 2, 24)].happened_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(prompts[date(2026, 3, 3)].no_show_button, Qt.MouseButton.LeftButton)

    saved = services.kinship.arrangements()[0]
    view = AttendanceView(services)
    qtbot.addWidget(view)
    view.today = today
    view.show()
    view.load(saved.id)
    got = {b.label(): [int(b.at(i)) for i in range(b.count())] for b in view.chart.bar_sets()}
    assert view.chart.months == ["Feb 2026", "Mar 2026"]
    assert got == {"Happened": [2, 0], "Did not happen (no-show)": [0, 1]}
    assert view.figures["took_place"].value.text() == "67%"  # 2 of 3 answered
    assert view.figures["happened"].value.text() == "2"
    assert view.figures["no_show"].value.text() == "1"
    assert view.figures["to_answer"].value.text() == "2"  # 10 and 17 March


def test_more_than_six_months_lie_as_rows(qtbot: QtBot, services: Services) -> None:
    """A year of fortnightly contact, every session happened: one row a month, each summed."""
    from familyrecord.records.models import ContactArrangement

    arrangement = ContactArrangement(with_whom="Dad", repeat_rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
                                     starts_on=date(2024, 1, 6), ends_on=date(2024, 12, 31))
    services.kinship.change_schedule(arrangement, today=date(2024, 1, 1), until=date(2025, 1, 1))
    saved = services.kinship.arrangements()[0]
    sessions = services.kinship.sessions_of(saved.id)
    for session in sessions:
        services.kinship.confirm(session.id, SessionStatus.HAPPENED)
    view = AttendanceView(services)
    qtbot.addWidget(view)
    view.today = date(2025, 1, 10)
    view.show()
    view.load(saved.id)
    assert isinstance(view.chart.series, QHorizontalStackedBarSeries)
    assert len(view.chart.months) == 12
    [happened] = view.chart.bar_sets()
    per_month = [int(happened.at(i)) for i in range(happened.count())]
    assert sum(per_month) == len(sessions) == 26  # 6 January to 28 December, every other Saturday
    assert all(n in (2, 3) for n in per_month)
