"""Money due and received: running arrears per kind and overall, in pence, worked by hand;
the CSV file (pounds with two decimals, owner-only, whole or not at all) and its journal note."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date
from pathlib import Path

import pytest

from familyrecord.errors import UserError
from familyrecord.export import money_csv
from familyrecord.records.enums import MoneyEntryType, MoneyKind
from familyrecord.records.kinship import MoneyEntry
from familyrecord.services import Services
from familyrecord.views.money import plain_pounds, pounds, statement, summary_lines

SGO, TRAVEL = MoneyKind.SGO_ALLOWANCE, MoneyKind.CONTACT_EXPENSES
DUE, GOT = MoneyEntryType.DUE, MoneyEntryType.RECEIVED


def entry(on: date, kind: MoneyKind, kind_of_entry: MoneyEntryType, pence: int, **more: str) -> MoneyEntry:
    return MoneyEntry(on=on, money_kind=kind, entry_type=kind_of_entry, amount_pence=pence, **more)  # type: ignore[arg-type]


# Given out of order on purpose; on 1 April the payment is listed before what fell due.
ENTRIES = [
    entry(date(2026, 4, 1), SGO, GOT, 20000, payer="Council"),
    entry(date(2026, 3, 1), SGO, DUE, 25000, period="March"),
    entry(date(2026, 3, 14), TRAVEL, DUE, 1250, notes="Bus fares\nto the centre"),
    entry(date(2026, 4, 1), SGO, DUE, 25000, period="April"),
    entry(date(2026, 4, 20), TRAVEL, GOT, 1250),
    entry(date(2026, 5, 2), SGO, GOT, 35001, notes="=SUM(A1:A9)"),
]
# By hand: (date, owed of that kind after it, owed in all after it), in pence.
RUNNING = [
    (date(2026, 3, 1), 25000, 25000),
    (date(2026, 3, 14), 1250, 26250),
    (date(2026, 4, 1), 50000, 51250),  # April's due first, then the payment on the same day
    (date(2026, 4, 1), 30000, 31250),
    (date(2026, 4, 20), 0, 30000),
    (date(2026, 5, 2), -5001, -5001),
]


def test_running_arrears_per_kind_and_overall_by_hand() -> None:
    found = statement(ENTRIES)
    assert [(r.on, r.kind_arrears_pence, r.arrears_pence) for r in found.rows] == RUNNING
    assert found.kinds == (SGO, TRAVEL)
    assert found.due_by_kind == {SGO: 50000, TRAVEL: 1250}
    assert found.received_by_kind == {SGO: 55001, TRAVEL: 1250}
    assert found.arrears_by_kind == {SGO: -5001, TRAVEL: 0}
    assert (found.total_due, found.total_received, found.arrears_pence) == (51250, 56251, -5001)
    assert [r.due_pence for r in found.rows][:3] == [25000, 1250, 25000]
    assert [r.received_pence for r in found.rows][3:] == [20000, 1250, 35001]


def test_statement_until_a_date_and_plain_words() -> None:
    april = statement(ENTRIES, until=date(2026, 4, 1))
    assert april.arrears_pence == 31250 and len(april.rows) == 4
    assert summary_lines(april) == [
        "Due: £512.50. Received: £200.00. Still owed: £312.50.",
        "Special guardianship allowance: Still owed: £300.00.",
        "Contact travel expenses: Still owed: £12.50."]
    assert summary_lines(statement(ENTRIES))[0].endswith("Paid £50.01 more than was due.")
    assert summary_lines(statement([])) == ["No money due or received is recorded."]


def test_pounds_are_exact() -> None:
    assert [pounds(p) for p in (0, 5, 1250, 123456789, -500)] == [
        "£0.00", "£0.05", "£12.50", "£1,234,567.89", "-£5.00"]
    assert [plain_pounds(p) for p in (7, -1, 100000)] == ["0.07", "-0.01", "1000.00"]


def test_csv_has_pounds_running_arrears_and_no_formulas(tmp_path: Path) -> None:
    out = tmp_path / "money.csv"
    assert money_csv.save_money_csv(ENTRIES, out) == 6
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(money_csv.COLUMNS)
    assert rows[1] == ["01/03/2026", "Special guardianship allowance", "250.00", "", "250.00", "250.00",
                       "", "March", ""]
    assert rows[2][8] == "Bus fares to the centre"
    assert [r[5] for r in rows[1:7]] == ["250.00", "262.50", "512.50", "312.50", "300.00", "-50.01"]
    assert rows[6][8] == "'=SUM(A1:A9)"
    assert rows[7] == ["Total", "", "512.50", "562.51", "", "-50.01", "", "", ""]
    assert [p.name for p in tmp_path.iterdir()] == ["money.csv"]


def test_csv_replaces_a_file_whole_and_explains_a_folder_it_cannot_use(tmp_path: Path) -> None:
    out = tmp_path / "money.csv"
    out.write_text("old")
    out.chmod(0o644)
    money_csv.save_money_csv(ENTRIES[:1], out)
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].endswith(",200.00,-200.00,-200.00,Council,,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with pytest.raises(UserError) as refused:
        money_csv.save_money_csv(ENTRIES, tmp_path / "missing" / "money.csv")
    assert "could not be saved" in refused.value.user_message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["money.csv"]


def test_service_statement_and_export_are_logged(services: Services, tmp_path: Path) -> None:
    for e in ENTRIES:
        services.save(e)
    archived = services.save(entry(date(2026, 3, 2), SGO, DUE, 99999))
    services.archive(archived)
    found = services.kinship.money_statement()
    assert [(r.on, r.kind_arrears_pence, r.arrears_pence) for r in found.rows] == RUNNING
    assert services.kinship.export_money_csv(tmp_path / "m.csv") == 6
    last = services.recent_changes(1)[0]
    assert last.action == "export" and last.content is not None and '"money"' in last.content
