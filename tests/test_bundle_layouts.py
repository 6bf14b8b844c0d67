"""The two layouts (the family's own, numbered FR-, and the PD27A court bundle), the
preliminary documents, and the family's choices said plainly."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from familyrecord.export.options import ExportOptions, Layout, page_warnings
from familyrecord.records.models import Correspondence, Meeting
from familyrecord.services import Services
from familyrecord.views.chronology import RowKind

COURT_SECTIONS = ["A", "B", "C", "D", "E", "F"]


def _texts(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _top_outline(path: Path) -> list[str]:
    return [str(o.title) for o in PdfReader(path).outline if not isinstance(o, list)]


def _section_runs(labels: list[str]) -> dict[str, list[int]]:
    runs: dict[str, list[int]] = {}
    for label in labels:
        found = re.fullmatch(r"((?:FR-)?[A-G])(\d+)", label)
        if found:
            runs.setdefault(found.group(1), []).append(int(found.group(2)))
    return runs


def test_court_bundle_follows_pd27a(demo_services: Services, tmp_path: Path) -> None:
    result = demo_services.exports.bundle(ExportOptions(layout=Layout.COURT), tmp_path / "c.pdf")
    labels = list(PdfReader(result.path).page_labels)
    assert [t.split(".")[0] for t in _top_outline(result.path)] == COURT_SECTIONS
    titles = [t.split(".", 1)[1].split(" (")[0].strip() for t in _top_outline(result.path)]
    assert titles == ["Preliminary documents", "Applications and orders", "Statements",
                      "Care plans", "Experts' reports and other reports", "Other documents"]
    runs = _section_runs(labels)
    assert list(runs) == COURT_SECTIONS  # in order, each numbered from 1 without gaps
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in runs.values())
    assert not any(label.startswith("FR-") for label in labels)
    texts = _texts(result.path)
    everything = " ".join(texts)
    # Correspondence and contact notes are left out by default, and the bundle says why.
    assert "Correspondence log" not in everything and "Every session" not in everything
    assert "Letters, e-mails and calls: not included in this export (Practice Direction 27A" \
        in everything
    # The family's records go where they belong: the contact plan in D, meetings in F.
    d_pages = " ".join(t for t, label in zip(texts, labels, strict=True) if label.startswith("D"))
    f_pages = " ".join(t for t, label in zip(texts, labels, strict=True) if label.startswith("F"))
    assert "Contact with Linda Carter" in d_pages
    assert "Initial child protection conference" in f_pages and "How to check" in f_pages
    # The chronology still lists every letter; only their pages are not in this bundle.
    assert any(r.kind is RowKind.CORRESPONDENCE and not r.page_ref for r in result.chronology)


def test_court_bundle_with_correspondence_chosen(demo_services: Services, tmp_path: Path) -> None:
    result = demo_services.exports.bundle(
        ExportOptions(layout=Layout.COURT, court_correspondence=True), tmp_path / "c.pdf")
    labels = list(PdfReader(result.path).page_labels)
    texts = _texts(result.path)
    letter_pages = [label for t, label in zip(texts, labels, strict=True)
                    if t.startswith("Correspondence log") or "Correspondence log Date" in t]
    assert letter_pages and all(label.startswith("F") for label in letter_pages)
    assert all(r.page_ref.startswith("F") for r in result.chronology
               if r.kind is RowKind.CORRESPONDENCE)


def test_the_familys_own_bundle_uses_its_prefix_throughout(demo_services: Services,
                                                           tmp_path: Path) -> None:
    result = demo_services.exports.bundle(ExportOptions(), tmp_path / "s.pdf")
    labels = list(PdfReader(result.path).page_labels)
    front = [label for label in labels if not label.startswith("FR-")]
    assert front == ["i", "ii", "iii"][:len(front)]  # the cover and the index only
    assert list(_section_runs(labels)) == [f"FR-{s}" for s in "ABCDEFG"]
    everything = " ".join(_texts(result.path))
    refs = re.findall(r"p\. ((?:FR-)?[A-G]\d+)", everything)
    assert refs and all(ref.startswith("FR-") for ref in refs)
    assert "as in a court bundle" not in everything
    assert "the family's own, numbered FR-" in everything
    assert all(r.page_ref.startswith("FR-") for r in result.chronology if r.page_ref)


def test_preliminary_documents(demo_services: Services, tmp_path: Path) -> None:
    core = next(m for m in demo_services.list_records(Meeting) if m.title == "Core group meeting 2")
    hearing = date.today() + timedelta(days=40)
    options = ExportOptions(
        layout=Layout.COURT, court="Northfield Family Court", case_number="NF24C001",
        judge="HHJ Example", hearing_date=hearing, prepared_on=date(2026, 1, 5),
        case_summary="Mia and Leo live with their mother. The local authority has a plan.",
        issues=["Whether the children can stay at home.", "Contact with their grandmother."],
        position="The family wants the children to stay at home, with support.",
        essential_reading=["doc-chronology", f"rec-{core.id}"])
    choices = {c.key for c in demo_services.exports.reading_choices(options)}
    assert {"doc-summary", "doc-issues", "doc-position", "doc-chronology", f"rec-{core.id}"} <= choices
    result = demo_services.exports.bundle(options, tmp_path / "p.pdf")
    reader = PdfReader(result.path)
    labels, texts = list(reader.page_labels), _texts(result.path)
    cover = texts[0]
    for shown in ("Northfield Family Court", "NF24C001", "HHJ Example", "For the hearing on",
                  "Prepared on Monday 5 January 2026"):
        assert shown in cover
    dated = f"Prepared on Monday 5 January 2026 for the hearing on {hearing:%A} {hearing.day}"
    for title in ("Case summary", "Statement of issues", "The family's position", "Chronology",
                  "Essential reading"):
        page = next(t for t in texts if title in t and "Prepared on" in t)
        assert dated in page, title
    summary = next(t for t in texts if "Case summary" in t and "In the family's words" in t)
    assert "Mia and Leo live with their mother." in summary
    issues = next(t for t in texts if "Statement of issues" in t and "1. Whether" in t)
    assert "2. Contact with their grandmother." in issues
    # The reading list's pages are where those documents really are.
    reading = next(n for n, t in enumerate(texts) if t.startswith("Essential reading") or
                   "Essential reading Prepared" in t)
    core_page = next(label for t, label in zip(texts, labels, strict=True)
                     if t.startswith("Core group meeting 2"))
    chronology_page = next(label for t, label in zip(texts, labels, strict=True)
                           if "Chronology Prepared on" in t)
    assert f"Core group meeting 2 {core.starts_at:%d/%m/%Y} {core_page}" in texts[reading]
    assert f"Chronology {chronology_page}" in texts[reading]


def test_page_limits_are_checked(demo_services: Services, tmp_path: Path) -> None:
    long_position = "\n\n".join(f"Paragraph {n}: " + "we ask for support at home. " * 12
                                for n in range(40))
    result = demo_services.exports.bundle(ExportOptions(position=long_position), tmp_path / "l.pdf")
    assert any("position statement runs to" in w and "no more than 3 pages" in w
               for w in result.warnings)
    assert not any("case summary" in w for w in result.warnings)
    assert any("350 pages" in w for w in page_warnings(351, {}))
    assert page_warnings(350, {"chronology": 10, "case summary": 6, "position statement": 3}) == []


def test_choices_said_plainly_and_counts_scoped(demo_services: Services, tmp_path: Path) -> None:
    mia = next(c for c in demo_services.children() if c.name == "Mia Carter")
    start = min(r.on for r in demo_services.chronology.rows())
    options = ExportOptions(date_from=start + timedelta(days=30), child_ids=[mia.id],
                            kinds=[RowKind.MEETING, RowKind.EVENT, RowKind.DISPUTED_POINT])
    result = demo_services.exports.bundle(options, tmp_path / "f.pdf")
    texts = _texts(result.path)
    when = f"{options.date_from.day} {options.date_from:%B %Y}"  # type: ignore[union-attr]
    for where in (texts[0], next(t for t in texts if "Case summary" in t and "Prepared" in t)):
        assert f"Only records from {when} onwards." in where
        assert "Only records about Mia Carter" in where
        assert "Only these kinds of record: meeting, event and disputed point." in where
    everything = " ".join(texts)
    assert "Letters, e-mails and calls: not included in this export (the family chose" in everything
    assert "No letters" not in everything
    meetings = sum(1 for r in result.chronology if r.kind is RowKind.MEETING)
    assert f"The chronology has {len(result.chronology)} rows: {meetings} meetings, 0 letters" \
        in everything
    assert all(r.on >= options.date_from for r in result.chronology)  # type: ignore[operator]
    assert not any(isinstance(demo_services.get(r.source_id), Correspondence)
                   for r in result.chronology if r.source_id)
