"""Flags for what matters: numbers, dates, times, frequencies, negation, names and roles."""

from __future__ import annotations

import pytest

from familyrecord.views.minutes import Difference, differences, known_names


def _kinds(statement: str, passage: str, speakers: tuple[str, ...] = ()) -> list[str]:
    return [d.kind for d in differences(statement, passage, speakers)]


def _only(statement: str, passage: str, kind: str, speakers: tuple[str, ...] = ()) -> Difference:
    found = [d for d in differences(statement, passage, speakers) if d.kind == kind]
    assert len(found) == 1, differences(statement, passage, speakers)
    flag = found[0]
    for span in flag.minutes_spans:  # spans let a view highlight the very words
        assert statement[span.start:span.end] in flag.minutes
    for span in flag.recording_spans:
        assert passage[span.start:span.end] in flag.recording
    return flag


@pytest.mark.parametrize(("minutes", "said"), [
    ("Contact will continue once a week.", "Contact stays at twice a week."),
    ("Contact is weekly.", "Contact is fortnightly."),
    ("Nan will visit every day.", "I can come every other day."),
    ("Sessions are three times a week.", "It's two times per week now."),
    ("Contact is twice weekly.", "We see him every Tuesday."),
])
def test_changed_frequency_is_flagged(minutes: str, said: str) -> None:
    flag = _only(minutes, said, "frequency")
    assert flag.minutes and flag.recording


@pytest.mark.parametrize(("minutes", "said"), [
    ("Contact is weekly.", "Contact is once a week."),
    ("Contact is fortnightly.", "Contact is every other week."),
    ("Calls are twice a week.", "He rings two times a week."),
    ("Contact is monthly.", "We meet every four weeks."),
])
def test_same_frequency_in_other_words_is_not_flagged(minutes: str, said: str) -> None:
    assert "frequency" not in _kinds(minutes, said)


def test_changed_number_points_at_both_numbers() -> None:
    minutes = "School reported that Tyler has missed eight days this half term."
    said = "He's missed three days this half term, two of those were Mondays."
    flag = _only(minutes, said, "number")
    assert (flag.minutes, flag.recording) == ("eight", "three")  # the count of days, not "two of those"


@pytest.mark.parametrize(("minutes", "said"), [
    ("Tyler missed 3 days.", "He missed three days."),
    ("Kerry spends twenty pounds a week on buses.", "It's £20 a week on buses."),
    ("Tyler missed eight days.", "He has missed some days."),  # no number said: nothing to contradict
])
def test_numbers_that_agree_or_are_not_said_are_not_flagged(minutes: str, said: str) -> None:
    assert "number" not in _kinds(minutes, said)


def test_dates_days_and_times() -> None:
    day = _only("The course starts on Tuesday.", "It starts on the Thursday.", "date")
    assert day.recording == "Thursday"
    assert _only("Appointment on 14 March.", "It's on the 15th of March.", "date").minutes == "14 March"
    assert "date" not in _kinds("Appointment on 14 March.", "I've got it on the 14th.")
    assert "date" not in _kinds("Next meeting on 2 April 2024.", "That's the 2nd of April then.")
    assert _only("Next meeting at 10am.", "We'll meet at 2pm.", "time").minutes == "10am"
    assert "time" not in _kinds("Next meeting at 10am.", "Ten o'clock suits me.")
    assert "number" not in _kinds("Next meeting on 2 April at 10am.", "The 2nd of April at 10 o'clock.")


@pytest.mark.parametrize(("minutes", "said"), [
    ("Mum said she did not receive the letter.", "Yes, I got the letter on Monday."),
    ("Mum received the letter.", "I never got the letter."),
    ("School raised no concerns about attendance.", "We do have some concerns about his attendance."),
    ("Dad declined the referral.", "Dad said yes to the referral, he's happy with it."),
    ("Kerry failed to attend contact.", "I went to contact on Tuesday as usual."),
])
def test_negation_that_changes_the_meaning_is_flagged(minutes: str, said: str) -> None:
    flag = _only(minutes, said, "negation")
    assert flag.minutes_spans and flag.recording_spans


@pytest.mark.parametrize(("minutes", "said"), [
    ("Mum said she did not receive the letter.", "I didn't get the letter."),
    ("Mum has not received the letter.", "No, that letter never came."),
    ("Nan offered to collect Tyler.", "I can pick Tyler up, that's no problem for me."),
    ("There were no concerns.", "No, no concerns at all."),
])
def test_negation_on_both_sides_or_elsewhere_is_not_flagged(minutes: str, said: str) -> None:
    assert "negation" not in _kinds(minutes, said)


def test_changed_role_and_name() -> None:
    role = _only("The health visitor will visit on Wednesday mornings.",
                 "Jodie, the family support worker, will come on Wednesday mornings.", "role")
    assert (role.minutes, role.recording) == ("health visitor", "family support worker")
    names = known_names(["Present: x"], labels=["Karen Smith (FSW)", "Jodie Hall (FSW)"])
    flags = differences("Karen will visit on Wednesday.", "Jodie will come round on Wednesday.", names=names)
    assert [(d.kind, d.minutes, d.recording) for d in flags] == [("name", "Karen", "Jodie")]
    flags = differences("Karen Smith will visit on Wednesday.", "jodie will come round on wednesday",
                        names=names)
    assert [(d.kind, d.minutes, d.recording) for d in flags] == [("name", "Karen Smith", "jodie")]


def test_role_from_who_was_speaking() -> None:
    flag = _only("The team manager said contact would continue.", "Contact will carry on as it is.", "role",
                 speakers=("Hannah Reid (Social Worker)",))
    assert flag.recording == "said by social worker"
    assert flag.recording_spans == ()
    assert "role" not in _kinds("Mum said she would attend.", "I'll be there.", speakers=("Kerry (Mum)",))
    assert "role" not in _kinds("Mum told the social worker she would go.", "I'll go.",
                                speakers=("Kerry (Mum)",))


def test_same_people_in_other_forms_are_not_flagged() -> None:
    assert "name" not in _kinds("Jodie will visit.", "Jody will come round.")
    assert "name" not in _kinds("Tyler is settled.", "tiler is settled now")
    names = known_names(["Present: x"], labels=["Hannah Reid (Social Worker)"])
    assert not [d for d in differences("Ms Reid said the plan stays.", "Hannah said the plan stays.",
                                       names=names) if d.kind == "name"]
    assert "name" not in _kinds("Mum and Nan agreed.", "We both agreed.")


def test_lower_case_transcript_names_are_known_from_elsewhere() -> None:
    names = known_names(["Contact between Tyler and Karen was good."])
    flags = differences("Karen will bring Tyler.", "jodie will bring tyler", names=known_names(
        ["Contact between Tyler and Karen was good.", "Then Jodie came."]))
    assert "name" in [d.kind for d in flags]
    assert "karen" in names and "tyler" in names


def test_nothing_in_common_gives_no_flags_and_empty_text_is_fine() -> None:
    assert differences("", "") == ()
    assert differences("Contact is weekly.", "") == ()
    assert differences("", "I got the letter.") == ()


def test_negation_points_at_the_answer_not_the_question() -> None:
    flag = _only("Mum said she did not receive the letter.",
                 "Did you get the letter? Yes, I got the letter on Monday.", "negation")
    assert (flag.minutes, flag.recording) == ("not receive the letter", "got the letter")
