"""Home's "Recent entries": what the family wrote lately, not what the app made for them.

Contact schedules plan their sessions by themselves (services.kinship.plan_all, run when Home
opens). Listing records by when they were last saved put eight weeks of "Contact session …:
planned" rows on Home the first time, pushing out everything the family wrote. Here the
journal (newest first) is read for records saved, and sessions the schedule made that nobody
has answered are passed over, like the family's edits to generated chronology rows.

Better done in storage (RecordStore.recently_changed, which already leaves out chronology
overrides): then this module can go.
"""

from __future__ import annotations

from familyrecord.errors import UserError
from familyrecord.records.enums import SessionStatus
from familyrecord.records.models import ChronologyEntry, ContactSession, Record
from familyrecord.records.registry import find_kind
from familyrecord.services import Services

LOOK_BACK = 400  # journal entries read at most: a schedule plans at most a few dozen at once
_SAVES = ("create", "update")


def made_by_the_app(record: Record) -> bool:
    """A record nobody has written in yet: a planned session from a schedule, or the family's
    bookkeeping on a generated chronology row."""
    if isinstance(record, ContactSession):
        return (record.from_schedule and record.status is SessionStatus.PLANNED
                and not (record.notes or record.child_wellbeing))
    return isinstance(record, ChronologyEntry) and bool(record.overrides)


def recent_entries(services: Services, limit: int = 10) -> list[Record]:
    """The records most recently saved by the family, newest first (archived ones left out)."""
    seen: set[str] = set()
    found: list[Record] = []
    for entry in services.recent_changes(LOOK_BACK):
        if entry.action not in _SAVES or find_kind(entry.kind) is None or entry.entity_id in seen:
            continue
        seen.add(entry.entity_id)
        try:
            record = services.get(entry.entity_id)
        except UserError:  # deleted since
            continue
        if record.archived or made_by_the_app(record):
            continue
        found.append(record)
        if len(found) == limit:
            break
    return found
