"""Replace names (and whatever else is hidden) in every piece of text before it is typeset.

Text is changed before rendering, so a name is really absent from the PDF (not hidden under a
black box). `Redactor(names)` turns chosen names into initials that never collide ("Leo
Carter" L.C. but "Linda Carter" Li.C. beside "Le.C."); a part of a name on its own becomes
its person's initials too, so "Leo said" does not give the name away. The pseudonym plan
(pseudonyms.py) builds a Redactor from a list of `Replacement`s instead.

All literal replacements run as one regular expression, longest first, so a full name wins
over its parts and nothing is replaced twice. A part of a name that is also an everyday word
("Mark", "Price", "Grace") is replaced only when written with a capital; everything else
matches in any case.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Parts of names that are everyday words too: matched only when capitalised.
EVERYDAY_WORDS = _words("""
amber april art ash baker bell best bill bird black brown chase church cook cross dawn dean
faith field fox frank freeman grace green guy hall heather hill holly hope house hunter iris ivy
jack jade joy june king lamb lane law lily little long lord low mark marsh may mill mills moss
north olive page park pat pearl penny pike power price ray reed rice rich ridge rivers rob rock
rose ruby sage sands sharp short small snow south spring stone strong sue summer sunny swift
violet wall ward waters wells west white will winter wise wolf wood young
""")


@dataclass(frozen=True)
class Replacement:
    """One thing the redaction changes: `original` is shown as `shown` wherever it occurs."""

    original: str
    shown: str
    what: str  # "name", "part of a name", "nickname", "place", "school", "address" …
    whose: str = ""  # whose it is, as the bundle shows them ("Child 1", "S.A.")


@dataclass(frozen=True)
class PatternRule:
    """A pattern (a date of birth in any of its spellings, an e-mail address …) and what
    replaces each match."""

    pattern: re.Pattern[str]
    shown: str
    what: str


def initials(name: str) -> str:
    return "".join(f"{part[0].upper()}." for part in name.split() if part)


def unique_initials(names: Iterable[str]) -> dict[str, str]:
    """Initials for each name, lengthening the first name's part until no two are the same
    ("Leo Carter" Le.C., "Linda Carter" Li.C.), numbered if even that is not enough."""
    clean = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    out: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for name in clean:
        groups[initials(name)].append(name)
    for short, same in groups.items():
        if len(same) == 1:
            out[same[0]] = short
            continue
        for letters in range(2, 1 + max(len(n.split()[0]) for n in same)):
            tried = {n: _lengthened(n, letters) for n in same}
            if len(set(tried.values())) == len(same):
                out.update(tried)
                break
        else:
            out.update({n: f"{_lengthened(n, 99)} ({k})" for k, n in enumerate(same, 1)})
    taken: set[str] = set()
    for name in clean:  # a lengthened form may meet a plain one ("Li.C." from "Li Chen")
        while out[name] in taken:
            out[name] += "'"
        taken.add(out[name])
    return out


def _lengthened(name: str, letters: int) -> str:
    first, *rest = name.split()
    return f"{first[:letters].capitalize()}." + "".join(f"{p[0].upper()}." for p in rest)


def name_parts(name: str) -> list[str]:
    """The parts of a name worth hiding on their own (two letters or more)."""
    return [p for p in name.split() if len(p.strip(".,'\u2019")) >= 2]


def initials_plan(names: Iterable[str]) -> list[Replacement]:
    """Chosen names to unique initials. A first name alone becomes its person's initials
    ("Leo said" Le.C. said); a surname alone its initial, as letters write it ("Ms C."), and
    so does any part that several chosen names share."""
    shown = unique_initials(names)
    out = [Replacement(name, short, "name", short) for name, short in shown.items()]
    owners: dict[str, set[str]] = defaultdict(set)
    surnames: set[str] = set()
    for name in shown:
        parts = name_parts(name)
        for part in parts:
            owners[part.casefold()].add(name)
        if len(name.split()) > 1 and parts:
            surnames.add(parts[-1].casefold())
    done: set[str] = {n.casefold() for n in shown}
    for name, short in shown.items():
        for part in name_parts(name):
            key = part.casefold()
            if key in done:
                continue
            done.add(key)
            own = len(owners[key]) == 1 and key not in surnames
            out.append(Replacement(part, short if own else initials(part), "part of a name",
                                   short if own else ""))
    return out


class Redactor:
    def __init__(self, names: Iterable[str] = (), *, replacements: Sequence[Replacement] = (),
                 patterns: Sequence[PatternRule] = ()) -> None:
        self.replacements: list[Replacement] = [*initials_plan(names), *replacements]
        self.patterns = list(patterns)
        self._lookup: dict[str, str] = {}
        alternatives: list[tuple[int, str]] = []
        for item in self.replacements:
            text = " ".join(item.original.split())
            key = _key(text)
            if not text or key in self._lookup:
                continue
            self._lookup[key] = item.shown
            body = _flexible(text)
            single = item.what in ("part of a name", "nickname") and " " not in text
            if single and text.casefold() in EVERYDAY_WORDS:
                body = f"(?:{re.escape(text.capitalize())}|{re.escape(text.upper())})"
            else:
                body = f"(?i:{body})"
            alternatives.append((len(text), body))
        alternatives.sort(key=lambda pair: -pair[0])
        self._pattern = (re.compile(r"(?<!\w)(?:" + "|".join(a for _, a in alternatives)
                                    + r")(?!\w)") if alternatives else None)

    @property
    def active(self) -> bool:
        return self._pattern is not None or bool(self.patterns)

    @property
    def names(self) -> list[str]:
        return [r.original for r in self.replacements if r.what == "name"]

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for rule in self.patterns:
            text = rule.pattern.sub(rule.shown, text)
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self._lookup[_key(m.group(0))], text)
        return text


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _flexible(text: str) -> str:
    """Match the words with any run of spaces (or a line break) between them."""
    return r"\s+".join(re.escape(part) for part in text.split())
