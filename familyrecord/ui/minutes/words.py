"""The plain words the minutes comparison shows: verdicts with their keys, what differs, why
something left out may matter. Every string goes through Qt's translate (context "minutes")."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from familyrecord.records.enums import Verdict


def tr(text: str) -> str:
    return QCoreApplication.translate("minutes", text)


@dataclass(frozen=True)
class VerdictChoice:
    verdict: Verdict
    digit: str  # "1".."5"
    letter: str  # "A", "I", "C", "N", "S"
    english: str  # the label before translation


# In the order the keys 1-5 pick them.
VERDICTS = (
    VerdictChoice(Verdict.ACCURATE, "1", "A", "Accurate"),
    VerdictChoice(Verdict.INACCURATE, "2", "I", "Inaccurate"),
    VerdictChoice(Verdict.INCOMPLETE, "3", "C", "Incomplete"),
    VerdictChoice(Verdict.NOT_DISCUSSED, "4", "N", "Not discussed"),
    VerdictChoice(Verdict.NOT_SURE, "5", "S", "Not sure"),
)


def verdict_word(verdict: Verdict) -> str:
    """The verdict in a word or two ("Not looked at yet" when unmarked)."""
    for choice in VERDICTS:
        if choice.verdict is verdict:
            return tr(choice.english)
    return tr("Not looked at yet")


def verdict_button_text(choice: VerdictChoice) -> str:
    """A verdict button shows its keys, so the keyboard can be learnt from the screen."""
    return tr("{0}   ({1} or {2})").format(tr(choice.english), choice.digit, choice.letter)


_DIFFERENCES = {
    "number": "the number differs",
    "date": "the date differs",
    "time": "the time differs",
    "frequency": "how often differs",
    "negation": "one says the opposite",
    "name": "the name differs",
    "role": "who it is differs",
}


def difference_label(kind: str) -> str:
    """A short plain label for a kind of difference: "how often differs"."""
    return tr(_DIFFERENCES.get(kind, "something differs"))


# Why something said but left out may matter (the omission finder's reasons), most telling first.
_REASONS = {
    "promise": "a promise",
    "commitment": "someone said they will do something",
    "decision": "a decision or agreement",
    "deadline": "a deadline",
    "action": "something to be done",
    "safeguarding": "a worry about safety",
    "date": "a date",
    "time": "a time",
    "number": "a number",
    "frequency": "how often",
    "professional": "said by a professional",
}


def reasons_text(reasons: tuple[str, ...]) -> str:
    """"Why it may matter: a promise, a deadline, a date" (the three most telling reasons)."""
    known = [tr(_REASONS[r]) for r in _REASONS if r in reasons][:3]
    if not known:
        return ""
    return tr("Why it may matter: {0}").format(", ".join(known))
