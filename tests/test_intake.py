"""Issue 11 acceptance: letters photographed, scanned, e-mailed (.eml with an HTML-only body and
two attachments, .msg) and Word reports are read, suggested, accepted and found by search; the
attachments of an e-mail are split out and a word inside an attached scan finds the e-mail.

One record is filled once for the module (OCR takes seconds a page); each test checks one part.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from familyrecord.records.enums import Channel, Direction
from familyrecord.records.models import Child, Correspondence, Person
from familyrecord.services import Services
from familyrecord.services.intake import CHECK_NOTE, IntakeItem
from familyrecord.storage import readings
from tests import intake_fixtures as fx
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of

pytestmark = pytest.mark.slow

OWN = ("sarah@example.org",)


@dataclass
class Scenario:
    services: Services
    folder: Path
    items: dict[str, IntakeItem]
    saved: dict[str, Correspondence]
    children: dict[str, str]  # name -> id
    jane: Person


def _files(folder: Path) -> list[Path]:
    scanned_review = fx.image_pdf([fx.scan(fx.REVIEW, dpi=100, angle=1.5)], dpi=100)
    school_photo = fx.photo(fx.SCHOOL, angle=-2.5, seed=7, size=(1500, 2000), quality=75)
    files = {
        "conference.jpg": fx.photo(fx.CONFERENCE, angle=3.0, seed=3, size=(1500, 2000), quality=70),
        "review-scan.pdf": scanned_review,
        "core-group.eml": fx.eml_with_attachments(scanned_review, school_photo),
        "cin-review.msg": fx.outlook_msg(),
        "assessment.docx": fx.docx(["Parenting assessment", "Re: Parenting assessment of Ms Taylor",
                                    "Dated 12 March 2025", "Amara is settled at school.",
                                    "Please send your comments by 26 March 2025."]),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    folder = tmp_path_factory.mktemp("intake")
    services, _code = Services.create(folder / "family.frvault", PASSPHRASE, kdf=FAST_KDF)
    children = {name: services.save(Child(name=name)).id for name in fx.KNOWN_CHILDREN}
    jane = services.save(Person(name="Jane Smith", email="jane.smith@westshire.gov.uk"))
    paths = _files(folder)
    items = {item.file_name: item for item in services.intake.read(paths, own_addresses=OWN)}
    saved = {name: services.intake.accept(item) for name, item in items.items()}
    services.intake.run_ocr_pending()
    yield Scenario(services, folder, items, saved, children, jane)
    services.lock()


def _found(services: Services, words: str) -> set[str]:
    return {hit.record_id for hit in services.search(words)}


def test_every_file_is_read_and_saved_as_one_entry(scenario: Scenario) -> None:
    assert all(item.ok for item in scenario.items.values())
    letters = scenario.services.list_records(Correspondence)
    assert {c.id for c in letters} == {c.id for c in scenario.saved.values()}


def test_photographed_letter_is_read_and_its_fields_suggested(scenario: Scenario) -> None:
    item = scenario.items["conference.jpg"]
    assert item.machine_read and item.kind == "image" and not item.pages_to_read
    suggested = item.fields()
    assert suggested["dated"] == date(2025, 1, 6)
    assert suggested["subject"] == "Child protection conference for Leo and Mia"
    assert suggested["reply_needed_by"] == date(2025, 1, 13)
    assert suggested["from_name"] == "Jane Smith"
    assert suggested["person_id"] == scenario.jane.id  # the signature matched to People
    assert suggested["child_ids"] == [scenario.children["Leo"], scenario.children["Mia"]]  # as named
    assert suggested["channel"] == Channel.LETTER
    reply = item.suggestion("reply_needed_by")
    assert reply is not None and reply.words == "13/01/2025"
    assert item.text[reply.start:reply.end] == reply.words  # the words point into the text read
    assert "let me know" in reply.context
    conference = next(d for d in item.dates if d.when == date(2025, 1, 20))
    assert conference.kind == "event" and "conference" in conference.what


def test_photographed_letter_is_found_by_a_word_read_from_the_photo(scenario: Scenario) -> None:
    letter = scenario.saved["conference.jpg"]
    assert _found(scenario.services, "invite attend County Hall") == {letter.id}
    (attachment,) = scenario.services.attachments_for(letter)
    (page,) = scenario.services.intake.readings(attachment.id)
    assert page.boxes is not None and page.boxes.width == 1500 and page.boxes.lines
    assert page.text == page.original_text and not page.edited
    assert CHECK_NOTE == "Read by the computer — check it."


def test_image_only_pdf_is_read_and_suggested(scenario: Scenario) -> None:
    item = scenario.items["review-scan.pdf"]
    assert item.kind == "pdf" and item.machine_read
    assert item.fields()["dated"] == date(2025, 2, 14)
    assert item.fields()["subject"] == "Child in need review for Amara"
    assert item.fields()["reply_needed_by"] == date(2025, 2, 28)
    assert item.fields()["child_ids"] == [scenario.children["Amara"]]
    assert _found(scenario.services, "Northam Family Centre") >= {scenario.saved["review-scan.pdf"].id}


def test_email_with_html_body_and_two_attachments_is_split(scenario: Scenario) -> None:
    item = scenario.items["core-group.eml"]
    letter = scenario.saved["core-group.eml"]
    assert (letter.channel, letter.direction) == (Channel.EMAIL, Direction.RECEIVED)
    assert letter.subject == "Re: Core group meeting on 3 February"
    assert letter.from_address == "jane.smith@westshire.gov.uk" and letter.person_id == scenario.jane.id
    assert "sarah@example.org" in letter.to_addresses
    assert letter.message_id == "<reply-2@westshire.gov.uk>" and letter.in_reply_to == "<first-1@example.org>"
    assert "core group meeting for Leo and Mia" in letter.body and "<p>" not in letter.body
    assert letter.reply_needed_by == date(2025, 1, 27)
    assert [a.file_name for a in item.attachments] == ["Agenda.pdf", "Plan photo.jpg"]
    assert all(a.needs_ocr for a in item.attachments)
    stored = sorted(a.file_name for a in scenario.services.attachments_for(letter))
    assert stored == ["Agenda.pdf", "Plan photo.jpg", "core-group.eml"]  # the message file is kept too
    direction = item.suggestion("direction")
    assert direction is not None and "sarah@example.org" in direction.words


def test_a_word_inside_an_attached_scan_finds_the_email(scenario: Scenario) -> None:
    email = scenario.saved["core-group.eml"].id
    assert email in _found(scenario.services, "Senior Practitioner")  # in the attached scanned PDF
    assert email in _found(scenario.services, "school nurse")  # in the attached photo
    assert not scenario.services.intake.ocr_queue()  # every queued reading finished


def test_outlook_message_is_read(scenario: Scenario) -> None:
    letter = scenario.saved["cin-review.msg"]
    assert (letter.channel, letter.dated) == (Channel.EMAIL, date(2025, 2, 14))
    assert letter.from_name == "Priya Patel"
    assert letter.message_id == "<cin-review-7@northam.gov.uk>"
    assert letter.reply_needed_by == date(2025, 2, 28) and letter.child_ids == [scenario.children["Amara"]]
    assert letter.id in _found(scenario.services, "Tuesday 4 March")


def test_word_report_is_found_by_its_words_and_suggests_its_fields(scenario: Scenario) -> None:
    item = scenario.items["assessment.docx"]
    assert not item.machine_read
    assert item.fields()["dated"] == date(2025, 3, 12)
    assert item.fields()["subject"] == "Parenting assessment of Ms Taylor"
    assert item.fields()["reply_needed_by"] == date(2025, 3, 26)
    report = scenario.saved["assessment.docx"]
    assert _found(scenario.services, "settled at school") == {report.id}
    (attachment,) = scenario.services.attachments_for(report)
    assert attachment.file_name == "assessment.docx"  # the original file is kept


def test_correcting_a_reading_keeps_the_computers_words_and_moves_search(scenario: Scenario) -> None:
    services = scenario.services
    letter = scenario.saved["conference.jpg"]
    (attachment,) = services.attachments_for(letter)
    (page,) = services.intake.readings(attachment.id)
    corrected = services.intake.correct_reading(attachment.id, 0, page.text + "\nHandwritten: zebracrossing")
    assert corrected.edited and corrected.original_text == page.original_text
    assert _found(services, "zebracrossing") == {letter.id}
    services.intake.correct_reading(attachment.id, 0, page.original_text)
    assert _found(services, "zebracrossing") == set()


def test_page_picture_is_drawn_in_memory_to_scale_with_its_boxes(scenario: Scenario) -> None:
    services = scenario.services
    for name in ("conference.jpg", "review-scan.pdf"):
        (attachment,) = [a for a in services.attachments_for(scenario.saved[name]) if a.file_name == name]
        (page,) = services.intake.readings(attachment.id)
        with Image.open(io.BytesIO(services.intake.page_picture(attachment.id, 0, max_side=800))) as shown:
            assert max(shown.size) == 800
            assert page.boxes is not None
            assert shown.width / shown.height == pytest.approx(page.boxes.width / page.boxes.height, rel=0.02)


def test_search_index_is_true_to_the_record(scenario: Scenario) -> None:
    vault = vault_of(scenario.services)
    expected = readings.expected_rows(vault.connection)
    sources = {source for _record, source in expected}
    assert len(sources) == 4  # the photo, the scanned PDF and the e-mail's two attachments
    report = scenario.services.verify()
    assert report.search is not None and report.search.ok
