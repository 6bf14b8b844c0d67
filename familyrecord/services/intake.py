"""Letters and e-mails in (reached as `services.intake`): read files into a review queue, save the
ones the family accepts, and read pictures and scans in the background (OCR).

`read` parses each file in memory and suggests the fields of a Correspondence entry, each with
the words it came from; nothing is saved. A file that cannot be read becomes an item with a plain
message, and the others go on. `accept` saves one item as an entry with its files (for an e-mail:
the message file itself and each attachment) in one unit of work: all of it, or nothing. Pictures
and scanned pages are read by the OCR worker process (importers/ocr_jobs.py), page by page; their
text is searchable from the entry, and the family can correct it (the computer's reading is kept).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from familyrecord.errors import InputError, UserError
from familyrecord.importers import extract
from familyrecord.importers.errors import FileTooLarge, OcrUnavailable
from familyrecord.importers.ocr_jobs import OcrJobs, OcrProcess, PageRead, page_from_json, page_picture
from familyrecord.importers.ocr_jobs import engine_name as ocr_engine_name
from familyrecord.importers.ocr_jobs import page_to_json as ocr_page_json
from familyrecord.progress import CancelCheck, Progress, never_cancelled
from familyrecord.records.models import Child, Correspondence, Person
from familyrecord.services import intake_items, intake_threads
from familyrecord.services.intake_items import (
    AttachmentPreview,
    IntakeItem,
    Suggestion,
    build_suggestions,
)
from familyrecord.storage.blobs import Attachment
from familyrecord.storage.jobs import Job

if TYPE_CHECKING:
    from familyrecord.importers.ocr import OcrPage
    from familyrecord.settings import AppSettings
    from familyrecord.storage.vault import Vault

__all__ = ["CHECK_NOTE", "AttachmentPreview", "FileChanged", "FileUnavailable", "IntakeItem", "IntakeService",
           "OcrTask", "PageReading", "Suggestion"]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 512 * 1024 * 1024  # read whole into memory; bigger files are kept, not read
# What a folder dropped on the queue contributes (other files in it are left out).
FOLDER_SUFFIXES = frozenset({".eml", ".msg", ".pdf", ".docx", ".odt", ".txt", ".md", ".htm", ".html",
                             ".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif",
                             ".avif", ".bmp", ".gif"})
CHECK_NOTE = "Read by the computer — check it."
LATER_NOTE = "The pages not read yet will be read after saving."
STOPPED_NOTE = f"Reading the pictures was stopped. {LATER_NOTE}"
ALREADY_NOTE = "This is already in the record. Saving it again would add it twice."
READER_FAILED_NOTE = ("The computer could not read the words in this picture just now. You can still save "
                      "it: the reading will be tried again after saving.")
SaveRecord = Callable[[Correspondence], Correspondence]


class FileUnavailable(InputError):
    user_message = "This file could not be opened. Check that it is still there and that you can open it."


class FileChanged(InputError):
    user_message = "This file has changed since it was read. Add it again to read the new version."


@dataclass(frozen=True)
class OcrTask:
    """A file waiting to be read by the computer, or being read, or stopped."""

    job: Job
    file_name: str
    record_ids: tuple[str, ...]


@dataclass(frozen=True)
class PageReading:
    """One page's text as read by the computer (and perhaps corrected), with where its lines are."""

    attachment_id: str
    page: int
    text: str
    original_text: str
    engine: str
    updated_at: str
    boxes: OcrPage | None

    @property
    def edited(self) -> bool:
        return self.text != self.original_text


@dataclass(frozen=True)
class _Known:
    """What the record already holds that reading a file is compared with."""

    people: list[Person]
    children: list[Child]
    own: tuple[str, ...]  # the family's e-mail addresses
    files: dict[str, list[str]]  # SHA-256 -> ids of the entries holding that file
    messages: dict[str, list[str]]  # Message-ID -> ids of the entries for it


class IntakeService:
    def __init__(self, vault: Vault, save: SaveRecord | None = None,
                 own_addresses: Sequence[str] = ()) -> None:
        self._vault = vault
        self._save: SaveRecord = save or vault.records.save
        self.own_addresses: tuple[str, ...] = tuple(own_addresses)  # the family's e-mail addresses
        self.ocr = OcrJobs(vault.jobs, vault.readings, vault.attachments)

    def use_settings(self, settings: AppSettings) -> None:
        """Take the family's own e-mail addresses from Settings (when it has them)."""
        addresses = getattr(settings, "own_email_addresses", None)
        if isinstance(addresses, list):
            self.own_addresses = tuple(str(a) for a in addresses)

    # ---- reading into the review queue ---------------------------------------------------------

    @staticmethod
    def expand(paths: Iterable[Path]) -> list[Path]:
        """Files as given, and the letters, e-mails and documents inside folders (not hidden ones)."""
        found: list[Path] = []
        for path in map(Path, paths):
            if path.is_dir():
                found += sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in FOLDER_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts))
            else:
                found.append(path)
        return found

    def read(self, paths: Iterable[Path], *, own_addresses: Sequence[str] | None = None,
             ocr: bool = True, progress: Progress | None = None,
             cancelled: CancelCheck | None = None) -> list[IntakeItem]:
        """One item per file (folders are opened), with suggested fields; saves nothing.

        With `ocr`, pictures and scanned pages are read by the OCR worker now (progress in files,
        fractions while pages are read); a cancel stops that reading only: the pages not read are
        read after the item is saved. Without `ocr` every item comes back at once."""
        files = self.expand(paths)
        known = self._known(self.own_addresses if own_addresses is None else own_addresses)
        is_cancelled = cancelled or never_cancelled
        reader: OcrProcess | None = None
        items: list[IntakeItem] = []
        try:
            for number, path in enumerate(files):
                def report(done: float, total: float, number: int = number) -> None:
                    if progress is not None:
                        progress(number + (done / total if total else 0.0), len(files))

                report(0, 0)
                item, data = self._parse(path, known)
                if ocr and data is not None and item.ok and item.pages_to_read and not is_cancelled():
                    if reader is None or not reader.alive:
                        reader = OcrProcess()
                    item = self._read_pages(item, data, reader, report, is_cancelled, known)
                items.append(item)
                report(1, 1)
        finally:
            if reader is not None:
                reader.stop(finished=not is_cancelled())
        return items

    def read_pictures(self, item: IntakeItem, *, progress: Progress | None = None,
                      cancelled: CancelCheck | None = None) -> IntakeItem:
        """Read the item's pictures of text not read yet (in the OCR worker), and suggest again."""
        if not item.ok or not item.pages_to_read:
            return item
        data = self._file_bytes(item)
        known = self._known(self.own_addresses)
        reader = OcrProcess()
        is_cancelled = cancelled or never_cancelled
        try:
            return self._read_pages(item, data, reader, progress, is_cancelled, known)
        finally:
            reader.stop(finished=not is_cancelled())

    def _parse(self, path: Path, known: _Known) -> tuple[IntakeItem, bytes | None]:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                kind = extract.kind_of(path.name, intake_items.file_head(path)) or ""
                return IntakeItem(path, path.name, kind, size, intake_items.sha256_file(path),
                                  FileTooLarge.user_message), None
            data = path.read_bytes()
        except OSError as exc:
            log.info("a dropped file could not be opened: %s", type(exc).__name__)
            return IntakeItem(path, path.name, "", 0, "", FileUnavailable.user_message), None
        sha256 = hashlib.sha256(data).hexdigest()
        base = IntakeItem(path, path.name, extract.kind_of(path.name, data) or "", len(data), sha256,
                          already_in=tuple(known.files.get(sha256, ())))
        try:
            extracted = extract.extract(path.name, data, use_ocr=False)
        except UserError as exc:
            return replace(base, error=exc.user_message), data
        item = replace(base, ocr_plan=tuple(p.index for p in extracted.pages if p.needs_ocr),
                       attachments=intake_items.previews(extracted),
                       warnings=intake_items.warnings_for(extracted))
        if extracted.email is not None:
            message_id = extracted.email.message_id
            item = replace(item, body=extracted.email.body, message_id=message_id,
                           thread_ids=extracted.email.thread_ids,
                           already_in=tuple(dict.fromkeys((*item.already_in,
                                                           *known.messages.get(message_id, ())))))
        if item.already_in:
            item = replace(item, warnings=(ALREADY_NOTE, *item.warnings))
        return self._suggest(item, extracted, known), data

    def _read_pages(self, item: IntakeItem, data: bytes, reader: OcrProcess, progress: Progress | None,
                    cancelled: CancelCheck, known: _Known) -> IntakeItem:
        pages = list(item.pages)
        total = len(item.ocr_plan)

        def arrived(page: PageRead) -> None:
            pages.append(page)
            if progress is not None:
                progress(len(pages), total)

        note = STOPPED_NOTE
        try:
            reader.read(item.file_name, data, skip={p.index for p in pages}, on_page=arrived,
                        cancelled=cancelled)
        except OcrUnavailable:  # the reader failed, not the file: it can still be saved
            note = READER_FAILED_NOTE
        except UserError as exc:
            return replace(item, error=exc.user_message)
        item = replace(item, pages=tuple(sorted(pages, key=lambda p: p.index)))
        if item.pages_to_read:
            item = replace(item, warnings=(*item.warnings, note))
        try:
            extracted = extract.extract(item.file_name, data, use_ocr=False)
        except UserError as exc:  # it was read a moment ago; a file changed meanwhile lands here
            return replace(item, error=exc.user_message)
        return self._suggest(item, extracted, known)

    def _suggest(self, item: IntakeItem, extracted: extract.Extracted, known: _Known) -> IntakeItem:
        read = {p.index: p.text for p in item.pages}
        if extracted.email is not None:
            text = extracted.email.body
        elif extracted.pages:
            text = "\n\n".join(t.strip() for t in (read.get(p.index, p.text) for p in extracted.pages)
                               if t.strip())
        else:
            text = extracted.text
        suggestions, dates, defaults = build_suggestions(
            text, email=extracted.email, file_name=item.file_name, people=known.people,
            children=known.children, own_addresses=known.own)
        item = replace(item, text=text, machine_read=bool(read), suggestions=suggestions, dates=dates,
                       defaults=defaults)
        thread = intake_threads.suggest_parent(self._vault.repo(Correspondence), item)
        return replace(item, suggestions=(*item.suggestions, thread)) if thread else item

    def _known(self, own: Sequence[str]) -> _Known:
        files: dict[str, list[str]] = {}
        for attachment in self._vault.attachments.list():
            files.setdefault(attachment.sha256, []).extend(self._vault.attachments.records_for(attachment.id))
        messages: dict[str, list[str]] = {}
        for letter in self._vault.repo(Correspondence).list(include_archived=True):
            if letter.message_id:
                messages.setdefault(letter.message_id, []).append(letter.id)
        return _Known(self._vault.repo(Person).list(), self._vault.repo(Child).list(), tuple(own),
                      files, messages)

    # ---- saving what was accepted ------------------------------------------------------------------

    def accept(self, item: IntakeItem, edited_fields: dict[str, object] | None = None) -> Correspondence:
        """Save the item as a Correspondence entry with its files, in one unit of work.

        `edited_fields` (Correspondence field names) override the suggestions. The file is read
        again and must be the one reviewed. Raises ValidationError (a missing date or subject),
        FileChanged, FileUnavailable; nothing is saved then."""
        edited = dict(edited_fields or {})
        record = intake_threads.record_from({**item.fields(), **edited})
        data = self._file_bytes(item) if item.size <= MAX_FILE_BYTES else None
        parts = intake_items.email_parts_of(item, data)
        main_text = intake_items.main_text(item, data)
        repo = self._vault.repo(Correspondence)
        with self._vault.unit_of_work():
            if "replies_to_id" not in edited and not record.replies_to_id:
                record.replies_to_id = intake_threads.parent_id(repo, record, item.thread_ids)
            answered_by = intake_threads.earlier_replies(repo, record)
            intake_threads.note_replies(record, answered_by)
            saved = self._save(record)
            main = self._store_main(item, data, saved.id, main_text)
            if item.ok and item.kind in ("image", "pdf"):
                self._store_pages(main.id, item)
            for name, media_type, part, text, needs_ocr in parts:
                stored = self._vault.attachments.import_stream(io.BytesIO(part), name, media_type=media_type,
                                                               link_to=saved.id, text_content=text)
                if needs_ocr:
                    self.ocr.enqueue(stored.id)
            for reply in answered_by:
                self._save(replace(reply, replies_to_id=saved.id))
            answered = intake_threads.answered_letter(repo, saved)
            if answered is not None:
                self._save(answered)
        return saved

    def _store_main(self, item: IntakeItem, data: bytes | None, record_id: str, text: str) -> Attachment:
        if data is None:  # too big to read whole: streamed in, and checked against what was reviewed
            try:
                stored = self._vault.attachments.import_file(item.path, link_to=record_id)
            except OSError as exc:
                raise FileUnavailable(type(exc).__name__) from exc
            if stored.sha256 != item.sha256:
                raise FileChanged("file changed since it was read")
            return stored
        return self._vault.attachments.import_stream(io.BytesIO(data), item.file_name, link_to=record_id,
                                                     text_content=text)

    def _store_pages(self, attachment_id: str, item: IntakeItem) -> None:
        engine = ocr_engine_name()
        for page in item.pages:
            self._vault.readings.put(attachment_id, page.index, page.text, ocr_page_json(page.ocr), engine)
        if item.pages_to_read:
            self.ocr.enqueue(attachment_id)

    def _file_bytes(self, item: IntakeItem) -> bytes:
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise FileUnavailable(type(exc).__name__) from exc
        if hashlib.sha256(data).hexdigest() != item.sha256:
            raise FileChanged("file changed since it was read")
        return data

    # ---- reading pictures and scans (OCR) ----------------------------------------------------------

    def queue_ocr(self, attachment_id: str) -> Job | None:
        """Queue reading a stored file's pictures of text (a photo, a scan, a PDF with pages that
        have no text); None when it has none. A file that cannot be parsed gets no job."""
        attachment = self._vault.attachments.get(attachment_id)
        with self._vault.attachments.open(attachment_id) as stored:
            head = stored.read(4096)
        kind = extract.kind_of(attachment.file_name, head)
        if kind not in ("image", "pdf"):
            return None
        if kind == "pdf":
            try:
                if not extract.needs_ocr(attachment.file_name,
                                         self._vault.attachments.read_all(attachment_id)):
                    return None
            except UserError:
                return None
        return self.ocr.enqueue(attachment_id)

    def ocr_queue(self) -> list[OcrTask]:
        """Files waiting to be read, being read, stopped or failed, oldest first."""
        tasks = []
        for job in self.ocr.unfinished():
            attachment = self._vault.attachments.get(job.attachment_id or "")
            tasks.append(OcrTask(job, attachment.file_name,
                                 tuple(self._vault.attachments.records_for(attachment.id))))
        return tasks

    def run_ocr(self, job_id: str, progress: Progress | None = None, cancelled: CancelCheck | None = None,
                on_page: Callable[[PageRead], None] | None = None) -> Job:
        """Read one file's pictures of text (resuming after the pages already read). Progress is
        (pages read, pages). Each page is searchable as soon as `on_page` hears of it."""
        return self.ocr.run(job_id, progress=progress, cancelled=cancelled, on_page=on_page)

    def run_ocr_pending(self, progress: Progress | None = None,
                        cancelled: CancelCheck | None = None) -> list[Job]:
        return self.ocr.run_pending(progress, cancelled)

    def recover(self) -> int:
        """At start-up: reading left under way by a crash goes back in the queue (pages kept)."""
        return self.ocr.recover()

    def retry_ocr(self, job_id: str) -> Job:
        return self.ocr.enqueue(self._vault.jobs.get(job_id).attachment_id or "")

    def readings(self, attachment_id: str) -> list[PageReading]:
        """Each page the computer read, in order, with its boxes (show CHECK_NOTE beside it)."""
        stored = self._vault.readings.for_attachment(attachment_id)
        return [PageReading(r.attachment_id, r.page, r.text, r.original_text, r.engine, r.updated_at,
                            page_from_json(r.boxes)) for r in stored]

    def correct_reading(self, attachment_id: str, page: int, text: str) -> PageReading:
        """The family's correction of a page; the computer's reading is kept beside it."""
        self._vault.readings.correct(attachment_id, page, text)
        return next(r for r in self.readings(attachment_id) if r.page == page)

    def page_picture(self, attachment_id: str, page: int, *, max_side: int = 1600) -> bytes:
        """The page as PNG bytes (in memory) to show beside its text."""
        attachment = self._vault.attachments.get(attachment_id)
        return page_picture(attachment.file_name, self._vault.attachments.read_all(attachment_id), page,
                            max_side=max_side)

