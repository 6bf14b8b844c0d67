"""The chronology: rows from every dated record, the family's edits kept in the vault."""

from __future__ import annotations

from datetime import date, datetime

from familyrecord.export.tabular import chronology_csv, chronology_docx
from familyrecord.records.enums import DateQualifier, Significance
from familyrecord.records.models import ChronologyEntry, Event, Meeting
from familyrecord.services import Services
from familyrecord.views.chronology import ChronologyFilter, RowKind, filtered
from tests.vault_access import vault_of


def test_demo_rows_cover_every_kind(demo_services: Services) -> None:
    rows = demo_services.chronology.rows()
    kinds = {r.kind for r in rows}
    assert {RowKind.MEETING, RowKind.CORRESPONDENCE, RowKind.CONTACT_SESSION, RowKind.EVENT,
            RowKind.DEADLINE, RowKind.ALLOCATION, RowKind.DISPUTED_POINT} <= kinds
    assert [r.serial for r in rows] == list(range(1, len(rows) + 1))
    assert [r.on for r in rows] == sorted(r.on for r in rows)
    missed = [r for r in rows if r.kind is RowKind.DEADLINE]
    assert any("missed" in r.text for r in missed)
    assert any("stopped being the social worker" in r.text for r in rows)


def test_qualifier_and_transcript_rows(services: Services) -> None:
    services.save(Event(title="Moved house", occurred_on=date(2024, 3, 1),
                        date_qualifier=DateQualifier.APPROX))
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2024, 3, 5, 10)))
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, None, "test", "tiny", "en")
    from familyrecord.storage.transcripts import Segment

    segs = store.add_segments(transcript.id, [Segment(65.0, 70.0, "You never rang me back."),
                                              Segment(70.0, 72.0, "Fine.")])
    store.edit_segment(segs[0].id, disputed=True)
    rows = services.chronology.rows()
    assert rows[0].date_text == "about March 2024"
    seg_rows = [r for r in rows if r.kind is RowKind.TRANSCRIPT]
    assert len(seg_rows) == 1 and "01:05" in seg_rows[0].text and seg_rows[0].disputed


def test_edits_persist_in_the_vault(demo_services: Services) -> None:
    rows = demo_services.chronology.rows()
    target = next(r for r in rows if r.kind is RowKind.CORRESPONDENCE)
    demo_services.chronology.set_text(target, "Council wrote about the enquiry")
    excluded = next(r for r in rows if r.kind is RowKind.CONTACT_SESSION)
    demo_services.chronology.set_included(excluded, False)
    manual = demo_services.chronology.add_manual_row(date(2020, 1, 2), "Mia started nursery",
                                  qualifier=DateQualifier.BEFORE)
    again = {r.key: r for r in demo_services.chronology.rows()}
    assert again[target.key].text == "Council wrote about the enquiry." and again[target.key].edited
    assert not again[excluded.key].included and again[excluded.key].serial == 0
    first = demo_services.chronology.rows()[0]
    assert first.manual and first.text == "Mia started nursery." and first.date_text.startswith("before")
    assert vault_of(demo_services).repo(ChronologyEntry).get(manual.id).text == "Mia started nursery"
    shown = filtered(demo_services.chronology.rows(), ChronologyFilter())
    assert excluded.key not in {r.key for r in shown}
    # Deleting the manual row and undoing a rewording both work through the same records.
    demo_services.chronology.remove_manual_row(first)
    demo_services.chronology.set_text(again[target.key], "")
    assert not any(r.manual for r in demo_services.chronology.rows())
    assert {r.key: r for r in demo_services.chronology.rows()}[target.key].text == target.text


def test_reorder_same_day(services: Services) -> None:
    for title in ("First", "Second", "Third"):
        services.save(Event(title=title, occurred_on=date(2024, 5, 1)))
    rows = services.chronology.rows()
    order = [r.text for r in rows]
    assert services.chronology.move_within_day(rows, rows[2].key, -1)
    assert [r.text for r in services.chronology.rows()] == [order[0], order[2], order[1]]
    assert not services.chronology.move_within_day(services.chronology.rows(), rows[0].key, -1)
    # One saved place per row of that day; the events themselves are untouched.
    assert len(services.list_records(ChronologyEntry)) == 3
    assert all(e.position is not None for e in services.list_records(ChronologyEntry))


def test_filters(demo_services: Services) -> None:
    rows = demo_services.chronology.rows()
    mia = next(c for c in demo_services.children() if c.name == "Mia Carter")
    leo = next(c for c in demo_services.children() if c.name == "Leo Carter")
    only_leo = filtered(rows, ChronologyFilter(child_ids=[leo.id]))
    assert not any(r.child_ids == [mia.id] for r in only_leo)
    high = filtered(rows, ChronologyFilter(min_significance=Significance.HIGH))
    assert high and all(r.significance is Significance.HIGH for r in high)
    meetings = filtered(rows, ChronologyFilter(kinds=[RowKind.MEETING]))
    assert meetings and all(r.kind is RowKind.MEETING for r in meetings)
    cut = rows[len(rows) // 2].on
    assert all(r.on >= cut for r in filtered(rows, ChronologyFilter(date_from=cut)))


def test_docx_and_csv(demo_services: Services) -> None:
    import io

    from docx import Document

    from familyrecord.export.redact import Redactor

    rows = demo_services.chronology.rows()
    text = chronology_csv(rows, Redactor(["Sarah Ahmed"])).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("No.,Date,What happened")
    assert "Sarah" not in text and "S.A." in text
    doc = Document(io.BytesIO(chronology_docx(rows, "Chronology")))
    table = doc.tables[0]
    assert len(table.rows) == len(rows) + 1
    assert table.rows[1].cells[2].text == rows[0].text


def test_row_edits_stay_off_the_home_screen(demo_services: Services) -> None:
    row = demo_services.chronology.rows()[0]
    demo_services.chronology.set_included(row, False)
    manual = demo_services.chronology.add_manual_row(date(2024, 1, 1), "Started at a new school")
    recent = [r.id for r in demo_services.home().recent]
    assert manual.id in recent
    assert not any(isinstance(r, ChronologyEntry) and r.overrides for r in demo_services.home().recent)
