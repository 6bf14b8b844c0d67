"""Suggested fields from a letter's or e-mail's text, each with the exact words it came from.

Suggestions only: the person confirms each in the form, which shows `words` (and `context`,
the sentence or line around them) beside the field. Nothing here is ever saved by itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Generic, TypeVar

from familyrecord.importers import dates
from familyrecord.importers.dates import DateFound

T = TypeVar("T")

_CLOSING = re.compile(r"^\s*(yours\s+(sincerely|faithfully|truly)|(with\s+)?(kind|best|warm|many)\s+"
                      r"(regards|wishes|thanks)|regards|sincerely|many thanks|thanks|thank you)\s*[,.!]?\s*$",
                      re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*(re|subject|regarding)\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^\s*dated?\s*:?\s*", re.IGNORECASE)
_FROM_LABEL = re.compile(r"^\s*from\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)
_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr)\.?\s+)?"
                   r"[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,4}$")
_ROLE = re.compile(r"^[A-Za-z][A-Za-z &/'’(),.-]{1,60}$")
_ORGANISATION_WORDS = re.compile(
    r"\b(council|services|school|academy|trust|nhs|hospital|court|tribunal|solicitors?|llp|ltd|limited"
    r"|cafcass|police|department|centre|center|agency|partnership|foundation|nursery|college|university"
    r"|practice|surgery|clinic|authority|borough|county|county council)\b", re.IGNORECASE)
_DEADLINE_CUE = re.compile(r"\b(by|before|no\s+later\s+than|not\s+later\s+than|deadline(\s+(is|of))?|until"
                           r"|due(\s+(on|by))?)\s*:?\s+(the\s+)?(end\s+of\s+)?$", re.IGNORECASE)
_REPLY_WORDS = re.compile(r"\b(respond|response|reply|replies|let\s+(\w+\s+){0,4}know|confirm"
                          r"|get\s+in\s+touch|contact\s+(me|us)|return|send|call\s+(me|us)|tell\s+(me|us)|inform|write\s+to)\b",
                          re.IGNORECASE)
# Longest first, so "child protection conference" wins over "conference".
_EVENTS = sorted((
    "initial child protection conference", "review child protection conference",
    "child protection conference", "child protection review", "core group meeting", "core group",
    "child in need meeting", "child in need review", "looked after child review", "lac review",
    "family group conference", "family group meeting", "pre-proceedings meeting", "plo meeting",
    "strategy meeting", "strategy discussion", "professionals meeting", "network meeting",
    "team around the family meeting", "court hearing", "final hearing", "directions hearing",
    "case management hearing", "hearing", "home visit", "statutory visit", "visit", "appointment",
    "assessment", "panel", "contact session", "conference", "review", "meeting"), key=len, reverse=True)
_EVENT = re.compile(r"\b(" + "|".join(re.escape(e) for e in _EVENTS) + r")s?\b", re.IGNORECASE)
TOP_LINES = 25  # a letter's own date sits in its first lines


@dataclass(frozen=True)
class Suggested(Generic[T]):
    """A suggested value and where it came from: `text[start:end] == words`."""

    value: T
    start: int
    end: int
    words: str
    context: str  # the line or sentence around the words, for showing beside the field


@dataclass(frozen=True)
class DateMention:
    """A date in the text and what it is: kind is "reply_by", "deadline", "event" or "mentioned"."""

    when: date
    at: time | None
    kind: str
    what: str  # the words naming it ("core group meeting"); "" when nothing says
    start: int
    end: int
    words: str  # the date as written
    context: str
    before_letter: bool = False  # dated before the letter itself: something that already happened


@dataclass(frozen=True)
class Suggestions:
    letter_date: Suggested[date] | None = None
    sender: Suggested[str] | None = None
    sender_role: Suggested[str] | None = None
    organisation: Suggested[str] | None = None
    subject: Suggested[str] | None = None
    children: tuple[Suggested[str], ...] = ()
    dates: tuple[DateMention, ...] = ()
    reply_needed_by: Suggested[date] | None = None


@dataclass(frozen=True)
class _Line:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def suggest_fields(text: str, *, known_children: Sequence[str] = (),
                   reference: date | None = None) -> Suggestions:
    """What the text suggests for a Correspondence form. `reference` (the e-mail's date, or
    today) places dates written without a year when the letter gives no date of its own."""
    lines = _lines(text)
    found = dates.find_dates(text, reference=reference)
    letter_date = _letter_date(text, lines, found)
    if letter_date is not None and any(not f.has_year for f in found):
        found = dates.find_dates(text, reference=letter_date.value)
    sender, role = _signature(text, lines)
    mentions = tuple(_mention(text, f, letter_date) for f in found
                     if letter_date is None or f.start != letter_date.start)
    replies = [m for m in mentions if m.kind == "reply_by" and not m.before_letter]
    reply = min(replies, key=lambda m: m.when, default=None)
    return Suggestions(
        letter_date=letter_date,
        sender=sender,
        sender_role=role,
        organisation=_organisation(text, lines),
        subject=_subject(text, lines),
        children=_children(text, known_children),
        dates=mentions,
        reply_needed_by=None if reply is None else Suggested(
            reply.when, reply.start, reply.end, reply.words, reply.context),
    )


def _lines(text: str) -> list[_Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(position, raw))
        position += len(raw) + 1
    return lines


def _letter_date(text: str, lines: list[_Line], found: list[DateFound]) -> Suggested[date] | None:
    """A "Date: ..." line, else a line near the top that holds nothing but a full date."""
    top = [line for line in lines if line.text.strip()][:TOP_LINES]
    for line in top:
        label = _DATE_LABEL.match(line.text)
        if label is None:
            continue
        for item in _dates_in(line, found):
            if item.start == line.start + label.end():
                return Suggested(item.when, item.start, item.end, item.words, line.text.strip())
    for line in top:
        for item in _dates_in(line, found):
            rest = (text[line.start:item.start] + text[item.end:line.end]).strip(" ,.")
            if not rest and item.has_year:
                return Suggested(item.when, item.start, item.end, item.words, line.text.strip())
    return None


def _dates_in(line: _Line, found: list[DateFound]) -> list[DateFound]:
    return [item for item in found if line.start <= item.start and item.end <= line.end]


def _signature(text: str, lines: list[_Line]) -> tuple[Suggested[str] | None, Suggested[str] | None]:
    """The name (and role) under the first closing such as "Yours sincerely," that has one."""
    for index, line in enumerate(lines):
        if not _CLOSING.match(line.text):
            continue
        following = [ln for ln in lines[index + 1: index + 6] if ln.text.strip()][:3]
        if following and following[0].text.strip().lower() in ("pp", "p.p.", "[signature]"):
            following = following[1:]
        if not following or not _NAME.match(following[0].text.strip()):
            continue
        name = _suggest_line(following[0], following[0].text.strip())
        role = None
        if len(following) > 1:
            candidate = following[1].text.strip()
            if _ROLE.match(candidate) and not any(ch.isdigit() for ch in candidate):
                role = _suggest_line(following[1], candidate)
        return name, role
    for line in lines:
        match = _FROM_LABEL.match(line.text)
        if match:
            return Suggested(match.group("value"), line.start + match.start("value"),
                             line.start + match.end("value"), match.group("value"), line.text.strip()), None
    return None, None


def _organisation(text: str, lines: list[_Line]) -> Suggested[str] | None:
    for line in [ln for ln in lines if ln.text.strip()][:6]:
        value = line.text.strip()
        if _ORGANISATION_WORDS.search(value) and len(value) <= 80 and not _SUBJECT.match(value):
            return _suggest_line(line, value)
    return None


def _subject(text: str, lines: list[_Line]) -> Suggested[str] | None:
    for line in lines:
        match = _SUBJECT.match(line.text)
        if match:
            value = match.group("value")
            return Suggested(value, line.start + match.start("value"), line.start + match.end("value"),
                             value, line.text.strip())
    return None


def _children(text: str, known: Sequence[str]) -> tuple[Suggested[str], ...]:
    """Known children named in the text (full name, or the first name alone), first mention each."""
    found = []
    for child in known:
        names = [child.strip(), child.strip().split(" ")[0]] if child.strip() else []
        for name in dict.fromkeys(names):
            match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
            if match:
                found.append(Suggested(child, match.start(), match.end(), match.group(0),
                                       _sentence(text, match.start(), match.end())[2]))
                break
    return tuple(sorted(found, key=lambda s: s.start))


def _mention(text: str, found: DateFound, letter: Suggested[date] | None) -> DateMention:
    start, end, context = _sentence(text, found.start, found.end)
    before = text[start:found.start]
    sentence = text[start:end]
    before_letter = letter is not None and found.when < letter.value
    cue = _DEADLINE_CUE.search(before[-40:])
    if cue:
        if _REPLY_WORDS.search(sentence):
            return DateMention(found.when, found.at, "reply_by", "reply needed", found.start, found.end,
                               found.words, context, before_letter)
        event = _event_near(text, start, end, found)
        return DateMention(found.when, found.at, "deadline", event, found.start, found.end, found.words,
                           context, before_letter)
    event = _event_near(text, start, end, found)
    return DateMention(found.when, found.at, "event" if event else "mentioned", event, found.start,
                       found.end, found.words, context, before_letter)


def _event_near(text: str, start: int, end: int, found: DateFound) -> str:
    """The event named nearest before the date in its sentence (else the nearest after)."""
    before = list(_EVENT.finditer(text, start, found.start))
    if before:
        return before[-1].group(0)
    after = _EVENT.search(text, found.end, end)
    return after.group(0) if after else ""


def _sentence(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The sentence around a span (lines wrapped by a letter's layout count as one sentence,
    but no more than two lines either side: a heading above is not part of it)."""
    left = max(text.rfind("\n\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "! ", "? ", ".\n")))
    left = 0 if left < 0 else left + (2 if text.startswith("\n\n", left) else 1)
    line_above = start
    for _ in range(3):
        line_above = text.rfind("\n", 0, line_above)
        if line_above < 0:
            break
    left = max(left, line_above + 1)
    stops = [i for i in (text.find(p, end) for p in (". ", "! ", "? ", ".\n", "\n\n")) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    right = max(right, end)
    line_below = end
    for _ in range(3):
        line_below = text.find("\n", line_below + 1)
        if line_below < 0:
            break
    if line_below >= 0:
        right = min(right, line_below)
    return left, right, " ".join(text[left:right].split())


def _suggest_line(line: _Line, value: str) -> Suggested[str]:
    offset = line.start + line.text.index(value)
    return Suggested(value, offset, offset + len(value), value, value)
