"""Files that appear whole or not at all: write under a clearly temporary name, fsync, rename.

A temporary file is named `.NAME.partial-XXXXXXXX` in the destination's folder: hidden, and
plainly not a finished file, so a killed write never leaves something that looks like a key
file or a backup. Everything written here is readable by its owner only (0600).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

PRIVATE_MODE = 0o600
PARTIAL_MARK = ".partial-"
# A partial this old cannot belong to a write still in progress on this computer.
STALE_AFTER_S = 10 * 60


def partial_path(destination: Path) -> Path:
    """A fresh temporary name beside `destination` (nothing is created)."""
    return destination.with_name(f".{destination.name}{PARTIAL_MARK}{secrets.token_hex(4)}")


def is_partial_of(candidate: Path, destination: Path) -> bool:
    return candidate.name.startswith(f".{destination.name}{PARTIAL_MARK}")


def remove_stale_partials(destination: Path, *, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Delete temporaries (and their SQLite sidecars) left by a killed write; returns them."""
    removed: list[Path] = []
    folder = destination.parent
    if not folder.is_dir():
        return removed
    cutoff = time.time() - older_than_s
    for candidate in folder.iterdir():
        if not is_partial_of(candidate, destination):
            continue
        with contextlib.suppress(OSError):
            if candidate.is_file() and candidate.stat().st_mtime <= cutoff:
                candidate.unlink()
                removed.append(candidate)
    return removed


def create_private(path: Path) -> int:
    """Open a new file for writing, owner-only from the first byte; fails if it exists."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)


def sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename durable. Some file systems (FAT on a USB stick) cannot; that is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(partial: Path, destination: Path, *, overwrite: bool) -> None:
    """Give a finished temporary its real name. Without `overwrite`, an existing destination
    is never replaced (FileExistsError)."""
    with contextlib.suppress(OSError):  # FAT has no permissions to set
        os.chmod(partial, PRIVATE_MODE)
    sync_file(partial)
    if overwrite:
        os.replace(partial, destination)
    else:
        try:
            os.link(partial, destination)  # atomic "rename unless it exists"
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT): check, then rename
            if destination.exists():
                raise FileExistsError(str(destination)) from None
            os.rename(partial, destination)
        else:
            partial.unlink()
    sync_folder(destination.parent)


def write_atomically(destination: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `destination` so that a crash leaves the old file or the new, never half."""
    partial = partial_path(destination)
    try:
        fd = create_private(partial)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        publish(partial, destination, overwrite=overwrite)
    finally:
        partial.unlink(missing_ok=True)
