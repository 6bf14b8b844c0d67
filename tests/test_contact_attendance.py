"""One hand-counted fixture checked against the app's attendance view, the bundle's chart and
the command line: the numbers come from one function (views.attendance), so they agree."""

from __future__ import annotations

from datetime import date, time

from reportlab.graphics.charts.barcharts import VerticalBarChart

from familyrecord.export.layouts import choose
from familyrecord.export.options import ExportOptions
from familyrecord.export.sections_records import _chart
from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactArrangement, ContactSession
from familyrecord.services import Services
from familyrecord.views.attendance import monthly
from familyrecord.views.contact import chart_series
from tests.vault_access import vault_of

TODAY = date(2026, 3, 20)
H, L, C, N, P = (SessionStatus.HAPPENED, SessionStatus.LATE, SessionStatus.CANCELLED,
                 SessionStatus.NO_SHOW, SessionStatus.PLANNED)
# (date, status, who cancelled, hours of notice, wellbeing note)
FIXTURE = [
    (date(2026, 1, 6), H, None, None, "Settled quickly"),
    (date(2026, 1, 13), L, None, None, ""),
    (date(2026, 1, 20), C, CancelledBy.COUNCIL, 3.0, ""),
    (date(2026, 1, 27), H, None, None, ""),
    (date(2026, 2, 3), N, None, None, "Upset Mum did not come"),
    (date(2026, 2, 10), C, CancelledBy.FAMILY, 48.0, ""),
    (date(2026, 2, 17), H, None, None, ""),
    (date(2026, 2, 24), C, CancelledBy.COUNCIL, None, ""),  # notice not recorded
    (date(2026, 3, 3), H, None, None, ""),
    (date(2026, 3, 10), L, None, None, ""),
    (date(2026, 3, 17), P, None, None, ""),  # past, not answered yet
    (date(2026, 4, 7), P, None, None, ""),  # coming up
]

# Counted by hand from the table above.
PLANNED, HAPPENED, LATE, CANCELLED, NO_SHOW = 2, 4, 2, 3, 1
BY_COUNCIL, BY_FAMILY = 2, 1
COUNCIL_UNDER_24H = 1  # 20 January (3 hours); 24 February's notice is unknown
ANSWERED, TOOK_PLACE = 10, 6  # happened + late = 6 of 10 with an outcome: 60%
MONTHS = (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))  # April has only a planned one
CHART = {  # per charted status, counts in January, February, March
    H: (2, 1, 1),
    L: (1, 0, 1),
    C: (1, 2, 0),
    N: (0, 1, 0),
}


def _fill(services: Services) -> ContactArrangement:
    a = services.save(ContactArrangement(with_whom="Mum", starts_on=date(2026, 1, 6),
                                         repeat_rule="FREQ=WEEKLY;BYDAY=TU", session_start=time(16),
                                         session_end=time(17, 30)))
    for day, status, by, notice, wellbeing in FIXTURE:
        services.save(ContactSession(arrangement_id=a.id, with_whom="Mum", session_date=day, status=status,
                                     cancelled_by=by or CancelledBy.NOT_CANCELLED, notice_hours=notice,
                                     child_wellbeing=wellbeing, late_minutes=20 if status is L else None))
    return a


def test_app_view_counts_match_the_hand_count(services: Services) -> None:
    a = _fill(services)
    found = services.kinship.attendance(a.id)
    assert (found.planned, found.happened, found.late, found.cancelled, found.no_show) == (
        PLANNED, HAPPENED, LATE, CANCELLED, NO_SHOW)
    assert found.cancelled_by == {CancelledBy.COUNCIL: BY_COUNCIL, CancelledBy.FAMILY: BY_FAMILY}
    assert len(found.council_short_notice) == COUNCIL_UNDER_24H
    assert found.council_short_notice[0].session_date == date(2026, 1, 20)
    assert (found.answered, found.took_place) == (ANSWERED, TOOK_PLACE)
    assert found.share_happened == TOOK_PLACE / ANSWERED == 0.6
    assert [(n.session_date, n.text) for n in found.wellbeing] == [
        (date(2026, 1, 6), "Settled quickly"), (date(2026, 2, 3), "Upset Mum did not come")]
    assert found.chart.months == MONTHS
    assert dict(zip(found.chart.statuses, found.chart.counts, strict=True)) == CHART
    # The app's chart splits cancellations by who cancelled; they add up to the bundle's series.
    assert [(x.status, x.cancelled_by, x.counts) for x in chart_series(found)] == [
        (H, None, CHART[H]), (L, None, CHART[L]),
        (C, CancelledBy.FAMILY, (0, 1, 0)), (C, CancelledBy.COUNCIL, (1, 1, 0)),
        (N, None, CHART[N])]


def test_bundle_chart_draws_the_same_hand_count(services: Services) -> None:
    _fill(services)
    chosen = choose(vault_of(services), ExportOptions())
    # The bundle's chart: sections_records._chart, which calls views.attendance.monthly.
    drawing = _chart(chosen.sessions)
    bars = next(c for c in drawing.contents if isinstance(c, VerticalBarChart))
    statuses = monthly(chosen.sessions).statuses
    assert dict(zip(statuses, (tuple(row) for row in bars.data), strict=True)) == CHART
    assert list(bars.categoryAxis.categoryNames) == ["Jan 2026", "Feb 2026", "Mar 2026"]
    # Its "Contact log summary" table counts the same sessions (planned ones are left out).
    assert len(chosen.sessions) == ANSWERED


def test_all_arrangements_and_loose_sessions(services: Services) -> None:
    a = _fill(services)
    services.save(ContactSession(with_whom="Dad", session_date=date(2026, 2, 1), status=H))
    both = services.kinship.attendance_all()
    assert [s.arrangement.id if s.arrangement else None for s in both] == [a.id, None]
    assert (both[1].happened, both[1].share_happened) == (1, 1.0)
    assert services.kinship.attendance(a.id).happened == HAPPENED
