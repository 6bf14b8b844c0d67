"""What an open record offers the packages above storage (views, export, transcription).

They take `Stores` (or one of its stores), never the app's services. `Vault` satisfies it.
"""

from __future__ import annotations

from typing import Protocol

from familyrecord.storage.blobs import AttachmentStore
from familyrecord.storage.jobs import JobStore
from familyrecord.storage.journal import JournalEntry
from familyrecord.storage.readings import ReadingStore
from familyrecord.storage.receipts import Receipt
from familyrecord.storage.record_store import RecordStore
from familyrecord.storage.transcripts import TranscriptStore


class Stores(Protocol):
    @property
    def records(self) -> RecordStore: ...

    @property
    def attachments(self) -> AttachmentStore: ...

    @property
    def transcripts(self) -> TranscriptStore: ...

    @property
    def jobs(self) -> JobStore: ...

    @property
    def readings(self) -> ReadingStore: ...

    @property
    def vault_id(self) -> str: ...

    @property
    def family_name(self) -> str: ...

    def journal_head(self) -> str: ...

    def log_export(self, what: str, options: dict[str, object]) -> JournalEntry: ...

    def logged_exports(self) -> list[str]: ...

    def journal_contains(self, entry_hash: str) -> bool: ...

    def journal_chain_break(self) -> str | None: ...

    def receipt(self, purpose: str = "") -> Receipt:
        """A receipt for the history as it stands now (e.g. printed in every bundle)."""
        ...
