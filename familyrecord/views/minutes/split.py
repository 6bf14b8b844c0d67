"""Minutes as statements: numbered items, bullets and sentences; headings and attendance set aside.

Works line by line on text extracted from PDF, Word or a photo (see `layout`): wrapped lines are
joined back into paragraphs, each paragraph is split into sentences, and every statement keeps its
item number and where it sits in the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from familyrecord.views.minutes.guard import readable
from familyrecord.views.minutes.layout import Line, Mapped, ends_sentence, join, lines
from familyrecord.views.minutes.model import MinutesSplit, SetAside, SetAsideKind, Span, Statement
from familyrecord.views.minutes.sentences import sentence_spans
from familyrecord.views.minutes.text import word_set

_NUMBERED = re.compile(r"^(?:(\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})[.)]|\((\d{1,3})\))\s+(?=\S)")
_LETTERED = re.compile(r"^(?:\(([a-z]{1,2}|[ivx]{1,5}|[A-Z])\)|([a-z]|[ivx]{2,5})[.)])\s+(?=\S)")
_BULLET = re.compile(r"^(?:[-•*–—·▪●◦■□➢>]+|o(?=\s+[A-Z]))\s*(?=\S)")
_PROTECTIVE = re.compile(r"(?i)^(?:official|confidential|restricted|private|strictly|not protectively|"
                         r"protect|sensitive)\b[\s\w\-–—:/]{0,40}$")
_LABEL = re.compile(r"(?i)^(?:date(?! of next)(?: of (?:the )?(?:meeting|conference|review))?|time|venue|"
                    r"location|place|chair(?:ed by|person)?|minute[ -]?taker|minutes? (?:taken|recorded) by|"
                    r"note[ -]?taker|author|prepared by|distribution|circulation|copy to|cc|ref(?:erence)?|"
                    r"case (?:no|number|ref)|child(?:ren)?(?:'s|’s)? names?|name of child(?:ren)?|d\.?o\.?b|"
                    r"date of birth|subject|meeting type|type of meeting|meeting|held at)\s*[:\-–]")
_ATTENDANCE = re.compile(r"(?i)^(?:present|attendees|attending|in attendance|also present|invited|"
                         r"not present|absent|apologies(?: (?:received|given))?(?: from)?|"
                         r"did not attend|dna)\b\s*(?:[:\-–]\s*|$)")
_HEADING_WORDS = re.compile(r"(?i)^(?:agenda(?: items?)?|minutes|actions?|action plan|any other business|"
                            r"a\.?o\.?b\.?|summary|introductions?|welcome and introductions|"
                            r"purpose of (?:the )?meeting|decisions?|outcomes?|next steps|updates?|"
                            r"date of next meeting|recommendations?|analysis|plan)\s*:?$")
_MINUTES_TITLE = re.compile(r"(?i)^(?:minutes of|notes of|record of)\b")
_LABEL_PREFIX = re.compile(r"^([A-Z][\w '’&/()-]{0,40}?)\s*:\s+(?=\S)")
_NAME_THEN_ROLE = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:[–—-]\s|,|\()")
_EMPTY_STATEMENT = re.compile(r"(?i)^(?:none|n/?a|nil|no|tbc|tba|nothing|nothing to add|none noted)\W*$")
_VERBS = word_set("""is are was were be been being am has have had will would shall should can could may
might must did do does said says say agreed agree agrees reported reports confirmed confirms stated states
explained advised asked attended attend attends attending continue continues remain remains need needs
needed feel feels felt want wants wanted made make makes take takes took gave give gives visited visit
visits raised raise discussed discuss noted note told tell shared share went go goes going got get gets
came come comes saw see sees seen knows know knew think thinks thought offered offers offer refused
declined accepted missed misses received receive receives started starts finished completed will'
isn't wasn't won't can't didn't doesn't hasn't haven't stay stays stayed live lives lived work works
worked seem seems seemed look looks looked help helps helped start begin begins began ends""")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our"})


@dataclass
class _Block:
    item: str
    heading: str
    mapped: Mapped


def has_verb(text: str) -> bool:
    written = re.findall(r"[\w'’]+", text)
    words = [w.lower() for w in written]
    for i, word in enumerate(words):
        if word in _VERBS or (len(word) > 4 and word.endswith("ed")):
            return True
        if i == 1 and written[1][0].islower() and len(word) > 3 and word.endswith("s") \
                and not word.endswith(("ss", "us", "is", "'s")):
            return True  # "Contact stays …", "Tyler attends …": a subject and its verb
        if word == "to" and i + 1 < len(words) and words[i + 1] not in _DETERMINERS \
                and words[i + 1].isalpha():
            return True
    return False


def _heading_like(text: str) -> bool:
    """A short title: no full stop, and capitals, a colon, or no verb."""
    words = text.split()
    if not words or len(words) > 9 or ends_sentence(text):
        return False
    if _HEADING_WORDS.match(text) or _MINUTES_TITLE.match(text):
        return True
    if text.endswith(":") and len(words) <= 6:
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    title = bool(long_words) and all(w[0].isupper() for w in long_words)
    return (title and len(words) <= 8) or (len(words) <= 6 and not has_verb(text))


class _Splitter:
    def __init__(self, source: str) -> None:
        self.lines, furniture = lines(source)
        self.set_aside: list[SetAside] = [self._aside("page", m) for m in furniture]
        self.blocks: list[_Block] = []
        self.number = ""  # the latest numbered item or numbered heading
        self.heading = ""
        self.attendance = False
        self.closed = True  # the last line was set aside: the next one starts afresh
        lengths = sorted(len(line.text) for line in self.lines) or [0]
        self.wrap = max(40, lengths[int(len(lengths) * 0.9)])

    @staticmethod
    def _aside(kind: SetAsideKind, mapped: Mapped) -> SetAside:
        return SetAside(kind, mapped.text, Span(*mapped.span(0, len(mapped.text))))

    def _continues(self, line: Line) -> bool:
        if not self.blocks or self.closed or self._marker(line.text)[1]:
            return False
        previous = self.blocks[-1].mapped.text
        first = line.text[:1]
        if line.blank_before:
            return not ends_sentence(previous) and first.islower()
        if _HEADING_WORDS.match(line.text) or (line.text.isupper() and len(line.text.split()) <= 8):
            return False
        if ends_sentence(previous) or previous.endswith((",", ";", ":")) or not first.isupper():
            return True
        return len(previous) >= 0.7 * self.wrap

    def _marker(self, text: str) -> tuple[str, int]:
        """The item label a line starts with (or "•" for a bullet) and the marker's length."""
        found = _NUMBERED.match(text)
        if found:
            return next(g for g in found.groups() if g), found.end()
        found = _LETTERED.match(text)
        if found:
            letter = next(g for g in found.groups() if g)
            return f"{self.number}({letter})", found.end()
        found = _BULLET.match(text)
        if found and found.end() < len(text):
            return "•", found.end()
        return "", 0

    def feed(self, line: Line) -> None:
        self.closed = not self._feed(line)

    def _feed(self, line: Line) -> bool:
        """Take one line; False when it was set aside."""
        if self._continues(line):
            self.blocks[-1].mapped = join(self.blocks[-1].mapped, line.mapped)
            return True
        label, skip = self._marker(line.text)
        body = line.mapped.slice(skip, len(line.text))
        text = body.text
        if _PROTECTIVE.match(text) or _LABEL.match(text) or (_MINUTES_TITLE.match(text)
                                                             and not ends_sentence(text)):
            self.attendance = False
            self.set_aside.append(self._aside("boilerplate", line.mapped))
            return False
        if _ATTENDANCE.match(text):
            self.attendance = True
            self.set_aside.append(self._aside("attendance", line.mapped))
            return False
        if self.attendance and not ends_sentence(text) and len(text.split()) <= 15 and label in ("", "•") \
                and (not has_verb(text) or _NAME_THEN_ROLE.match(text)):
            self.set_aside.append(self._aside("attendance", line.mapped))
            return False
        self.attendance = False
        if label and label != "•" and "(" not in label:
            self.number = label
        if _heading_like(text):
            self.heading = text.rstrip(":").strip()
            self.set_aside.append(self._aside("heading", line.mapped))
            return False
        heading = self.heading
        prefix = _LABEL_PREFIX.match(text)
        if prefix and len(prefix.group(1).split()) <= 4 and not has_verb(prefix.group(1)):
            heading = prefix.group(1).strip()  # "Action: SW to ..." is under "Action" alone
            self.set_aside.append(self._aside("heading", body.slice(0, len(prefix.group(1)))))
            body = body.slice(prefix.end(), len(text))
        item = self.number if label in ("", "•") else label
        self.blocks.append(_Block(item, heading, body))
        return True

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        for paragraph, block in enumerate(self.blocks):
            for start, end in sentence_spans(block.mapped.text):
                text = block.mapped.text[start:end]
                source = Span(*block.mapped.span(start, end))
                if _EMPTY_STATEMENT.match(text) or not any(c.isalnum() for c in text):
                    self.set_aside.append(SetAside("boilerplate", text, source))
                    continue
                out.append(Statement(len(out), block.item, block.heading, paragraph, text, source))
        return out


@readable
def split_minutes(text: str) -> MinutesSplit:
    """The statements of `text` in order, and what was set aside (headings, attendance, page furniture)."""
    splitter = _Splitter(text)
    for line in splitter.lines:
        splitter.feed(line)
    statements = splitter.statements()
    set_aside = sorted(splitter.set_aside, key=lambda s: s.source.start)
    return MinutesSplit(tuple(statements), tuple(set_aside))
