"""Receipts: a short code that proves the history up to it was not rewritten, even by an insider
who has the passphrase, edits with raw SQL and recomputes every hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.records import Person
from familyrecord.records.codec import record_json
from familyrecord.services import Services
from familyrecord.services.safekeeping import SafekeepingService
from familyrecord.storage import journal, receipts, search
from familyrecord.storage.connection import Connection
from familyrecord.storage.receipts import ReceiptCodeInvalid
from tests.conftest import PASSPHRASE
from tests.vault_access import vault_of


def _safekeeping(services: Services) -> SafekeepingService:
    return SafekeepingService(vault_of(services))


def _people(services: Services, *names: str) -> list[Person]:
    return [services.save(Person(name=name)) for name in names]


def _recompute_chain(conn: Connection) -> None:
    """What an insider does after editing: every entry's links and hashes made consistent."""
    prev = journal.GENESIS_HASH
    for row in conn.execute("SELECT * FROM journal ORDER BY seq").fetchall():
        e = journal.entry_from_row(row)
        entry_hash = journal.compute_entry_hash(e.seq, e.at, e.action, e.kind, e.entity_id,
                                                e.content_hash, prev)
        conn.execute("UPDATE journal SET prev_hash = ?, entry_hash = ? WHERE seq = ?",
                     (prev, entry_hash, e.seq))
        prev = entry_hash


def _cover_receipts_table(conn: Connection) -> None:
    """The insider also makes the record's own list of receipts agree with the new history."""
    for row in conn.execute("SELECT code, seq FROM receipts").fetchall():
        now = conn.execute("SELECT entry_hash FROM journal WHERE seq = ?", (row["seq"],)).fetchone()
        if now is None:
            conn.execute("DELETE FROM receipts WHERE code = ?", (row["code"],))
        else:
            conn.execute("UPDATE receipts SET code = ?, entry_hash = ? WHERE code = ?",
                         (receipts.format_code(row["seq"], now["entry_hash"]), now["entry_hash"],
                          row["code"]))


def _assert_verify_is_fooled(services: Services) -> None:
    """Without the receipt the rewrite is invisible: that is why receipts exist."""
    report = _safekeeping(services).verify()
    assert report.ok, report.problems


def test_receipt_code_shape_kept_and_journaled(services: Services) -> None:
    _people(services, "Ann", "Bob")
    receipt = _safekeeping(services).receipt("checked by hand")
    head = journal.recent(vault_of(services).connection, 1)[0]
    assert (head.action, head.seq, head.entry_hash) == ("receipt", receipt.seq, receipt.entry_hash)
    parts = receipt.code.split("-")
    assert parts[0] == "R" and parts[1] == str(receipt.seq) and [len(p) for p in parts[2:]] == [4] * 4
    assert not set("".join(parts[2:])) & set("ILOU")
    assert _safekeeping(services).receipts() == [receipt]
    assert "entries" in receipt.describe() and receipt.code in receipt.describe()
    check = _safekeeping(services).check_receipt(receipt.code)
    assert check.ok and check.given == receipt


def test_receipt_code_read_back_however_it_was_written(services: Services) -> None:
    receipt = _safekeeping(services).receipt()
    seq, fp = receipts.parse_code(receipt.code)
    sloppy = receipt.code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert receipts.parse_code(sloppy) == (seq, fp)
    assert receipts.parse_code(receipt.code.removeprefix("R-")) == (seq, fp)
    assert receipts.parse_code(f'"{receipt.code}".') == (seq, fp)
    assert _safekeeping(services).check_receipt(sloppy).ok


@pytest.mark.parametrize("text", ["", "R-", "R-12", "R-12-ABCD-EFGH", "R-0-ABCD-EFGH-JKMN-PQRS",
                                  "R-12-ABCD-EFGH-JKMN-PQRSU", "hello world", "R-12-ABCD-EFGH-JKMN-PQR!",
                                  "x" * 500])
def test_not_a_receipt_code(services: Services, text: str) -> None:
    with pytest.raises(ReceiptCodeInvalid) as caught:
        _safekeeping(services).check_receipt(text)
    assert "receipt" in caught.value.user_message and caught.value.exit_code == 1


def test_qr_picture_is_a_png_of_the_code(services: Services) -> None:
    receipt = _safekeeping(services).receipt()
    png = SafekeepingService.receipt_qr_png(receipt.code)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 200
    assert png != SafekeepingService.receipt_qr_png(receipt.code.replace("R-", "R-9"))


def test_rewrite_1_record_and_its_journal_entry_changed_with_hashes_recomputed(
        services: Services) -> None:
    ann, _bob = _people(services, "Ann Honest", "Bob")
    code = _safekeeping(services).receipt().code
    _people(services, "Cat after the receipt")
    conn = vault_of(services).connection
    changed = Person(**{**ann.__dict__, "name": "Ann Rewritten"})
    body = record_json(changed)
    conn.execute("UPDATE records SET body = ?, summary = ? WHERE id = ?", (body, changed.summary(), ann.id))
    conn.execute("UPDATE journal SET content = ?, content_hash = ? WHERE entity_id = ? AND action = 'create'",
                 (body, journal.sha256_text(body), ann.id))
    search.index_record(conn, changed)
    _recompute_chain(conn)
    _cover_receipts_table(conn)
    _assert_verify_is_fooled(services)
    check = _safekeeping(services).check_receipt(code)
    assert not check.ok
    assert "not what it was when this receipt was given" in check.problems[0]


def test_rewrite_2_last_five_entries_cut(services: Services) -> None:
    people = _people(services, "Ann", "Bob", "Cat", "Dan")
    code = _safekeeping(services).receipt().code  # the head: 5 entries after 'create vault'
    conn = vault_of(services).connection
    last = int(conn.execute("SELECT max(seq) FROM journal").fetchone()[0])
    conn.execute("DELETE FROM journal WHERE seq > ?", (last - 5,))
    for person in people:
        conn.execute("DELETE FROM records WHERE id = ?", (person.id,))
        search.remove_record(conn, person.id)
    _cover_receipts_table(conn)
    _assert_verify_is_fooled(services)
    check = _safekeeping(services).check_receipt(code)
    assert not check.ok and "Entries have been removed" in check.problems[0]


def test_rewrite_3_record_deleted_and_entries_renumbered(services: Services) -> None:
    ann, gone, cat = _people(services, "Ann", "Gone Quietly", "Cat")
    code = _safekeeping(services).receipt().code
    _people(services, "Dan after the receipt", "Eve after the receipt")
    conn = vault_of(services).connection
    removed = conn.execute("SELECT seq FROM journal WHERE entity_id = ?", (gone.id,)).fetchone()[0]
    conn.execute("DELETE FROM records WHERE id = ?", (gone.id,))
    search.remove_record(conn, gone.id)
    conn.execute("DELETE FROM journal WHERE entity_id = ?", (gone.id,))
    conn.execute("UPDATE journal SET seq = -(seq - 1) WHERE seq > ?", (removed,))
    conn.execute("UPDATE journal SET seq = -seq, group_seq = NULL WHERE seq < 0")
    _recompute_chain(conn)
    _cover_receipts_table(conn)
    _assert_verify_is_fooled(services)
    assert {p.name for p in services.list_records(Person)} >= {ann.name, cat.name}
    check = _safekeeping(services).check_receipt(code)
    assert not check.ok and "not what it was" in check.problems[0]


def test_rewrite_without_covering_the_receipts_table_is_caught_by_plain_verify(
        services: Services) -> None:
    ann, = _people(services, "Ann")
    receipt = _safekeeping(services).receipt()
    conn = vault_of(services).connection
    conn.execute("UPDATE journal SET at = '2020-01-01T00:00:00+00:00' WHERE entity_id = ?", (ann.id,))
    _recompute_chain(conn)
    report = _safekeeping(services).verify()
    assert not report.ok
    assert any(receipt.code in p and "rewritten" in p for p in report.receipts_broken)


def test_what_a_receipt_cannot_prove(services: Services) -> None:
    """Honest limit: entries written after the receipt are not covered by it."""
    _people(services, "Ann")
    code = _safekeeping(services).receipt().code
    later, = _people(services, "Written after")
    conn = vault_of(services).connection
    conn.execute("DELETE FROM records WHERE id = ?", (later.id,))
    search.remove_record(conn, later.id)
    conn.execute("DELETE FROM journal WHERE entity_id = ?", (later.id,))
    check = _safekeeping(services).check_receipt(code)
    assert check.ok
    assert any("not covered by this receipt" in note for note in check.notes)


def test_verify_receipt_from_the_command_line(services: Services, vault_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _people(services, "Ann", "Bob")
    services.lock()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    qr = vault_path.parent / "receipt.png"
    assert main(["receipt", "--path", str(vault_path), "--qr", str(qr)]) == 0
    out = capsys.readouterr().out
    code = next(line.strip() for line in out.splitlines() if line.startswith("    R-"))
    assert qr.read_bytes().startswith(b"\x89PNG") and oct(qr.stat().st_mode)[-3:] == "600"
    assert main(["receipts", "--path", str(vault_path)]) == 0
    assert code in capsys.readouterr().out
    assert main(["verify", "--path", str(vault_path), "--receipt", code.lower()]) == 0
    assert f"Receipt {code} holds" in capsys.readouterr().out
    reopened = Services.open(vault_path, PASSPHRASE)
    conn = vault_of(reopened).connection
    first = conn.execute("SELECT seq, content FROM journal WHERE kind = 'person' ORDER BY seq").fetchone()
    body = json.loads(first["content"])
    body["name"] = "Ann Rewritten"
    text = record_json(Person(**{k: v for k, v in body.items() if k in Person.__dataclass_fields__}))
    conn.execute("UPDATE journal SET content = ?, content_hash = ? WHERE seq = ?",
                 (text, journal.sha256_text(text), first["seq"]))
    _recompute_chain(conn)
    reopened.lock()
    assert main(["verify", "--path", str(vault_path), "--receipt", code]) == 1
    err = capsys.readouterr().err
    assert f"Receipt {code} does NOT hold" in err and "Traceback" not in err
    assert main(["verify", "--path", str(vault_path), "--receipt", "R-1-not-a-code"]) == 1
    assert "not a receipt code" in capsys.readouterr().err.lower()
