"""Said but not in the minutes: weighty passages no statement covers, ranked."""

from __future__ import annotations

from familyrecord.views.minutes import SpokenLine, compare
from familyrecord.views.minutes.omissions import weigh

SW = "Hannah Reid (Social Worker)"


def _meeting(*said: tuple[str, str]) -> list[SpokenLine]:
    return [SpokenLine(i, 5.0 * i, 5.0 * i + 4, text, speaker) for i, (speaker, text) in enumerate(said)]


def test_weight_follows_commitments_dates_and_who_speaks() -> None:
    promise, why = weigh("I will make the referral to the nursery by Friday, I promise.", (SW,))
    assert {"commitment", "promise", "deadline", "professional"} <= set(why)
    agreed, why = weigh("We've agreed that children's services will pay for the bus passes.")
    assert "decision" in why
    chat, _ = weigh("Thanks everyone, lovely to see you all.")
    short, _ = weigh("I will.")
    question, _ = weigh("Will you make the referral to the nursery by Friday?")
    statement, _ = weigh("You will make the referral to the nursery by Friday.")
    assert promise > agreed > chat
    assert chat == 0
    assert short < promise
    assert question < statement


def test_left_out_promise_is_listed_and_minuted_one_is_not() -> None:
    lines = _meeting(
        (SW, "Contact with Dad stays at twice a week at the family centre."),
        ("Kerry (Mum)", "Okay, that's good."),
        (SW, "I will make the referral to Little Acorns nursery by Friday, I promise you that."),
        (SW, "I'll write to housing to support your application next week."),
        ("Kerry (Mum)", "Thank you."),
    )
    minutes = ("1. Contact with father to remain twice weekly at the family centre.\n"
               "2. The social worker will write to housing in support of the application.\n")
    comparison = compare(minutes, lines)
    listed = [o.passage.first for o in comparison.omissions]
    assert listed[0] == 2
    assert 3 not in listed and 0 not in listed and 4 not in listed
    top = comparison.omissions[0]
    assert top.passage.start == 10.0 and top.passage.speakers == (SW,)
    assert 0 < top.score < 1 and "promise" in top.reasons


def test_notes_can_hold_what_was_left_out() -> None:
    notes = "The social worker promised to book the nursery place by Friday.\nTyler was happy."
    comparison = compare("1. Tyler was happy at contact.", [], notes)
    assert [o.passage.text for o in comparison.omissions] == [
        "The social worker promised to book the nursery place by Friday."]
    assert comparison.omissions[0].passage.source == "notes"
