"""The support plan, promised against delivered: counts per status, what came late, what is
overdue on a date, and the same in plain sentences for the bundle's case summary.

An item's status on a day is its latest update on or before that day (`SupportItem.status_on`):
promised until something is recorded. Overdue means a due date has passed and the item is not
delivered (partly delivered, late, not delivered and still promised all count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from familyrecord.formatting import plural, short_date
from familyrecord.records.enums import SupportStatus
from familyrecord.records.kinship import SupportItem, SupportUpdate

# The order a table or chart lists statuses in.
STATUS_ORDER: tuple[SupportStatus, ...] = (
    SupportStatus.DELIVERED, SupportStatus.PARTLY, SupportStatus.LATE,
    SupportStatus.NOT_DELIVERED, SupportStatus.PROMISED,
)


@dataclass(frozen=True)
class SupportSummary:
    on: date
    items: tuple[SupportItem, ...]  # in promise order
    by_status: dict[SupportStatus, int]  # every status, zero included, in STATUS_ORDER
    late: tuple[SupportItem, ...]  # marked late now
    delivered_late: tuple[SupportItem, ...]  # delivered, but after the date it was due
    overdue: tuple[SupportItem, ...]  # due date passed, not delivered

    @property
    def promised(self) -> int:
        return len(self.items)

    @property
    def delivered(self) -> int:
        return self.by_status[SupportStatus.DELIVERED]


def history(item: SupportItem) -> list[SupportUpdate]:
    """The item's updates in date order (undated ones, which validation refuses, last)."""
    return sorted(item.updates, key=lambda u: u.on or date.max)


def delivered_on(item: SupportItem) -> date | None:
    """The day it was last marked delivered, when that is its status now."""
    if item.status is not SupportStatus.DELIVERED:
        return None
    dated = [u.on for u in item.updates if u.status is SupportStatus.DELIVERED and u.on is not None]
    return max(dated) if dated else None


def overdue_on(items: Sequence[SupportItem], day: date) -> list[SupportItem]:
    """Items due before `day` that were not delivered by then, earliest due first."""
    found = [i for i in items if not i.archived and i.due_on is not None and i.due_on < day
             and i.status_on(day) is not SupportStatus.DELIVERED]
    return sorted(found, key=lambda i: i.due_on or date.min)


def summary(items: Sequence[SupportItem], today: date) -> SupportSummary:
    kept = sorted((i for i in items if not i.archived), key=lambda i: i.promised_on or date.min)
    counts = {status: 0 for status in STATUS_ORDER}
    for item in kept:
        counts[item.status_on(today)] += 1
    late = tuple(i for i in kept if i.status_on(today) is SupportStatus.LATE)
    delivered_late = tuple(i for i in kept if i.status_on(today) is SupportStatus.DELIVERED
                           and i.due_on is not None
                           and (delivered_on(i) or date.min) > i.due_on)
    return SupportSummary(today, tuple(kept), counts, late, delivered_late,
                          tuple(overdue_on(kept, today)))


def summary_lines(items: Sequence[SupportItem], today: date) -> list[str]:
    """The support plan in a few plain sentences (the bundle's case summary prints these)."""
    found = summary(items, today)
    if not found.items:
        return ["No support plan items are recorded."]
    c = found.by_status
    parts = [f"{c[SupportStatus.DELIVERED]} delivered"]
    if found.delivered_late:
        parts[0] += f" ({len(found.delivered_late)} of them late)"
    for status, words in ((SupportStatus.PARTLY, "partly delivered"),
                          (SupportStatus.LATE, "late and still awaited"),
                          (SupportStatus.NOT_DELIVERED, "not delivered"),
                          (SupportStatus.PROMISED, "still waiting")):
        if c[status]:
            parts.append(f"{c[status]} {words}")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    lines = [f"The support plan promised {plural(found.promised, 'thing')}: {listed}."]
    if found.overdue:
        shown = "; ".join(_overdue_words(i) for i in found.overdue[:5])
        more = f"; and {len(found.overdue) - 5} more" if len(found.overdue) > 5 else ""
        lines.append(f"Overdue on {short_date(today)}: {shown}{more}.")
    else:
        lines.append(f"Nothing is overdue on {short_date(today)}.")
    return lines


def _overdue_words(item: SupportItem) -> str:
    who = f" from {item.provider}" if item.provider else ""
    return f"{item.what.strip().rstrip('.')}{who}, due {short_date(item.due_on)}"
