"""The bundle PDF: outline, index links, page references, redaction, password, verify-export."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from familyrecord.export.manifest import BundleLocked
from familyrecord.export.options import ExportCancelled, ExportOptions
from familyrecord.records.models import Correspondence, Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from tests.vault_access import vault_of

SECTIONS = ["FR-A", "FR-B", "FR-C", "FR-D", "FR-E", "FR-F", "FR-G"]
PAGE_SUFFIX = re.compile(r" \((?:FR-)?[A-G]\d+\)$")


def _section(title: str) -> str:
    return title.split(".", 1)[0]


def _pdf(lines: list[str]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for line in lines:
        canvas.drawString(72, 700, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def rich(demo_services: Services) -> Services:
    """The demo family plus an attached two-page PDF letter, a photo and an audio file."""
    letter = next(c for c in vault_of(demo_services).repo(Correspondence).list()
                  if c.subject.startswith("Introduction"))
    store = vault_of(demo_services).attachments
    store.import_stream(io.BytesIO(_pdf(["Zebra page one from Sarah Ahmed", "Yak page two"])),
                        "council-letter.pdf", link_to=letter.id,
                        text_content="Zebra page one from Sarah Ahmed\nYak page two")
    store.import_stream(io.BytesIO(_png()), "garden.png", link_to=letter.id)
    store.import_stream(io.BytesIO(b"RIFF0000WAVE"), "call.wav", link_to=letter.id)
    core = next(m for m in vault_of(demo_services).repo(Meeting).list() if m.title == "Core group meeting 3")
    transcripts = vault_of(demo_services).transcripts
    transcript = transcripts.create(core.id, None, "faster-whisper", "tiny.en", "en")
    segments = transcripts.add_segments(transcript.id, [
        Segment(12.0, 15.0, "We have no concerns about the home.", speaker="Tom Price"),
        Segment(75.5, 80.0, "Contact will stay at the family centre.", speaker="Chair")])
    transcripts.edit_segment(segments[0].id, disputed=True, text="We have no concerns about the house.")
    return demo_services


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bundles")


def _text(reader: PdfReader, index: int) -> str:
    return reader.pages[index].extract_text() or ""


def test_bundle_structure(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    head_before = rich.journal_head()
    result = rich.exports.bundle(ExportOptions(court="Northfield Family Court", case_number="NF24C001"),
                          out)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    labels = reader.page_labels
    # Every section is in the outline, in order, pointing at its first page.
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert [_section(t.title) for t in top] == SECTIONS
    for item in top:
        # Bookmarks name the page they open at.
        assert labels[reader.get_destination_page_number(item)] == f"{_section(item.title)}1"
        assert item.title.endswith(f"({_section(item.title)}1)")
    # The cover shows the family and the court details.
    cover = _text(reader, 0)
    assert "The Carter family" in cover and "NF24C001" in cover
    # Attached PDF pages merged in, picture placed, audio listed as not included.
    pdf_pages = [i for i in range(len(reader.pages)) if "Zebra page one" in _text(reader, i)]
    assert len(pdf_pages) == 1 and labels[pdf_pages[0]].startswith("FR-E")
    assert "Yak page two" in _text(reader, pdf_pages[0] + 1)
    assert any("Attached picture: garden.png" in _text(reader, i) for i in range(len(reader.pages)))
    assert ("call.wav", "a sound recording, kept in the record; see the transcript") in result.not_included
    appendix = "".join(_text(reader, i) for i in range(len(reader.pages))
                       if labels[i].startswith("FR-G"))
    for item in result.included:
        assert item.sha256 in appendix.replace("\n", "")
    # The bundle takes a receipt for the history first (one journal entry), and the appendix
    # names the head as it was then, with the receipt's code; the export itself is journalled
    # after, so the head has moved on since.
    receipt_entry = next(e for e in rich.recent_changes(5) if e.action == "receipt")
    assert receipt_entry.prev_hash == head_before
    assert result.journal_head == receipt_entry.entry_hash != rich.journal_head()
    assert result.journal_head in appendix.replace("\n", "")
    assert result.receipt_code.startswith("R-") and result.receipt_code in appendix.replace("\n", "")
    assert rich.safekeeping.check_receipt(result.receipt_code).ok


def test_index_links_and_page_references(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    rich.exports.bundle(ExportOptions(), out)
    reader = PdfReader(out)
    labels = reader.page_labels
    # Links carry explicit destinations; name each by the outline entry at the same spot.
    spots: dict[tuple[int, float], str] = {}

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                spots[(reader.get_destination_page_number(item), round(float(item.top), 1))] = \
                    PAGE_SUFFIX.sub("", item.title)

    walk(reader.outline)
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    index_pages = [i for i, label in enumerate(labels) if not label[0].isupper()][1:]
    checked = 0
    for i in index_pages:
        for annot in reader.pages[i].get("/Annots", []):
            target = annot.get_object()["/Dest"]
            page = page_of[target[0].idnum]
            title = spots[(page, round(float(target[3]), 1))]
            # The link lands on the page that shows that heading, at the heading.
            page_text = " ".join(_text(reader, page).split())
            shown = title.split(": ", 1)[-1] if title.startswith("Attached") else title
            assert " ".join(shown.split()[:3]) in page_text, title
            if _section(title) in SECTIONS:
                assert labels[page] == f"{_section(title)}1"
            checked += 1
    assert checked >= 20
    # Chronology rows' page references: each row's page holds its source, and the reference
    # printed in the chronology is that page's label.
    result = rich.exports.bundle(ExportOptions(), out)
    reader = PdfReader(out)
    labels = reader.page_labels
    by_label = {label: i for i, label in enumerate(labels)}
    chronology = " ".join(" ".join(_text(reader, i).split()) for i, label in enumerate(labels)
                          if label.startswith("FR-A"))
    assert len(re.findall(r"p\. FR-[A-G]\d+", chronology)) >= 30
    checked_refs = 0
    for row in result.chronology:
        if row.kind.value in ("meeting", "correspondence", "event"):
            expected = rich.get(row.source_id).summary()
        elif row.kind.value == "transcript":
            expected = "We have no concerns about the house."
            assert "01:15" not in row.text  # only the disputed segment makes a row
        else:
            continue
        assert row.page_ref, row.text
        assert f"p. {row.page_ref}" in chronology
        page_text = " ".join(_text(reader, by_label[row.page_ref]).split())
        assert " ".join(expected.split()[:4]) in page_text, (row.page_ref, expected)
        checked_refs += 1
    assert checked_refs >= 15
    assert any(r.kind.value == "transcript" for r in result.chronology)


def test_redaction_really_removes_the_name(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "redacted.pdf"
    result = rich.exports.bundle(ExportOptions(redact_names=["Sarah Ahmed", "Linda Carter"]), out)
    reader = PdfReader(out)
    text = " ".join(_text(reader, i) for i in range(len(reader.pages)))
    text += str(reader.metadata) + str([o.title for o in reader.outline if not isinstance(o, list)])
    for word in ("Sarah", "Ahmed", "Linda"):
        assert word not in text
    assert "S.A." in text and "L.C." in text
    # The attached PDF is included as redacted text; the picture is left out. In the bundle
    # files get neutral names (a file name often carries a name); the family is told the real.
    assert "Zebra page one from S.A." in text
    assert "garden" not in text and "council-letter" not in text
    assert any(name == "garden.png" for name, _ in result.not_included)


def test_password(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "locked.pdf"
    rich.exports.bundle(ExportOptions(password="s3cret words"), out)
    reader = PdfReader(out)
    assert reader.is_encrypted
    with pytest.raises(Exception):  # noqa: B017 - pypdf's error type varies by version
        _text(reader, 1)
    assert not PdfReader(out).decrypt("wrong")
    unlocked = PdfReader(out)
    assert unlocked.decrypt("s3cret words")
    assert "Index" in _text(unlocked, 1)
    with pytest.raises(BundleLocked):
        rich.exports.verify_bundle(out)
    assert rich.exports.verify_bundle(out, "s3cret words").ok


def test_verify_export_detects_tampering(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    rich.exports.bundle(ExportOptions(), out)
    assert rich.exports.verify_bundle(out).ok
    # An entry edited since the export is reported, not treated as tampering.
    meeting = vault_of(rich).repo(Meeting).list()[0]
    meeting.own_notes += " Added later."
    rich.save(meeting)
    edited = rich.exports.verify_bundle(out)
    assert edited.ok and any("edited since" in note for note in edited.notes)
    # Simulate someone altering one attached document inside the vault.
    att = next(a for a in vault_of(rich).attachments.list() if a.file_name == "council-letter.pdf")
    with vault_of(rich).transaction() as conn:
        conn.execute("UPDATE attachment_chunks SET data = ? WHERE attachment_id = ? AND seq = 0",
                     (b"%PDF-1.4 altered", att.id))
    check = rich.exports.verify_bundle(out)
    assert not check.ok and any("council-letter.pdf" in p for p in check.problems)


def test_verify_export_tells_a_resaved_file_from_an_edited_one(rich: Services,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    rich.exports.bundle(ExportOptions(), out)
    assert rich.exports.verify_bundle(out).exact_file
    # Bytes added after the end change the file but not one page: genuine, and said so.
    copy = tmp_path / "copy.pdf"
    shutil.copy(out, copy)
    with copy.open("ab") as f:
        f.write(b"\n% appended\n")
    check = rich.exports.verify_bundle(copy)
    assert check.ok and not check.exact_file and any("byte for byte" in n for n in check.notes)


def test_export_is_journalled_and_filters_apply(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    result = rich.exports.bundle(ExportOptions(date_to=date.today(), kinds=[], password="x y z w"),
                          out)
    entry = rich.recent_changes(1)[0]
    assert entry.action == "export" and entry.kind == "bundle"
    assert entry.content is not None and "x y z w" not in entry.content
    assert '"password_protected":true' in entry.content
    assert result.rows > 0 and result.warnings == []


def test_cancel_leaves_no_file(rich: Services, tmp_path: Path) -> None:
    out = tmp_path / "out" / "bundle.pdf"
    calls = iter(range(1000))
    with pytest.raises(ExportCancelled):
        rich.exports.bundle(ExportOptions(), out, cancelled=lambda: next(calls) > 3)
    assert not out.parent.exists()


def test_pd27a_warning(services: Services, tmp_path: Path) -> None:
    for n in range(260):
        services.save(Correspondence(subject=f"Letter number {n} about the arrangements for contact",
                                     dated=date(2024, 1, 1 + n % 28)))
    result = services.exports.bundle(ExportOptions(), tmp_path / "long.pdf")
    assert result.chronology_pages > 10
    assert any("Practice Direction 27A" in w for w in result.warnings)


def test_transcript_excerpts_or_full(rich: Services, tmp_path: Path) -> None:
    def all_text(options: ExportOptions) -> str:
        out = tmp_path / "t.pdf"
        rich.exports.bundle(options, out)
        reader = PdfReader(out)
        return " ".join(" ".join(_text(reader, i).split()) for i in range(len(reader.pages)))

    excerpts = all_text(ExportOptions())
    assert "We have no concerns about the house." in excerpts
    assert "The machine heard: “We have no concerns about the home.”" in excerpts
    assert "Contact will stay at the family centre." not in excerpts
    assert "Contact will stay at the family centre." in all_text(ExportOptions(full_transcripts=True))


def test_demo_bundle_renders_with_pdftoppm(demo_services: Services, tmp_path: Path) -> None:
    import subprocess

    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = tmp_path / "demo.pdf"
    demo_services.exports.bundle(ExportOptions(), out)
    subprocess.run([tool, "-r", "20", "-png", "-f", "1", "-l", "3", str(out), str(tmp_path / "p")],
                   check=True, capture_output=True, timeout=60)
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_unwritable_destination_is_a_typed_error(services: Services, tmp_path: Path) -> None:
    from familyrecord.export.options import ExportFailed

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportFailed) as caught:
        services.exports.bundle(ExportOptions(), blocker / "bundle.pdf")
    assert "another folder" in caught.value.user_message
    assert not list(tmp_path.glob("**/*.part"))
