"""Home asks "Did Tuesday's contact happen?" for sessions a weekly schedule planned, and each
one-click answer changes the attendance counts (issue 13)."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactArrangement, ContactSession
from familyrecord.services import Services
from familyrecord.ui.home.contact_prompts import ContactPrompt
from familyrecord.ui.home.view import HomeView

pytestmark = pytest.mark.gui

SET_UP_ON = date(2026, 2, 11)  # a Wednesday
TODAY = date(2026, 3, 18)  # a Wednesday, five weeks on
PAST_TUESDAYS = [date(2026, 2, 17), date(2026, 2, 24), date(2026, 3, 3), date(2026, 3, 10),
                 date(2026, 3, 17)]


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def weekly(services: Services) -> ContactArrangement:
    """Contact with Linda every Tuesday, 16:00 to 17:30, set up five weeks ago."""
    arrangement = ContactArrangement(with_whom="Linda", starts_on=date(2026, 2, 10),
                                     repeat_rule="FREQ=WEEKLY;BYDAY=TU", session_start=time(16, 0),
                                     session_end=time(17, 30))
    services.kinship.change_schedule(arrangement, today=SET_UP_ON)
    return arrangement


@pytest.fixture
def home(qtbot: QtBot, services: Services) -> HomeView:
    view = HomeView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.refresh(TODAY)
    return view


def prompt_for(home: HomeView, day: date) -> ContactPrompt:
    [prompt] = [p for p in home.contact.prompts if p.session.session_date == day]
    return prompt


def test_three_answers_from_home_change_the_counts(qtbot: QtBot, services: Services,
                                                   weekly: ContactArrangement, home: HomeView) -> None:
    assert home.contact.isVisibleTo(home)
    # Three at a time, oldest first; the rest wait their turn.
    assert [p.session.session_date for p in home.contact.prompts] == PAST_TUESDAYS[:3]
    assert home.contact.more.text() == "2 more are waiting: they show here once these are answered."
    oldest = home.contact.prompts[0]
    assert oldest.question.text() == "Did the contact with Linda on Tuesday 17 February 2026 happen?"
    assert oldest.when.text() == "16:00 to 17:30"
    before = services.kinship.attendance(weekly.id)
    assert (before.happened, before.late, before.cancelled, before.answered) == (0, 0, 0, 0)

    # 1. It happened, with how the child was.
    first = prompt_for(home, date(2026, 2, 17))
    click(qtbot, first.note_button)
    qtbot.keyClicks(first.wellbeing, "Happy, played with Nan")
    click(qtbot, first.happened_button)
    assert home.status.text.text() == "Saved for Tuesday 17 February 2026: Happened."
    # 2. It happened, 20 minutes late.
    second = prompt_for(home, date(2026, 2, 24))
    click(qtbot, second.late_button)
    assert not second.late_box.isHidden()
    second.late_minutes.setValue(20)
    click(qtbot, second.save_late_button)
    # 3. The council cancelled it, with two hours' notice; saving asks who cancelled first.
    third = prompt_for(home, date(2026, 3, 3))
    click(qtbot, third.cancelled_button)
    click(qtbot, third.save_cancelled_button)
    assert not third.cancel_problem.isHidden()
    assert services.kinship.attendance(weekly.id).cancelled == 0
    third.who_cancelled.setCurrentIndex(third.who_cancelled.findData(CancelledBy.COUNCIL.value))
    third.notice_hours.setValue(2)
    click(qtbot, third.save_cancelled_button)

    after = services.kinship.attendance(weekly.id)
    assert (after.happened, after.late, after.cancelled, after.no_show) == (1, 1, 1, 0)
    assert after.cancelled_by[CancelledBy.COUNCIL] == 1
    assert [s.session_date for s in after.council_short_notice] == [date(2026, 3, 3)]
    assert [note.text for note in after.wellbeing] == ["Happy, played with Nan"]
    late = [s for s in after.sessions if s.status is SessionStatus.LATE]
    assert [(s.session_date, s.late_minutes) for s in late] == [(date(2026, 2, 24), 20)]
    # Answered sessions are not asked about again; the last week's says only the day.
    assert [p.session.session_date for p in home.contact.prompts] == PAST_TUESDAYS[3:]
    assert home.contact.more.isHidden()
    yesterday = prompt_for(home, date(2026, 3, 17))
    assert yesterday.question.text() == "Did Tuesday's contact with Linda happen?"
    assert yesterday.when.text() == "Tuesday 17 March 2026, 16:00 to 17:30"


def test_no_show_undo_and_a_date_that_was_not_due(qtbot: QtBot, services: Services,
                                                  weekly: ContactArrangement, home: HomeView) -> None:
    first, second = PAST_TUESDAYS[:2]
    click(qtbot, prompt_for(home, first).no_show_button)
    assert services.kinship.attendance(weekly.id).no_show == 1
    assert "Did not happen (no-show)" in home.status.text.text()
    click(qtbot, home.status.action)  # Undo: asked again
    assert services.kinship.attendance(weekly.id).no_show == 0
    assert first in [p.session.session_date for p in home.contact.prompts]

    click(qtbot, prompt_for(home, second).not_due_button)
    arrangement = services.get(weekly.id)
    assert isinstance(arrangement, ContactArrangement)
    assert arrangement.skipped_dates == [second]
    sessions = services.kinship.sessions_of(weekly.id)
    assert second not in [s.session_date for s in sessions]
    assert second not in [p.session.session_date for p in home.contact.prompts]
    assert home.status.text.text() == "Taken out of the schedule: Tuesday 24 February 2026."
    # Opening Home again the same day plans nothing new and asks about the same sessions.
    home.refresh(TODAY)
    assert len(services.list_records(ContactSession)) == len(sessions)


def test_prompts_disappear_when_everything_is_answered(qtbot: QtBot, services: Services,
                                                       weekly: ContactArrangement,
                                                       home: HomeView) -> None:
    for _day in PAST_TUESDAYS:
        click(qtbot, home.contact.prompts[0].happened_button)
    assert home.contact.prompts == [] and not home.contact.isVisibleTo(home)
    assert services.kinship.attendance(weekly.id).happened == len(PAST_TUESDAYS)
