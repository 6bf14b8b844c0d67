"""What the bundle now carries: the minutes against the recording for a disputed point, the
support plan and missed timescales in the case summary, life-story items only when chosen, and
an invisible text layer over pictures so the bundle stays searchable."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from familyrecord.export.options import ExportOptions, Layout
from familyrecord.records.kinship import LifeStoryItem
from familyrecord.records.models import Child, DisputedPoint, Meeting
from familyrecord.services import Services
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
