"""What every store needs from an open vault: its connection and nestable transactions.

Stores (repositories, attachments, transcripts, jobs) take a `Database`, not the `Vault`, so the
stores and the vault do not import each other. `Transactions` is the implementation the vault
uses: the outermost `transaction()` is a `BEGIN IMMEDIATE … COMMIT`; one opened inside another is
a SAVEPOINT, so several writes (a letter and its attachments) commit together or not at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from familyrecord.storage import journal
from familyrecord.storage.connection import Connection
from familyrecord.storage.errors import VaultError, translate_sqlite_error


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
        _typed(lambda: conn.execute("BEGIN IMMEDIATE"))
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


def _typed(call: Callable[[], object]) -> None:
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - re-raised, typed when it is a known kind
        raise translate_sqlite_error(exc) or exc from None


def _raise_typed(exc: BaseException) -> None:
    """Re-raise a SQLite error as its typed VaultError; other exceptions go on unchanged."""
    if isinstance(exc, VaultError):
        return
    known = translate_sqlite_error(exc)
    if known is not None:
        raise known from None
