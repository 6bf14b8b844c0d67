"""The support plan, promised against delivered: statuses on a date, late and overdue items,
and the plain sentences the bundle's case summary prints."""

from __future__ import annotations

from datetime import date

import pytest

from familyrecord.errors import UserError
from familyrecord.records.enums import SupportStatus
from familyrecord.records.kinship import SupportItem, SupportUpdate
from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.views import support

TODAY = date(2026, 6, 1)


def item(what: str, due: date | None, *updates: tuple[date, SupportStatus],
         provider: str = "") -> SupportItem:
    return SupportItem(what=what, provider=provider, promised_on=date(2026, 1, 10), due_on=due,
                       updates=[SupportUpdate(on=on, status=status) for on, status in updates])


PLAN = [
    item("Respite care", date(2026, 3, 1), (date(2026, 2, 20), SupportStatus.DELIVERED),
         provider="Children's Services"),
    item("Therapy for Leo", date(2026, 3, 1), (date(2026, 3, 10), SupportStatus.LATE),
         (date(2026, 4, 20), SupportStatus.DELIVERED)),
    item("Kinship carer training", date(2026, 4, 1), (date(2026, 4, 2), SupportStatus.LATE),
         provider="Kinship charity"),
    item("Bunk beds", date(2026, 5, 1), (date(2026, 5, 2), SupportStatus.PARTLY)),
    item("Holiday club", date(2026, 5, 20), (date(2026, 5, 21), SupportStatus.NOT_DELIVERED)),
    item("Life-story work", date(2026, 9, 1)),
    item("Monthly support group", None),
]


def test_summary_counts_each_status_and_finds_late_and_overdue() -> None:
    found = support.summary(PLAN, TODAY)
    assert found.promised == 7 and found.delivered == 2
    assert found.by_status == {SupportStatus.DELIVERED: 2, SupportStatus.PARTLY: 1, SupportStatus.LATE: 1,
                               SupportStatus.NOT_DELIVERED: 1, SupportStatus.PROMISED: 2}
    assert [i.what for i in found.late] == ["Kinship carer training"]
    assert [i.what for i in found.delivered_late] == ["Therapy for Leo"]
    assert [i.what for i in found.overdue] == ["Kinship carer training", "Bunk beds", "Holiday club"]


def test_what_was_overdue_on_an_earlier_date() -> None:
    assert [i.what for i in support.overdue_on(PLAN, date(2026, 4, 2))] == [
        "Therapy for Leo", "Kinship carer training"]
    assert support.overdue_on(PLAN, date(2026, 3, 1)) == []  # due on the day is not yet overdue
    earlier = support.summary(PLAN, date(2026, 3, 5))
    assert earlier.by_status[SupportStatus.PROMISED] == 6 and earlier.delivered == 1


def test_summary_lines_are_plain_sentences() -> None:
    assert support.summary_lines(PLAN, TODAY) == [
        "The support plan promised 7 things: 2 delivered (1 of them late), 1 partly delivered, "
        "1 late and still awaited, 1 not delivered and 2 still waiting.",
        "Overdue on 01/06/2026: Kinship carer training from Kinship charity, due 01/04/2026; "
        "Bunk beds, due 01/05/2026; Holiday club, due 20/05/2026.",
    ]
    assert support.summary_lines(PLAN[:1], TODAY) == [
        "The support plan promised 1 thing: 1 delivered.", "Nothing is overdue on 01/06/2026."]
    assert support.summary_lines([], TODAY) == ["No support plan items are recorded."]


def test_history_is_in_date_order() -> None:
    mixed = item("X", None, (date(2026, 5, 1), SupportStatus.DELIVERED),
                 (date(2026, 4, 1), SupportStatus.LATE))
    assert [u.status for u in support.history(mixed)] == [SupportStatus.LATE, SupportStatus.DELIVERED]


def test_service_adds_two_items_marks_one_late_with_evidence(services: Services) -> None:
    letter = services.save(Correspondence(dated=date(2026, 4, 3), subject="Training moved"))
    first = services.save(item("Kinship carer training", date(2026, 4, 1)))
    services.save(item("Respite care", date(2026, 7, 1)))
    marked = services.kinship.update_support(first.id, SupportStatus.LATE, date(2026, 4, 3),
                                             note=" Moved to May ", evidence_record_id=letter.id)
    assert marked.status is SupportStatus.LATE
    assert (marked.updates[-1].note, marked.updates[-1].evidence_record_id) == ("Moved to May", letter.id)
    found = services.kinship.support_summary(TODAY)
    assert [i.what for i in found.late] == ["Kinship carer training"]
    assert found.by_status[SupportStatus.PROMISED] == 1
    assert services.kinship.support_lines(TODAY)[0].startswith("The support plan promised 2 things")
    with pytest.raises(UserError) as refused:
        services.kinship.update_support(first.id, SupportStatus.DELIVERED, TODAY, evidence_record_id="gone")
    assert "evidence" in refused.value.user_message
    assert len(services.repo(SupportItem).get(first.id).updates) == 1
