"""What every store needs from an open vault: its connection and nestable transactions.

Stores (repositories, attachments, transcripts, jobs) take a `Database`, not the `Vault`, so the
stores and the vault do not import each other. `Transactions` is the implementation the vault
uses: the outermost `transaction()` is a `BEGIN IMMEDIATE … COMMIT`; one opened inside another is
a SAVEPOINT, so several writes (a letter and its attachments) commit together or not at all.

When another connection holds the write lock (a second window, a long import from the command
line), BEGIN waits the connection's busy timeout, tries again once after a short pause, and then
raises VaultBusy, whose message says plainly that something else is using the record.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from familyrecord.storage import journal
from familyrecord.storage.connection import Connection
from familyrecord.storage.errors import VaultBusy, VaultError, is_busy, translate_sqlite_error


class Database(Protocol):
    @property
    def connection(self) -> Connection: ...

    def transaction(self) -> AbstractContextManager[Connection]: ...


class Transactions:
    """Nestable transactions on one connection (one per thread: each worker opens a sibling)."""

    def __init__(self, connection: Callable[[], Connection]) -> None:
        self._connection = connection
        self._depth = 0
        self._names = itertools.count(1)

    @property
    def active(self) -> bool:
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic write. SQLite errors come out as typed VaultErrors."""
        conn = self._connection()
        if self._depth:
            with self._savepoint(conn):
                yield conn
            return
        _begin(conn)
        self._depth = 1
        try:
            journal.start_group(conn)
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            _raise_typed(exc)
            raise
        finally:
            self._depth = 0

    @contextmanager
    def _savepoint(self, conn: Connection) -> Iterator[None]:
        name = f"sp{next(self._names)}"
        conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
            conn.execute(f"RELEASE {name}")
        except BaseException as exc:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            _raise_typed(exc)
            raise
        finally:
            self._depth -= 1


# After the busy timeout, BEGIN is tried this many more times, this far apart.
BUSY_RETRIES = 1
BUSY_PAUSE_S = 0.5


def _begin(conn: Connection) -> None:
    for attempt in range(BUSY_RETRIES + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except Exception as exc:  # noqa: BLE001 - re-raised, typed when it is a known kind
            if is_busy(exc) and attempt < BUSY_RETRIES:
                time.sleep(BUSY_PAUSE_S)
                continue
            if is_busy(exc):
                raise VaultBusy(str(exc)) from None
            raise translate_sqlite_error(exc) or exc from None


def _raise_typed(exc: BaseException) -> None:
    """Re-raise a SQLite error as its typed VaultError; other exceptions go on unchanged."""
    if isinstance(exc, VaultError):
        return
    known = translate_sqlite_error(exc)
    if known is not None:
        raise known from None
