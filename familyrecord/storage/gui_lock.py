"""One app window per record: an advisory lock on `<vault>.lock`, held while the window has it open.

The command line does not take it (a script may read while the app is open; SQLite's own locks
keep writes apart). The lock file holds nothing and stays behind: deleting it while another
process waits on it would let two windows in. The operating system drops the lock when the
process ends, even after kill -9, so a crash never leaves the record locked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from familyrecord.storage.atomic import PRIVATE_MODE
from familyrecord.storage.errors import VaultInUse

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".lock")


@contextmanager
def acquire_gui_lock(vault_path: Path) -> Iterator[Path]:
    """Hold the record's window lock for the `with` block; raises VaultInUse when another
    window (in this process or another) holds it. Yields the lock file's path."""
    path = lock_path(Path(vault_path))
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_MODE)
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, PRIVATE_MODE)
        _lock(fd, path)
        try:
            yield path
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock(fd: int, path: Path) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        raise VaultInUse(f"{path.name} is held by another window") from None


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
