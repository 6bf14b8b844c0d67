"""The "Export to a calendar…" dialog: choose entries, plain titles by default, a whole file
readable by its owner only, the export noted in the journal without any title."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Deadline, Meeting
from familyrecord.services import Services
from familyrecord.ui.deadlines.calendar_export import CalendarExportDialog
from tests.vault_access import vault_of

pytestmark = pytest.mark.gui

TODAY = date(2026, 3, 16)


@pytest.fixture
def entries(services: Services) -> dict[str, str]:
    """Two meetings and three deadlines (one done, one long past); their ids by title."""
    made = [
        services.save(Meeting(title="Core group at the family centre",
                              starts_at=datetime(2026, 3, 20, 13, 30),
                              ends_at=datetime(2026, 3, 20, 15, 0))),
        services.save(Meeting(title="Strategy discussion", starts_at=datetime(2025, 11, 3, 10, 0))),
        services.save(Deadline(title="Reply to my subject access request", due_on=date(2026, 4, 10))),
        services.save(Deadline(title="Stage 1 complaint response", due_on=date(2026, 3, 2),
                               done_on=date(2026, 3, 4))),
        services.save(Deadline(title="Old statement", due_on=date(2025, 10, 1))),
    ]
    return {record.summary(): record.id for record in made}


def open_dialog(qtbot: QtBot, services: Services) -> CalendarExportDialog:
    dialog = CalendarExportDialog(services, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot: QtBot, dialog: CalendarExportDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def events(path: Path) -> list[icalendar.cal.Component]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_lists_by_dates_and_writes_only_the_ticked_with_plain_titles(
        qtbot: QtBot, services: Services, entries: dict[str, str], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, services)
    # From today on, open deadlines only.
    assert dialog.chosen_ids() == [entries["Core group at the family centre"],
                                   entries["Reply to my subject access request"]]
    assert dialog.list.item(0).text() == \
        "Friday 20 March 2026, 13:30 — Meeting: Core group at the family centre"
    dialog.range.setCurrentIndex(dialog.range.findData(91))  # from three months ago
    dialog.include_done.setChecked(True)
    assert dialog.list.count() == 3
    assert "Deadline (done): Stage 1 complaint response" in dialog.list.item(0).text()
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # not the done one
    # Unticked stays unticked when the list is read again.
    dialog.range.setCurrentIndex(dialog.range.findData(None))
    assert dialog.list.count() == 5 and len(dialog.chosen_ids()) == 4
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # not the old statement
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)  # nor the strategy discussion

    dialog.path.setText(str(tmp_path / "phone.ics"))
    save(qtbot, dialog)
    written = tmp_path / "phone.ics"
    assert "Saved 1 meeting and 1 deadline" in dialog.message.text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    got = sorted((str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(written))
    assert got == [("Deadline", date(2026, 4, 10)), ("Meeting", datetime(2026, 3, 20, 13, 30))]
    assert "family centre" not in written.read_text(encoding="utf-8")
    [logged] = [json.loads(entry) for entry in vault_of(services).logged_exports()]
    assert logged == {"what": "calendar", "options": {
        "items": 2, "real_titles": False, "from": "", "to": "", "include_done": True}}


def test_real_titles_when_asked_and_a_file_is_replaced_only_when_confirmed(
        qtbot: QtBot, services: Services, entries: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "calendar.ics"
    target.write_bytes(b"keep me")
    dialog = open_dialog(qtbot, services)
    dialog.plain.setChecked(False)
    assert "Anyone who sees" in dialog.titles_note.text()
    dialog.path.setText(str(tmp_path / "calendar"))  # .ics added
    save(qtbot, dialog)
    assert target.read_bytes() == b"keep me"
    assert "already a file called calendar.ics" in dialog.message.text()
    save(qtbot, dialog)  # pressed again: replace it
    titles = sorted(str(e["SUMMARY"]) for e in events(target))
    assert titles == ["Core group at the family centre", "Reply to my subject access request"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".calendar")]  # no leftovers


def test_says_what_is_missing_instead_of_writing(qtbot: QtBot, services: Services,
                                                entries: dict[str, str], tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    dialog = open_dialog(qtbot, services)
    dialog.path.setText(str(tmp_path / "no such folder" / "c.ics"))
    save(qtbot, dialog)
    assert "There is no folder" in dialog.message.text()
    dialog.path.setText("c.ics")
    save(qtbot, dialog)
    assert "Choose a folder" in dialog.message.text()
    for row in range(dialog.list.count()):
        dialog.list.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog.path.setText(str(tmp_path / "c.ics"))
    save(qtbot, dialog)
    assert "Tick at least one" in dialog.message.text()
    assert list(tmp_path.iterdir()) == []
    assert vault_of(services).logged_exports() == []


def test_an_empty_record_says_there_is_nothing_to_put_on_a_calendar(qtbot: QtBot,
                                                                    services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    assert dialog.list.count() == 0
    assert dialog.empty.isVisibleTo(dialog) and not dialog.list.isVisibleTo(dialog)
