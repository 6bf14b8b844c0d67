"""verify(): damage found in every layer (pages, structure, pieces of files, search), in plain words,
and search rebuilt on request."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from familyrecord.cli import main
from familyrecord.records import Meeting, Person
from familyrecord.services import Services
from familyrecord.services.safekeeping import SafekeepingService
from familyrecord.storage import search_audit
from familyrecord.storage.integrity import verify
from familyrecord.storage.transcripts import Segment
from tests.conftest import PASSPHRASE
from tests.vault_access import vault_of


@pytest.fixture
def filled(services: Services) -> Services:
    meeting = services.save(Meeting(starts_at=datetime(2026, 3, 3, 10), own_notes="Quibbleworth said"))
    services.save(Person(name="Wobbleton Quaxley"))
    store = vault_of(services).attachments
    store.import_stream(io.BytesIO(b"letter text"), "letter.txt", link_to=meeting.id,
                        text_content="Zanzibar promise")
    transcripts = vault_of(services).transcripts
    transcript = transcripts.create(meeting.id, None, "faster-whisper", "tiny.en", "en")
    transcripts.add_segments(transcript.id, [Segment(0, 1, "Marmalade plan", speaker="SW")])
    return services


def _audit(services: Services) -> search_audit.SearchAudit:
    return search_audit.audit(vault_of(services).connection)


def test_a_whole_record_has_a_true_search_index(filled: Services) -> None:
    assert _audit(filled).ok
    assert len(search_audit.expected_rows(vault_of(filled).connection)) == 4
    assert SafekeepingService(vault_of(filled)).verify().ok


def test_wiped_search_index_is_found_and_rebuilt(filled: Services) -> None:
    vault_of(filled).connection.execute("DELETE FROM search_index")
    report = SafekeepingService(vault_of(filled)).verify()
    assert not report.ok and not report.search_ok
    assert report.problems == ["Search is missing 4 entries or file text: searching will not find them."]
    assert filled.search("Zanzibar") == []
    SafekeepingService(vault_of(filled)).repair_search()
    assert SafekeepingService(vault_of(filled)).verify().ok
    for word in ("Quibbleworth", "Wobbleton", "Zanzibar", "Marmalade"):
        assert filled.search(word), word
    assert filled.recent_changes(1)[0].action == "repair"


def test_stale_and_left_over_search_rows_are_found_and_put_right(filled: Services) -> None:
    conn = vault_of(filled).connection
    person = filled.list_records(Person)[0]
    conn.execute("UPDATE search_index SET body = 'Old words' WHERE record_id = ? AND source = 'record'",
                 (person.id,))
    conn.execute("INSERT INTO search_index (title, body, record_id, source)"
                 " VALUES ('Deleted', 'Secret once deleted', 'gone-record-id', 'record')")
    audit = _audit(filled)
    assert audit.out_of_date == [(person.id, "record")]
    assert audit.left_over == [("gone-record-id", "record")]
    assert [f.split(":")[0] for f in audit.findings()] == [
        "Search holds out-of-date words for 1 entry",
        "Search still holds words from 1 entry or files no longer in the record."]
    repaired = search_audit.repair(vault_of(filled))
    assert not repaired.ok and _audit(filled).ok
    assert filled.search("Secret") == [] and filled.search("Wobbleton")


def test_repair_search_from_the_command_line(filled: Services, vault_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    vault_of(filled).connection.execute("DELETE FROM search_index WHERE source LIKE 'attachment:%'")
    filled.lock()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    assert main(["verify", "--path", str(vault_path)]) == 1
    err = capsys.readouterr().err
    assert "Search is missing 1 entry" in err and "--repair-search" in err
    assert main(["verify", "--path", str(vault_path), "--repair-search"]) == 0
    out = capsys.readouterr().out
    assert "Repaired: Search is missing 1 entry" in out and "Intact:" in out


def test_attachment_piece_stored_as_text_is_damage_not_a_crash(filled: Services) -> None:
    attachment = vault_of(filled).attachments.list()[0]
    vault_of(filled).connection.execute(
        "UPDATE attachment_chunks SET data = 'now text' WHERE attachment_id = ?", (attachment.id,))
    report = verify(vault_of(filled))
    assert report.attachments_damaged == [f"letter.txt ({attachment.id})"]
    assert any("changed since they were added" in p for p in report.problems)


def test_damaged_inner_structure_is_reported(filled: Services, vault_path: Path) -> None:
    conn = vault_of(filled).connection
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX records_by_update ON records"
                 " (updated_at, archived)' WHERE name = 'records_by_update'")
    conn.execute("PRAGMA writable_schema = OFF")
    filled.lock()
    reopened = Services.open(vault_path, PASSPHRASE)
    report = verify(vault_of(reopened))
    reopened.lock()
    assert not report.structure_ok and report.pages_ok
    assert report.problems == ["The record file's inner structure is damaged (row 1 missing from "
                               "index records_by_update)."]


def test_damaged_page_found_by_verify(filled: Services, vault_path: Path) -> None:
    """A flipped byte in a page that opening does not read: the record opens, verify finds it."""
    vault_of(filled).attachments.import_stream(io.BytesIO(bytes(range(256)) * 1024), "big.bin")
    filled.lock()
    data = bytearray(vault_path.read_bytes())
    data[-2048] ^= 0x01
    vault_path.write_bytes(bytes(data))
    reopened = Services.open(vault_path, PASSPHRASE)
    report = verify(vault_of(reopened))
    reopened.lock()
    assert not report.pages_ok
    assert report.problems[0].startswith("Part of the record file is damaged: 1 page failed")


def test_database_error_while_checking_is_reported_as_damage(filled: Services,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = vault_of(filled).attachments

    def malformed(*_args: object) -> bool:
        raise sqlcipher.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(store, "check", malformed)
    report = verify(vault_of(filled))
    assert not report.pages_ok
    assert report.problems == ["The record file is damaged: database disk image is malformed."]

    def bug(*_args: object) -> bool:
        raise sqlcipher.ProgrammingError("a bug, not damage")

    monkeypatch.setattr(store, "check", bug)
    with pytest.raises(sqlcipher.ProgrammingError):
        verify(vault_of(filled))


def test_search_for_page_readings_stays_true_through_link_unlink_and_delete(filled: Services) -> None:
    """Text read from a picture is found from every record the file belongs to, and nowhere
    once the file is unlinked or deleted."""
    vault = vault_of(filled)
    meeting = filled.list_records(Meeting)[0]
    person = filled.list_records(Person)[0]
    scan = vault.attachments.import_stream(io.BytesIO(b"\x89PNG picture"), "scan.png", link_to=meeting.id)
    vault.readings.put(scan.id, 0, "Gherkinfield review", "[]", "test")
    assert _audit(filled).ok
    vault.attachments.link(person.id, scan.id)
    assert _audit(filled).ok, _audit(filled).findings()
    vault.attachments.unlink(person.id, scan.id)
    assert _audit(filled).ok, _audit(filled).findings()
    vault.connection.execute("DELETE FROM search_index WHERE source LIKE 'reading:%'")
    assert _audit(filled).missing == [(meeting.id, f"reading:{scan.id}")]
    search_audit.repair(vault)
    assert _audit(filled).ok and filled.search("Gherkinfield")
    vault.attachments.delete(scan.id)
    assert _audit(filled).ok, _audit(filled).findings()
    assert filled.search("Gherkinfield") == []
