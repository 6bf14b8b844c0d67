"""The details that matter in a sentence, with where they are: frequencies, times, dates, numbers,
names and roles. Each is a `Fact` with a comparable value ("twice a week" and "two times per week"
are both 2/7 a day; "eight" and "8" are both 8.0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from familyrecord.views.minutes.model import DifferenceKind, Span
from familyrecord.views.minutes.text import (
    MONTHS,
    NUMBER_WORDS,
    ROLES,
    STOP,
    TENS,
    UNITS,
    WEEKDAYS,
    tokens,
    word_set,
)

Value = float | str | tuple[int | None, int | None, int | None]

_NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_COUNT = rf"(?:once|twice|thrice|{_NUM}\s+times?)"
_PERIOD = r"(day|night|morning|evening|weekend|week|fortnight|month|year)"
_ADVERB = r"(daily|nightly|weekly|fortnightly|bi-?weekly|monthly|yearly|annually)"
_PERIOD_DAYS = {"day": 1, "night": 1, "morning": 1, "evening": 1, "week": 7, "weekend": 7, "fortnight": 14,
                "month": 30, "year": 365, "daily": 1, "nightly": 1, "weekly": 7, "fortnightly": 14,
                "biweekly": 14, "bi-weekly": 14, "monthly": 30, "yearly": 365, "annually": 365}
_MONTH = r"(" + "|".join(m[:3] + f"(?:{m[3:]})?" if len(m) > 3 else m for m in MONTHS) + r")\.?"
_WEEKDAY = r"(" + "|".join(WEEKDAYS) + r")s?"
_ORDINAL = r"(?:st|nd|rd|th)"
# (pattern, reading): "count" = N per period, "every" = once per N periods, "each" = once a period.
_FREQUENCY = (
    (re.compile(rf"\b({_COUNT})\s+(?:a|an|per|each|every|in\s+a)\s+{_PERIOD}s?\b"), "count"),
    (re.compile(rf"\b({_COUNT})\s+{_ADVERB}\b"), "count"),
    (re.compile(rf"\b({_NUM})\s+(?:[a-z]+\s+)?(?:a|per|each)\s+{_PERIOD}\b"), "count"),
    (re.compile(rf"\b(?:every|each)\s+(other|second|alternate|third|{_NUM})\s+{_PERIOD}s?\b"), "every"),
    (re.compile(rf"\b(?:every|each)\s+(other|second|alternate|third)\s+{_WEEKDAY}\b"), "every"),
    (re.compile(rf"\b(alternate)\s+{_PERIOD}s\b"), "every"),
    (re.compile(rf"\b(?:every|each)\s+{_PERIOD}\b"), "each"),
    (re.compile(rf"\b(?:every|each)\s+{_WEEKDAY}\b"), "each"),
    (re.compile(rf"\b{_ADVERB}\b"), "each"),
)
_TIMES = (
    re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.m\.|p\.m\.|am|pm)(?![a-z])"),
    re.compile(r"\b(\d{1,2}):(\d{2})\b"),
    re.compile(rf"\b({_NUM})\s*o'?\s?clock\b"),
    re.compile(r"\b(midday|noon|midnight)\b"),
)
_DATES = (
    re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"),
    re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b"),
    re.compile(rf"\b(\d{{1,2}}){_ORDINAL}?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?\b"),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?(\d{{1,2}}){_ORDINAL}?(?:,?\s+(\d{{4}}))?\b"),
    re.compile(rf"\bthe\s+(\d{{1,2}}){_ORDINAL}\b"),
    re.compile(rf"\b(?:in|during|by|end of|since|until|before|after|of|from)\s+{_MONTH}(?:\s+(\d{{4}}))?\b"),
    re.compile(r"\b(?:in|since|until|by|from|of)\s+((?:19|20)\d{2})\b"),
)
_NUMBER = re.compile(rf"£?\b\d+(?:[.,]\d+)*{_ORDINAL}?%?"
                     rf"|\b(?:{'|'.join(TENS)})(?:[\s-](?:{'|'.join(UNITS)}))?\b|\b(?:{'|'.join(UNITS)})\b")
_NOT_A_COUNT_BEFORE = frozenset({"no", "any", "every", "some", "each", "the", "this", "that", "which",
                                 "another", "only", "that's"})
_NOT_A_COUNT_AFTER = frozenset({"of", "another", "or", "who", "that", "which", "thing", "day"})
_NOT_NAMES = word_set("""i i'm i'll i've i'd ok okay mr mrs ms miss dr mx sir madam council court children
children's services service social care team school primary academy college nursery street road lane
avenue plan child protection group core meeting conference review family centre center hospital police
christmas easter god please thanks thank yes no yeah hello hi good well so and but the a an then
english welsh british monday tuesday wednesday thursday friday saturday sunday maternal paternal head year
deputy senior manager officer lead worker visitor support health education housing secondary high infant
junior unit nurse teacher authority department local county city borough contact parenting speaker unknown
person participant voice""") | set(MONTHS)
_TITLE = re.compile(r"(?i)^(?:mr|mrs|ms|miss|dr|mx)\.?$")


@dataclass(frozen=True)
class Fact:
    kind: DifferenceKind
    value: Value
    text: str
    span: Span


def _number_value(word: str) -> float | None:
    word = word.lower().strip("£%").replace(",", "")
    word = re.sub(rf"(?<=\d){_ORDINAL}$", "", word)
    try:
        return float(word)
    except ValueError:
        pass
    parts = re.split(r"[\s-]+", word)
    if all(p in NUMBER_WORDS for p in parts):
        return float(sum(NUMBER_WORDS[p] for p in parts))
    return None


def _count(text: str) -> float:
    text = text.strip()
    fixed = {"once": 1.0, "twice": 2.0, "thrice": 3.0, "other": 2.0, "second": 2.0, "alternate": 2.0,
             "third": 3.0}
    if text in fixed:
        return fixed[text]
    return _number_value(text.split()[0]) or 1.0


def frequencies(lowered: str) -> list[Fact]:
    found: list[Fact] = []
    for pattern, reading in _FREQUENCY:
        for m in pattern.finditer(lowered):
            groups = [g for g in m.groups() if g]
            days = float(_PERIOD_DAYS.get(groups[-1].replace("-", ""), 7))
            if reading == "count":
                value = _count(groups[0]) / days
            elif reading == "every":
                value = 1 / (_count(groups[0]) * days)
            else:
                value = 1 / days
            found.append(Fact("frequency", round(value, 4), m.group(), Span(m.start(), m.end())))
    return _keep_first(found)


def times(lowered: str) -> list[Fact]:
    found: list[Fact] = []
    for index, pattern in enumerate(_TIMES):
        for m in pattern.finditer(lowered):
            if index == 3:
                minutes = 0 if m.group(1) == "midnight" else 12 * 60
            else:
                hour = _number_value(m.group(1)) or 0
                minute = int(m.group(2)) if index < 2 and m.group(2) else 0
                minutes = int(hour) * 60 + minute
            found.append(Fact("time", float(minutes % 720), m.group(), Span(m.start(), m.end())))
    return _keep_first(found)


def _month(word: str) -> int:
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(word.rstrip(".")[:3]))


def dates(lowered: str) -> list[Fact]:
    found: list[Fact] = []
    for index, pattern in enumerate(_DATES):
        for m in pattern.finditer(lowered):
            g = m.groups()
            day: int | None
            month: int | None
            year: int | None
            if index == 0:
                year, month, day = int(g[0]), int(g[1]), int(g[2])
            elif index == 1:
                day, month, year = int(g[0]), int(g[1]), int(g[2])
            elif index == 2:
                day, month, year = int(g[0]), _month(g[1]), int(g[2]) if g[2] else None
            elif index == 3:
                month, day, year = _month(g[0]), int(g[1]), int(g[2]) if g[2] else None
            elif index == 4:
                day, month, year = int(g[0]), None, None
            elif index == 5:
                day, month, year = None, _month(g[0]), int(g[1]) if g[1] else None
            else:
                day, month, year = None, None, int(g[0])
            if year is not None and year < 100:
                year += 2000
            if (day is None or 1 <= day <= 31) and (month is None or 1 <= month <= 12):
                found.append(Fact("date", (day, month, year), m.group(), Span(m.start(), m.end())))
    for m in re.finditer(rf"\b{_WEEKDAY}\b", lowered):
        found.append(Fact("date", m.group(1), m.group(), Span(m.start(), m.end())))
    return _keep_first(found)


def numbers(lowered: str, taken: list[Fact]) -> list[Fact]:
    """Counts and amounts not already read as part of a frequency, time or date."""
    found: list[Fact] = []
    for m in _NUMBER.finditer(lowered):
        if any(f.span.start < m.end() and m.start() < f.span.end for f in taken):
            continue
        if m.group() == "one":
            before = lowered[:m.start()].split()[-1:]
            after = re.findall(r"[\w']+", lowered[m.end():])[:1]
            if not after or (before and before[0] in _NOT_A_COUNT_BEFORE) or after[0] in _NOT_A_COUNT_AFTER \
                    or after[0] in STOP:
                continue
        value = _number_value(m.group())
        if value is not None:
            found.append(Fact("number", value, m.group(), Span(m.start(), m.end())))
    return found


def details(text: str) -> list[Fact]:
    """Frequencies, times, dates and numbers of `text`, none overlapping."""
    lowered = text.lower()
    taken = frequencies(lowered)
    taken += [f for f in times(lowered) if not _overlaps(f, taken)]
    taken += [f for f in dates(lowered) if not _overlaps(f, taken)]
    return taken + numbers(lowered, taken)


def roles(text: str) -> list[Fact]:
    return [Fact("role", t.norm, text[t.start:t.end], Span(t.start, t.end))
            for t in tokens(text) if t.norm in ROLES]


def name_words(text: str, known: frozenset[str] = frozenset(), *, anywhere: bool = False
               ) -> list[tuple[str, Span]]:
    """Capitalised words that are not sentence starts (unless `anywhere`) or common words; and any
    word in `known`, whatever its case."""
    out: list[tuple[str, Span]] = []
    role_spans: list[Span] | None = None
    for m in re.finditer(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text):
        word = m.group()
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if not (word[0].isupper() or lower in known) or lower in _NOT_NAMES or lower in STOP \
                or _TITLE.match(word) or len(lower) < 2:
            continue
        before = text[:m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:;\"“(•*-–—" or before[-1].isdigit()
        capitalised = word[0].isupper() and not (word.isupper() and len(word) > 1 and len(word) <= 5)
        if not (lower in known or (capitalised and (anywhere or not sentence_start))):
            continue
        if role_spans is None:
            role_spans = [f.span for f in roles(text)]
        if not any(s.start <= m.start() < s.end for s in role_spans):
            out.append((lower, Span(m.start(), m.start() + len(lower))))
    return out


def _overlaps(fact: Fact, others: list[Fact]) -> bool:
    return any(o.span.start < fact.span.end and fact.span.start < o.span.end for o in others)


def _keep_first(found: list[Fact]) -> list[Fact]:
    """Earlier (more specific) patterns win where matches overlap."""
    kept: list[Fact] = []
    for fact in found:
        if not _overlaps(fact, kept):
            kept.append(fact)
    return sorted(kept, key=lambda f: f.span.start)
