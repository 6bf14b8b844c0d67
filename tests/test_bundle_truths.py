"""The bundle says only what is true: counts from the rows the chronology shows, an unanswered
question as "Not recorded", no blank pages, plurals by count, files only their owner can read."""

from __future__ import annotations

import io
import re
import stat
from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from familyrecord.export.options import ExportOptions
from familyrecord.records.models import Correspondence, Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from familyrecord.views.chronology import RowKind, disputed_rows
from tests.vault_access import vault_of

FOOTER = "Confidential: family court material"


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _summary_count(text: str) -> int:
    found = re.search(r"Points the family disputes that are not yet resolved: (\d+)", text)
    assert found, text[:400]
    return int(found.group(1))


def test_disputed_letter_and_transcript_line_count_two(services: Services, tmp_path: Path) -> None:
    letter = services.save(Correspondence(subject="Letter about the plan", dated=date(2024, 3, 1)))
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2024, 3, 5, 10)))
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, None, "test", "tiny", "en")
    segments = store.add_segments(transcript.id, [Segment(5.0, 9.0, "You never rang me back."),
                                                  Segment(9.0, 12.0, "Fine.")])
    store.edit_segment(segments[0].id, disputed=True)
    row = next(r for r in services.chronology.rows() if r.source_id == letter.id)
    services.chronology.set_disputed(row, True)

    result = services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=date(2024, 6, 1))
    text = " ".join(_pages(result.path))
    assert _summary_count(text) == 2
    assert len(disputed_rows(result.chronology)) == 2
    assert {r.kind for r in disputed_rows(result.chronology)} == {RowKind.CORRESPONDENCE,
                                                                  RowKind.TRANSCRIPT}


def test_demo_summary_agrees_with_its_chronology(demo_services: Services, tmp_path: Path) -> None:
    result = demo_services.exports.bundle(ExportOptions(), tmp_path / "b.pdf")
    text = " ".join(_pages(result.path))
    # One disputed point: its meeting row is marked too, but it is one point, not two.
    assert _summary_count(text) == len(disputed_rows(result.chronology)) == 1
    meetings = sum(1 for r in result.chronology if r.kind is RowKind.MEETING)
    sessions = sum(1 for r in result.chronology if r.kind is RowKind.CONTACT_SESSION)
    assert f"The chronology has {len(result.chronology)} rows: {meetings} meetings" in text
    assert f"{sessions} contact sessions (2 cancelled)" in text


def test_unanswered_recording_question_is_not_recorded(demo_services: Services,
                                                       tmp_path: Path) -> None:
    strategy = next(m for m in demo_services.list_records(Meeting)
                    if m.title == "Strategy discussion")
    assert strategy.recording_announced is None
    result = demo_services.exports.bundle(ExportOptions(), tmp_path / "b.pdf")
    pages = _pages(result.path)
    page = next(p for p in pages if "Strategy discussion Type" in p)
    assert "Recording announced Not recorded" in page
    assert "Not said" not in " ".join(pages)
    answered = next(p for p in pages if "Core group meeting 2 Type" in p)
    assert "Recording announced Yes" in answered


def _pdf(pages: int) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for n in range(pages):
        canvas.drawString(72, 700, f"Attached page {n + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_no_blank_page_after_short_documents(demo_services: Services, tmp_path: Path) -> None:
    # Every letter gets a one- or two-page PDF; the last letter of the section ends on a
    # full page, where the old layout added an empty page before the next section.
    for n, letter in enumerate(demo_services.list_records(Correspondence)):
        demo_services.import_attachment_stream(io.BytesIO(_pdf(1 + n % 2)), f"letter-{n}.pdf",
                                               link_to=letter.id)
    result = demo_services.exports.bundle(ExportOptions(), tmp_path / "b.pdf")
    reader = PdfReader(result.path)
    for index, page in enumerate(reader.pages):
        lines = [line for line in (page.extract_text() or "").splitlines()
                 if line.strip() and FOOTER not in line
                 and line.strip() != reader.page_labels[index]]
        assert lines, f"page {reader.page_labels[index]} is blank"


def test_plurals_by_count(services: Services, tmp_path: Path) -> None:
    services.save(Meeting(title="Core group", starts_at=datetime(2024, 3, 5, 10)))
    result = services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=date(2024, 6, 1))
    text = " ".join(_pages(result.path))
    assert "The chronology has 1 row: 1 meeting, 0 letters, e-mails or calls" in text
    assert "1 meetings" not in text and "1 rows" not in text


def test_exports_are_private_and_whole(demo_services: Services, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    bundle = demo_services.exports.bundle(ExportOptions(), out / "b.pdf").path
    demo_services.exports.chronology(ExportOptions(), out / "c.docx")
    (out / "c.csv").write_text("an older copy")
    (out / "c.csv").chmod(0o644)
    demo_services.exports.chronology(ExportOptions(), out / "c.csv")
    for path in (bundle, out / "c.docx", out / "c.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    # Written whole under a temporary name and renamed: nothing else is left in the folder.
    assert sorted(p.name for p in out.iterdir()) == ["b.pdf", "c.csv", "c.docx"]
    assert (out / "c.csv").read_text(encoding="utf-8-sig").startswith("No.,Date")
