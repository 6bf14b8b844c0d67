"""Home shows deadlines in working days, the family's and the council's apart, and offers a
chase letter for a late one (issue 14); the ICPC deadline a strategy discussion proposes
follows the meeting's date with a note, and goes on a calendar with plain titles.

Working days below are counted by hand (England and Wales: weekends, Good Friday 3 April and
Easter Monday 6 April 2026).
"""

from __future__ import annotations

import json
import stat
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.formatting import long_date
from familyrecord.records.enums import DeadlineWho, LetterPurpose, MeetingType
from familyrecord.records.models import Correspondence, Deadline, Meeting
from familyrecord.services import Services
from familyrecord.ui.deadlines.calendar_export import CalendarExportDialog
from familyrecord.ui.home.view import HomeView
from tests.ui.uihelpers import make_window
from tests.vault_access import vault_of

pytestmark = pytest.mark.gui

STRATEGY = datetime(2026, 3, 2, 10, 0)  # a Monday
ICPC_DUE = date(2026, 3, 23)  # 15 working days after Monday 2 March
WEDNESDAY = date(2026, 3, 18)


def make_home(qtbot: QtBot, services: Services) -> HomeView:
    home = HomeView(services)
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    return home


def log_strategy_discussion(services: Services) -> tuple[Meeting, Deadline]:
    """A strategy discussion saved with the ICPC deadline it proposes accepted (one change)."""
    meeting = Meeting(meeting_type=MeetingType.STRATEGY_DISCUSSION, title="Strategy discussion",
                      starts_at=STRATEGY)
    proposals = services.deadlines.proposals(meeting)
    icpc = [p for p in proposals if p.rule_id == "icpc_after_strategy_discussion"]
    assert [p.due for p in icpc] == [ICPC_DUE]
    saved, accepted = services.deadlines.save_accepting(meeting, icpc)
    return saved, accepted[0]


def test_accepted_icpc_deadline_is_on_home_and_follows_the_meeting_onto_a_calendar(
        qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    meeting, deadline = log_strategy_discussion(services)
    home = make_home(qtbot, services)
    home.refresh(WEDNESDAY)

    # The council's step, not the family's, with its date and working days left.
    assert home.yours.rows == [] and home.yours.empty.isVisibleTo(home)
    [row] = home.theirs.rows
    assert row.title.text() == "Initial child protection conference due"
    assert row.status.text() == f"By {long_date(ICPC_DUE)}: 3 working days left"
    assert row.chase_button is None and row.advice.isHidden()

    # The meeting moves a week later: the deadline follows, and Home says why.
    meeting.starts_at = datetime(2026, 3, 9, 10, 0)
    services.save(meeting)
    moved = services.get(deadline.id)
    assert isinstance(moved, Deadline) and moved.due_on == date(2026, 3, 30)
    assert "Moved from 23/03/2026 because the meeting's date changed to 09/03/2026." in moved.notes
    home.refresh(WEDNESDAY)
    [row] = home.theirs.rows
    assert row.status.text() == "By Monday 30 March 2026: 8 working days left"
    assert not row.news.isHidden()
    assert row.news.text() == "Moved from 23/03/2026 because the meeting's date changed to 09/03/2026."

    # Export to a calendar from Home: plain titles by default, the dates as they are now.
    qtbot.mouseClick(home.calendar_button, Qt.MouseButton.LeftButton)
    dialog = home.calendar_dialog
    assert isinstance(dialog, CalendarExportDialog) and dialog.isVisible()
    dialog.range.setCurrentIndex(dialog.range.findData(None))  # every date
    assert dialog.list.count() == 2 and len(dialog.chosen_ids()) == 2
    assert dialog.plain.isChecked()
    dialog.path.setText(str(tmp_path / "for my phone"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "for my phone.ics"
    assert written.is_file(), dialog.message.text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    events = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert starts == {"Meeting": datetime(2026, 3, 9, 10, 0), "Deadline": date(2026, 3, 30)}
    raw = written.read_text(encoding="utf-8")
    assert "Strategy" not in raw and "conference" not in raw
    logged = [json.loads(entry) for entry in vault_of(services).logged_exports()]
    assert [(e["what"], e["options"]["items"], e["options"]["real_titles"]) for e in logged] \
        == [("calendar", 2, False)]


def test_late_council_step_says_how_late_and_what_to_do_and_drafts_a_chase_letter(
        qtbot: QtBot, services: Services) -> None:
    _meeting, deadline = log_strategy_discussion(services)
    services.save(Deadline(title="Send my statement", due_on=date(2026, 4, 9), who=DeadlineWho.YOU))
    home = make_home(qtbot, services)
    tuesday_after_easter = date(2026, 4, 7)
    home.refresh(tuesday_after_easter)

    [mine] = home.yours.rows
    assert mine.status.text() == "By Thursday 9 April 2026: 2 working days left"
    assert mine.chase_button is None
    [late] = home.theirs.rows
    # 24-27 March, 30 March-2 April and 7 April: Good Friday and Easter Monday are not counted.
    assert late.status.text() == f"By {long_date(ICPC_DUE)}: late by 9 working days"
    assert not late.advice.isHidden() and "Ask the council" in late.advice.text()
    assert late.chase_button is not None

    with qtbot.waitSignal(home.open_record) as opened:
        qtbot.mouseClick(late.chase_button, Qt.MouseButton.LeftButton)
    letter = services.get(opened.args[0])
    assert isinstance(letter, Correspondence) and letter.purpose is LetterPurpose.CHASE
    assert letter.dated == tuesday_after_easter
    assert "late by 9 working days" in letter.body
    [late] = home.theirs.rows  # Home was refreshed: the row says a letter was drafted
    assert late.news.text() == "Chase letter drafted on 07/04/2026."
    assert "saved with your letters" in home.status.text.text()
    stored = services.get(deadline.id)
    assert isinstance(stored, Deadline) and "Chase letter drafted on 07/04/2026." in stored.notes


def test_chase_letter_opens_in_the_letters_area(qtbot: QtBot, services: Services,
                                                 vault_path: Path) -> None:
    log_strategy_discussion(services)
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    home = window.main.home
    home.refresh(date(2026, 4, 7))
    chase = home.theirs.rows[0].chase_button
    assert chase is not None
    qtbot.mouseClick(chase, Qt.MouseButton.LeftButton)
    assert window.main.current_key() == "correspondence"
