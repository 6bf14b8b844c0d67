"""The deadline commands: add --accept-deadlines, due, calendar, propose and chase."""

from __future__ import annotations

import stat
from pathlib import Path

import icalendar
import pytest

from familyrecord.cli import main
from familyrecord.services import Services


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", "cli passphrase 1")
    path = tmp_path / "mine.frvault"
    assert main(["init", "--path", str(path)]) == 0
    capsys.readouterr()
    return path


ICPC_PROPOSALS = [
    "Deadlines this record proposes:",
    "  15/11/2024  The report for the conference is commonly shared with you at least 2 working days "
    "before it: by Fri 15 Nov 2024. Check your local procedures.",
    "  26/11/2024  The conference decisions and outline plan are commonly sent within 1 to 5 working "
    "days (Wales: within 5): by Tue 26 Nov 2024. Check your local procedures.",
    "  03/12/2024  The first core group meeting should be held within 10 working days of the "
    "conference: by Tue 3 Dec 2024.",
    "  10/12/2024  The full conference record (minutes) is commonly sent within 10 to 15 working days "
    "(Wales: no later than 20): by Tue 10 Dec 2024. Check your local procedures.",
    "  19/02/2025  The first review child protection conference should be held within 3 months of the "
    "initial conference: by Wed 19 Feb 2025.",
]


def _add_icpc(vault: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    assert main(["add", "meeting", "--path", str(vault), "--meeting-type", "icpc",
                 "--starts-at", "2024-11-19T10:00", *extra]) == 0
    return capsys.readouterr().out.splitlines()


def test_add_lists_proposals_and_saves_them_only_when_accepted(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _add_icpc(vault, capsys)
    meeting_id = lines[0]
    assert len(meeting_id) == 32
    assert lines[1:] == [*ICPC_PROPOSALS, f"Not saved. To save them: familyrecord propose --path "
                                          f"{vault} {meeting_id} --accept"]
    assert main(["list", "--path", str(vault), "deadline"]) == 0
    assert capsys.readouterr().out == ""

    lines = _add_icpc(vault, capsys, "--accept-deadlines")
    assert lines[1:] == [*ICPC_PROPOSALS, "Saved 5 deadlines."]
    assert main(["list", "--path", str(vault), "deadline"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 5 and any("2024-12-03  First core group meeting due" in x for x in listed)


def test_a_record_that_starts_no_clock_prints_only_its_id(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "meeting", "--path", str(vault), "--meeting-type", "core_group",
                 "--starts-at", "2024-11-19T10:00", "--accept-deadlines"]) == 0
    assert len(capsys.readouterr().out.split()) == 1


def test_due_lists_late_and_upcoming_in_working_days(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _add_icpc(vault, capsys, "--accept-deadlines")
    assert main(["add", "deadline", "--path", str(vault), "--title", "Send my comments",
                 "--due-on", "2024-12-13", "--who", "you"]) == 0
    capsys.readouterr()
    assert main(["due", "--path", str(vault), "--today", "2024-12-11"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ids = [line.rsplit(" ", 1)[1] for line in lines if "To draft that letter" in line]
    assert len(ids) == 4
    chase = f"      To draft that letter: familyrecord chase --path {vault}"
    assert lines == [
        "Late (4):",
        "  15/11/2024  Conference report due to you  (the council's step; late by 18 working days)",
        "      What you can do: Ask for the report before the meeting. If it comes late, you can ask "
        "for time to read it, or for the meeting to be moved. FamilyRecord can draft a polite letter "
        "to chase it.",
        f"{chase} {ids[0]}",
        "  26/11/2024  Conference decisions and outline plan due to you  (the council's step; late by "
        "11 working days)",
        "      What you can do: Ask for the minutes or plan in writing. Keep a copy of what you send. "
        "FamilyRecord can draft a polite letter to chase it.",
        f"{chase} {ids[1]}",
        "  03/12/2024  First core group meeting due  (the council's step; late by 6 working days)",
        "      What you can do: Ask the council when the meeting will be held. Keep a copy of what you "
        "send. FamilyRecord can draft a polite letter to chase it.",
        f"{chase} {ids[2]}",
        "  10/12/2024  Conference record (minutes) due to you  (the council's step; late by 1 working "
        "day)",
        "      What you can do: Ask for the minutes or plan in writing. Keep a copy of what you send. "
        "FamilyRecord can draft a polite letter to chase it.",
        f"{chase} {ids[3]}",
        "Coming up (2):",
        "  13/12/2024  Send my comments  (your step; 2 working days left)",
        "  19/02/2025  First review conference due  (the council's step; 47 working days left)",
    ]
    assert main(["due", "--path", str(vault), "--today", "2024-12-11", "--days", "7"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "Coming up (1):", "  13/12/2024  Send my comments  (your step; 2 working days left)"]

    assert main(["chase", "--path", str(vault), ids[2], "--today", "2024-12-11"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:3] == ["Saved a draft letter: Chasing: First core group meeting due by 03/12/2024",
                        "It asks for a reply by 27/12/2024."]
    assert "It is now late by 6 working days." in "\n".join(out)


def test_due_with_nothing_due(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--path", str(vault)]) == 0
    assert capsys.readouterr().out == "Nothing is due.\n"


def test_calendar_writes_a_private_file_with_plain_titles(
        vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _add_icpc(vault, capsys, "--accept-deadlines", "--title", "Conference about Jordan")
    out = tmp_path / "family.ics"
    assert main(["calendar", "--path", str(vault), "--out", str(out), "--from", "2024-11-19",
                 "--to", "2024-12-31"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Wrote 1 meeting and 3 deadlines to {out}.",
        'The titles are plain ("Meeting", "Deadline"), so they say nothing private.']
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    assert b"Jordan" not in data and b"core group" not in data
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    starts = sorted(str(e.decoded("DTSTART")) for e in events)
    assert starts == ["2024-11-19 10:00:00", "2024-11-26", "2024-12-03", "2024-12-10"]
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Deadline"] * 3 + ["Meeting"]
    assert [p.name for p in tmp_path.iterdir() if ".partial-" in p.name] == []

    out.chmod(0o644)  # a second export replaces the file whole, private again
    assert main(["calendar", "--path", str(vault), "--out", str(out), "--real-titles"]) == 0
    assert "The titles are real" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    titles = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert "Conference about Jordan" in titles and "First core group meeting due" in titles
    services = Services.open(vault, "cli passphrase 1")
    try:
        exports = [e for e in services.recent_changes(50) if e.action == "export"]
    finally:
        services.lock()
    assert [e.kind for e in exports] == ["calendar", "calendar"]


def test_calendar_with_nothing_in_range_says_so(
        vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "empty.ics"
    assert main(["calendar", "--path", str(vault), "--out", str(out)]) == 1
    assert "There are no meetings or deadlines" in capsys.readouterr().err
    assert not out.exists()


def test_propose_accepts_for_a_saved_record_once(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "correspondence", "--path", str(vault), "--direction", "sent", "--purpose",
                 "subject_access_request", "--dated", "2024-11-25", "--subject", "My records"]) == 0
    letter_id = capsys.readouterr().out.splitlines()[0]
    assert main(["propose", "--path", str(vault), letter_id, "--accept"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Saved 1 deadline."
    assert main(["propose", "--path", str(vault), letter_id, "--accept"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Saved 0 deadlines. 1 was already saved."
    assert main(["list", "--path", str(vault), "deadline"]) == 0
    # 25 Nov 2024 + 1 month is Christmas Day; Boxing Day too: Friday 27 Dec
    (line,) = capsys.readouterr().out.splitlines()
    assert "2024-12-27  Answer to your subject access request due" in line
