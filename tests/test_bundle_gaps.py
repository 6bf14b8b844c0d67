"""What the bundle now carries: the minutes against the recording for a disputed point, the
support plan and missed timescales in the case summary, life-story items only when chosen, and
an invisible text layer over pictures so the bundle stays searchable."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from familyrecord.export.options import ExportOptions, Layout
from familyrecord.export.text_layer import Placed, overlay, page_lines
from familyrecord.records.enums import DeadlineWho, SupportStatus
from familyrecord.records.kinship import LifeStoryItem, SupportItem, SupportUpdate
from familyrecord.records.models import Child, Correspondence, Deadline, DisputedPoint, Meeting
from familyrecord.services import Services
from familyrecord.storage.readings import Reading
from tests.vault_access import vault_of

TODAY = date(2024, 6, 3)


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_disputed_point_shows_the_minutes_against_the_recording(services: Services,
                                                                 tmp_path: Path) -> None:
    point = DisputedPoint(text="Mum refused to engage.", family_account="I asked for a later time.",
                          minutes_wording="Mum refused to engage with the plan.",
                          recording_wording="I can do Thursday but not Monday.",
                          recording_at=3725.0, correction_asked="Please record that I offered Thursday.")
    services.save(Meeting(title="Core group", starts_at=datetime(2024, 3, 5, 10),
                          disputed_points=[point]))
    text = _text(services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=TODAY).path)
    assert "The minutes say Mum refused to engage with the plan." in text
    assert "At 1:02:05 in the recording: I can do Thursday but not Monday." in text
    assert "The family's account I asked for a later time." in text
    assert "Correction asked for Please record that I offered Thursday." in text


def test_disputed_point_wording_is_redacted(services: Services, tmp_path: Path) -> None:
    point = DisputedPoint(text="Point", minutes_wording="Zelda refused.",
                          recording_wording="Zelda said yes.", recording_at=65.0)
    services.save(Meeting(title="Core group", starts_at=datetime(2024, 3, 5, 10),
                          disputed_points=[point]))
    options = ExportOptions(redact_names=["Zelda Quince"])
    text = _text(services.exports.bundle(options, tmp_path / "b.pdf", today=TODAY).path)
    assert "Zelda" not in text
    assert "At 01:05 in the recording" in text


def _pdf(line: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawString(72, 700, line)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _life_story(services: Services, child: Child, title: str, file_name: str, words: str, *,
                chosen: bool, dated: date = date(2024, 2, 1)) -> LifeStoryItem:
    item = services.save(LifeStoryItem(title=title, dated=dated, child_ids=[child.id],
                                       include_in_bundle=chosen))
    store = vault_of(services).attachments
    attachment = store.import_stream(io.BytesIO(_pdf(words)), file_name, link_to=item.id)
    store.link(child.id, attachment.id)  # linked to the child too: it must still stay out
    return item


def _family(services: Services) -> tuple[Child, Child]:
    services.save(Meeting(title="Core group", starts_at=datetime(2024, 3, 5, 10)))
    return services.save(Child(name="Amy Stone")), services.save(Child(name="Ben Stone"))


def test_life_story_files_stay_out_unless_chosen(services: Services, tmp_path: Path) -> None:
    amy, ben = _family(services)
    _life_story(services, amy, "Birthday photo", "amy-secret-birthday.pdf", "Privateword party",
                chosen=False)
    _life_story(services, amy, "Drawing of home", "amy-drawing.pdf", "Chosenword house", chosen=True)
    _life_story(services, ben, "Ben's letter", "ben-letter.pdf", "Benword letter", chosen=True)
    _life_story(services, amy, "Old card", "old-card.pdf", "Oldword card", chosen=True,
                dated=date(2023, 1, 1))
    for layout in Layout:
        options = ExportOptions(layout=layout, child_ids=[amy.id], date_from=date(2024, 1, 1))
        result = services.exports.bundle(options, tmp_path / f"{layout}.pdf", today=TODAY)
        text = _text(result.path)
        assert "Chosenword house" in text  # chosen, for Amy, in range: in other documents
        assert "From the life-story folder: Drawing of home" in text
        for private in ("Privateword", "amy-secret-birthday", "Birthday photo"):
            assert private not in text  # not chosen: not placed, not even named as left out
        assert "Benword" not in text and "Oldword" not in text  # other child; out of range
        names = [f.file_name for f in result.included] + [n for n, _ in result.not_included]
        assert "amy-drawing.pdf" in names and "amy-secret-birthday.pdf" not in names


def test_a_chosen_life_story_file_also_linked_elsewhere_goes_in(services: Services,
                                                                tmp_path: Path) -> None:
    amy, _ = _family(services)
    item = _life_story(services, amy, "Drawing of home", "amy-drawing.pdf", "Chosenword house",
                       chosen=False)
    result = services.exports.bundle(ExportOptions(), tmp_path / "before.pdf", today=TODAY)
    assert "Chosenword" not in _text(result.path)
    item.include_in_bundle = True
    services.save(item)
    result = services.exports.bundle(ExportOptions(), tmp_path / "after.pdf", today=TODAY)
    assert "Chosenword house" in _text(result.path)


def test_private_life_story_file_names_stay_out_of_the_redaction_key(services: Services,
                                                                     tmp_path: Path) -> None:
    amy, _ = _family(services)
    _life_story(services, amy, "Birthday photo", "amy-secret-birthday.pdf", "Privateword",
                chosen=False)
    _life_story(services, amy, "Drawing of home", "amy-drawing.pdf", "Chosenword", chosen=True)
    result = services.exports.bundle(ExportOptions(pseudonyms=True), tmp_path / "b.pdf",
                                     today=TODAY)
    assert result.redaction_key is not None
    key = _text(result.redaction_key)
    assert "amy-drawing.pdf" in key and "amy-secret-birthday" not in key
    text = _text(result.path)
    assert "Chosenword" in text and "Privateword" not in text


def _plan_and_timescales(services: Services, amy: Child, ben: Child) -> None:
    services.save(SupportItem(what="Nursery place", provider="Sure Start", child_ids=[amy.id],
                              promised_on=date(2024, 2, 1), due_on=date(2024, 3, 1),
                              updates=[SupportUpdate(on=date(2024, 3, 20),
                                                     status=SupportStatus.DELIVERED)]))
    services.save(SupportItem(what="Zelda's family support worker", child_ids=[amy.id],
                              promised_on=date(2024, 2, 1), due_on=date(2024, 4, 1)))
    services.save(SupportItem(what="Speech therapy", child_ids=[ben.id],
                              promised_on=date(2024, 2, 1), due_on=date(2024, 4, 1)))
    services.save(Deadline(title="Answer to your subject access request due",
                           due_on=date(2024, 4, 2), who=DeadlineWho.LOCAL_AUTHORITY,
                           rule_id="subject_access_response", child_ids=[amy.id]))
    services.save(Deadline(title="Minutes for Zelda", due_on=date(2024, 5, 1), done_on=date(2024, 5, 8),
                           who=DeadlineWho.LOCAL_AUTHORITY))
    services.save(Deadline(title="Send my comments", due_on=date(2024, 4, 2), who=DeadlineWho.YOU))
    services.save(Deadline(title="Ben's review", due_on=date(2024, 4, 2),
                           who=DeadlineWho.LOCAL_AUTHORITY, child_ids=[ben.id]))


def test_case_summary_shows_support_plan_and_missed_timescales(services: Services,
                                                               tmp_path: Path) -> None:
    amy, ben = _family(services)
    _plan_and_timescales(services, amy, ben)
    options = ExportOptions(child_ids=[amy.id], redact_names=["Zelda Quince"])
    text = _text(services.exports.bundle(options, tmp_path / "b.pdf", today=TODAY).path)
    summary = text[text.index("Case summary Prepared"):text.index("Chronology Prepared")]
    assert "The support plan: promised and delivered" in summary
    # Amy's two promises (Ben's is another child's): one delivered late, one overdue.
    assert "The support plan promised 2 things: 1 delivered (1 of them late) and 1 still waiting." \
        in summary
    assert "family support worker, due 01/04/2024" in summary and "Speech therapy" not in summary
    assert "Timescales the local authority missed" in summary
    assert "Answer to your subject access request due 02/04/2024 Not done 42 working days" in summary
    assert "The council must answer your subject access request within one month" in summary
    assert "UK GDPR Article 12(3)" in summary
    assert "01/05/2024 08/05/2024 4 working days" in summary
    assert "Send my comments" not in summary and "Ben's review" not in summary
    assert "Zelda" not in text


def test_case_summary_says_nothing_of_an_empty_plan(services: Services, tmp_path: Path) -> None:
    amy, ben = _family(services)
    _plan_and_timescales(services, amy, ben)
    options = ExportOptions(date_from=date(2024, 5, 10))  # after every promise and deadline
    text = _text(services.exports.bundle(options, tmp_path / "b.pdf", today=TODAY).path)
    assert "support plan" not in text.lower()
    assert "Timescales the local authority missed" not in text


def _png(size: tuple[int, int] = (800, 600)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


def _scan_pdf() -> bytes:
    """A scanned page: a picture and no text."""
    from reportlab.lib.utils import ImageReader

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(_png((595, 842)))), 0, 0, 595, 842)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


LINES = [("Quokka meeting moved", (100, 100, 500, 140)), ("to Thursday morning", (100, 200, 450, 240))]


def _boxes(width: int, height: int) -> str:
    lines = []
    for text, (x0, y0, x1, y1) in LINES:
        quad = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
        lines.append({"text": text, "quad": quad, "confidence": 0.9,
                      "words": [[w, quad] for w in text.split()]})
    return json.dumps({"width": width, "height": height, "skew": 0.0, "lines": lines})


def _read_file(services: Services, data: bytes, name: str) -> str:
    vault = vault_of(services)
    letter = services.save(Correspondence(subject="Photo of the notice", dated=date(2024, 3, 1)))
    attachment = vault.attachments.import_stream(io.BytesIO(data), name, link_to=letter.id)
    text = "\n".join(t for t, _ in LINES)
    vault.readings.put(attachment.id, 0, text, _boxes(800, 600) if name.endswith(".png")
                       else _boxes(595, 842), "rapidocr")
    return attachment.id


def _attached_page(path: Path, caption: str) -> int:
    reader = PdfReader(path)
    return next(n for n, p in enumerate(reader.pages) if caption in (p.extract_text() or ""))


def _page_text(path: Path, caption: str) -> str:
    """The words of the attached page with this caption, spaced as one line."""
    page = PdfReader(path).pages[_attached_page(path, caption)]
    return " ".join((page.extract_text() or "").split())


def _content(path: Path, index: int) -> bytes:
    contents = PdfReader(path).pages[index].get_contents()
    assert contents is not None
    return contents.get_data()


def test_a_read_photo_is_searchable_and_its_words_invisible(services: Services,
                                                            tmp_path: Path) -> None:
    _read_file(services, _png(), "notice.png")
    path = services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=TODAY).path
    index = _attached_page(path, "Attached picture: notice.png")
    text = " ".join((PdfReader(path).pages[index].extract_text() or "").split())
    assert "Quokka meeting moved" in text and "to Thursday morning" in text
    assert re.search(rb"\b3 Tr\b", _content(path, index))
    if shutil.which("pdftotext"):
        # Where the words sit: over the picture, the first line above the second, stretched
        # to their boxes (the picture is 800 px wide; the first box 400 px of it).
        html = subprocess.run(["pdftotext", "-bbox", "-f", str(index + 1), "-l", str(index + 1),
                               str(path), "-"], capture_output=True, text=True, check=True).stdout
        words = {m[4]: [float(v) for v in m[:4]] for m in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\w+)<', html)}
        assert words["Quokka"][1] < words["Thursday"][1]
        first_width = words["moved"][2] - words["Quokka"][0]
        second_width = words["morning"][2] - words["to"][0]
        assert abs(first_width / second_width - 400 / 350) < 0.1


def test_the_familys_correction_is_what_the_layer_says(services: Services, tmp_path: Path) -> None:
    attachment_id = _read_file(services, _png(), "notice.png")
    vault_of(services).readings.correct(attachment_id, 0, "Quokka meeting moved\nto Friday morning")
    path = services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=TODAY).path
    text = _page_text(path, "Attached picture: notice.png")
    assert "Friday morning" in text and "Thursday" not in text
    # A correction with a different number of lines goes in as one block.
    vault_of(services).readings.correct(attachment_id, 0, "Wombat meeting moved to Friday at ten")
    path = services.exports.bundle(ExportOptions(), tmp_path / "c.pdf", today=TODAY).path
    text = _page_text(path, "Attached picture: notice.png")
    assert "Wombat meeting moved to Friday at ten" in text and "Quokka" not in text


def test_a_scanned_pdf_page_gets_its_text_layer(services: Services, tmp_path: Path) -> None:
    _read_file(services, _scan_pdf(), "scan.pdf")
    path = services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=TODAY).path
    index = _attached_page(path, "Attached document: scan.pdf, page 1 of 1")
    assert "Quokka meeting moved" in (PdfReader(path).pages[index].extract_text() or "")
    assert re.search(rb"\b3 Tr\b", _content(path, index))


def test_a_pdf_page_with_its_own_text_gets_no_second_layer(services: Services,
                                                           tmp_path: Path) -> None:
    _read_file(services, _pdf("Own text of the page"), "letter.pdf")
    path = services.exports.bundle(ExportOptions(), tmp_path / "b.pdf", today=TODAY).path
    text = _page_text(path, "Attached document: letter.pdf, page 1")
    assert "Own text of the page" in text and "Quokka" not in text


class _Readings:
    def __init__(self, boxes: str) -> None:
        self.boxes = boxes

    def for_attachment(self, attachment_id: str) -> list[Reading]:
        return [Reading(attachment_id, 0, "Some words\nread", "Some words", self.boxes, "test", "")]


class _Stores:
    def __init__(self, boxes: str) -> None:
        self.readings = _Readings(boxes)


_NUMBER = st.floats() | st.integers(-10**6, 10**6)
_QUAD = st.lists(st.tuples(_NUMBER, _NUMBER), min_size=4, max_size=4)
_WELL_FORMED = st.builds(
    lambda w, h, lines: json.dumps({"width": w, "height": h, "lines": [
        {"text": t, "quad": q, "confidence": 0.9, "words": [[t, q]]} for t, q in lines]}),
    st.integers(-5, 5000), st.integers(-5, 5000),
    st.lists(st.tuples(st.text(max_size=30), _QUAD), max_size=4))


@settings(max_examples=150, deadline=None)
@given(st.one_of(_WELL_FORMED, st.text(max_size=200), st.recursive(
    st.none() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["width", "height", "lines", "text", "quad", "confidence", "words"]), inner,
        max_size=7), max_leaves=30).map(json.dumps)))
def test_damaged_boxes_never_break_a_bundle(boxes: str) -> None:
    lines, width, height = page_lines(_Stores(boxes), "a", 0)  # type: ignore[arg-type]
    if lines:
        page = overlay(lines, (width, height), Placed(10, 10, 300, 200), (595, 842), str)
        assert page.mediabox.width == 595
