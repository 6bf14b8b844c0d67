"""The money view: allowances due and received, running arrears per kind and in all, and the
statement saved as a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import MoneyEntryType, MoneyKind
from familyrecord.records.kinship import MoneyEntry
from familyrecord.services import Services
from familyrecord.ui.contact.money import MoneyView
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui

DUE, RECEIVED = MoneyEntryType.DUE, MoneyEntryType.RECEIVED


def _allowances(services: Services) -> None:
    """£625 due on the 1st of three months; £625 then £400 arrived; £12.80 of travel due.
    Owed by hand: 3 x 625 - 625 - 400 = £850.00 of allowance, £12.80 of travel, £862.80 in all."""
    for month in (1, 2, 3):
        services.save(MoneyEntry(money_kind=MoneyKind.SGO_ALLOWANCE, entry_type=DUE,
                                 on=date(2025, month, 1), amount_pence=62500, payer="Council"))
    services.save(MoneyEntry(money_kind=MoneyKind.SGO_ALLOWANCE, entry_type=RECEIVED,
                             on=date(2025, 1, 6), amount_pence=62500, payer="Council"))
    services.save(MoneyEntry(money_kind=MoneyKind.SGO_ALLOWANCE, entry_type=RECEIVED,
                             on=date(2025, 2, 6), amount_pence=40000, payer="Council"))
    services.save(MoneyEntry(money_kind=MoneyKind.CONTACT_EXPENSES, entry_type=DUE,
                             on=date(2025, 2, 11), amount_pence=1280))


def _view(qtbot: QtBot, services: Services) -> MoneyView:
    view = MoneyView(services)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    return view


def test_arrears_per_kind_and_in_all(qtbot: QtBot, services: Services) -> None:
    _allowances(services)
    view = _view(qtbot, services)
    assert view.total.text() == "Due: £1,887.80. Received: £1,025.00. Still owed: £862.80."
    assert view.kinds.row_texts(0) == ["Special guardianship allowance", "Contact travel expenses"]
    assert view.kinds.row_texts(3) == ["£850.00", "£12.80"]
    # The running total after each entry, in date order.
    assert view.rows.row_texts(0) == ["01/01/2025", "06/01/2025", "01/02/2025", "06/02/2025",
                                      "11/02/2025", "01/03/2025"]
    assert view.rows.row_texts(6) == ["£625.00", "£0.00", "£625.00", "£225.00", "£237.80", "£862.80"]
    assert view.rows.row_texts(5) == ["£625.00", "£0.00", "£625.00", "£225.00", "£12.80", "£850.00"]


def test_paid_more_than_due_says_so(qtbot: QtBot, services: Services) -> None:
    services.save(MoneyEntry(entry_type=DUE, on=date(2025, 1, 1), amount_pence=10000))
    services.save(MoneyEntry(entry_type=RECEIVED, on=date(2025, 1, 2), amount_pence=15000))
    view = _view(qtbot, services)
    assert view.total.text() == "Due: £100.00. Received: £150.00. Paid £50.00 more than was due."
    assert view.rows.row_texts(6) == ["£100.00", "-£50.00"]


def test_no_money_yet(qtbot: QtBot, services: Services) -> None:
    view = _view(qtbot, services)
    assert view.empty.isVisible()
    assert not view.rows.isVisible() and not view.csv_button.isVisible()


def test_save_as_a_spreadsheet(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    _allowances(services)
    view = _view(qtbot, services)
    target = tmp_path / "money.csv"
    assert view.save_csv(target) == 6
    assert view.message.text() == "Saved 6 entries to money.csv."
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) >= 7  # a header and one row an entry
    assert any("862.80" in cell for cell in rows[-1] + rows[-2])
    # A folder that cannot be written says so instead of failing.
    assert view.save_csv(tmp_path / "missing" / "money.csv") is None
    assert "could not be saved" in view.message.text()


def test_money_owed_tab_in_the_support_area(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    _allowances(services)
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    window.main.show_page("support")
    tabs = window.main.areas["support"].tabs
    assert tabs is not None
    view = next(tabs.widget(i) for i in range(tabs.count()) if tabs.tabText(i) == "Money owed")
    assert isinstance(view, MoneyView)
    tabs.setCurrentWidget(view)
    assert "Still owed: £862.80" in view.total.text()
