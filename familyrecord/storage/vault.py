"""The vault: one family's encrypted record file, its key slots, and the ways in.

Create, unlock (passphrase, recovery code, or a key remembered by the keyring), lock,
change the passphrase. An open Vault exposes its records (a repository per registered record
type), attachments, transcripts, jobs, search and the journal. Every write goes through
`transaction()`; `unit_of_work()` groups several writes into one transaction and one journal group.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from familyrecord.records.models import Record
from familyrecord.storage import journal, keyslots, migrations, search
from familyrecord.storage.blobs import AttachmentStore
from familyrecord.storage.connection import Connection, open_connection
from familyrecord.storage.database import Transactions
from familyrecord.storage.errors import (
    VaultCorrupt,
    VaultExists,
    VaultLocked,
    VaultNewerThanApp,
    VaultNotFound,
    translate_sqlite_error,
)
from familyrecord.storage.jobs import JobStore
from familyrecord.storage.keyslots import KdfParams, KeyFile
from familyrecord.storage.record_store import RecordStore
from familyrecord.storage.repository import Repository
from familyrecord.storage.transcripts import TranscriptStore

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class NewVault:
    vault: Vault
    recovery_code: str


def sidecar_paths(path: Path) -> list[Path]:
    """Files SQLite keeps beside the database while it is open (encrypted like the database)."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


class Vault:
    def __init__(self, path: Path, data_key: bytes, key_file: KeyFile) -> None:
        self.path = path
        self.vault_id = key_file.vault_id
        self._key_file = key_file
        self._data_key: bytes | None = data_key
        self._conn: Connection | None = None
        self._conn = self._open_and_migrate()
        self._transactions = Transactions(lambda: self.connection)
        self.records = RecordStore(self)
        self.attachments = AttachmentStore(self)
        self.transcripts = TranscriptStore(self)
        self.jobs = JobStore(self)

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
        key_file = KeyFile(vault_id, (
            keyslots.seal(data_key, passphrase, "passphrase", vault_id, kdf),
            keyslots.seal(data_key, recovery_code, "recovery", vault_id, kdf),
        ))
        keyslots.write_key_file(path, key_file)
        try:
            vault = cls(path, data_key, key_file)
            with vault.transaction() as conn:
                conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
                conn.execute("INSERT INTO meta (key, value) VALUES ('family_name', ?)", (family_name,))
                journal.append(conn, "create", "vault", vault_id, family_name)
        except BaseException:
            for leftover in (path, keyslots.keys_path(path), *sidecar_paths(path)):
                leftover.unlink(missing_ok=True)
            raise
        path.chmod(0o600)
        return NewVault(vault, recovery_code)

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Vault:
        key_file = cls._key_file_for(path)
        data_key = keyslots.unseal(key_file.slot("passphrase"), passphrase, key_file.vault_id)
        return cls(Path(path), data_key, key_file)

    @classmethod
    def open_with_recovery_code(cls, path: Path, code: str) -> Vault:
        key_file = cls._key_file_for(path)
        data_key = keyslots.unseal(key_file.slot("recovery"), keyslots.normalise_recovery_code(code),
                                   key_file.vault_id)
        return cls(Path(path), data_key, key_file)

    @classmethod
    def open_with_key(cls, path: Path, data_key: bytes) -> Vault:
        """Open with a data key already known (remembered in the keyring, or a worker thread)."""
        return cls(Path(path), data_key, cls._key_file_for(path))

    @staticmethod
    def _key_file_for(path: Path) -> KeyFile:
        if not Path(path).is_file():
            raise VaultNotFound(str(path))
        return keyslots.read_key_file(Path(path))

    def sibling(self) -> Vault:
        """A second handle on the same vault with its own connection, for a worker thread."""
        return Vault(self.path, self.data_key, self._key_file)

    def _open_and_migrate(self) -> Connection:
        assert self._data_key is not None
        conn = open_connection(self.path, self._data_key)
        try:
            version = migrations.user_version(conn)
            if version > migrations.LATEST_VERSION:
                raise VaultNewerThanApp(f"schema {version} > {migrations.LATEST_VERSION}")
            if 0 < version < migrations.LATEST_VERSION:
                self._copy_before_migrating(conn, version)
            migrations.migrate(conn)
            if version > 0:
                row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
                if row is None or row["value"] != self.vault_id:
                    raise VaultCorrupt("the key file belongs to a different record")
        except BaseException as exc:
            conn.close()
            known = translate_sqlite_error(exc)
            if known is not None:
                raise known from None
            raise
        return conn

    def _copy_before_migrating(self, conn: Connection, version: int) -> None:
        """Keep an encrypted copy of the file as it was, in case the migration goes wrong."""
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup = self.path.with_name(f"{self.path.name}.before-v{version + 1}.bak")
        shutil.copy2(self.path, backup)
        shutil.copy2(keyslots.keys_path(self.path), keyslots.keys_path(backup))

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
        """Re-seal the data key under a new passphrase; the data is not re-encrypted."""
        keyslots.check_new_passphrase(new_passphrase)
        slot = keyslots.seal(self.data_key, new_passphrase, "passphrase", self.vault_id,
                             kdf or keyslots.DEFAULT_KDF)
        # From the file, not memory: another handle (a worker's sibling) may have changed a slot.
        self._key_file = keyslots.replace_slot(keyslots.read_key_file(self.path), slot)
        keyslots.write_key_file(self.path, self._key_file)
        with self.transaction() as conn:
            journal.append(conn, "change_passphrase", "vault", self.vault_id, None)

    def new_recovery_code(self, kdf: KdfParams | None = None) -> str:
        """Replace the recovery code (the old one stops working); returns the new one."""
        code = keyslots.new_recovery_code()
        slot = keyslots.seal(self.data_key, code, "recovery", self.vault_id, kdf or keyslots.DEFAULT_KDF)
        self._key_file = keyslots.replace_slot(keyslots.read_key_file(self.path), slot)
        keyslots.write_key_file(self.path, self._key_file)
        with self.transaction() as conn:
            journal.append(conn, "new_recovery_code", "vault", self.vault_id, None)
        return code

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
