"""The hash-chained journal: history kept, tampering found and named."""

from __future__ import annotations

from familyrecord.records import Person, Role
from familyrecord.services import Services
from familyrecord.storage import journal
from familyrecord.storage.integrity import verify
from tests.vault_access import vault_of


def test_edit_keeps_earlier_wording(services: Services) -> None:
    person = services.save(Person(name="Sarah Ahmed", notes="She said she would call on Monday"))
    person.notes = "She called on Tuesday"
    services.save(person)
    versions = services.history(person)
    assert [v.action for v in versions] == ["create", "update"]
    assert versions[0].record is not None
    assert versions[0].record.notes == "She said she would call on Monday"  # type: ignore[attr-defined]
    assert versions[1].record.notes == "She called on Tuesday"  # type: ignore[union-attr,attr-defined]


def test_fresh_chain_verifies(demo_services: Services) -> None:
    report = demo_services.verify()
    assert report.ok, report.problems
    assert report.head_hash == demo_services.journal_head() != journal.GENESIS_HASH
    assert report.records > 40 and report.attachments == 1


def test_tampered_row_is_named(services: Services) -> None:
    for name in ("A", "B", "C"):
        services.save(Person(name=name, role=Role.GP))
    conn = vault_of(services).connection
    conn.execute("UPDATE journal SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 3")
    report = verify(vault_of(services))
    assert not report.ok
    assert report.chain_break is not None and report.chain_break.seq == 3
    assert "journal entry 3" in report.problems[0]


def test_tampered_content_is_found(services: Services) -> None:
    services.save(Person(name="Original words"))
    conn = vault_of(services).connection
    conn.execute("UPDATE journal SET content = replace(content, 'Original', 'Altered') WHERE seq = 2")
    report = verify(vault_of(services))
    assert report.chain_break is not None and report.chain_break.seq == 2
    assert "wording" in report.chain_break.reason


def test_deleted_entry_breaks_chain(services: Services) -> None:
    for name in ("A", "B", "C"):
        services.save(Person(name=name))
    vault_of(services).connection.execute("DELETE FROM journal WHERE seq = 2")
    report = verify(vault_of(services))
    assert report.chain_break is not None and report.chain_break.seq == 2


def test_record_changed_outside_the_app_is_found(services: Services) -> None:
    person = services.save(Person(name="Honest"))
    vault_of(services).connection.execute(
        "UPDATE records SET body = replace(body, 'Honest', 'Sneaky') WHERE id = ?", (person.id,))
    report = verify(vault_of(services))
    assert report.records_changed_outside_journal == [person.id]
    assert not report.ok


def test_true_delete_forgets_wording_but_chain_holds(services: Services) -> None:
    person = services.save(Person(name="Typed into the wrong family"))
    services.delete(person)
    entries = journal.history(vault_of(services).connection, person.id)
    assert [e.action for e in entries] == ["create", "delete"]
    assert all(e.content is None for e in entries)
    assert verify(vault_of(services)).ok
    assert services.search("wrong family") == []
