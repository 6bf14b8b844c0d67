"""Minutes into statements: items, bullets, sentences; headings, attendance and page furniture set aside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from familyrecord.views.minutes import split_minutes
from familyrecord.views.minutes.sentences import sentence_spans

MESSY = """OFFICIAL – SENSITIVE
Minutes of the Core Group Meeting held on 5 March 2024
Date: 5 March 2024
Venue: Riverside Family Centre
Chair: Hannah Reid, Social Worker
Present:
Hannah Reid – Social Worker
Kerry Jones – Mother
Apologies: Dr Shah (GP)

1. Introductions
Everyone introduced themselves. The purpose of the meeting was ex-
plained to the family.

2. Education
2.1 School reported that Tyler has missed eight days of school this half
term and that his behaviour in class has improved.
2.2 Mr. Davies will send home a reading log each Friday.
Core Group Minutes – Tyler Jones
Page 1 of 2
\f
OFFICIAL – SENSITIVE
Core Group Minutes – Tyler Jones
3. Contact
(a) Contact between Tyler and his father will continue once a week at the
family centre.
(b) Mum said she would go to the course if it is
on a Tuesday.
• Nan offered to collect Tyler on Mondays and Fridays
• Action: SW to chase the housing application
4. AOB
None.
Page 2 of 2
"""


def _texts(text: str) -> list[str]:
    return [s.text for s in split_minutes(text).statements]


def test_statements_keep_their_words_and_numbering() -> None:
    split = split_minutes(MESSY)
    got = [(s.item, s.text) for s in split.statements]
    assert got == [
        ("1", "Everyone introduced themselves."),
        ("1", "The purpose of the meeting was explained to the family."),
        ("2.1", "School reported that Tyler has missed eight days of school this half term and that his "
                "behaviour in class has improved."),
        ("2.2", "Mr. Davies will send home a reading log each Friday."),
        ("3(a)", "Contact between Tyler and his father will continue once a week at the family centre."),
        ("3(b)", "Mum said she would go to the course if it is on a Tuesday."),
        ("3", "Nan offered to collect Tyler on Mondays and Fridays"),
        ("3", "SW to chase the housing application"),
    ]
    assert [s.index for s in split.statements] == list(range(8))
    assert [s.heading for s in split.statements][:4] == ["Introductions", "Introductions", "Education",
                                                         "Education"]
    assert split.statements[7].heading == "Action"  # a "Label:" prefix is the statement's own heading
    assert split.statements[6].heading == "Contact"


def test_what_is_set_aside_and_why() -> None:
    split = split_minutes(MESSY)
    kinds: dict[str, list[str]] = {}
    for item in split.set_aside:
        kinds.setdefault(item.kind, []).append(item.text)
    assert "Hannah Reid – Social Worker" in kinds["attendance"]
    assert "Apologies: Dr Shah (GP)" in kinds["attendance"]
    assert "Chair: Hannah Reid, Social Worker" in kinds["boilerplate"]
    assert "Date: 5 March 2024" in kinds["boilerplate"]
    assert "None." in kinds["boilerplate"]
    assert kinds["page"].count("OFFICIAL – SENSITIVE") == 2
    assert "Page 1 of 2" in kinds["page"] and "Core Group Minutes – Tyler Jones" in kinds["page"]
    assert "2. Education" in kinds["heading"] and "4. AOB" in kinds["heading"]
    statements = " ".join(s.text for s in split.statements)
    assert "Page" not in statements and "OFFICIAL" not in statements and "Kerry Jones" not in statements


def test_source_spans_point_back_into_the_text_given() -> None:
    split = split_minutes(MESSY)
    for statement in split.statements:
        original = MESSY[statement.source.start:statement.source.end]
        assert original.split()[0] == statement.text.split()[0]
        assert original.rstrip().endswith(statement.text.split()[-1])
    wrapped = split.statements[1]
    assert "ex-\nplained" in MESSY[wrapped.source.start:wrapped.source.end]
    for item in split.set_aside:
        assert MESSY[item.source.start:item.source.end].strip().startswith(item.text[:5])


def test_sentence_continues_over_a_page_break() -> None:
    text = ("1. The social worker explained that the plan would be reviewed at the next\n"
            "Core Group Minutes\nPage 1 of 2\n\nCore Group Minutes\n"
            "meeting and that Kerry could bring a supporter.\n")
    assert _texts(text) == ["The social worker explained that the plan would be reviewed at the next meeting "
                            "and that Kerry could bring a supporter."]


def test_headings_are_recognised_by_shape() -> None:
    text = ("CHILD PROTECTION CORE GROUP\nPurpose of the meeting\nHealth and Development\n"
            "Maisie has gained weight.\nActions:\nHV to visit in two weeks.\n")
    split = split_minutes(text)
    assert [s.text for s in split.statements] == ["Maisie has gained weight.", "HV to visit in two weeks."]
    assert [s.heading for s in split.statements] == ["Health and Development", "Actions"]
    assert {a.kind for a in split.set_aside} == {"heading"}


def test_a_short_sentence_without_a_full_stop_is_kept() -> None:
    assert _texts("Notes\nMum to attend the course\nContact stays at twice weekly\n") == [
        "Mum to attend the course", "Contact stays at twice weekly"]


def test_inline_attendance_and_ligatures() -> None:
    text = "Present: Hannah Reid (SW), Kerry Jones (Mum)\nThe ofﬁcer conﬁrmed the date.\n"
    split = split_minutes(text)
    assert [s.text for s in split.statements] == ["The officer confirmed the date."]
    assert split.set_aside[0].kind == "attendance"


def test_sentences_do_not_split_at_titles_initials_or_decimals() -> None:
    text = "Mr. J. Smith said 1.5 hours was too long. Dr. Shah agreed! Was it? Yes."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Mr. J. Smith said 1.5 hours was too long.", "Dr. Shah agreed!",
                                             "Was it?", "Yes."]


def test_empty_and_blank_minutes() -> None:
    assert split_minutes("").statements == ()
    assert split_minutes(" \n\n\f\t ").statements == ()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_split_never_raises_and_spans_stay_inside(text: str) -> None:
    split = split_minutes(text)
    for statement in split.statements:
        assert statement.text.strip()
        assert 0 <= statement.source.start <= statement.source.end <= len(text)
    for item in split.set_aside:
        assert 0 <= item.source.start <= item.source.end <= len(text)


_PIECES = ["1.", "2.1", "(a)", "•", "-", "Present:", "OFFICIAL", "Page 2 of 3", "Mum said", "the letter",
           "was not", "received", "ex-", "plained.", "\n", "\n\n", "\f", "AGENDA", "Chair:", "10am",
           "twice a week", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_split_never_raises_on_minutes_like_pieces(pieces: list[str]) -> None:
    text = " ".join(pieces)
    split = split_minutes(text)
    assert all(s.text for s in split.statements)
