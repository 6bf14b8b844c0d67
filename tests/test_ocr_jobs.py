"""OCR jobs: the reader runs in its own process, a cancel ends it within 2 s, a job killed part-way
resumes with the pages already read kept, and a file that cannot be read fails with a message."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from familyrecord.importers.ocr import OcrLine, OcrPage, OcrWord
from familyrecord.importers.ocr_jobs import OcrProcess, page_from_json, page_to_json
from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from tests import intake_fixtures as fx
from tests.conftest import PASSPHRASE
from tests.vault_access import vault_of

CANCEL_LIMIT_S = 2.0


def _letter(services: Services) -> Correspondence:
    from datetime import date

    return services.save(Correspondence(dated=date(2025, 1, 6), subject="Scanned letters"))


def _stored(services: Services, name: str, data: bytes) -> str:
    record = _letter(services)
    return services.import_attachment_stream(io.BytesIO(data), name, link_to=record.id).id


def _tiff(pages: int) -> bytes:
    letters = [fx.CONFERENCE, fx.SCHOOL, fx.REVIEW]
    images = [fx.scan(letters[i % 3], dpi=60) for i in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    return out.getvalue()


def _children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_boxes_survive_the_trip_through_json() -> None:
    quad = ((1.0, 2.0), (30.5, 2.0), (30.5, 12.0), (1.0, 12.0))
    words = (OcrWord("Dear", quad, 0.91), OcrWord("Ms", quad, 0.91))
    page = OcrPage("Dear Ms", (OcrLine("Dear Ms", quad, 0.91, words),), 1500, 2000, -2.5)
    again = page_from_json(page_to_json(page))
    assert again == page
    assert page_from_json(page_to_json(None)) is None


def test_a_file_keeps_one_job_and_a_stopped_one_goes_back_in_the_queue(services: Services) -> None:
    attachment_id = _stored(services, "photo.jpg", fx.jpeg(fx.scan(fx.SCHOOL, dpi=60)))
    first = services.intake.ocr.enqueue(attachment_id)
    assert services.intake.ocr.enqueue(attachment_id).id == first.id
    vault_of(services).jobs.set_state(first.id, "cancelled")
    again = services.intake.ocr.enqueue(attachment_id)
    assert (again.id, again.state) == (first.id, "queued")


def test_adding_a_file_queues_reading_only_for_pictures_of_text(services: Services, tmp_path: Path) -> None:
    record = _letter(services)
    files = {"photo.jpg": fx.jpeg(fx.scan(fx.SCHOOL, dpi=60)),
             "scan.pdf": fx.image_pdf([fx.scan(fx.REVIEW, dpi=60)], dpi=60),
             "typed.pdf": fx.text_pdf(["A typed letter about the core group meeting on Monday."]),
             "notes.txt": b"Notes of the visit", "recording.mp3": b"ID3" + bytes(64)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        services.import_attachment(tmp_path / name, link_to=record.id)
    queued = sorted(task.file_name for task in services.intake.ocr_queue())
    assert queued == ["photo.jpg", "scan.pdf"]
    assert all(task.record_ids == (record.id,) for task in services.intake.ocr_queue())


@pytest.mark.slow
def test_cancel_ends_the_reader_within_two_seconds(services: Services) -> None:
    attachment_id = _stored(services, "photo.jpg", fx.photo(fx.CONFERENCE, angle=2.0, seed=9))
    job = services.intake.ocr.enqueue(attachment_id)
    asked_at: list[float] = []

    def progress(done: float, total: float) -> None:
        if not asked_at:  # the reader has the file and is on the first (slow, 12 MP) page
            asked_at.append(time.monotonic())

    reader = OcrProcess()
    try:
        finished = services.intake.ocr.run(job.id, progress=progress, cancelled=lambda: bool(asked_at),
                                           process=reader)
        stopped_after = time.monotonic() - asked_at[0]
        assert finished.state == "cancelled"
        assert stopped_after < CANCEL_LIMIT_S, f"cancel took {stopped_after:.2f} s"
        assert not reader.alive
        assert services.intake.readings(attachment_id) == []  # the page in hand was not finished
    finally:
        reader.stop()


@pytest.mark.slow
def test_a_job_killed_part_way_resumes_and_keeps_the_pages_read(services: Services, vault_path: Path,
                                                                tmp_path: Path) -> None:
    scans = tmp_path / "scans.tif"
    scans.write_bytes(_tiff(3))
    env = {**os.environ, "FAMILYRECORD_PASSPHRASE": PASSPHRASE}
    command = [sys.executable, "-m", "familyrecord", "import", "--path", str(vault_path), "--accept",
               "--no-ocr", "--set", "dated=2025-01-06", str(scans)]
    watcher = services.sibling()
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as worker:
        try:
            deadline = time.monotonic() + 240
            first: list[tuple[int, str]] = []
            while not first and time.monotonic() < deadline and worker.poll() is None:
                time.sleep(0.2)
                for attachment in watcher.all_attachments():
                    first = [(r.page, r.updated_at) for r in watcher.intake.readings(attachment.id)]
            alive = worker.poll() is None
            readers = _children_of(worker.pid)  # the resource tracker and the OCR reader
            worker.send_signal(signal.SIGKILL)  # as if the computer lost power mid-page
            _out, errors = worker.communicate(timeout=10)
        finally:
            if worker.poll() is None:
                worker.kill()
            watcher.lock()
    assert first and alive, f"the import did not get to its first page in time: {errors!r}"
    assert readers
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in readers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in readers), "the reader ran on after the app died"

    (task,) = services.intake.ocr_queue()
    assert task.job.state == "running"  # found running: the app died under it
    assert services.intake.recover() == 1
    kept = {r.page: r.updated_at for r in services.intake.readings(task.job.attachment_id or "")}
    reports: list[tuple[float, float]] = []
    done = services.intake.run_ocr(task.job.id, progress=lambda d, t: reports.append((d, t)))
    assert done.state == "done"
    assert reports[0] == (len(kept), 3)  # carried on after the pages already read
    pages = services.intake.readings(task.job.attachment_id or "")
    assert [p.page for p in pages] == [0, 1, 2]
    assert all(p.updated_at == kept[p.page] for p in pages if p.page in kept)  # not read twice
    (letter,) = services.list_records(Correspondence)
    assert {h.record_id for h in services.search("Hollybrook Primary")} == {letter.id}  # page 2


@pytest.mark.slow
def test_a_picture_that_cannot_be_decoded_fails_with_a_message_and_can_be_retried(services: Services) -> None:
    data = fx.jpeg(fx.scan(fx.SCHOOL, dpi=60))
    attachment_id = _stored(services, "photo.jpg", data[: len(data) * 6 // 10])
    job = services.intake.ocr.enqueue(attachment_id)
    failed = services.intake.run_ocr(job.id)
    assert failed.state == "failed" and "could not be read" in failed.error
    assert services.intake.retry_ocr(job.id).state == "queued"


@pytest.mark.slow
def test_stopping_the_reading_in_the_review_queue_leaves_the_rest_for_later(services: Services,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "scans.tif"
    path.write_bytes(_tiff(2))
    pages_seen: list[float] = []

    def progress(done: float, total: float) -> None:
        pages_seen.append(done)

    def one_page_read() -> bool:
        return any(0 < done < 1 for done in pages_seen)

    (item,) = services.intake.read([path], progress=progress, cancelled=one_page_read)
    assert item.ok and len(item.pages) == 1 and item.pages_to_read == (1,)
    assert any("read after saving" in warning for warning in item.warnings)
    saved = services.intake.accept(item, {"dated": "06/01/2025"})
    (attachment,) = services.attachments_for(saved)
    assert [r.page for r in services.intake.readings(attachment.id)] == [0]
    (task,) = services.intake.ocr_queue()
    assert services.intake.run_ocr(task.job.id).state == "done"
    assert [r.page for r in services.intake.readings(attachment.id)] == [0, 1]
    with Image.open(io.BytesIO(services.intake.page_picture(attachment.id, 1, max_side=300))) as shown:
        assert max(shown.size) == 300
