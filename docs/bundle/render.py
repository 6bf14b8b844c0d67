"""Render the demo family's bundles to the PNGs in this folder (needs pdftoppm).

    .venv/bin/python docs/bundle/render.py

A court bundle with its preliminary documents, the family's own bundle with pseudonyms, and
that bundle's redaction key. Pages are found by their text, so the set stays right as the
demo changes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypdf import PdfReader

from familyrecord.demo import build_demo
from familyrecord.export.options import ExportOptions, Hide, Layout
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.keyslots import KdfParams

HERE = Path(__file__).resolve().parent
RESOLUTION = "60"


def _find(pdf: Path, *needles: str) -> int:
    """The 1-based number of the first page whose text has every needle."""
    for n, page in enumerate(PdfReader(pdf).pages, 1):
        text = " ".join((page.extract_text() or "").split())
        if all(needle in text for needle in needles):
            return n
    raise LookupError(f"no page with {needles}")


def _render(pdf: Path, page: int, name: str) -> None:
    subprocess.run(["pdftoppm", "-r", RESOLUTION, "-png", "-singlefile", "-f", str(page), "-l",
                    str(page), str(pdf), str(HERE / name)], check=True, timeout=60)


def main() -> None:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed")
    with tempfile.TemporaryDirectory() as folder:
        services, _ = Services.create(Path(folder) / "demo.frvault", "demo passphrase words",
                                      kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
        build_demo(services)
        core = next(m for m in services.list_records(Meeting) if m.title == "Core group meeting 2")
        court = services.exports.bundle(ExportOptions(
            layout=Layout.COURT, court="Northfield Family Court", case_number="NF24C00123",
            judge="HHJ Example", hearing_date=date.today() + timedelta(days=40),
            case_summary=("Mia (7) and Leo (4) live at home with their mother. They have been "
                          "subject to child protection plans since the initial conference. The "
                          "local authority has now issued care proceedings."),
            issues=["Whether Mia and Leo can stay at home with support.",
                    "Whether the minutes of the initial conference are accurate.",
                    "Contact with their grandmother."],
            position=("The family asks that the children stay at home with support. The "
                      "parenting course is finished, school attendance is 96%, and the nursery "
                      "place promised at the conference would give Leo a routine.\n\nThe family "
                      "asks the court to note the disputed minutes and the missed contact."),
            essential_reading=["doc-chronology", f"rec-{core.id}"]), Path(folder) / "court.pdf")
        pages = {"court-01-cover": 1, "court-02-index": 2,
                 "court-03-case-summary": _find(court.path, "Case summary", "Prepared on"),
                 "court-04-issues": _find(court.path, "Statement of issues", "Prepared on"),
                 "court-05-position": _find(court.path, "The family's position", "Prepared on"),
                 "court-06-chronology": _find(court.path, "Chronology", "Prepared on", "No."),
                 "court-07-essential-reading": _find(court.path, "Essential reading", "Prepared"),
                 "court-08-fingerprints": _find(court.path, "Page fingerprints", "The first 32")}
        for name, page in pages.items():
            _render(court.path, page, name)
        own = services.exports.bundle(ExportOptions(
            pseudonyms=True, hide=list(Hide), nicknames={"Nan": "Linda Carter"}),
            Path(folder) / "own.pdf")
        _render(own.path, 1, "solicitor-01-cover")
        _render(own.path, _find(own.path, "Chronology", "Prepared on", "No."),
                "solicitor-02-chronology-pseudonyms")
        assert own.redaction_key is not None
        _render(own.redaction_key, 1, "solicitor-03-redaction-key")
        services.lock()
    print(f"rendered {len(pages) + 3} pages into {HERE}")


if __name__ == "__main__":
    main()
