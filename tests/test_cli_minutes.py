"""`familyrecord compare-minutes`: text for a person, JSON for a program; minutes as .txt, .docx or a
photo; plain errors. Nothing is saved by it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.export.correction_letter import recording_time
from familyrecord.records.minutes_review import MinutesReview
from familyrecord.services import Services
from tests import intake_fixtures
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.minutes_fixtures import MINUTES, OMITTED, TARGETS, transcript
from tests.test_minutes_service import core_group

# The minutes' first page, as lines for a picture of it (a photo needs OCR).
PICTURE_LINES = ("Minutes of Core Group Meeting", "", "3. Contact",
                 "3.1 Contact between Tyler and his father will continue once",
                 "a week at the family centre.", "", "4. Parenting and support",
                 "4.1 Mum said she did not receive the letter about the",
                 "parenting course.")


@pytest.fixture
def recorded(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A vault with the core-group meeting and its transcript; returns the meeting's id."""
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    services, _code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    try:
        return core_group(services).id
    finally:
        services.lock()


def _run(vault_path: Path, meeting_id: str, minutes: Path, *extra: str) -> int:
    return main(["compare-minutes", "--path", str(vault_path), "--meeting", meeting_id, str(minutes), *extra])


def test_text_report(vault_path: Path, recorded: str, tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    assert _run(vault_path, recorded, minutes) == 0
    out = capsys.readouterr().out
    print(out)
    assert "compared with the recording: 8 statements" in out
    contact = out[out.index("3.1   Contact between"):out.index("4.1   Mum said")]
    assert "! Differs (how often): the minutes say “once a week”, what was said: “twice a week”" in contact
    said_at = [f"at {recording_time(transcript()[n].start)} (" for n in (TARGETS[2] - 1, TARGETS[2])]
    assert any(at in contact for at in said_at) and "twice a week at the family centre" in contact
    left_out = out[out.index("Said but not in the minutes"):]
    assert "Little Acorns" in left_out and "commitment" in left_out
    services = Services.open(vault_path, PASSPHRASE)
    try:
        assert services.list_records(MinutesReview) == []  # only a look: nothing is kept
    finally:
        services.lock()


def test_json_document(vault_path: Path, recorded: str, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    minutes = tmp_path / "minutes.docx"
    paragraphs = [line for line in MINUTES.replace("half\nterm", "half term").replace("on\ntrack", "on track")
                  .replace("the\nfamily", "the family").replace("the\nschool", "the school")
                  .replace("and\nFridays", "and Fridays").replace("housing\nofficer", "housing officer")
                  .replace("family\ncentre", "family centre").splitlines() if line.strip()]
    minutes.write_bytes(intake_fixtures.docx(paragraphs))
    assert _run(vault_path, recorded, minutes, "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["meeting_id"] == recorded
    statements = document["statements"]
    assert [s["item"] for s in statements] == ["1.1", "2.1", "3.1", "4.1", "4.2", "4.3", "5.1", "6"]
    best = statements[2]["candidates"][0]
    assert {"start", "end", "text", "score"} <= best.keys() and best["start"] < best["end"]
    assert [d["kind"] for d in statements[2]["differences"]] == ["frequency"]
    omitted = [o for o in document["omissions"][:5] if "Little Acorns" in o["text"]]
    assert omitted and omitted[0]["first"] <= OMITTED[0] <= omitted[0]["last"]


@pytest.mark.slow
def test_a_photo_of_the_minutes_is_read(vault_path: Path, recorded: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    page = intake_fixtures.scan(intake_fixtures.Letter(PICTURE_LINES), dpi=150)
    picture = io.BytesIO()
    page.save(picture, "PNG")
    minutes = tmp_path / "minutes.png"
    minutes.write_bytes(picture.getvalue())
    assert _run(vault_path, recorded, minutes, "--json") == 0
    statements = json.loads(capsys.readouterr().out)["statements"]
    assert [s["item"] for s in statements] == ["3.1", "4.1"]
    assert [d["kind"] for d in statements[0]["differences"]] == ["frequency"]


def test_plain_errors(vault_path: Path, recorded: str, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(vault_path, recorded, tmp_path / "missing.txt") == 1
    assert "There is no file at" in capsys.readouterr().err
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    assert _run(vault_path, "no-such-meeting", minutes) != 0
    assert "could not be found" in capsys.readouterr().err
    odd = tmp_path / "minutes.xyz"
    odd.write_bytes(b"\x00\x01\x02")
    assert _run(vault_path, recorded, odd) == 1
    assert "cannot be read for text" in capsys.readouterr().err
