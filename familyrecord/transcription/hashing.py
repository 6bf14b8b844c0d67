"""The SHA-256 of a file on disk, read a chunk at a time (a recording can be gigabytes)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage.blobs import ImportCancelled

CHUNK = 1024 * 1024


def file_sha256(path: Path, *, progress: Progress | None = None,
                cancelled: CancelCheck | None = None) -> str:
    size = path.stat().st_size
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, size)
    return digest.hexdigest()
