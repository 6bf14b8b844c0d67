"""Read-only views of the people in the case."""

from __future__ import annotations

from datetime import date

from familyrecord.records.enums import Role
from familyrecord.records.models import Person
from familyrecord.storage.record_store import RecordStore


def people_by_id(records: RecordStore) -> dict[str, Person]:
    return {p.id: p for p in records.repo(Person).list(include_archived=True)}


def allocation_history(records: RecordStore) -> list[Person]:
    """Social workers in the order they were allocated (the 'ten social workers' problem)."""
    workers = [p for p in records.repo(Person).list(include_archived=True)
               if p.role is Role.SOCIAL_WORKER]
    return sorted(workers, key=lambda p: p.allocated_from or date.min)
