"""The family's changes to the chronology, kept in the vault as `ChronologyEntry` records.

Each change is one save of the record store (one transaction, journalled). Rows built from
records are never changed at their source: an override entry keyed on the row's key holds
the new wording, the row's place within its day, or that it is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from familyrecord.records.enums import DateQualifier, Significance
from familyrecord.records.models import ChronologyEntry
from familyrecord.storage.record_store import RecordStore
from familyrecord.views.chronology import ChronologyRow


def _entry_for(records: RecordStore, row: ChronologyRow) -> ChronologyEntry:
    if row.entry_id:
        return records.repo(ChronologyEntry).get(row.entry_id)
    return ChronologyEntry(overrides=row.key, child_ids=list(row.child_ids))


def add_manual_row(records: RecordStore, on: date, text: str, *, people: str = "",
                   qualifier: DateQualifier = DateQualifier.EXACT,
                   significance: Significance = Significance.NORMAL, disputed: bool = False,
                   child_ids: Sequence[str] = ()) -> ChronologyEntry:
    return records.save(ChronologyEntry(
        occurred_on=on, text=text, people=people, date_qualifier=qualifier,
        significance=significance, disputed=disputed, child_ids=list(child_ids)))


def set_text(records: RecordStore, row: ChronologyRow, text: str) -> ChronologyEntry:
    """Reword a row (an empty text puts the built wording back)."""
    entry = _entry_for(records, row)
    entry.text = text.strip()
    return records.save(entry)


def set_included(records: RecordStore, row: ChronologyRow, included: bool) -> ChronologyEntry:
    entry = _entry_for(records, row)
    entry.excluded = not included
    return records.save(entry)


def set_significance(records: RecordStore, row: ChronologyRow,
                     significance: Significance) -> ChronologyEntry:
    entry = _entry_for(records, row)
    entry.significance = significance
    return records.save(entry)


def set_disputed(records: RecordStore, row: ChronologyRow, disputed: bool) -> ChronologyEntry:
    """Mark a row as disputed by the family (or not); the source record is left as it is."""
    entry = _entry_for(records, row)
    entry.disputed = disputed
    return records.save(entry)


def move_within_day(records: RecordStore, rows: Sequence[ChronologyRow], key: str, step: int) -> bool:
    """Move one row up (step -1) or down (+1) among the rows of its own day.

    `rows` is the full, sorted chronology. Every row of that day gets its place saved, so the
    order holds however the rows were first sorted. Returns False when it cannot move.
    """
    row = next((r for r in rows if r.key == key), None)
    if row is None:
        return False
    day = [r for r in rows if r.on == row.on]
    index = day.index(row)
    target = index + step
    if not 0 <= target < len(day):
        return False
    day[index], day[target] = day[target], day[index]
    with records.together():
        for position, each in enumerate(day):
            if each.position == position:
                continue
            entry = _entry_for(records, each)
            entry.position = position
            saved = records.save(entry)
            each.entry_id, each.position = saved.id, position
    return True


def remove_manual_row(records: RecordStore, row: ChronologyRow) -> None:
    """Delete a row added by hand (rows from records are left out instead, never deleted)."""
    if not row.manual:
        raise ValueError("only rows added by hand can be removed")
    records.repo(ChronologyEntry).delete(row.entry_id)
