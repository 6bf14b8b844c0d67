"""Background jobs kept in the vault (table `jobs`), so they survive a crash or a restart.

States: queued → running → done | failed | cancelled. A job found `running` when the app
starts was interrupted; `requeue_interrupted()` puts it back in the queue and its work resumes
from what was already stored. Every state change is journaled in the same transaction; the
progress figure is bookkeeping and is not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from familyrecord.records.codec import canonical_json
from familyrecord.records.models import new_id
from familyrecord.storage import journal
from familyrecord.storage.errors import RecordNotFound

if TYPE_CHECKING:
    from familyrecord.storage.database import Database

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
CANCELLED = "cancelled"
STATES = (QUEUED, RUNNING, DONE, FAILED, CANCELLED)
ACTIVE = (QUEUED, RUNNING)


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    state: str
    meeting_id: str | None
    attachment_id: str | None
    options: dict[str, Any]
    progress: float
    error: str
    created_at: str
    updated_at: str

    @property
    def active(self) -> bool:
        return self.state in ACTIVE


def _job(row: Any) -> Job:
    return Job(str(row["id"]), str(row["kind"]), str(row["state"]), row["meeting_id"],
               row["attachment_id"], dict(json.loads(row["options"])), float(row["progress"]),
               str(row["error"]), str(row["created_at"]), str(row["updated_at"]))


class JobStore:
    def __init__(self, vault: Database) -> None:
        self._vault = vault

    def enqueue(self, kind: str, *, meeting_id: str | None, attachment_id: str | None,
                options: Mapping[str, Any] | None = None) -> Job:
        job_id = new_id()
        now = journal.utc_now().isoformat()
        body = canonical_json(dict(options or {}))
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO jobs (id, kind, state, meeting_id, attachment_id, options, progress,"
                " error, created_at, updated_at) VALUES (?,?,?,?,?,?,0,'',?,?)",
                (job_id, kind, QUEUED, meeting_id, attachment_id, body, now, now))
            journal.append(conn, "create", "job", job_id, canonical_json({
                "kind": kind, "meeting_id": meeting_id, "attachment_id": attachment_id,
                "state": QUEUED}))
        return self.get(job_id)

    def get(self, job_id: str) -> Job:
        row = self._vault.connection.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise RecordNotFound(f"job {job_id}")
        return _job(row)

    def list(self, *, states: tuple[str, ...] = (), meeting_id: str | None = None,
             kind: str | None = None) -> list[Job]:
        sql = "SELECT * FROM jobs WHERE 1 = 1"
        params: list[object] = []
        if states:
            sql += f" AND state IN ({','.join('?' * len(states))})"
            params.extend(states)
        if meeting_id is not None:
            sql += " AND meeting_id = ?"
            params.append(meeting_id)
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY created_at, rowid"
        return [_job(r) for r in self._vault.connection.execute(sql, params).fetchall()]

    def next_queued(self, kind: str | None = None) -> Job | None:
        queued = self.list(states=(QUEUED,), kind=kind)
        return queued[0] if queued else None

    def set_state(self, job_id: str, state: str, *, error: str = "",
                  options: Mapping[str, Any] | None = None) -> Job:
        if state not in STATES:
            raise ValueError(state)
        with self._vault.transaction() as conn:
            row = conn.execute("SELECT options FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise RecordNotFound(f"job {job_id}")
            merged = dict(json.loads(row["options"]))
            merged.update(options or {})
            conn.execute("UPDATE jobs SET state = ?, error = ?, options = ?, updated_at = ?"
                         " WHERE id = ?", (state, error, canonical_json(merged),
                                           journal.utc_now().isoformat(), job_id))
            journal.append(conn, "state", "job", job_id,
                           canonical_json({"state": state, "error": error}))
        return self.get(job_id)

    def set_progress(self, job_id: str, progress: float) -> None:
        with self._vault.transaction() as conn:
            conn.execute("UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?",
                         (max(0.0, min(1.0, progress)), journal.utc_now().isoformat(), job_id))

    def requeue_interrupted(self) -> int:
        """Put jobs left `running` by a crash back in the queue; returns how many."""
        running = self.list(states=(RUNNING,))
        for job in running:
            self.set_state(job.id, QUEUED, error="")
        return len(running)

    def delete(self, job_id: str) -> None:
        with self._vault.transaction() as conn:
            if not conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,)).rowcount:
                raise RecordNotFound(f"job {job_id}")
            journal.append(conn, "delete", "job", job_id, None)
