"""The readings store: the computer's reading of each page kept beside the family's correction,
journaled, and found by search from every record the file belongs to."""

from __future__ import annotations

import io
from datetime import date

import pytest

from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.storage import readings, search, search_audit
from familyrecord.storage.errors import RecordNotFound
from tests.vault_access import vault_of


def _letter(services: Services, subject: str = "Letter from the council") -> Correspondence:
    return services.save(Correspondence(dated=date(2025, 1, 6), subject=subject))


def test_a_correction_keeps_the_machines_reading_and_search_follows(services: Services) -> None:
    vault = vault_of(services)
    letter = _letter(services)
    attachment = vault.attachments.import_stream(io.BytesIO(b"jpeg"), "photo.jpg", link_to=letter.id)
    vault.readings.put(attachment.id, 0, "The cenference is on Monday", "{}", "rapidocr")
    assert [h.record_id for h in services.search("cenference")] == [letter.id]

    corrected = vault.readings.correct(attachment.id, 0, "The conference is on Monday")
    assert corrected.edited and corrected.original_text == "The cenference is on Monday"
    assert services.search("cenference") == []
    assert [h.source for h in services.search("conference")] == [readings.search_source(attachment.id)]
    actions = [e.action for e in vault.recent_journal(5) if e.kind == "reading"]
    assert actions == ["correct", "read"]


def test_reading_a_page_again_keeps_the_familys_correction(services: Services) -> None:
    vault = vault_of(services)
    attachment = vault.attachments.import_stream(io.BytesIO(b"x"), "scan.pdf", link_to=_letter(services).id)
    vault.readings.put(attachment.id, 1, "Yours sincerly", "{}", "rapidocr")
    vault.readings.correct(attachment.id, 1, "Yours sincerely")
    again = vault.readings.put(attachment.id, 1, "Yours sincerelv", '{"lines": []}', "rapidocr")
    assert (again.text, again.original_text, again.boxes) == ("Yours sincerely", "Yours sincerelv",
                                                              '{"lines": []}')


def test_pages_are_found_from_every_linked_record_and_in_page_order(services: Services) -> None:
    vault = vault_of(services)
    first, second = _letter(services, "First"), _letter(services, "Second")
    attachment = vault.attachments.import_stream(io.BytesIO(b"x"), "scan.tif", link_to=first.id)
    vault.readings.put(attachment.id, 1, "second page words", "{}", "rapidocr")
    vault.readings.put(attachment.id, 0, "first page words", "{}", "rapidocr")
    assert vault.readings.text(attachment.id) == "first page words\n\nsecond page words"
    assert vault.readings.pages_read(attachment.id) == {0, 1}
    vault.attachments.link(second.id, attachment.id)  # its readings are found from there too
    assert {h.record_id for h in services.search("second page")} == {first.id, second.id}


def test_expected_rows_match_what_is_indexed(services: Services) -> None:
    vault = vault_of(services)
    attachment = vault.attachments.import_stream(io.BytesIO(b"x"), "photo.jpg", link_to=_letter(services).id)
    vault.readings.put(attachment.id, 0, "Please reply by Friday", "{}", "rapidocr")
    expected = readings.expected_rows(vault.connection)
    held = search.indexed_rows(vault.connection)
    assert expected and all(held[key] == [row] for key, row in expected.items())
    assert search_audit.audit(vault.connection).ok


def test_unknown_attachment_or_page_is_refused(services: Services) -> None:
    vault = vault_of(services)
    with pytest.raises(RecordNotFound):
        vault.readings.put("missing", 0, "x", "{}", "rapidocr")
    attachment = vault.attachments.import_stream(io.BytesIO(b"x"), "photo.jpg")
    with pytest.raises(RecordNotFound):
        vault.readings.correct(attachment.id, 3, "x")


def test_deleting_the_file_deletes_its_readings(services: Services) -> None:
    vault = vault_of(services)
    attachment = vault.attachments.import_stream(io.BytesIO(b"x"), "photo.jpg")
    vault.readings.put(attachment.id, 0, "words", "{}", "rapidocr")
    vault.attachments.link(_letter(services).id, attachment.id)
    assert services.search("words")
    vault.attachments.delete(attachment.id)
    assert vault.readings.for_attachment(attachment.id) == []
    assert services.search("words") == []
