"""Full-text search: ranked, with snippets, kept in step with edits, safe with odd input."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.records import Correspondence, Event, Meeting, Person
from familyrecord.services import Services
from familyrecord.storage.search import fts_query
from familyrecord.storage.transcripts import Segment
from tests.vault_access import vault_of


def test_finds_with_snippet_and_ranks_title_first(services: Services) -> None:
    services.save(Event(occurred_on=date(2026, 1, 1), title="Visit",
                        description="We talked about the nursery briefly."))
    letter = services.save(Correspondence(dated=date(2026, 1, 2), subject="Nursery place",
                                          body="The nursery place has not been arranged."))
    hits = services.search("nursery")
    assert hits[0].record_id == letter.id
    assert len(hits) == 2
    parts = hits[1].snippet_parts()
    assert ("nursery", True) in parts
    assert "nursery" in hits[1].plain_snippet()


def test_prefix_and_all_words(services: Services) -> None:
    services.save(Person(name="Priya Shah", notes="health visitor"))
    assert len(services.search("pri")) == 1
    assert len(services.search("priya visitor")) == 1
    assert services.search("priya police") == []


def test_edits_and_archive_and_delete_update_the_index(services: Services) -> None:
    event = services.save(Event(occurred_on=date(2026, 1, 1), title="Phone call with Tom"))
    event.title = "Phone call with Grace"
    services.save(event)
    assert services.search("Tom") == []
    assert len(services.search("Grace")) == 1
    services.archive(event)
    hit = services.search("Grace")[0]
    assert hit.archived
    assert vault_of(services).search("Grace", include_archived=False) == []
    services.delete(services.get(event.id))
    assert services.search("Grace") == []


def test_odd_input_is_safe(services: Services) -> None:
    services.save(Person(name="O'Brien"))
    for text in ('"', "AND OR NOT", "*", "(", "name:x", "", "   ", "o'brien"):
        services.search(text)
    assert fts_query("  ") == ""
    assert len(services.search("o'brien")) == 1


def test_transcript_words_find_the_meeting(services: Services) -> None:
    meeting = services.save(Meeting(starts_at=datetime(2026, 2, 2, 10)))
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, None, "test", "none", "en")
    store.add_segments(transcript.id, [Segment(0.0, 2.0, "We will fund the taxi to contact"),
                                       Segment(2.0, 4.0, "Agreed by the chair")])
    hits = services.search("taxi")
    assert [h.record_id for h in hits] == [meeting.id]
    assert hits[0].source == f"transcript:{transcript.id}"


def test_accents_and_stemming(services: Services) -> None:
    services.save(Person(name="Zoë Müller", notes="She attended meetings"))
    assert len(services.search("zoe muller")) == 1
    assert len(services.search("attend meeting")) == 1


def _meeting_with_transcript(services: Services, lines: list[tuple[float, str]]) -> Meeting:
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2026, 2, 3, 10, 0)))
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, None, "test", "test", "en")
    store.add_segments(transcript.id, [Segment(start=t, end=t + 4.0, text=text) for t, text in lines])
    return meeting


def test_british_search_finds_american_transcript_at_its_moment(services: Services) -> None:
    meeting = _meeting_with_transcript(services, [
        (0.0, "Welcome everyone."),
        (12.5, "Her immunization record is up to date, the pediatrician said."),
        (30.0, "We will meet again at the center next month."),
    ])
    hits = services.search("immunisation")
    assert [(h.record_id, h.at_seconds) for h in hits] == [(meeting.id, 12.5)]
    assert [h.at_seconds for h in services.search("paediatrician")] == [12.5]
    assert [h.at_seconds for h in services.search("centre")] == [30.0]
    assert [h.at_seconds for h in services.search("immunis")] == [12.5]  # still typing


def test_american_search_finds_british_wording(services: Services) -> None:
    letter = services.save(Correspondence(dated=date(2026, 1, 2), subject="Immunisation",
                                          body="The programme of immunisations and her behaviour."))
    for typed in ("immunization", "program", "behavior"):
        assert [h.record_id for h in services.search(typed)] == [letter.id], typed
    assert services.search("four") == services.search("for") == []


def test_a_record_and_its_transcript_are_separate_hits(services: Services) -> None:
    meeting = _meeting_with_transcript(services, [(7.0, "The nursery place was promised.")])
    meeting.own_notes = "Ask about the nursery place."
    services.save(meeting)
    hits = services.search("nursery")
    assert sorted((h.source.split(":")[0], h.at_seconds) for h in hits) == [
        ("record", None), ("transcript", 7.0)]
    assert {h.record_id for h in hits} == {meeting.id}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_typed_text_is_a_safe_query(services: Services, typed: str) -> None:
    services.search(typed)  # never an FTS5 syntax error, whatever is typed


@given(st.text(alphabet=st.characters(categories=["Ll", "Lu"]), min_size=1, max_size=20))
def test_a_word_is_always_its_own_first_spelling(word: str) -> None:
    from familyrecord.storage.spelling import variants

    found = variants(word)
    assert found[0] == word.lower() and len(found) == len(set(found))
