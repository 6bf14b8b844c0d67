"""The façade the desktop app and the command line use: one `Services` per open vault.

The UI never writes SQL and never touches the vault's files; it calls these verbs. Long work
(imports, verify) takes a progress callback and a cancel check so the UI can run it on a worker
thread and the CLI can draw a progress bar.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from familyrecord.records.models import (
    Action,
    Correspondence,
    Deadline,
    Meeting,
    Person,
    Record,
)
from familyrecord.storage import backup as backup_mod
from familyrecord.storage import integrity, journal, remembered
from familyrecord.storage.blobs import Attachment, CancelCheck, ProgressCallback
from familyrecord.storage.keyslots import KdfParams
from familyrecord.storage.repository import RecordVersion, Repository, get_any
from familyrecord.storage.search import SearchHit
from familyrecord.storage.vault import NewVault, Vault

if TYPE_CHECKING:
    from familyrecord.transcription.service import TranscriptionService

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class OpenAction:
    meeting: Meeting
    action: Action


@dataclass
class HomeSummary:
    upcoming_meetings: builtins.list[Meeting] = field(default_factory=list)
    deadlines_due: builtins.list[Deadline] = field(default_factory=list)
    replies_overdue: builtins.list[Correspondence] = field(default_factory=list)
    open_actions: builtins.list[OpenAction] = field(default_factory=list)
    recent: builtins.list[Record] = field(default_factory=list)


class Services:
    """Everything the app can do with one open vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._repos: dict[type[Record], Repository[Record]] = {
            repo.cls: repo  # type: ignore[misc]
            for repo in (vault.people, vault.children, vault.meetings, vault.correspondence,
                         vault.contact_arrangements, vault.contact_sessions, vault.events,
                         vault.deadlines, vault.chronology_entries)
        }

    # ---- opening and closing --------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, family_name: str = "",
               kdf: KdfParams | None = None) -> tuple[Services, str]:
        """A new vault; returns the services and the recovery code to show once."""
        made: NewVault = Vault.create(path, passphrase, family_name=family_name, kdf=kdf)
        return cls(made.vault), made.recovery_code

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Services:
        return cls(Vault.open(path, passphrase))

    @classmethod
    def open_with_recovery_code(cls, path: Path, code: str) -> Services:
        return cls(Vault.open_with_recovery_code(path, code))

    @classmethod
    def open_remembered(cls, path: Path) -> Services | None:
        """Open without a passphrase when this computer's keyring remembers the vault."""
        from familyrecord.storage import keyslots

        try:
            vault_id = keyslots.read_key_file(Path(path)).vault_id
        except Exception:  # noqa: BLE001 - a missing or damaged key file means 'not remembered'
            return None
        key = remembered.recall(vault_id)
        if key is None:
            return None
        return cls(Vault.open_with_key(path, key))

    def sibling(self) -> Services:
        """Another handle with its own connection, for work on a background thread."""
        return Services(self.vault.sibling())

    @property
    def is_locked(self) -> bool:
        return self.vault.is_locked

    def lock(self) -> None:
        self.vault.lock()

    # ---- keys ----------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        self.vault.change_passphrase(new_passphrase, kdf)

    def new_recovery_code(self, kdf: KdfParams | None = None) -> str:
        return self.vault.new_recovery_code(kdf)

    @staticmethod
    def keyring_availability() -> tuple[bool, str]:
        return remembered.availability()

    def remember_on_this_computer(self, enabled: bool) -> None:
        if enabled:
            remembered.remember(self.vault.vault_id, self.vault.data_key)
        else:
            remembered.forget(self.vault.vault_id)

    def is_remembered(self) -> bool:
        return remembered.recall(self.vault.vault_id) is not None

    # ---- records -------------------------------------------------------------------------

    def repo(self, cls: type[R]) -> Repository[R]:
        return self._repos[cls]  # type: ignore[return-value]

    def save(self, record: R) -> R:
        """Create the record, or update it when it already exists."""
        repo = self.repo(type(record))
        exists = self.vault.connection.execute("SELECT 1 FROM records WHERE id = ?",
                                                (record.id,)).fetchone()
        return repo.update(record) if exists else repo.create(record)

    def get(self, record_id: str) -> Record:
        return get_any(self.vault, record_id)

    def archive(self, record: Record, archived: bool = True) -> Record:
        return self.repo(type(record)).archive(record.id, archived)

    def delete(self, record: Record) -> None:
        self.repo(type(record)).delete(record.id)

    def list(self, cls: type[R], **filters: object) -> builtins.list[R]:
        return self.repo(cls).list(**filters)  # type: ignore[arg-type]

    def history(self, record: Record) -> builtins.list[RecordVersion]:
        return self.repo(type(record)).versions(record.id)

    def people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.vault.people.list(include_archived=True)}

    def allocation_history(self) -> builtins.list[Person]:
        """Social workers in the order they were allocated (the 'ten social workers' problem)."""
        from familyrecord.records.enums import Role

        workers = [p for p in self.vault.people.list(include_archived=True)
                   if p.role is Role.SOCIAL_WORKER]
        return sorted(workers, key=lambda p: p.allocated_from or date.min)

    def home(self, today: date | None = None, *, days_ahead: int = 14) -> HomeSummary:
        today = today or date.today()
        horizon = today + timedelta(days=days_ahead)
        summary = HomeSummary()
        summary.upcoming_meetings = self.vault.meetings.list(date_from=today, date_to=horizon,
                                                             newest_first=False)
        summary.deadlines_due = [d for d in self.vault.deadlines.list(date_to=horizon, newest_first=False)
                                 if d.done_on is None]
        summary.replies_overdue = [c for c in self.vault.correspondence.list()
                                   if c.reply_overdue(today)]
        summary.open_actions = sorted(
            (OpenAction(m, a) for m in self.vault.meetings.list() for a in m.actions if not a.done),
            key=lambda oa: oa.action.due_on or date.max,
        )
        # The family's edits to generated chronology rows are bookkeeping, not something to show.
        rows = self.vault.connection.execute(
            "SELECT id FROM records WHERE archived = 0 AND NOT (kind = 'chronology_entry'"
            " AND json_extract(body, '$.overrides') != '') ORDER BY updated_at DESC LIMIT 10").fetchall()
        summary.recent = [self.get(r["id"]) for r in rows]
        return summary

    # ---- search, attachments, integrity -------------------------------------------------------

    def search(self, text: str, *, limit: int = 50) -> builtins.list[SearchHit]:
        return self.vault.search(text, limit=limit)

    def import_attachment(self, path: Path, *, link_to: str | None = None,
                          progress: ProgressCallback | None = None,
                          cancelled: CancelCheck | None = None) -> Attachment:
        from familyrecord.importers.text import extract_text

        text = extract_text(path)
        return self.vault.attachments.import_file(Path(path), link_to=link_to, progress=progress,
                                                  cancelled=cancelled, text_content=text)

    def attachments_for(self, record: Record) -> builtins.list[Attachment]:
        return self.vault.attachments.list(record.id)

    def all_attachments(self) -> builtins.list[Attachment]:
        """Every file in the vault, oldest first (the Documents view)."""
        return self.vault.attachments.list()

    def records_for_attachment(self, attachment_id: str) -> builtins.list[str]:
        """Ids of the records a file is linked to."""
        return self.vault.attachments.records_for(attachment_id)

    def open_attachment(self, attachment_id: str) -> IO[bytes]:
        return self.vault.attachments.open(attachment_id)

    def read_attachment(self, attachment_id: str) -> bytes:
        return self.vault.attachments.read_all(attachment_id)

    def save_attachment_as(self, attachment_id: str, destination: Path,
                           progress: ProgressCallback | None = None) -> int:
        """Write an attachment out to a place the user chose (a deliberate plaintext copy)."""
        with Path(destination).open("xb") as out:
            return self.vault.attachments.export_to(attachment_id, out, progress)

    def verify(self, progress: Callable[[int, int], None] | None = None) -> integrity.VerifyReport:
        return integrity.verify(self.vault, progress)

    def backup(self, destination: Path) -> Path:
        return backup_mod.backup(self.vault, destination)

    @staticmethod
    def restore(backup_path: Path, destination: Path, passphrase: str) -> Services:
        return Services(backup_mod.restore(backup_path, destination, passphrase))

    def recent_changes(self, limit: int = 50) -> builtins.list[journal.JournalEntry]:
        return journal.recent(self.vault.connection, limit)

    @property
    def transcription(self) -> TranscriptionService:
        """Recordings, transcription jobs and transcripts (familyrecord/transcription/)."""
        from familyrecord.transcription.service import TranscriptionService

        return TranscriptionService(self)

    def journal_head(self) -> str:
        return self.vault.journal_head()

    def log_export(self, what: str, options: dict[str, object]) -> journal.JournalEntry:
        """Note an export in the journal (what, when, with which options) in one transaction.

        `options` must hold no secrets: a password is logged only as 'used'.
        """
        from familyrecord.records.codec import canonical_json
        from familyrecord.records.models import new_id

        with self.vault.transaction() as conn:
            return journal.append(conn, "export", what, new_id(),
                                  canonical_json({"what": what, "options": options}))

    @property
    def family_name(self) -> str:
        return self.vault.family_name

    def set_family_name(self, name: str) -> None:
        self.vault.set_family_name(name)

