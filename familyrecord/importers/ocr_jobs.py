"""Reading pictures and scanned pages in a separate process, as background jobs kept in the vault.

The reader (RapidOCR) runs in its own spawned process, so the app stays fluid and a cancel is
quick: the parent checks `cancelled` every POLL_S seconds and ends the process (terminate, then
kill). The file's bytes go to it through a pipe and each page's text and boxes come back the same
way: nothing is written to disk. Each page is stored (storage/readings.py) as soon as it arrives,
so a job that was cancelled, failed, or found `running` after a crash resumes with the pages not
yet read. Pages that have text of their own (most PDFs) are not read: their text was taken at
import.

Child messages: the parent sends ("read", file_name, pages_to_skip) then the file's bytes; the
child answers ("plan", pages) with the pages that need reading, ("page", index, text, OcrPage)
for each, then ("done",), or ("error", kind, user_message). ("end",) lets it exit.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib import metadata
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from familyrecord.errors import UserError
from familyrecord.importers import errors as import_errors
from familyrecord.importers.errors import OcrUnavailable
from familyrecord.importers.ocr import OcrLine, OcrPage, OcrWord, Quad
from familyrecord.progress import CancelCheck, Progress, never_cancelled
from familyrecord.storage import jobs as job_states
from familyrecord.storage.errors import RecordNotFound, VaultError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from familyrecord.storage.blobs import AttachmentStore
    from familyrecord.storage.jobs import Job, JobStore
    from familyrecord.storage.readings import ReadingStore

log = logging.getLogger(__name__)

KIND = "ocr"
POLL_S = 0.1
STOP_WAIT_S = 0.8  # after terminate, before kill: a cancel is over well within 2 s
_REUSE_ORDER = (job_states.RUNNING, job_states.QUEUED, job_states.CANCELLED, job_states.FAILED,
                job_states.DONE)
_TYPED_ERRORS: dict[str, type[UserError]] = {
    cls.__name__: cls for cls in (import_errors.UnreadableFile, import_errors.UnsupportedFile,
                                  import_errors.ImageTooLarge, import_errors.FileTooLarge,
                                  import_errors.PdfLocked, import_errors.OcrUnavailable)}


class OcrFailed(OcrUnavailable):
    """The reading process stopped unexpectedly (it ran out of memory, or was ended)."""

    user_message = ("Reading the text on this picture stopped because of a problem in the text "
                    "reader. The file is kept; try again.")


def engine_name() -> str:
    """What read the text, as stored with each page ("rapidocr 3.4.0")."""
    try:
        return f"rapidocr {metadata.version('rapidocr')}"
    except metadata.PackageNotFoundError:
        return "rapidocr"


@dataclass(frozen=True)
class PageRead:
    """One page the reader read: `index` from 0, its text, and where each line sits."""

    index: int
    text: str
    ocr: OcrPage | None  # None when the page could not be drawn (it has no text then)


# ---- boxes as JSON ----------------------------------------------------------------------------

def page_to_json(page: OcrPage | None) -> str:
    """The page's size, straightening and lines (each with its words) as compact JSON."""
    if page is None:
        return "{}"
    return json.dumps({
        "width": page.width, "height": page.height, "skew": page.skew_degrees,
        "lines": [{"text": line.text, "quad": line.quad, "confidence": round(line.confidence, 4),
                   "words": [[w.text, w.quad] for w in line.words]} for line in page.lines],
    }, separators=(",", ":"), ensure_ascii=False)


def page_from_json(raw: str) -> OcrPage | None:
    """The OcrPage stored by `page_to_json` (None for a page that had no picture to read)."""
    try:
        value = json.loads(raw)
        if not value:
            return None
        lines = tuple(OcrLine(str(line["text"]), _quad(line["quad"]), float(line["confidence"]),
                              tuple(OcrWord(str(text), _quad(quad), float(line["confidence"]))
                                    for text, quad in line["words"]))
                      for line in value["lines"])
        return OcrPage("\n".join(line.text for line in lines), lines, int(value["width"]),
                       int(value["height"]), float(value.get("skew", 0.0)))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise VaultError(f"stored boxes unreadable: {type(exc).__name__}") from exc


def _quad(raw: Any) -> Quad:
    a, b, c, d = ((float(x), float(y)) for x, y in raw)
    return (a, b, c, d)


# ---- a page to show beside its text -----------------------------------------------------------------

def page_picture(file_name: str, data: bytes, index: int, *, max_side: int = 1600) -> bytes:
    """Page `index` of a picture or PDF as PNG bytes (in memory), at most `max_side` pixels long,
    to show beside its text. Its boxes scale by (picture width / OcrPage.width)."""
    from PIL import Image

    from familyrecord.importers import extract, images

    kind = extract.kind_of(file_name, data)
    if kind == "image":
        picture = images.load_page(data, index, max_side=max_side).image
    elif kind == "pdf":
        picture = _pdf_page(data, index, max_side)
    else:
        raise import_errors.UnsupportedFile("not a picture or a PDF")
    out = io.BytesIO()
    try:
        picture.save(out, "PNG")
    finally:
        if isinstance(picture, Image.Image):
            picture.close()
    return out.getvalue()


def _pdf_page(data: bytes, index: int, max_side: int) -> Any:
    import pypdfium2 as pdfium

    from familyrecord.importers import pdfs

    if not 0 <= index < pdfs.page_count(data):  # also refuses locked and damaged PDFs, typed
        raise import_errors.UnreadableFile(f"no page {index} in this PDF")
    with pdfs._pdfium_lock:  # PDFium is not thread-safe; pdfs.py holds the process's one lock
        try:
            document = pdfium.PdfDocument(data)
            try:
                page = document[index]
                width, height = page.get_size()
                bitmap = page.render(scale=max_side / max(width, height, 1.0))
                picture = bitmap.to_pil().convert("RGB")  # a copy out of PDFium's buffer
                bitmap.close()
                page.close()
            finally:
                document.close()
        except Exception as exc:  # PDFium parses untrusted bytes; any failure means: unreadable
            raise import_errors.UnreadableFile(f"PDF page could not be drawn: {type(exc).__name__}") from exc
    return picture


# ---- the reader's own process -----------------------------------------------------------------

def pages_to_read(file_name: str, data: bytes) -> list[int]:
    """The pages of a picture or PDF that are pictures of text (in the child: parses the file)."""
    from familyrecord.importers import extract, images, pdfs

    kind = extract.kind_of(file_name, data)
    if kind == "image":
        return list(range(images.page_count(data)))
    if kind == "pdf":
        return pdfs.pages_without_text(data)
    return []


def _exit_with_parent(parent_pid: int) -> None:
    # If the app is killed, this process must not run on, holding memory and the CPU.
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)


def _read_file(conn: Connection, file_name: str, data: bytes, skip: set[int]) -> None:
    from familyrecord.importers import extract

    try:
        plan = pages_to_read(file_name, data)
        conn.send(("plan", plan))
        for index in plan:
            if index not in skip:
                page = extract.read_page(file_name, data, index)
                conn.send(("page", index, page.text, page.ocr))
        conn.send(("done",))
    except UserError as exc:
        conn.send(("error", type(exc).__name__, exc.user_message))
    except MemoryError:
        conn.send(("error", "ImageTooLarge", import_errors.ImageTooLarge.user_message))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which marks the job failed
        conn.send(("error", type(exc).__name__, ""))


def serve(conn: Connection, parent_pid: int) -> None:
    """The child's loop: read files one at a time until told to end (or the pipe closes)."""
    # onnxruntime's telemetry would otherwise keep a device id and an event store under ~/.cache
    # and a session file in the temp folder, and try to send them: an offline app sends nothing.
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    with contextlib.suppress(OSError):
        os.nice(5)  # the app's own work comes first
    try:
        while (message := conn.recv())[0] == "read":
            _kind, file_name, skip = message
            _read_file(conn, str(file_name), conn.recv_bytes(), {int(i) for i in skip})
        conn.close()
        os._exit(0)  # nothing to tidy (no files, no vault): skip the slow teardown of the models
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        return
    finally:
        conn.close()


class OcrProcess:
    """One spawned reader process and its pipe; reusable for several files until `stop`."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.process: BaseProcess = ctx.Process(target=serve, args=(child_conn, os.getpid()),
                                                name="familyrecord-ocr", daemon=True)
        self.process.start()
        child_conn.close()

    def read(self, file_name: str, data: bytes, *, skip: Collection[int] = (),
             on_plan: Callable[[list[int]], None] | None = None,
             on_page: Callable[[PageRead], None] | None = None,
             cancelled: CancelCheck = never_cancelled) -> bool:
        """Read the file's pictures of text, except pages in `skip`. False when cancelled (the
        process is then ended, within POLL_S + 2 x STOP_WAIT_S seconds). Raises the child's typed
        UserError for a file it cannot read, OcrFailed when the process dies."""
        try:
            self.conn.send(("read", file_name, sorted(skip)))
            self.conn.send_bytes(data)
        except OSError:
            raise OcrFailed("reader pipe closed") from None
        while True:
            if cancelled():
                self.stop()
                return False
            if not self.conn.poll(POLL_S):
                if not self.process.is_alive():
                    raise OcrFailed("reader process ended")
                continue
            message = self._recv()
            if message[0] == "plan" and on_plan is not None:
                on_plan([int(i) for i in message[1]])
            elif message[0] == "page" and on_page is not None:
                on_page(PageRead(int(message[1]), str(message[2]), message[3]))
            elif message[0] == "done":
                return True
            elif message[0] == "error":
                raise _typed_error(message)

    def _recv(self) -> tuple[Any, ...]:
        try:
            return tuple(self.conn.recv())
        except (EOFError, OSError):
            raise OcrFailed("reader pipe closed") from None

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self, finished: bool = False) -> None:
        """A finished reader is told to exit and reaped in the background; anything else (cancel,
        error) is ended at once."""
        if finished and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(("end",))
            threading.Thread(target=self.process.join, args=(5.0,), daemon=True).start()
            self.conn.close()
            return
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(STOP_WAIT_S)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(STOP_WAIT_S)
        self.conn.close()


def _typed_error(message: tuple[Any, ...]) -> UserError:
    cls = _TYPED_ERRORS.get(str(message[1]), OcrFailed)
    error = cls(f"text reader: {message[1]}")
    if message[2]:
        error.user_message = str(message[2])
    return error


# ---- jobs kept in the vault ---------------------------------------------------------------------

def reusable_job(jobs: list[Job], attachment_id: str) -> Job | None:
    """The job a file already has, if any (one under way first, then one that stopped)."""
    mine = [j for j in jobs if j.attachment_id == attachment_id and j.kind == KIND]
    for state in _REUSE_ORDER:
        for job in mine:
            if job.state == state:
                return job
    return None


class OcrJobs:
    """OCR jobs: one per file, run in the reader's process, resumable page by page."""

    def __init__(self, jobs: JobStore, readings: ReadingStore, attachments: AttachmentStore) -> None:
        self.store = jobs
        self._readings = readings
        self._attachments = attachments

    def enqueue(self, attachment_id: str) -> Job:
        """The file's job: the one it has (a stopped one goes back in the queue), or a new one."""
        existing = reusable_job(self.store.list(kind=KIND), attachment_id)
        if existing is None:
            return self.store.enqueue(KIND, meeting_id=None, attachment_id=attachment_id)
        if existing.state in (job_states.CANCELLED, job_states.FAILED):
            return self.store.set_state(existing.id, job_states.QUEUED)
        return existing

    def recover(self) -> int:
        """At start-up: OCR jobs a crash left `running` go back in the queue (pages kept)."""
        running = self.store.list(states=(job_states.RUNNING,), kind=KIND)
        for job in running:
            self.store.set_state(job.id, job_states.QUEUED)
        return len(running)

    def unfinished(self) -> list[Job]:
        """Jobs waiting, under way, stopped or failed (oldest first)."""
        return [j for j in self.store.list(kind=KIND) if j.state != job_states.DONE]

    def run(self, job_id: str, *, progress: Progress | None = None,
            cancelled: CancelCheck | None = None, on_page: Callable[[PageRead], None] | None = None,
            process: OcrProcess | None = None) -> Job:
        """Run (or resume) one job to its end; returns it in its final state. Progress is
        (pages read, pages to read). `process` lets several jobs share one reader."""
        job = self.store.get(job_id)
        if job.state == job_states.DONE:
            return job
        is_cancelled = cancelled or never_cancelled
        own = process is None
        reader: OcrProcess | None = process
        finished = False
        try:
            data = self._attachments.read_all(job.attachment_id or "")
            file_name = self._attachments.get(job.attachment_id or "").file_name
            self.store.set_state(job_id, job_states.RUNNING)
            if is_cancelled():
                return self.store.set_state(job_id, job_states.CANCELLED)
            reader = reader or OcrProcess()
            tracker = _Tracker(self.store, self._readings, job, progress, on_page)
            finished = reader.read(file_name, data, skip=self._readings.pages_read(job.attachment_id or ""),
                                   on_plan=tracker.plan, on_page=tracker.page, cancelled=is_cancelled)
            if not finished:
                return self.store.set_state(job_id, job_states.CANCELLED)
            tracker.finish()
            return self.store.set_state(job_id, job_states.DONE)
        except RecordNotFound:
            raise  # the file (and with it the job) was deleted meanwhile
        except UserError as exc:
            log.info("OCR job failed: %s", type(exc).__name__)
            return self.store.set_state(job_id, job_states.FAILED, error=exc.user_message)
        finally:
            if own and reader is not None:
                reader.stop(finished=finished)

    def run_pending(self, progress: Progress | None = None,
                    cancelled: CancelCheck | None = None) -> list[Job]:
        """Every queued job, oldest first, sharing one reader; stops at a cancel."""
        finished: list[Job] = []
        reader: OcrProcess | None = None
        try:
            while (job := self.store.next_queued(KIND)) is not None:
                if reader is None or not reader.alive:
                    reader = OcrProcess()
                finished.append(self.run(job.id, progress=progress, cancelled=cancelled, process=reader))
                if finished[-1].state == job_states.CANCELLED:
                    break
        finally:
            if reader is not None:
                reader.stop(finished=bool(finished) and finished[-1].state != job_states.CANCELLED)
        return finished


class _Tracker:
    """Stores each page as it arrives and reports (pages read, pages to read)."""

    def __init__(self, jobs: JobStore, readings: ReadingStore, job: Job, progress: Progress | None,
                 on_page: Callable[[PageRead], None] | None) -> None:
        self._jobs = jobs
        self._readings = readings
        self._job = job
        self._progress = progress
        self._on_page = on_page
        self._engine = engine_name()
        self._total = 0
        self._done = 0

    def plan(self, pages: list[int]) -> None:
        self._total = len(pages)
        self._done = len(self._readings.pages_read(self._job.attachment_id or "") & set(pages))
        self._report()

    def page(self, read: PageRead) -> None:
        self._readings.put(self._job.attachment_id or "", read.index, read.text,
                                 page_to_json(read.ocr), self._engine)
        self._done += 1
        self._report()
        if self._on_page is not None:
            self._on_page(read)

    def finish(self) -> None:
        self._done = self._total
        self._jobs.set_progress(self._job.id, 1.0)
        if self._progress is not None:
            self._progress(self._total, self._total)

    def _report(self) -> None:
        if self._total:
            self._jobs.set_progress(self._job.id, self._done / self._total)
        if self._progress is not None:
            self._progress(self._done, self._total)
