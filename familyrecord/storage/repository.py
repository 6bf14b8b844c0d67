"""Repositories: create, read, update, archive and (for mistakes) delete records.

Every write runs in one transaction that also updates the search index and appends to the
journal, so the record, what search finds and the history can never disagree.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from familyrecord.records.codec import from_plain, record_json
from familyrecord.records.models import Record
from familyrecord.records.registry import class_for
from familyrecord.storage import journal, search
from familyrecord.storage.errors import RecordNotFound

if TYPE_CHECKING:
    from familyrecord.storage.database import Database

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class RecordVersion:
    """One saved state of a record, from the journal (content None: wording deleted)."""

    seq: int
    at: str
    action: str
    record: Record | None


def decode_row(row: object) -> Record:
    """A record from a `records` row holding kind, body, created_at and updated_at."""
    r = dict(row)  # type: ignore[call-overload]
    return _decode(r["kind"], r["body"], r)


def _decode(kind: str, body: str, row_meta: dict[str, object]) -> Record:
    cls = class_for(kind)
    record = from_plain(cls, json.loads(body))
    record.created_at = datetime.fromisoformat(str(row_meta["created_at"]))
    record.updated_at = datetime.fromisoformat(str(row_meta["updated_at"]))
    return record


def _sort_date(record: Record) -> str | None:
    when = record.when()
    if isinstance(when, datetime):
        return when.isoformat()
    return when.isoformat() if isinstance(when, date) else None


class Repository(Generic[R]):
    """Records of one type. `vault.meetings`, `vault.people` and so on are instances."""

    def __init__(self, vault: Database, cls: type[R]) -> None:
        self._vault = vault
        self.cls = cls
        self.kind = cls.KIND

    def create(self, record: R) -> R:
        record.validate()
        body = record_json(record)
        now = journal.utc_now().isoformat()
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO records (id, kind, body, summary, sort_date, archived, created_at,"
                " updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (record.id, self.kind, body, record.summary(), _sort_date(record),
                 int(record.archived), now, now),
            )
            search.index_record(conn, record)
            journal.append(conn, "create", self.kind, record.id, body)
        return self.get(record.id)

    def get(self, record_id: str) -> R:
        row = self._vault.connection.execute(
            "SELECT kind, body, created_at, updated_at FROM records WHERE id = ? AND kind = ?",
            (record_id, self.kind),
        ).fetchone()
        if row is None:
            raise RecordNotFound(f"{self.kind} {record_id}")
        return _decode(row["kind"], row["body"], dict(row))  # type: ignore[return-value]

    def update(self, record: R) -> R:
        record.validate()
        body = record_json(record)
        with self._vault.transaction() as conn:
            old = conn.execute("SELECT body FROM records WHERE id = ? AND kind = ?",
                               (record.id, self.kind)).fetchone()
            if old is None:
                raise RecordNotFound(f"{self.kind} {record.id}")
            if old["body"] == body:
                return self.get(record.id)
            conn.execute(
                "UPDATE records SET body = ?, summary = ?, sort_date = ?, archived = ?,"
                " version = version + 1, updated_at = ? WHERE id = ?",
                (body, record.summary(), _sort_date(record), int(record.archived),
                 journal.utc_now().isoformat(), record.id),
            )
            search.index_record(conn, record)
            journal.append(conn, "update", self.kind, record.id, body)
        return self.get(record.id)

    def archive(self, record_id: str, archived: bool = True) -> R:
        return self.update(replace(self.get(record_id), archived=archived))

    def delete(self, record_id: str) -> None:
        """Remove a record made by mistake. Its wording leaves the journal; its hashes stay."""
        with self._vault.transaction() as conn:
            found = conn.execute("DELETE FROM records WHERE id = ? AND kind = ?",
                                 (record_id, self.kind)).rowcount
            if not found:
                raise RecordNotFound(f"{self.kind} {record_id}")
            search.remove_record(conn, record_id)
            journal.forget_content(conn, record_id)
            journal.append(conn, "delete", self.kind, record_id, None)

    def list(self, *, include_archived: bool = False, child_id: str | None = None,
             date_from: date | None = None, date_to: date | None = None,
             newest_first: bool = True, limit: int | None = None, offset: int = 0) -> builtins.list[R]:
        sql = "SELECT kind, body, created_at, updated_at FROM records WHERE kind = ?"
        params: builtins.list[object] = [self.kind]
        if not include_archived:
            sql += " AND archived = 0"
        if child_id is not None:
            sql += " AND EXISTS (SELECT 1 FROM json_each(records.body, '$.child_ids') WHERE value = ?)"
            params.append(child_id)
        if date_from is not None:
            sql += " AND sort_date >= ?"
            params.append(date_from.isoformat())
        if date_to is not None:
            # sort_date may carry a time; anything on date_to itself is in range.
            sql += " AND sort_date < ?"
            params.append(date.fromordinal(date_to.toordinal() + 1).isoformat())
        # Plain column order so the (kind, archived, sort_date, created_at) index serves the
        # sort and a page deep in a long list costs only its own rows. Undated records come
        # last when newest is first (SQLite sorts NULL lowest), first otherwise.
        order = "DESC" if newest_first else "ASC"
        sql += f" ORDER BY sort_date {order}, created_at {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._vault.connection.execute(sql, params).fetchall()
        return [_decode(r["kind"], r["body"], dict(r)) for r in rows]  # type: ignore[misc]

    def count(self, *, include_archived: bool = False) -> int:
        sql = "SELECT count(*) FROM records WHERE kind = ?"
        if not include_archived:
            sql += " AND archived = 0"
        return int(self._vault.connection.execute(sql, (self.kind,)).fetchone()[0])

    def versions(self, record_id: str) -> builtins.list[RecordVersion]:
        """Every saved state of a record, oldest first: edits never destroy earlier wording."""
        out: builtins.list[RecordVersion] = []
        for entry in journal.history(self._vault.connection, record_id):
            record = None
            if entry.content is not None:
                record = from_plain(self.cls, json.loads(entry.content))
            out.append(RecordVersion(entry.seq, entry.at, entry.action, record))
        return out


def get_any(vault: Database, record_id: str) -> Record:
    """Load a record when only its id is known (search results, links)."""
    row = vault.connection.execute(
        "SELECT kind, body, created_at, updated_at FROM records WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise RecordNotFound(record_id)
    return _decode(row["kind"], row["body"], dict(row))
