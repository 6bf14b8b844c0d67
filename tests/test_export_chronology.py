"""The chronology alone: A4 either way round, what each row rests on, who disputes it,
approximate dates, and the page of each row's source in a bundle made from the record."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from familyrecord.export.options import ChronologyPage, ExportOptions
from familyrecord.export.tabular import NotFromThisRecord
from familyrecord.records.enums import Basis, DateQualifier
from familyrecord.records.models import Event
from familyrecord.services import Services
from tests.conftest import FAST_KDF, PASSPHRASE


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize(("page", "wide"), [(ChronologyPage.PORTRAIT, False),
                                            (ChronologyPage.LANDSCAPE, True)])
def test_docx_is_a4_either_way(demo_services: Services, tmp_path: Path, page: ChronologyPage,
                               wide: bool) -> None:
    out = tmp_path / "c.docx"
    demo_services.exports.chronology(ExportOptions(chronology_page=page), out)
    document = Document(str(out))
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None
    assert sorted((round(width / Cm(1), 1), round(height / Cm(1), 1))) == [21.0, 29.7]
    assert (width > height) is wide
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["No.", "Date", "What happened", "Who", "Rests on", "Source and bundle page",
                      "Disputed by"]


def test_basis_disputed_by_and_approximate_dates(services: Services, tmp_path: Path) -> None:
    services.save(Event(title="Moved to a new flat", occurred_on=date(2024, 3, 1),
                        date_qualifier=DateQualifier.APPROX, basis=Basis.DOCUMENT))
    services.save(Event(title="Started at nursery", occurred_on=date(2024, 5, 12),
                        date_qualifier=DateQualifier.BEFORE, basis=Basis.SAW))
    row = next(r for r in services.chronology.rows() if r.text.startswith("Started"))
    services.chronology.set_disputed(row, True)
    services.exports.chronology(ExportOptions(), tmp_path / "c.csv", today=date(2024, 6, 1))
    rows = _csv(tmp_path / "c.csv")
    assert [r["Date"] for r in rows] == ["about March 2024", "before 12 May 2024"]
    assert [r["Rests on"] for r in rows] == ["A document", "Seen or heard by the family"]
    assert [r["Disputed by"] for r in rows] == ["", "The family"]


def test_page_references_from_the_bundle(demo_services: Services, tmp_path: Path) -> None:
    bundle = demo_services.exports.bundle(ExportOptions(), tmp_path / "b.pdf")
    assert bundle.page_refs
    demo_services.exports.chronology(ExportOptions(), tmp_path / "from-file.csv", bundle=bundle.path)
    demo_services.exports.chronology(ExportOptions(), tmp_path / "from-result.docx",
                                     refs=bundle.page_refs)
    rows = _csv(tmp_path / "from-file.csv")
    assert sum(1 for r in rows if r["Bundle page"]) == len(bundle.page_refs)
    for row, shown in zip(rows, bundle.chronology, strict=True):  # same rows, same order
        assert (row["What happened"], row["Bundle page"]) == (shown.text, shown.page_ref)
    table = Document(str(tmp_path / "from-result.docx")).tables[0]
    sources = [r.cells[5].text for r in table.rows[1:]]
    assert sum(1 for s in sources if ", p. FR-" in s) == len(bundle.page_refs)


def test_page_references_only_from_this_records_bundle(demo_services: Services,
                                                       tmp_path: Path) -> None:
    another, _ = Services.create(tmp_path / "another.frvault", PASSPHRASE, kdf=FAST_KDF)
    other = another.exports.bundle(ExportOptions(), tmp_path / "other.pdf")
    another.lock()
    with pytest.raises(NotFromThisRecord):
        demo_services.exports.chronology(ExportOptions(), tmp_path / "c.csv", bundle=other.path)


def test_pseudonyms_reach_the_chronology_files(demo_services: Services, tmp_path: Path) -> None:
    demo_services.exports.chronology(ExportOptions(pseudonyms=True), tmp_path / "c.csv")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "Sarah" not in text and "Carter" not in text and "Social worker 1" in text
    assert (tmp_path / "c-redaction-key.pdf").exists()
