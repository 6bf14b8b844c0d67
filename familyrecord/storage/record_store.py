"""Every record type's repository in one place, driven by the record-type registry."""

from __future__ import annotations

import builtins
from contextlib import AbstractContextManager
from typing import TypeVar

from familyrecord.records.models import Record
from familyrecord.storage.connection import Connection
from familyrecord.storage.database import Database
from familyrecord.storage.repository import Repository, decode_row, get_any

R = TypeVar("R", bound=Record)


class RecordStore:
    """`records.repo(Meeting).list()`, `records.get(some_id)`, `records.save(record)`."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._repos: dict[type[Record], Repository[Record]] = {}

    def together(self) -> AbstractContextManager[Connection]:
        """Saves made inside commit as one transaction (one journal group) or not at all."""
        return self._db.transaction()

    def repo(self, cls: type[R]) -> Repository[R]:
        found = self._repos.get(cls)
        if found is None:
            found = self._repos[cls] = Repository(self._db, cls)
        return found  # type: ignore[return-value]

    def get(self, record_id: str) -> Record:
        return get_any(self._db, record_id)

    def exists(self, record_id: str) -> bool:
        row = self._db.connection.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone()
        return row is not None

    def save(self, record: R) -> R:
        """Create the record, or update it when it already exists."""
        repo = self.repo(type(record))
        return repo.update(record) if self.exists(record.id) else repo.create(record)

    def recently_changed(self, limit: int = 10) -> builtins.list[Record]:
        """Records the family most recently saved, newest first. Left out: their edits to
        generated chronology rows (bookkeeping), and contact sessions a schedule planned that
        nobody has answered or written in (the app made them; a schedule makes weeks at once)."""
        rows = self._db.connection.execute(
            "SELECT kind, body, created_at, updated_at FROM records WHERE archived = 0"
            " AND NOT (kind = 'chronology_entry' AND json_extract(body, '$.overrides') != '')"
            " AND NOT (kind = 'contact_session' AND json_extract(body, '$.from_schedule') = 1"
            "          AND json_extract(body, '$.status') = 'planned'"
            "          AND json_extract(body, '$.notes') = ''"
            "          AND json_extract(body, '$.child_wellbeing') = '')"
            " ORDER BY updated_at DESC LIMIT ?", (limit,)).fetchall()
        return [decode_row(r) for r in rows]
