"""Bad input: each damaged or refused file gets its own plain message in the review queue, the
others go on, and nothing is ever half-saved."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.importers.errors import ImageTooLarge, PdfLocked, UnreadableFile
from familyrecord.importers.ocr_jobs import OcrFailed
from familyrecord.records.models import Correspondence, ValidationError
from familyrecord.services import Services, intake
from familyrecord.storage.errors import VaultError
from tests import intake_fixtures as fx
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of

SCAN = fx.jpeg(fx.scan(fx.SCHOOL, dpi=60))


def _corrupt_jpeg() -> bytes:
    """A real JPEG cut short: its header reads well, its picture data does not (found while
    decoding, in the reader's process)."""
    data = fx.jpeg(fx.scan(fx.SCHOOL, dpi=60))
    return data[: len(data) * 6 // 10]


def _write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


@pytest.mark.slow
def test_each_bad_file_gets_its_message_and_the_others_go_on(services: Services, tmp_path: Path) -> None:
    paths = _write(tmp_path, {
        "corrupt.jpg": _corrupt_jpeg(),
        "huge.png": fx.png_header(30000, 30000),
        "cut-short.msg": fx.outlook_msg()[:3000],
        "with-empty.eml": fx.eml_with_attachments(fx.text_pdf(["The agenda for the core group meeting"]),
                                                  SCAN, empty_attachment=True),
        "locked.pdf": fx.locked_pdf(),
        "report.docx": fx.docx(["Re: Parenting assessment", "6 January 2025", "Leo is doing well."]),
    })
    items = {item.file_name: item for item in services.intake.read(paths)}
    assert list(items) == [p.name for p in paths]  # one item per file, in order
    assert items["corrupt.jpg"].error == UnreadableFile.user_message
    assert items["huge.png"].error == ImageTooLarge.user_message
    assert items["cut-short.msg"].error == UnreadableFile.user_message
    assert items["locked.pdf"].error == PdfLocked.user_message
    assert items["with-empty.eml"].ok and items["report.docx"].ok

    email = items["with-empty.eml"]
    (empty,) = [a for a in email.attachments if a.empty]
    assert empty.file_name == "empty.doc"
    assert any("“empty.doc” is empty" in warning for warning in email.warnings)

    before = services.journal_head()
    for name in ("corrupt.jpg", "huge.png", "cut-short.msg", "locked.pdf"):
        with pytest.raises(ValidationError):  # nothing to go on: the family must fill in the form
            services.intake.accept(items[name])
    assert services.journal_head() == before and services.all_attachments() == []

    saved = services.intake.accept(email)
    stored = {a.file_name: a.size for a in services.attachments_for(saved)}
    assert stored["empty.doc"] == 0 and set(stored) == {"Agenda.pdf", "Plan photo.jpg", "empty.doc",
                                                        "with-empty.eml"}
    services.intake.accept(items["report.docx"])
    assert len(services.list_records(Correspondence)) == 2


def test_a_file_that_cannot_be_read_can_still_be_kept_with_a_typed_entry(services: Services,
                                                                         tmp_path: Path) -> None:
    (path,) = _write(tmp_path, {"locked.pdf": fx.locked_pdf()})
    (item,) = services.intake.read([path])
    saved = services.intake.accept(item, {"dated": "06/01/2025", "subject": "Locked report"})
    (attachment,) = services.attachments_for(saved)
    assert attachment.file_name == "locked.pdf"
    assert services.intake.ocr_queue() == []  # it could not be opened: there is nothing to read


def test_a_failure_while_storing_the_files_saves_nothing(services: Services, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (path,) = _write(tmp_path, {"m.eml": fx.eml_with_attachments(fx.text_pdf(["Agenda"]), SCAN)})
    (item,) = services.intake.read([path], ocr=False)
    vault = vault_of(services)
    real = vault.attachments.import_stream
    calls = []

    def failing(source: io.BytesIO, file_name: str, **kwargs: object) -> object:
        calls.append(file_name)
        if len(calls) == 3:  # the message and one attachment are in; the disk "fills up"
            raise VaultError("disk full")
        return real(source, file_name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vault.attachments, "import_stream", failing)
    before = services.journal_head()
    with pytest.raises(VaultError):
        services.intake.accept(item)
    assert len(calls) == 3
    assert services.journal_head() == before
    assert services.list_records(Correspondence) == [] and services.all_attachments() == []
    assert services.intake.ocr_queue() == [] and services.search("Agenda") == []


def test_a_missing_file_is_reported_not_raised(services: Services, tmp_path: Path) -> None:
    (item,) = services.intake.read([tmp_path / "gone.eml"])
    assert not item.ok and "could not be opened" in item.error


# ---- fuzz: whatever the bytes, read() gives items, never a traceback -------------------------------

_SEEDS = [("a.eml", fx.eml_with_attachments(fx.text_pdf(["Agenda"]), SCAN, empty_attachment=True)),
          ("a.msg", fx.outlook_msg(attachment=("a.txt", b"notes"))), ("a.pdf", fx.text_pdf(["A letter"])),
          ("a.docx", fx.docx(["Re: x", "6 January 2025"])), ("a.odt", fx.odt_report()),
          ("a.png", fx.png_header(40, 40)), ("a.jpg", SCAN), ("a.txt", b"Re: visit\n6/1/2025")]


@pytest.fixture(scope="module")
def fuzz_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, Path]]:
    folder = tmp_path_factory.mktemp("fuzz")
    services, _code = Services.create(folder / "fuzz.frvault", PASSPHRASE, kdf=FAST_KDF)
    yield services, folder
    services.lock()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(_SEEDS), flips=st.lists(st.tuples(st.integers(0, 200_000), st.integers(0, 255)),
                                                    max_size=8), cut=st.integers(0, 200_000))
def test_fuzz_reading_damaged_files_gives_items_with_messages(
        fuzz_services: tuple[Services, Path], seed: tuple[str, bytes], flips: list[tuple[int, int]],
        cut: int) -> None:
    services, folder = fuzz_services
    name, original = seed
    data = bytearray(original)
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    path = folder / name
    path.write_bytes(bytes(data[: max(1, cut)]) if cut < len(data) else bytes(data))
    (item,) = services.intake.read([path], ocr=False)
    assert item.ok or (item.error and "\n" not in item.error)
    assert all(s.words for s in item.suggestions)


class _BrokenReader:
    """A reader process that dies on its first page (out of memory, say)."""

    alive = True

    def read(self, *args: object, **kwargs: object) -> bool:
        self.alive = False
        raise OcrFailed("reader process ended")

    def stop(self, finished: bool = False) -> None:
        self.alive = False


def test_when_the_reader_fails_the_picture_can_still_be_saved_and_is_read_later(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "OcrProcess", _BrokenReader)
    (path,) = _write(tmp_path, {"photo.jpg": SCAN})
    (item,) = services.intake.read([path])
    assert item.ok and item.pages_to_read == (0,)
    assert item.warnings == (intake.READER_FAILED_NOTE,)
    saved = services.intake.accept(item, {"dated": "06/01/2025"})
    (task,) = services.intake.ocr_queue()
    assert task.record_ids == (saved.id,) and task.job.state == "queued"
