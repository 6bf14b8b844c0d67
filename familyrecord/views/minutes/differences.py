"""Where a minutes statement and a passage differ in what matters.

Only conflicts are flagged: a detail is a difference when the minutes give one value and the
passage gives another of the same kind ("once a week" / "twice a week", "8 days" / "3 days",
"Tuesday" / "Thursday"), when the same words are negated on one side only ("did not receive the
letter" / "got the letter"), or when the minutes name a person or role the passage does not while
the passage names another. A detail the passage simply leaves out is not flagged here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from familyrecord.views.minutes.facts import Fact, details
from familyrecord.views.minutes.model import Difference, DifferenceKind, Span
from familyrecord.views.minutes.people import Names, people_differences
from familyrecord.views.minutes.text import NEGATORS, ROLES, STOP, Token, stem, tokens, word_set

_SCOPE = 4  # content words a negation reaches forward
_TRAIL = 3  # words a negation reaches back: "the letter never came", "concerns were not raised"
_BETWEEN = frozenset(stem(w) for w in word_set(
    "is are was were be been has have had did do does will would could can shall should may might must still "
    "yet really even ever actually also already just"))
_CLAUSE_BREAK = re.compile(r"[,.;:!?()]|\b(?:but|although|though|however|whereas|because)\b", re.IGNORECASE)


def _same(kind: DifferenceKind, a: Fact, b: Fact) -> bool:
    if kind == "date" and isinstance(a.value, tuple) and isinstance(b.value, tuple):
        return all(x is None or y is None or x == y for x, y in zip(a.value, b.value, strict=True))
    if kind == "frequency" and isinstance(a.value, float) and isinstance(b.value, float):
        return abs(a.value - b.value) <= 0.1 * max(a.value, b.value)
    return a.value == b.value


def _noun_after(text: str, fact: Fact) -> str:
    following = re.findall(r"[a-z]+", text[fact.span.end:fact.span.end + 30].lower())
    return following[0].rstrip("s") if following else ""


def _value_differences(statement: str, passage: str) -> list[Difference]:
    mine, theirs = details(statement), details(passage)
    out: list[Difference] = []
    groups: list[tuple[DifferenceKind, bool]] = [("frequency", False), ("number", False), ("time", False),
                                                  ("date", True), ("date", False)]
    for kind, weekday in groups:
        def chosen(facts: list[Fact], kind: DifferenceKind = kind, weekday: bool = weekday) -> list[Fact]:
            return [f for f in facts if f.kind == kind and isinstance(f.value, str) == weekday]
        left, right = chosen(mine), chosen(theirs)
        missing = [f for f in left if not any(_same(kind, f, g) for g in right)]
        others = [g for g in right if not any(_same(kind, f, g) for f in left)]
        for fact in missing if others else []:
            near = [g for g in others if kind == "number" and _noun_after(passage, g) ==
                    _noun_after(statement, fact)] or others
            out.append(Difference(kind, statement[fact.span.start:fact.span.end],
                                  ", ".join(passage[g.span.start:g.span.end] for g in near),
                                  (fact.span,), tuple(g.span for g in near)))
            if kind != "number":
                break  # one flag per kind is enough to point at it
    return out


def _polarity(text: str) -> tuple[Sequence[Token], dict[str, list[tuple[bool, int, int]]]]:
    """Content words of `text`: for each, every occurrence as (negated, start, end), where start is the
    negator's when negated. A word is negated by a negator up to `_SCOPE` content words before it
    ("did not receive the letter") or up to `_TRAIL` words after it ("the letter never came"),
    within one clause."""
    toks = tokens(text)
    clause = 0
    clauses: list[int] = []
    for i, token in enumerate(toks):
        if i and _CLAUSE_BREAK.search(text[toks[i - 1].end:token.start]):
            clause += 1
        clauses.append(clause)
    words: dict[str, list[tuple[bool, int, int]]] = {}
    negator_at: int | None = None
    reach = 0
    for i, token in enumerate(toks):
        if i and clauses[i] != clauses[i - 1]:
            negator_at = None
        if token.norm in NEGATORS:
            negator_at, reach = token.start, _SCOPE
            continue
        if token.norm in STOP or token.norm in ROLES:
            continue
        trailing = _trailing_negator(toks, clauses, i)
        if negator_at is not None and reach > 0:
            words.setdefault(token.norm, []).append((True, negator_at, token.end))
            reach -= 1
        elif trailing is not None:
            words.setdefault(token.norm, []).append((True, token.start, trailing.end))
        else:
            words.setdefault(token.norm, []).append((False, token.start, token.end))
    return toks, words


def _trailing_negator(toks: Sequence[Token], clauses: list[int], i: int) -> Token | None:
    """A negator right after word i, or after only auxiliaries and adverbs: "letter never came",
    "allowance still hasn't come"."""
    for j in range(i + 1, min(len(toks), i + 1 + _TRAIL)):
        if clauses[j] != clauses[i]:
            return None
        if toks[j].norm in NEGATORS:
            return toks[j]
        if toks[j].norm not in _BETWEEN:
            return None
    return None


def _lead_in(text: str, toks: Sequence[Token], start: int, words: int = 2) -> int:
    """Start of up to `words` tokens before `start` in the same sentence, to show a word in its phrase."""
    begin = start
    for token in reversed([t for t in toks if t.end <= start]):
        if words == 0 or re.search(r"[.!?]", text[token.end:begin]):
            break
        begin, words = token.start, words - 1
    return begin


def _answer(text: str, occurrences: list[tuple[bool, int, int]]) -> tuple[bool, int, int]:
    """The first occurrence that is not in a question: "Did you get the letter?" "I got the letter"."""
    for occurrence in occurrences:
        end = re.search(r"[.!?]", text[occurrence[2]:])
        if not end or end.group() != "?":
            return occurrence
    return occurrences[0]


def _negation_differences(statement: str, passage: str) -> list[Difference]:
    mine_tokens, mine = _polarity(statement)
    theirs_tokens, theirs = _polarity(passage)
    for word, here in mine.items():
        there = theirs.get(word)
        if not there:
            continue
        here_negated = {negated for negated, _, _ in here}
        there_negated = {negated for negated, _, _ in there}
        if len(here_negated) != 1 or len(there_negated) != 1 or here_negated == there_negated:
            continue
        (m_negated, m_start, m_end), (p_negated, p_start, p_end) = here[0], _answer(passage, there)
        if not m_negated:
            m_start = _lead_in(statement, mine_tokens, m_start)
        if not p_negated:
            p_start = _lead_in(passage, theirs_tokens, p_start)
        return [Difference("negation", statement[m_start:m_end], passage[p_start:p_end],
                           (Span(m_start, m_end),), (Span(p_start, p_end),))]
    return []


def differences(statement: str, passage: str, speakers: Sequence[str] = (),
                names: Names | None = None, context: str = "") -> tuple[Difference, ...]:
    """Every flagged difference between a minutes statement and a passage of the recording or notes.

    `speakers` are who spoke the passage (their labels); `names` are the known names of the case
    (see `people.known_names`), which lets lower-case transcripts be read for names; `context` is
    what was said around the passage: a person named there is not a changed name when the passage
    says "she".
    """
    found = _value_differences(statement, passage)
    found += _negation_differences(statement, passage)
    found += people_differences(statement, passage, speakers, names, context)
    return tuple(found)
