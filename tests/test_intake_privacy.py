"""No decoded picture or text ever touches disk outside the vault: the temporary folder (for this
process and, through TMPDIR, for the reader's process) and the home folder stay empty while
letters, e-mails and scans are read, accepted and read by OCR."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from familyrecord.services import Services
from tests import intake_fixtures as fx

pytestmark = pytest.mark.slow

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT
_opened_for_writing: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    # Python-level writes in this process: a temp file deleted at once slips past a listing.
    if _opened_for_writing is None or event != "open" or not isinstance(args[0], str | Path):
        return
    mode, flags = args[1], args[2]
    if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS):
        _opened_for_writing.append(str(args[0]))


sys.addaudithook(_audit)


class Watch:
    """Every file that appears under some folders, polled every few milliseconds."""

    def __init__(self, *roots: Path) -> None:
        self.roots = roots
        self.before = self._files()
        self.seen: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _files(self) -> set[str]:
        return {os.path.join(folder, name) for root in self.roots
                for folder, _dirs, names in os.walk(root) for name in names}

    def _poll(self) -> None:
        while not self._stop.wait(0.005):
            self.seen |= self._files() - self.before

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.seen |= self._files() - self.before


def test_reading_accepting_and_ocr_write_nothing_outside_the_vault(
        services: Services, tmp_path: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    global _opened_for_writing
    watched = tmp_path / "tmp"
    watched.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(watched))
    for variable in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(variable, str(watched))
    inputs = tmp_path / "in"
    inputs.mkdir()
    scanned = fx.image_pdf([fx.scan(fx.REVIEW, dpi=80)], dpi=80)
    photo = fx.photo(fx.SCHOOL, angle=2.0, seed=4, size=(1200, 1600))
    files = {"letter.jpg": photo, "scan.pdf": scanned, "message.eml": fx.eml_with_attachments(scanned, photo),
             "review.msg": fx.outlook_msg(html_only=True, attachment=("scan.pdf", scanned)),
             "report.docx": fx.docx(["Re: Report", "6 January 2025"])}
    for name, data in files.items():
        (inputs / name).write_bytes(data)

    _opened_for_writing = []
    try:
        with Watch(watched, private_home) as watch:
            items = services.intake.read(sorted(inputs.iterdir()))
            for item in items:
                services.intake.accept(item, {"dated": "06/01/2025"})
            jobs = services.intake.run_ocr_pending()
        writes, _opened_for_writing = _opened_for_writing, None
    finally:
        _opened_for_writing = None
    assert all(item.ok for item in items) and len(items) == 5
    assert jobs and all(job.state == "done" for job in jobs)  # the e-mails' scans were read
    assert services.search("Hollybrook")  # words from pictures reached search (inside the vault)
    assert watch.seen == set()
    assert list(watched.iterdir()) == []
    assert writes == []
