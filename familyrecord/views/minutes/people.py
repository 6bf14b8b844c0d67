"""Who: the names and roles on each side, and whether the minutes name someone the recording does not.

Transcripts are often lower case and mishear names, so names known from anywhere (the attendance
list, speaker labels, capitalised words elsewhere) are recognised in any case, and near spellings
("Jodie"/"Jody") count as the same person. Words of one full name ("Hannah Reid") belong together,
so "Ms Reid" in the minutes and "Hannah" in the recording are not a difference.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from familyrecord.views.minutes.facts import name_words, roles
from familyrecord.views.minutes.model import Difference, DifferenceKind, Span
from familyrecord.views.minutes.text import ROLE_LABELS, role_kind

Names = Mapping[str, frozenset[str]]  # a name word -> the full names it is part of


def known_names(texts: Iterable[str], labels: Iterable[str] = ()) -> Names:
    """Name words found in `texts` (capitalised, not at a sentence start) and in speaker `labels`
    (capitalised anywhere), grouped into full names."""
    groups: dict[str, set[str]] = defaultdict(set)
    sources = [(text, False) for text in texts] + [(label, True) for label in labels]
    for text, anywhere in sources:
        found = name_words(text, anywhere=anywhere)
        run: list[tuple[str, Span]] = []
        for word, span in [*found, ("", Span(len(text) + 2, len(text) + 2))]:
            if run and (not word or text[run[-1][1].end:span.start].strip(" .")):
                full = " ".join(w for w, _ in run)
                for part, _ in run:
                    groups[part].add(full)
                run = []
            if word:
                run.append((word, span))
    return {word: frozenset(full) for word, full in groups.items()}


def listed_names(text: str) -> list[str]:
    """The names in an attendance or label line: "Present: Hannah Reid (SW), Kerry Jones – Mother"
    gives "Hannah Reid" and "Kerry Jones"; roles after a dash or in brackets are left out."""
    listed = text.split(":", 1)[-1]
    out: list[str] = []
    for part in re.split(r"[,;]", listed):
        name = re.split(r"\s[–—-]\s|\(|\s\|", part)[0].strip()
        if name and name[0].isupper():
            out.append(name)
    return out


def _same_person(a: str, b: str, names: Names) -> bool:
    if a == b or (names.get(a, frozenset()) & names.get(b, frozenset())):
        return True
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 80


def _names(text: str, names: Names) -> list[tuple[str, Span]]:
    return name_words(text, frozenset(names))


def _roles(text: str) -> list[tuple[str, Span]]:
    return [(str(f.value), f.span) for f in roles(text)]


def _compare(kind: DifferenceKind, statement: str, passage: str, mine: list[tuple[str, Span]],
             theirs: list[tuple[str, Span]], spoken_by: list[str], names: Names, context: str = ""
             ) -> Difference | None:
    """Flag when the minutes name someone the passage does not, and the passage names someone else
    (for roles, someone of the same kind: a professional for a professional, family for family)."""
    def match(a: str, b: str) -> bool:
        return _same_person(a, b, names) if kind == "name" else a == b

    heard = [value for value, _ in theirs] + spoken_by
    if kind == "name":  # a misheard name is still the name ("tiler"), and one said just before is "she"
        heard += re.findall(r"[^\W\d_]{4,}", f"{passage} {context}".lower())
    missing = [(v, s) for v, s in mine if not any(match(v, h) for h in heard)]
    kinds = {role_kind(v) for v, _ in missing}

    def rival(value: str) -> bool:
        return not any(match(value, m) for m, _ in mine) and (kind == "name" or role_kind(value) in kinds)

    others = [(v, s) for v, s in theirs if rival(v)]
    other_speakers = [v for v in spoken_by if rival(v)]
    if not missing or not (others or other_speakers):
        return None
    minutes_spans = _merged(statement, [s for _, s in missing])
    if others:
        spans = _merged(passage, [s for _, s in others])
        recording = ", ".join(dict.fromkeys(passage[s.start:s.end] for s in spans))
    else:
        labels = (ROLE_LABELS.get(v, v) for v in other_speakers) if kind == "role" else other_speakers
        recording, spans = "said by " + ", ".join(dict.fromkeys(labels)), ()
    minutes = ", ".join(dict.fromkeys(statement[s.start:s.end] for s in minutes_spans))
    return Difference(kind, minutes, recording, minutes_spans, spans)


def _merged(text: str, spans: list[Span]) -> tuple[Span, ...]:
    """Spans with only spaces between them made one: "Karen" + "Smith" -> "Karen Smith"."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and not text[out[-1].end:span.start].strip():
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


def people_differences(statement: str, passage: str, speakers: Sequence[str] = (),
                       names: Names | None = None, context: str = "") -> list[Difference]:
    """Name and role flags between a statement and a passage spoken by `speakers`."""
    names = names or {}
    out: list[Difference] = []
    speaker_names = [w for label in speakers for w, _ in name_words(label, frozenset(names), anywhere=True)
                     if not re.fullmatch(r"speaker\d*", w)]
    speaker_roles = [r for label in speakers for r, _ in _roles(label)]
    found = _compare("name", statement, passage, _names(statement, names), _names(passage, names),
                     speaker_names, names, context)
    if found:
        out.append(found)
    found = _compare("role", statement, passage, _roles(statement), _roles(passage), speaker_roles, names)
    if found:
        out.append(found)
    return out
