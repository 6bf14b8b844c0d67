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
from familyrecord.records.enums import DeadlineWho, SupportStatus
from familyrecord.records.kinship import LifeStoryItem, SupportItem, SupportUpdate
from familyrecord.records.models import Child, Deadline, DisputedPoint, Meeting
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
