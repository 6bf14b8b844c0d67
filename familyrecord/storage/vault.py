"""The vault: one family's encrypted record file, its key slots, and the ways in.

Create, unlock (passphrase, recovery code, or a key remembered by the keyring), lock,
change the passphrase. An open Vault exposes its records (a repository per registered record
type), attachments, transcripts, jobs, search and the journal. Every write goes through
`transaction()`; `unit_of_work()` groups several writes into one transaction and one journal group.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from familyrecord.records.models import Record
from familyrecord.storage import backup_file, journal, keyfile, keyslots, opening, receipts, search
from familyrecord.storage.blobs import AttachmentStore
from familyrecord.storage.connection import Connection
from familyrecord.storage.database import Transactions
from familyrecord.storage.errors import (
    IsABackup,
    KeyFileDamaged,
    KeyFileMissing,
    VaultExists,
    VaultLocked,
    VaultNotFound,
)
from familyrecord.storage.jobs import JobStore
from familyrecord.storage.keyslots import KdfParams, KeyFile, KeySlot
from familyrecord.storage.readings import ReadingStore
from familyrecord.storage.record_store import RecordStore
from familyrecord.storage.repository import Repository
from familyrecord.storage.transcripts import TranscriptStore

R = TypeVar("R", bound=Record)
logger = logging.getLogger(__name__)

# Kept here too: callers and tests have always found it on the vault module.
sidecar_paths = opening.sidecar_paths


@dataclass(frozen=True)
class NewVault:
    vault: Vault
    recovery_code: str


class Vault:
    def __init__(self, path: Path, data_key: bytes, key_file: KeyFile) -> None:
        """Open the EXISTING record at `path` (never creates one: see `create`)."""
        self.path = Path(path)
        self.vault_id = key_file.vault_id
        self._key_file = key_file
        self._data_key: bytes | None = data_key
        self._conn: Connection | None = None
        self._conn = opening.open_existing(self.path, data_key, self.vault_id)
        self._transactions = Transactions(lambda: self.connection)
        self.records = RecordStore(self)
        self.attachments = AttachmentStore(self)
        self.transcripts = TranscriptStore(self)
        self.jobs = JobStore(self)
        self.readings = ReadingStore(self)

    # ---- ways in -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               family_name: str = "") -> NewVault:
        path = Path(path)
        if path.exists() or keyslots.keys_path(path).exists():
            raise VaultExists(str(path))
        keyslots.check_new_passphrase(passphrase)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        kdf = kdf or keyslots.DEFAULT_KDF
        data_key = keyslots.new_data_key()
        recovery_code = keyslots.new_recovery_code()
        vault_id = journal.sha256_text(keyslots.new_recovery_code())[:32]
        try:
            key_file = keyslots.write_key_file(path, KeyFile(vault_id, (
                keyslots.seal(data_key, passphrase, "passphrase", vault_id, kdf),
                keyslots.seal(data_key, recovery_code, "recovery", vault_id, kdf),
            )), data_key)
            opening.create_file(path, data_key, vault_id, family_name)
            path.chmod(0o600)
            vault = cls(path, data_key, key_file)
        except BaseException:
            for leftover in (path, keyslots.keys_path(path), *sidecar_paths(path)):
                leftover.unlink(missing_ok=True)
            raise
        return NewVault(vault, recovery_code)

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Vault:
        key_file = cls._key_file_for(path)
        data_key = keyslots.unseal(key_file.slot("passphrase"), passphrase, key_file.vault_id)
        return cls._unlocked(Path(path), data_key, key_file)

    @classmethod
    def open_with_recovery_code(cls, path: Path, code: str) -> Vault:
        key_file = cls._key_file_for(path)
        data_key = keyslots.unseal(key_file.slot("recovery"), keyslots.normalise_recovery_code(code),
                                   key_file.vault_id)
        return cls._unlocked(Path(path), data_key, key_file)

    @classmethod
    def open_with_key(cls, path: Path, data_key: bytes) -> Vault:
        """Open with a data key already known (remembered in the keyring, or a worker thread)."""
        return cls._unlocked(Path(path), data_key, cls._key_file_for(path))

    @staticmethod
    def _key_file_for(path: Path) -> KeyFile:
        if not Path(path).is_file():
            raise VaultNotFound(str(path))
        try:
            return keyslots.read_key_file(Path(path))
        except KeyFileMissing:
            if backup_file.has_trailer(Path(path)):
                raise IsABackup(str(path)) from None
            raise

    @classmethod
    def _unlocked(cls, path: Path, data_key: bytes, key_file: KeyFile) -> Vault:
        vault = cls(path, data_key, key_file)
        vault._settle_key_file()
        return vault

    def _settle_key_file(self) -> None:
        """After unlock: a key file from before format 2 gets its checksums and MAC now, and the
        record notes that its key file has them; from then on an older-format key file is a
        finding, never silently trusted."""
        old = self._key_file
        if self._key_file_had_mac():
            return
        if old.mac is None:
            if old.damaged:
                return
            try:
                self._key_file = keyslots.write_key_file(self.path, old, self.data_key)
            except OSError as exc:  # a read-only folder: it opens, and is upgraded another time
                logger.warning("could not add an integrity check to the key file: %s", exc.strerror)
                return
        elif not keyfile.mac_matches(old, self.data_key):
            return
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (opening.KEY_FILE_FORMAT_NOTE, str(keyfile.FORMAT)))
            journal.append(conn, "upgrade_key_file", "vault", self.vault_id, None)
        logger.info("the key file now carries an integrity check")

    def _key_file_had_mac(self) -> bool:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?",
                                      (opening.KEY_FILE_FORMAT_NOTE,)).fetchone()
        return row is not None and str(row["value"]) == str(keyfile.FORMAT)

    def sibling(self) -> Vault:
        """A second handle on the same vault with its own connection, for a worker thread."""
        return Vault(self.path, self.data_key, self._key_file)

    # ---- state ---------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._conn is None

    @property
    def connection(self) -> Connection:
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked()
        return self._data_key

    @property
    def family_name(self) -> str:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'family_name'").fetchone()
        return str(row["value"]) if row else ""

    def set_family_name(self, name: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('family_name', ?)", (name,))
            journal.append(conn, "update", "vault", self.vault_id, name)

    def lock(self) -> None:
        """Close the database and forget the key. Safe to call twice."""
        if self._conn is not None:
            # Closing must not fail because a checkpoint did (a busy reader, a full disk).
            with contextlib.suppress(Exception):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()
            self._conn = None
        self._data_key = None

    close = lock

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.lock()

    def transaction(self) -> AbstractContextManager[Connection]:
        """One atomic write; inside another transaction it is a savepoint of that one.
        SQLite errors come out as typed VaultErrors."""
        return self._transactions.transaction()

    @contextmanager
    def unit_of_work(self) -> Iterator[Vault]:
        """Several writes that belong together (a letter and its attachments, a record and the
        deadlines it starts): one transaction and one journal group, committed together or not
        at all. Store calls made inside join it; raising inside rolls every one of them back."""
        with self.transaction():
            yield self

    def repo(self, cls: type[R]) -> Repository[R]:
        """The repository for one record type (any type in the registry)."""
        return self.records.repo(cls)

    # ---- keys ----------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Re-seal the data key under a new passphrase; the data is not re-encrypted.
        Also repairs a damaged passphrase slot (open with the recovery code first)."""
        keyslots.check_new_passphrase(new_passphrase)
        self._replace_slot(keyslots.seal(self.data_key, new_passphrase, "passphrase", self.vault_id,
                                         kdf or keyslots.DEFAULT_KDF))
        with self.transaction() as conn:
            journal.append(conn, "change_passphrase", "vault", self.vault_id, None)

    def new_recovery_code(self, kdf: KdfParams | None = None) -> str:
        """Replace the recovery code (the old one stops working); returns the new one.
        Also repairs a damaged or missing recovery slot."""
        code = keyslots.new_recovery_code()
        self._replace_slot(keyslots.seal(self.data_key, code, "recovery", self.vault_id,
                                         kdf or keyslots.DEFAULT_KDF))
        with self.transaction() as conn:
            journal.append(conn, "new_recovery_code", "vault", self.vault_id, None)
        return code

    def current_key_file(self) -> KeyFile:
        """The key file as it is on disk now: another handle (a worker's sibling) may have changed
        a slot. Only when the file is unusable is the copy read at unlock the better one."""
        try:
            on_disk = keyslots.read_key_file(self.path)
        except KeyFileDamaged:
            return self._key_file
        return on_disk if on_disk.vault_id == self.vault_id else self._key_file

    def _replace_slot(self, slot: KeySlot) -> None:
        self._key_file = keyslots.write_key_file(
            self.path, keyslots.replace_slot(self.current_key_file(), slot), self.data_key)

    def key_file_problems(self) -> list[str]:
        """What is wrong with the key file on disk now, in plain words (empty: nothing)."""
        try:
            on_disk = keyslots.read_key_file(self.path)
        except KeyFileDamaged as exc:
            return [f"The key file beside the record cannot be used ({exc.detail}). Choose a new "
                    "passphrase and make a new recovery code while the record is open: that "
                    "writes a fresh key file."]
        if on_disk.vault_id != self.vault_id:
            return ["The key file beside the record belongs to a different record."]
        findings = keyslots.key_file_findings(on_disk, self.data_key)
        if on_disk.mac is None and self._key_file_had_mac():
            findings.append("The key file has been replaced by an older kind of key file without "
                            "an integrity check. If you did not do this, make a new recovery code "
                            "and choose a new passphrase.")
        return findings

    # ---- receipts ------------------------------------------------------------------------

    def receipt(self, purpose: str = "") -> receipts.Receipt:
        """A receipt for the history as it stands now (written to the journal and kept)."""
        return receipts.give(self, purpose)

    def receipts_given(self) -> list[receipts.Receipt]:
        return receipts.given(self.connection)

    def check_receipt(self, code: str) -> receipts.ReceiptCheck:
        return receipts.check(self.connection, code)

    # ---- reading helpers -------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 50, include_archived: bool = True,
               kinds: tuple[str, ...] = ()) -> list[search.SearchHit]:
        return search.query(self.connection, text, limit=limit, include_archived=include_archived,
                            kinds=kinds)

    def journal_head(self) -> str:
        return journal.head_hash(self.connection)

    def log_export(self, what: str, options: dict[str, object]) -> journal.JournalEntry:
        """Note an export in the journal (what, when, with which options) in one transaction.

        `options` must hold no secrets: a password is logged only as 'used'.
        """
        from familyrecord.records.codec import canonical_json
        from familyrecord.records.models import new_id

        with self.transaction() as conn:
            return journal.append(conn, "export", what, new_id(),
                                  canonical_json({"what": what, "options": options}))

    def logged_exports(self) -> list[str]:
        return journal.logged_exports(self.connection)

    def journal_contains(self, entry_hash: str) -> bool:
        return journal.contains_hash(self.connection, entry_hash)

    def journal_chain_break(self) -> str | None:
        """Why the journal's chain is broken, or None when it is intact."""
        broken = journal.check_chain(self.connection)
        return broken.reason if broken is not None else None

    def recent_journal(self, limit: int = 50) -> list[journal.JournalEntry]:
        return journal.recent(self.connection, limit)
