"""`familyrecord import`: the suggestions printed per file with the words they came from; nothing
saved without --accept; with it, each readable file saved and its pictures read; a bad file gets
its own message and exit code 1 while the others are saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.importers.errors import ImageTooLarge
from familyrecord.records.models import Child, Correspondence
from familyrecord.services import Services
from tests import intake_fixtures as fx
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def vault(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    services, _code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    for name in fx.KNOWN_CHILDREN:
        services.save(Child(name=name))
    services.lock()
    return vault_path


@contextmanager
def _opened(vault: Path) -> Iterator[Services]:
    services = Services.open(vault, PASSPHRASE)
    try:
        yield services
    finally:
        services.lock()


def test_suggestions_are_printed_with_their_words_and_nothing_is_saved(
        vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = tmp_path / "review.msg"
    message.write_bytes(fx.outlook_msg())
    assert main(["import", "--path", str(vault), str(message)]) == 0
    out = capsys.readouterr().out
    assert "1. review.msg (e-mail)" in out
    assert "   Subject: Child in need review for Amara\n" in out
    assert "      from the e-mail's header: “Subject: Child in need review for Amara”" in out
    assert "   Reply needed by: Friday 28 February 2025\n      from the text: “28 February 2025”" in out
    assert "   Children: Amara\n      from the text: “Amara”" in out
    assert "      Tuesday 4 March 2025 at 14:00 — child in need review: “Tuesday 4 March 2025”" in out
    assert "Nothing was saved. Run again with --accept to save these." in out
    with _opened(vault) as services:
        assert services.list_records(Correspondence) == []


def test_own_address_and_set_change_what_is_saved(vault: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    message = tmp_path / "review.msg"
    message.write_bytes(fx.outlook_msg())
    code = main(["import", "--path", str(vault), "--own-address", "priya.patel@northam.gov.uk", "--accept",
                 "--set", "subject=Review for Amara", "--set", "reply_needed_by=", str(message)])
    assert code == 0
    out = capsys.readouterr().out
    assert "   Sent or received: Sent by you\n      from your own e-mail addresses" in out
    assert "   Saved: “Review for Amara” with 1 file." in out
    with _opened(vault) as services:
        (saved,) = services.list_records(Correspondence)
        assert (saved.direction, saved.reply_needed_by, saved.dated) == ("sent", None, date(2025, 2, 14))
    assert main(["import", "--path", str(vault), "--accept", str(message)]) == 0  # run twice
    assert "   Not saved again: it is already in the record." in capsys.readouterr().out
    with _opened(vault) as services:
        assert len(services.list_records(Correspondence)) == 1


def test_bad_set_is_refused_plainly(vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.txt"
    note.write_text("x", encoding="utf-8")
    assert main(["import", "--path", str(vault), "--set", "nonsense", str(note)]) == 1
    assert "--set needs FIELD=VALUE" in capsys.readouterr().err


@pytest.mark.slow
def test_accept_saves_the_good_files_reads_their_pictures_and_reports_the_bad(
        vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan = fx.jpeg(fx.scan(fx.SCHOOL, dpi=80))
    email = tmp_path / "core-group.eml"
    email.write_bytes(fx.eml_with_attachments(fx.text_pdf(["The agenda for the core group meeting, typed."]),
                                              scan, empty_attachment=True))
    photo = tmp_path / "conference.jpg"
    photo.write_bytes(fx.photo(fx.CONFERENCE, angle=2.0, seed=2, size=(1500, 2000)))
    huge = tmp_path / "huge.png"
    huge.write_bytes(fx.png_header(30000, 30000))
    code = main(["import", "--path", str(vault), "--accept", str(email), str(photo), str(huge)])
    out = capsys.readouterr().out
    assert code == 1  # one file could not be read
    assert f"3. huge.png (picture)\n   Could not be read: {ImageTooLarge.user_message}" in out
    assert "2. conference.jpg (picture)\n   The words were read by the computer from a picture: check" in out
    assert "   Date: Monday 6 January 2025\n      from the text: “6 January 2025”" in out
    assert "      empty.doc (empty)" in out
    assert "   Saved: “Re: Core group meeting on 3 February” with 4 files." in out
    assert "   Saved: “Child protection conference for Leo and Mia” with 1 file." in out
    assert "Plan photo.jpg: its words were read" in out
    with _opened(vault) as services:
        saved = {c.subject: c.id for c in services.list_records(Correspondence)}
        assert len(saved) == 2
        assert {h.record_id for h in services.search("school nurse")} == {
            saved["Re: Core group meeting on 3 February"]}
        assert {h.record_id for h in services.search("County Hall")} == {
            saved["Child protection conference for Leo and Mia"]}
