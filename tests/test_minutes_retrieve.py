"""Finding the passages that speak to a statement: BM25 over windows, fuzzy re-ranking."""

from __future__ import annotations

from familyrecord.views.minutes import PassageIndex, SpokenLine

SAID = [
    "Okay, shall we make a start?",
    "The school says Tyler's behaviour has got a lot better this term.",
    "Ruby's attendance at nursery is down to sixty per cent.",
    "Contact with his dad is every Tuesday at the family centre.",
    "Did you get the letter about the parenting programme?",
    "Yes, it came on Monday.",
    "Jodie will come round on Wednesday mornings to help with the school run.",
    "I'm worried about the damp in the children's bedroom.",
    "The housing officer is coming out on the fourteenth.",
    "Thanks everyone.",
]


def _lines(texts: list[str] = SAID) -> list[SpokenLine]:
    return [SpokenLine(100 + i, 10.0 * i, 10.0 * i + 8, text, "") for i, text in enumerate(texts)]


def _best(index: PassageIndex, statement: str) -> tuple[int, int]:
    found = index.candidates(statement)
    assert found, statement
    return found[0].passage.first, found[0].passage.last


def test_paraphrase_finds_its_line() -> None:
    index = PassageIndex(_lines())
    assert _best(index, "School reported an improvement in Tyler's behavior.") == (1, 1)
    assert _best(index, "Ruby's nursery attendance is 60%.") == (2, 2)
    assert _best(index, "Father's contact takes place weekly on Tuesdays at the family centre.") == (3, 3)
    assert _best(index, "Mum raised concerns about damp in the bedroom.") == (7, 7)
    assert _best(index, "A housing officer will visit on the 14th.") == (8, 8)


def test_question_and_answer_make_one_passage() -> None:
    index = PassageIndex(_lines())
    first, last = _best(index, "Mum confirmed she received the letter about the parenting program on Monday.")
    assert first <= 4 and last >= 5


def test_a_misheard_name_is_still_found() -> None:
    said = [*SAID[:6], "jody will come round on wensday mornings to help with the school run", *SAID[7:]]
    index = PassageIndex(_lines(said))
    assert _best(index, "Jodie to visit Wednesday mornings to help with the school run.") == (6, 6)


def test_candidates_are_ranked_distinct_and_timed() -> None:
    index = PassageIndex(_lines())
    found = index.candidates("Tyler's behaviour at school and contact with dad", limit=4)
    assert 2 <= len(found) <= 4
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    for i, one in enumerate(found):
        assert not any(one.passage.overlaps(other.passage) for other in found[i + 1:])
        assert one.passage.start == 10.0 * one.passage.first
        assert one.passage.end == 10.0 * one.passage.last + 8
        assert one.passage.line_ids == tuple(range(100 + one.passage.first, 101 + one.passage.last))
    assert len(index.candidates("Tyler's behaviour at school", limit=1)) == 1


def test_notes_windows_stay_inside_a_paragraph() -> None:
    notes = "Contact is every Tuesday.\nHe loves it.\n\nThe letter never came. I rang twice."
    index = PassageIndex([], notes)
    passages = [w.passage for w in index.windows]
    assert all(p.source == "notes" and p.start is None for p in passages)
    assert {(p.first, p.last) for p in passages} == {(0, 0), (1, 1), (0, 1), (2, 2), (3, 3), (2, 3)}
    best = index.candidates("Mum said the letter did not arrive.")[0].passage
    assert best.notes_span is not None and "letter" in notes[best.notes_span.start:best.notes_span.end]


def test_names_and_numbers_weigh_more() -> None:
    said = ["Tyler has been to three sessions of speech therapy.",
            "Ruby has been to three sessions of speech therapy and she likes the therapist."]
    index = PassageIndex(_lines(said))
    assert _best(index, "Ruby attended three speech therapy sessions.") == (1, 1)


def test_nothing_to_search_or_nothing_to_ask() -> None:
    assert PassageIndex([]).candidates("Contact is weekly.") == ()
    index = PassageIndex(_lines())
    assert index.candidates("") == ()
    assert index.candidates("and the of it was") == ()
    assert index.candidates("Zebra xylophone quantum.") == ()


def test_a_passage_takes_the_whole_sentence_the_engine_cut_in_two() -> None:
    from familyrecord.views.minutes import PassageIndex, SpokenLine

    index = PassageIndex([
        SpokenLine(1, 0.0, 3.0, "I'll be there."),
        SpokenLine(2, 3.0, 8.0, "Jodie, the family support worker, is going to come on Wednesday"),
        SpokenLine(3, 8.0, 10.0, "mornings to help with the school run."),
        SpokenLine(4, 10.0, 12.0, "That would help."),
    ])
    best = index.candidates("The health visitor will visit on Wednesday mornings to help with the "
                            "school run.")[0].passage
    assert best.first <= 1 and best.last >= 2  # never the second half alone
