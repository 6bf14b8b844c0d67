"""The kinship commands: `add contact-arrangement --repeat`, `contact` and `money --csv`."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.services import Services
from tests.conftest import FAST_KDF

PASSPHRASE = "cli passphrase for contact"


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "kin.frvault"
    Services.create(path, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_add_with_repeat_then_contact_prints_each_outcome(vault: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    arrangement_id = _run(capsys, "add", "contact-arrangement", "--path", str(vault), "--with-whom", "Mum",
                          "--repeat", "freq=weekly;byday=tu", "--session-start", "16:00",
                          "--session-end", "17:30", "--starts-on", "2026-03-03",
                          "--ends-on", "2026-04-28").splitlines()[0]
    out = _run(capsys, "contact", "--path", str(vault), "--today", "2026-03-20")
    assert "Planned 9 new sessions" in out
    assert "Contact with Mum (Every Tuesday, 16:00–17:30)" in out
    assert "Sessions: 9 planned, 0 happened, 0 late, 0 cancelled, 0 no-show" in out
    assert "Happened: no outcomes recorded yet" in out
    assert "To answer: Did Tuesday's contact with Mum happen?" in out

    services = Services.open(vault, PASSPHRASE)
    try:
        assert services.get(arrangement_id).repeat_rule == "FREQ=WEEKLY;BYDAY=TU"  # type: ignore[attr-defined]
        s = {x.session_date: x.id for x in services.kinship.sessions_of(arrangement_id)}
        services.kinship.confirm(s[date(2026, 3, 3)], SessionStatus.HAPPENED)
        services.kinship.confirm(s[date(2026, 3, 10)], SessionStatus.CANCELLED,
                                 cancelled_by=CancelledBy.COUNCIL, notice_hours=2)
        services.kinship.confirm(s[date(2026, 3, 17)], SessionStatus.LATE, late_minutes=30)
        services.kinship.confirm(s[date(2026, 3, 24)], SessionStatus.CANCELLED,
                                 cancelled_by=CancelledBy.FAMILY, notice_hours=72)
    finally:
        services.lock()
    out = _run(capsys, "contact", "--path", str(vault), "--today", "2026-03-27")
    assert "Planned" not in out  # the schedule ends in April: nothing new to plan
    assert ("Sessions: 5 planned, 1 happened, 1 late, 2 cancelled (1 by the family, 1 by the council), "
            "0 no-show") in out
    assert "Happened: 2 of 4 sessions with an outcome (50%)" in out
    assert "Cancelled by the council with less than 24 hours' notice: 1" in out
    assert "To answer" not in out


def test_a_bad_repeat_rule_is_refused_in_plain_words(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["add", "contact-arrangement", "--path", str(vault), "--with-whom", "Dad",
              "--repeat", "FREQ=FORTNIGHTLY", "--starts-on", "2026-03-03"])
    assert "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY" in capsys.readouterr().err
    assert _run(capsys, "contact", "--path", str(vault)) == "No contact arrangements or sessions yet.\n"


def test_money_prints_arrears_and_saves_csv(vault: Path, capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    for on, kind, amount in (("2026-03-01", "due", "25000"), ("2026-03-05", "received", "20000")):
        _run(capsys, "add", "money-entry", "--path", str(vault), "--on", on, "--entry-type", kind,
             "--amount-pence", amount, "--money-kind", "sgo_allowance")
    out_file = tmp_path / "money.csv"
    out = _run(capsys, "money", "--path", str(vault), "--csv", str(out_file))
    lines = out.splitlines()
    assert lines[1].split() == ["01/03/2026", "Special", "guardianship", "allowance", "£250.00", "£250.00"]
    assert lines[2].split() == ["05/03/2026", "Special", "guardianship", "allowance", "£200.00", "£50.00"]
    assert "Due: £250.00. Received: £200.00. Still owed: £50.00." in out
    assert f"Saved 2 entries to {out_file}" in out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert "50.00" in out_file.read_text(encoding="utf-8-sig")
