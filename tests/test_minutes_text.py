"""Normalised words: both sides of the comparison must meet whatever the spelling, tense or form."""

from __future__ import annotations

import pytest

from familyrecord.views.minutes.text import terms, tokens


@pytest.mark.parametrize(("one", "other"), [
    ("behaviour", "behavior"), ("organised", "organized"), ("centre", "center"),
    ("counselling", "counseling"), ("programme", "program"), ("paediatrician", "pediatrician"),
    ("judgement", "judgment"),
    ("cancelled", "canceled"), ("visits", "visited"), ("visiting", "visit"), ("agreed", "agree"),
    ("attendance", "attending"), ("assessments", "assessed"), ("families", "family"), ("stopped", "stop"),
])
def test_spellings_and_forms_meet(one: str, other: str) -> None:
    assert terms(one) == terms(other)


@pytest.mark.parametrize(("said", "normal"), [
    ("two", "2"), ("twenty-five", "25"), ("twenty five", "25"), ("3rd", "3"), ("£20", "20"), ("95%", "95"),
    ("Mum", "mother"), ("mom", "mother"), ("SW", "socialworker"), ("social workers", "socialworker"),
    ("Nan", "grandmother"), ("HV", "healthvisitor"), ("family support worker", "familysupportworker"),
])
def test_numbers_and_roles_become_one_token(said: str, normal: str) -> None:
    assert terms(said) == [normal]


def test_contractions_open_and_keep_offsets() -> None:
    text = "Mum didn't get it; we'll see, I can't say"
    found = tokens(text)
    norms = [t.norm for t in found]
    assert norms[:3] == ["mother", "did", "not"]
    assert "will" in [t.norm for t in found] or "wil" in norms
    assert norms.count("not") == 2
    for token in found:
        assert text[token.start:token.end].strip()
    not_token = found[2]
    assert text[not_token.start:not_token.end] == "didn't"


def test_stop_words_dropped_but_negations_kept() -> None:
    assert terms("She said that there were no concerns and it was not a problem") == [
        "no", "concern", "not", "problem"]
