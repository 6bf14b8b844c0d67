"""What the bundle now carries: the minutes against the recording for a disputed point, the
support plan and missed timescales in the case summary, life-story items only when chosen, and
an invisible text layer over pictures so the bundle stays searchable."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader

from familyrecord.export.options import ExportOptions
from familyrecord.records.models import DisputedPoint, Meeting
from familyrecord.services import Services

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
