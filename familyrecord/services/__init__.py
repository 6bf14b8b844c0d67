"""The façade the desktop app and the command line use: one `Services` per open vault.

The UI never writes SQL and never touches the vault's files; it calls these verbs. The vault is
private here: `Services` owns its collaborators (transcription, chronology, exports), made once
when the record is unlocked. Long work (imports, verify, export) takes a progress callback and a
cancel check (familyrecord.progress) so the UI can run it on a worker thread with its own
`sibling()` and the CLI can draw a progress bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, TypeVar

from familyrecord.importers.text import extract_text
from familyrecord.progress import CancelCheck, Progress
from familyrecord.records.models import Child, Person, Record
from familyrecord.services.chronology import ChronologyService
from familyrecord.services.deadlines import DeadlineService
from familyrecord.services.exports import ExportService
from familyrecord.services.intake import IntakeService
from familyrecord.services.kinship import KinshipService
from familyrecord.services.minutes import MinutesService
from familyrecord.services.safekeeping import SafekeepingService
from familyrecord.services.transcription import TranscriptionService
from familyrecord.storage import backup as backup_mod
from familyrecord.storage import integrity, keyslots, remembered
from familyrecord.storage.blobs import Attachment
from familyrecord.storage.journal import JournalEntry
from familyrecord.storage.keyslots import KdfParams
from familyrecord.storage.repository import RecordVersion, Repository
from familyrecord.storage.search import SearchHit
from familyrecord.storage.vault import NewVault, Vault
from familyrecord.views import people
from familyrecord.views.home import HomeSummary, home_summary

__all__ = ["HomeSummary", "Services"]

R = TypeVar("R", bound=Record)


class Services:
    """Everything the app can do with one open vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._records = vault.records
        self.transcription = TranscriptionService(vault)
        self.chronology = ChronologyService(vault.records, vault.transcripts)
        self.exports = ExportService(vault)
        self.safekeeping = SafekeepingService(vault)
        self.kinship = KinshipService(vault)
        self.deadlines = DeadlineService(vault.records)
        self.intake = IntakeService(vault, self.save)
        self.minutes = MinutesService(vault.records, vault.attachments, vault.transcripts, vault.readings)

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
        return Services(self._vault.sibling())

    @property
    def is_locked(self) -> bool:
        return self._vault.is_locked

    def lock(self) -> None:
        self._vault.lock()

    @property
    def vault_id(self) -> str:
        """The record's stable id (settings kept per record are keyed on it)."""
        return self._vault.vault_id

    @property
    def record_path(self) -> Path:
        """Where the record file is (to suggest a backup's name beside it)."""
        return self._vault.path

    @property
    def family_name(self) -> str:
        return self._vault.family_name

    def set_family_name(self, name: str) -> None:
        self._vault.set_family_name(name)

    # ---- keys ----------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        self._vault.change_passphrase(new_passphrase, kdf)

    def new_recovery_code(self, kdf: KdfParams | None = None) -> str:
        return self._vault.new_recovery_code(kdf)

    @staticmethod
    def keyring_availability() -> tuple[bool, str]:
        return remembered.availability()

    def remember_on_this_computer(self, enabled: bool) -> None:
        if enabled:
            remembered.remember(self._vault.vault_id, self._vault.data_key)
        else:
            remembered.forget(self._vault.vault_id)

    def is_remembered(self) -> bool:
        return remembered.recall(self._vault.vault_id) is not None

    # ---- records -------------------------------------------------------------------------

    def repo(self, cls: type[R]) -> Repository[R]:
        return self._records.repo(cls)

    def save(self, record: R) -> R:
        """Create the record, or update it when it already exists. Deadlines it started that the
        family accepted move with its date (with a note), in the same change."""
        with self._vault.unit_of_work():
            previous = self.deadlines.saved_version(record)
            saved = self._records.save(record)
            if previous is not None:
                self.deadlines.follow(saved, previous)
        return saved

    def save_with_files(self, record: R, files: Sequence[Path], *, progress: Progress | None = None,
                        cancelled: CancelCheck | None = None) -> tuple[R, list[Attachment]]:
        """Save a record and attach files to it as one change: all of it is kept, or none."""
        total = sum(Path(f).stat().st_size for f in files)
        done_before = 0

        def overall(done: float, _total: float) -> None:
            if progress is not None:
                progress(done_before + done, total)

        with self._vault.unit_of_work():
            saved = self.save(record)  # joins this unit of work; deadlines follow its date
            attached = []
            for path in files:
                attached.append(self.import_attachment(Path(path), link_to=saved.id,
                                                       progress=overall, cancelled=cancelled))
                done_before += Path(path).stat().st_size
        return saved, attached

    def get(self, record_id: str) -> Record:
        return self._records.get(record_id)

    def archive(self, record: Record, archived: bool = True) -> Record:
        return self.repo(type(record)).archive(record.id, archived)

    def delete(self, record: Record) -> None:
        self.repo(type(record)).delete(record.id)

    def list_records(self, cls: type[R], *, include_archived: bool = False, child_id: str | None = None,
                     date_from: date | None = None, date_to: date | None = None,
                     newest_first: bool = True, limit: int | None = None, offset: int = 0) -> list[R]:
        return self.repo(cls).list(include_archived=include_archived, child_id=child_id,
                                   date_from=date_from, date_to=date_to, newest_first=newest_first,
                                   limit=limit, offset=offset)

    def children(self, *, include_archived: bool = False) -> list[Child]:
        return self.list_records(Child, include_archived=include_archived)

    def history(self, record: Record) -> list[RecordVersion]:
        return self.repo(type(record)).versions(record.id)

    def people_by_id(self) -> dict[str, Person]:
        return people.people_by_id(self._records)

    def allocation_history(self) -> list[Person]:
        """Social workers in the order they were allocated (the 'ten social workers' problem)."""
        return people.allocation_history(self._records)

    def home(self, today: date | None = None, *, days_ahead: int = 14) -> HomeSummary:
        return home_summary(self._records, today or date.today(), days_ahead=days_ahead)

    # ---- search, attachments, integrity -------------------------------------------------------

    def search(self, text: str, *, limit: int = 50) -> list[SearchHit]:
        return self._vault.search(text, limit=limit)

    def import_attachment(self, path: Path, *, link_to: str | None = None,
                          progress: Progress | None = None,
                          cancelled: CancelCheck | None = None) -> Attachment:
        text = extract_text(path)  # the file's own text; pictures of text are read by OCR later
        attachment = self._vault.attachments.import_file(Path(path), link_to=link_to, progress=progress,
                                                         cancelled=cancelled, text_content=text)
        self.intake.queue_ocr(attachment.id)  # photos and scans: read in the background
        return attachment

    def import_attachment_stream(self, source: IO[bytes], file_name: str, *, media_type: str = "",
                                 link_to: str | None = None, text_content: str = "") -> Attachment:
        """Add a file held in memory (the demo's sample recording, a part of an e-mail)."""
        return self._vault.attachments.import_stream(source, file_name, media_type=media_type,
                                                     link_to=link_to, text_content=text_content)

    def attachments_for(self, record: Record) -> list[Attachment]:
        return self._vault.attachments.list(record.id)

    def all_attachments(self) -> list[Attachment]:
        """Every file in the vault, oldest first (the Documents view)."""
        return self._vault.attachments.list()

    def records_for_attachment(self, attachment_id: str) -> list[str]:
        """Ids of the records a file is linked to."""
        return self._vault.attachments.records_for(attachment_id)

    def open_attachment(self, attachment_id: str) -> IO[bytes]:
        return self._vault.attachments.open(attachment_id)

    def read_attachment(self, attachment_id: str) -> bytes:
        return self._vault.attachments.read_all(attachment_id)

    def save_attachment_as(self, attachment_id: str, destination: Path,
                           progress: Progress | None = None) -> int:
        """Write an attachment out to a place the user chose (a deliberate plaintext copy)."""
        with Path(destination).open("xb") as out:
            return self._vault.attachments.export_to(attachment_id, out, progress)

    def verify(self, progress: Progress | None = None) -> integrity.VerifyReport:
        return integrity.verify(self._vault, progress)

    def backup(self, destination: Path) -> Path:
        return backup_mod.backup(self._vault, destination)

    @staticmethod
    def restore(backup_path: Path, destination: Path, passphrase: str) -> Services:
        return Services(backup_mod.restore(backup_path, destination, passphrase))

    def recent_changes(self, limit: int = 50) -> list[JournalEntry]:
        return self._vault.recent_journal(limit)

    def journal_head(self) -> str:
        return self._vault.journal_head()

    def log_export(self, what: str, options: dict[str, object]) -> JournalEntry:
        """Note an export in the journal (what, when, with which options) in one transaction.

        `options` must hold no secrets: a password is logged only as 'used'.
        """
        return self._vault.log_export(what, options)
