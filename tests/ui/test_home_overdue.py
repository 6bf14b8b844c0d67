"""Home marks overdue actions and replies with how late they are, and lists each action once
(issue 9, point 8). Working days are counted by hand: Good Friday (3 April 2026) and Easter
Monday (6 April 2026) are bank holidays in England and Wales."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import MeetingType
from familyrecord.records.models import Action, Correspondence, Meeting
from familyrecord.services import Services
from familyrecord.ui.home.view import HomeView
from familyrecord.views.actions import open_actions

pytestmark = pytest.mark.gui

TUESDAY_AFTER_EASTER = date(2026, 4, 7)


def make_home(qtbot: QtBot, services: Services) -> HomeView:
    home = HomeView(services)
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    return home


def core_group(n: int, on: datetime, actions: list[Action]) -> Meeting:
    return Meeting(meeting_type=MeetingType.CORE_GROUP, title=f"Core group {n}", starts_at=on,
                   actions=actions)


def tom(description: str, due: date, *, done: bool = False) -> Action:
    return Action(description=description, owner_name="Tom Price", due_on=due, done=done)


def test_carried_forward_action_is_listed_once_and_overdue_ones_say_how_late(
        qtbot: QtBot, services: Services) -> None:
    services.save(core_group(1, datetime(2026, 3, 2, 13, 30), [
        tom("Confirm the date of the review conference", date(2026, 3, 16)),
        tom("Book the family group conference", date(2026, 3, 20)),
        Action(description="Refer Mum to the parenting course", owner_name="Sarah Ahmed",
               due_on=date(2026, 4, 1)),
    ]))
    services.save(core_group(2, datetime(2026, 3, 30, 13, 30), [
        # Written down again, a little differently: the same promise, with a new date.
        tom("confirm the date of the  review conference.", date(2026, 4, 13)),
        # Done now: the open copy at the first meeting is no longer an open action.
        tom("Book the family group conference", date(2026, 3, 20), done=True),
    ]))
    home = make_home(qtbot, services)
    home.refresh(TUESDAY_AFTER_EASTER)

    texts = home.open_actions.texts()
    assert texts == [
        # Due Wednesday 1 April: 2 April and 7 April are the working days since.
        "Refer Mum to the parenting course\n"
        "Sarah Ahmed, by 01/04/2026. Overdue: late by 2 working days (agreed at Core group 1)",
        "confirm the date of the  review conference.\n"
        "Tom Price, by 13/04/2026 (agreed at Core group 1, carried forward to Core group 2)",
    ]
    assert home.open_actions.list.item(0).font().bold()
    assert not home.open_actions.list.item(1).font().bold()


def test_overdue_replies_say_how_many_working_days_late(qtbot: QtBot, services: Services) -> None:
    services.save(Correspondence(subject="Request for the ICPC minutes", dated=date(2026, 3, 18),
                                 reply_needed_by=date(2026, 4, 1)))
    services.save(Correspondence(subject="Answered in time", dated=date(2026, 3, 18),
                                 reply_needed_by=date(2026, 3, 25), replied_on=date(2026, 3, 24)))
    services.save(Correspondence(subject="Not due yet", dated=date(2026, 3, 30),
                                 reply_needed_by=date(2026, 4, 10)))
    home = make_home(qtbot, services)
    home.refresh(TUESDAY_AFTER_EASTER)
    assert home.overdue.texts() == [
        "Request for the ICPC minutes\nThe reply was due 01/04/2026: late by 2 working days"]

    # Only a weekend since it was due: late, with no working day to count.
    home.refresh(date(2026, 4, 12))
    assert home.overdue.texts()[-1] == "Not due yet\nThe reply was due 10/04/2026: late"


def test_the_demo_family_has_no_row_twice_on_home(qtbot: QtBot, demo_services: Services) -> None:
    home = make_home(qtbot, demo_services)
    home.refresh()
    for section in home.lists:
        texts = section.texts()
        assert len(texts) == len(set(texts)), section.accessibleName()
    actions = home.open_actions.texts()
    # The demo's core groups 3 and 4 both wrote down the same open action.
    assert sum("Confirm the date of the review conference" in t for t in actions) == 1
    assert any("carried forward to Core group meeting 4" in t for t in actions)
    # Opening Home planned the demo's coming contact sessions; they do not crowd out what the
    # family wrote in "Recent entries".
    assert demo_services.kinship.sessions_of(demo_services.kinship.arrangements()[0].id)[-1].from_schedule
    recent = home.recent.texts()
    assert len(recent) == 10 and not any(t.endswith(": planned") for t in recent)
    # Every open copy in the record is one of the promises listed.
    meetings = demo_services.list_records(Meeting)
    open_copies = {a.description for m in meetings for a in m.actions if not a.done}
    assert {row.action.description for row in open_actions(meetings)} == open_copies
