"""Saving an export: readable by its owner only, and never half-written.

The data goes to a temporary file in the destination's own folder (so the rename cannot cross
file systems), is flushed to the disk, then renamed over the destination in one step; the
folder is flushed too, so the new name survives a power cut. A failure removes the temporary
file and leaves whatever was there before untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from familyrecord.export.options import ExportFailed

PRIVATE_MODE = 0o600


def save_private(destination: Path, data: bytes | memoryview) -> Path:
    """Write `data` to `destination` atomically with mode 0600; ExportFailed when it cannot."""
    destination = Path(destination)
    partial: str | None = None
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp makes the file 0600 from the start: no moment when others could read it.
        handle, partial = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part",
                                           dir=destination.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, PRIVATE_MODE)
        os.replace(partial, destination)
        partial = None
        _sync_folder(destination.parent)
    except OSError as exc:
        raise ExportFailed(str(exc)) from None
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                os.unlink(partial)
    return destination


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to flush it; its rename is already durable
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
