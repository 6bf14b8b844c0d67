"""Attachments stored inside the encrypted database as 1 MiB chunks.

Files stream in and out a chunk at a time, so a 2 GB recording never sits whole in memory
and its plaintext never touches disk. The SHA-256 and size are recorded at import and
re-checked by verify().
"""

from __future__ import annotations

import builtins
import hashlib
import io
import mimetypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from familyrecord.errors import Cancelled
from familyrecord.formatting import shown_safely
from familyrecord.progress import CancelCheck, Progress
from familyrecord.records.codec import canonical_json
from familyrecord.records.models import new_id
from familyrecord.storage import journal, readings, search
from familyrecord.storage.errors import RecordNotFound, VaultCorrupt, VaultError

if TYPE_CHECKING:
    from familyrecord.storage.connection import Connection
    from familyrecord.storage.database import Database

CHUNK_SIZE = 1024 * 1024


class ImportCancelled(Cancelled, VaultError):
    user_message = "The file was not added: you cancelled. Nothing was changed."
    exit_code = Cancelled.exit_code


@dataclass(frozen=True)
class Attachment:
    id: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    imported_at: str


def _attachment(row: object) -> Attachment:
    r = row
    return Attachment(r["id"], r["file_name"], r["media_type"], r["size"],  # type: ignore[index]
                      r["sha256"], r["imported_at"])  # type: ignore[index]


def chunk_bytes(value: object, attachment_id: str) -> bytes:
    """A stored piece as bytes. Anything but a blob (text, a number) is damage, not a bug."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise VaultCorrupt(f"a piece of attachment {attachment_id} is not stored as bytes")


def search_source(attachment_id: str) -> str:
    return f"attachment:{attachment_id}"


def search_entry(file_name: str, text_content: str) -> tuple[str, str]:
    """(title, text) that search holds for a file linked to a record (also what verify expects)."""
    return file_name, f"{file_name}\n{text_content}"


def guess_media_type(file_name: str) -> str:
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


class BlobReader(io.RawIOBase):
    """A read-only, seekable file-like view of one attachment, fetched chunk by chunk."""

    def __init__(self, conn: Connection, attachment: Attachment) -> None:
        super().__init__()
        self._conn = conn
        self._id = attachment.id
        self._size = attachment.size
        self._pos = 0
        self._chunk_seq = -1
        self._chunk = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _load(self, seq: int) -> bytes:
        if seq != self._chunk_seq:
            row = self._conn.execute(
                "SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?",
                (self._id, seq),
            ).fetchone()
            self._chunk = chunk_bytes(row["data"], self._id) if row else b""
            self._chunk_seq = seq
        return self._chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos >= self._size:
            return 0
        seq, offset = divmod(self._pos, CHUNK_SIZE)
        piece = self._load(seq)[offset:offset + len(buffer)]
        n = len(piece)
        buffer[:n] = piece
        self._pos += n
        return n

    def close(self) -> None:
        self._chunk = b""
        super().close()


class AttachmentStore:
    def __init__(self, vault: Database) -> None:
        self._vault = vault

    def import_stream(self, source: IO[bytes], file_name: str, *, media_type: str = "",
                      link_to: str | None = None, total: int = 0,
                      progress: Progress | None = None,
                      cancelled: CancelCheck | None = None, text_content: str = "") -> Attachment:
        """Copy a stream into the vault in one transaction; cancel leaves nothing behind. The
        file name is kept without the invisible characters that can disguise it."""
        file_name = shown_safely(file_name)
        attachment_id = new_id()
        digest = hashlib.sha256()
        size = 0
        seq = 0
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO attachments (id, file_name, media_type, size, sha256, imported_at,"
                " chunk_count, text_content) VALUES (?,?,?,0,'',?,0,?)",
                (attachment_id, file_name, media_type or guess_media_type(file_name),
                 journal.utc_now().isoformat(), text_content),
            )
            while chunk := source.read(CHUNK_SIZE):
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                digest.update(chunk)
                conn.execute("INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?,?,?)",
                             (attachment_id, seq, chunk))
                size += len(chunk)
                seq += 1
                if progress is not None:
                    progress(size, total)
            sha = digest.hexdigest()
            conn.execute("UPDATE attachments SET size = ?, sha256 = ?, chunk_count = ? WHERE id = ?",
                         (size, sha, seq, attachment_id))
            content = canonical_json({"file_name": file_name, "size": size, "sha256": sha})
            journal.append(conn, "import", "attachment", attachment_id, content)
            if link_to is not None:
                self._link(conn, link_to, attachment_id, file_name, text_content)
        return self.get(attachment_id)

    def import_file(self, path: Path, *, link_to: str | None = None,
                    progress: Progress | None = None,
                    cancelled: CancelCheck | None = None, text_content: str = "") -> Attachment:
        with path.open("rb") as source:
            return self.import_stream(source, path.name, link_to=link_to,
                                      total=path.stat().st_size, progress=progress,
                                      cancelled=cancelled, text_content=text_content)

    def get(self, attachment_id: str) -> Attachment:
        row = self._vault.connection.execute("SELECT * FROM attachments WHERE id = ?",
                                             (attachment_id,)).fetchone()
        if row is None:
            raise RecordNotFound(f"attachment {attachment_id}")
        return _attachment(row)

    def list(self, record_id: str | None = None) -> builtins.list[Attachment]:
        if record_id is None:
            rows = self._vault.connection.execute("SELECT * FROM attachments ORDER BY imported_at")
        else:
            rows = self._vault.connection.execute(
                "SELECT a.* FROM attachments a JOIN record_attachments l ON l.attachment_id = a.id"
                " WHERE l.record_id = ? ORDER BY a.imported_at", (record_id,))
        return [_attachment(r) for r in rows]

    def records_for(self, attachment_id: str) -> builtins.list[str]:
        rows = self._vault.connection.execute(
            "SELECT record_id FROM record_attachments WHERE attachment_id = ?", (attachment_id,))
        return [r["record_id"] for r in rows]

    def _link(self, conn: Connection, record_id: str, attachment_id: str, file_name: str,
              text_content: str) -> None:
        if conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone() is None:
            raise RecordNotFound(record_id)
        conn.execute("INSERT OR IGNORE INTO record_attachments (record_id, attachment_id) VALUES (?,?)",
                     (record_id, attachment_id))
        search.index_extra(conn, record_id, search_source(attachment_id),
                           *search_entry(file_name, text_content))
        readings.reindex(conn, attachment_id)  # text read from its pages: found from here too
        journal.append(conn, "link", "attachment", attachment_id,
                       canonical_json({"record_id": record_id}))

    def link(self, record_id: str, attachment_id: str) -> None:
        attachment = self.get(attachment_id)
        text = self.text_content(attachment_id)
        with self._vault.transaction() as conn:
            self._link(conn, record_id, attachment_id, attachment.file_name, text)

    def unlink(self, record_id: str, attachment_id: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute("DELETE FROM record_attachments WHERE record_id = ? AND attachment_id = ?",
                         (record_id, attachment_id))
            for source in (search_source(attachment_id), readings.search_source(attachment_id)):
                search.index_extra(conn, record_id, source, "", "")  # no text: the row goes
            journal.append(conn, "unlink", "attachment", attachment_id,
                           canonical_json({"record_id": record_id}))

    def text_content(self, attachment_id: str) -> str:
        row = self._vault.connection.execute("SELECT text_content FROM attachments WHERE id = ?",
                                             (attachment_id,)).fetchone()
        return str(row["text_content"]) if row else ""

    def delete(self, attachment_id: str) -> None:
        """Remove a file added by mistake (chunks are overwritten: secure_delete is on)."""
        with self._vault.transaction() as conn:
            if not conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,)).rowcount:
                raise RecordNotFound(f"attachment {attachment_id}")
            search.remove_source(conn, search_source(attachment_id))
            search.remove_source(conn, readings.search_source(attachment_id))
            journal.append(conn, "delete", "attachment", attachment_id, None)

    def open(self, attachment_id: str) -> io.BufferedReader:
        """A buffered, seekable reader over the decrypted bytes; nothing is written to disk."""
        return io.BufferedReader(BlobReader(self._vault.connection, self.get(attachment_id)),
                                 buffer_size=CHUNK_SIZE)

    def read_all(self, attachment_id: str) -> bytes:
        """The whole file in memory, for small documents shown in a viewer."""
        with self.open(attachment_id) as reader:
            return reader.read()

    def iter_chunks(self, attachment_id: str) -> Iterator[bytes]:
        rows = self._vault.connection.execute(
            "SELECT data FROM attachment_chunks WHERE attachment_id = ? ORDER BY seq", (attachment_id,))
        for row in rows:
            yield chunk_bytes(row["data"], attachment_id)

    def export_to(self, attachment_id: str, destination: IO[bytes],
                  progress: Progress | None = None) -> int:
        """Stream the attachment into `destination` (a file the user chose); returns bytes written."""
        attachment = self.get(attachment_id)
        written = 0
        for chunk in self.iter_chunks(attachment_id):
            destination.write(chunk)
            written += len(chunk)
            if progress is not None:
                progress(written, attachment.size)
        return written

    def check(self, attachment_id: str, on_chunk: Callable[[int], None] | None = None) -> bool:
        """True when the stored bytes still match the size and SHA-256 recorded at import.

        `on_chunk(n)` hears of each chunk's length as it is hashed (verify's progress bar)."""
        attachment = self.get(attachment_id)
        digest = hashlib.sha256()
        size = 0
        try:
            for chunk in self.iter_chunks(attachment_id):
                digest.update(chunk)
                size += len(chunk)
                if on_chunk is not None:
                    on_chunk(len(chunk))
        except VaultCorrupt:
            return False
        return size == attachment.size and digest.hexdigest() == attachment.sha256
