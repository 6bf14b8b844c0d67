"""Words, normalised so that minutes and speech meet: one token stream with offsets.

Minutes paraphrase and transcripts mishear, so both sides go through the same steps: lower case,
contractions opened ("didn't" -> did not), number words made digits ("twenty-five" -> 25),
roles made one token ("social worker", "SW" -> socialworker; "Mum", "mother" -> mother),
American spellings made British, and a light suffix stemmer (visits, visited, visiting -> visit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

WORD = re.compile(r"£?\d+(?:[.:,/]\d+)*(?:st|nd|rd|th|am|pm)?%?|[^\W\d_]+(?:['’][^\W\d_]+)*")

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
NUMBER_WORDS = {**UNITS, **TENS}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")

NEGATORS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without",
                      "refus", "declin", "deni", "unabl", "fail"})

# Canonical role -> ways of saying it. Keys are what the tokeniser emits.
ROLES: dict[str, tuple[str, ...]] = {
    "socialworker": ("social worker", "sw", "social work"),
    "teammanager": ("team manager", "tm", "team leader", "practice manager"),
    "healthvisitor": ("health visitor", "hv"),
    "familysupportworker": ("family support worker", "fsw", "family worker", "support worker"),
    "schoolnurse": ("school nurse",),
    "headteacher": ("head teacher", "headteacher", "headmaster", "headmistress"),
    "teacher": ("teacher", "class teacher"),
    "safeguardinglead": ("designated safeguarding lead", "safeguarding lead", "dsl"),
    "reviewingofficer": ("independent reviewing officer", "iro"),
    "chair": ("chair", "chairperson"),
    "doctor": ("doctor", "gp"),
    "paediatrician": ("paediatrician", "pediatrician"),
    "midwife": ("midwife",),
    "police": ("police", "police officer"),
    "housingofficer": ("housing officer",),
    "probationofficer": ("probation officer",),
    "school": ("school",),
    "nursery": ("nursery",),
    "mother": ("mother", "mum", "mom", "mummy", "mam"),
    "father": ("father", "dad", "daddy"),
    "grandmother": ("grandmother", "grandma", "nan", "nana", "nanna", "gran", "granny", "nain"),
    "grandfather": ("grandfather", "grandad", "granddad", "grandpa", "taid"),
    "stepfather": ("stepfather", "step father", "stepdad", "step dad"),
    "stepmother": ("stepmother", "step mother", "stepmum", "step mum"),
    "aunt": ("aunt", "auntie", "aunty"),
    "uncle": ("uncle",),
    "fostercarer": ("foster carer", "foster parent"),
    "kinshipcarer": ("kinship carer", "special guardian"),
    "guardian": ("children's guardian", "guardian"),
    "solicitor": ("solicitor", "lawyer"),
    "advocate": ("advocate",),
    "partner": ("partner", "boyfriend", "girlfriend"),
}
ROLE_LABELS = {role: ways[0] for role, ways in ROLES.items()}
FAMILY_ROLES = frozenset({"mother", "father", "grandmother", "grandfather", "stepfather", "stepmother",
                          "aunt", "uncle", "partner", "kinshipcarer", "fostercarer"})
PLACE_ROLES = frozenset({"school", "nursery"})


def role_kind(role: str) -> str:
    """"family", "place" (a school or nursery speaking as one) or "professional"."""
    return "family" if role in FAMILY_ROLES else "place" if role in PLACE_ROLES else "professional"


def word_set(words: str) -> frozenset[str]:
    """The words of a whitespace-separated list (easier to read than a literal of quoted words)."""
    return frozenset(words.split())


_STOP_WORDS = word_set("""
a an the and or but if of to in on at for with by from as is are was were be been being am do does
did doing have has had having i me my we our us you your he him his she her they them their it its
this that these those there here then than so very just also which who whom what when where why how
all any some such can could would should may might must shall will about into over after before up
down out off again further only own same too yeah yes okay ok um uh er erm oh right well really
think know mean like actually basically just said say says stated explained advised informed noted
mentioned told added commented shared went going get go gonna want wanted would thing things bit lot
sort kind something let lets im ive youre hes shes theyre weve thats theres whats dont didnt cant
wont""")

_SPELLING = {"color": "colour", "behavior": "behaviour", "favor": "favour", "honor": "honour",
             "labor": "labour", "neighbor": "neighbour", "harbor": "harbour", "humor": "humour",
             "rumor": "rumour", "center": "centre", "theater": "theatre", "meter": "metre",
             "license": "licence", "defense": "defence", "offense": "offence", "practice": "practise",
             "gray": "grey", "judgment": "judgement", "pediatric": "paediatric",
             "anesthetic": "anaesthetic", "fetus": "foetus", "diaper": "nappy",
             "aging": "ageing", "program": "programme", "catalog": "catalogue"}
_IZE = re.compile(r"(?<=\w\w)([iy])z(e|es|ed|ing|ation|ations|er|ers)$")
_SUFFIXES = (("ations", 3), ("ation", 3), ("ements", 3), ("ement", 3), ("ments", 3), ("ment", 3),
             ("ness", 3), ("ingly", 3), ("edly", 3), ("ing", 3), ("ance", 3), ("ence", 3), ("ed", 3),
             ("al", 4), ("ly", 4))
_VOWELS = frozenset("aeiouy")


class Token(NamedTuple):
    """A normalised word with where it came from (`start`/`end` into the text given)."""

    norm: str
    start: int
    end: int


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A small, consistent suffix stripper: both sides only need to meet, not to be correct."""
    if len(word) <= 3 or not word.isalpha():
        return word
    w = _IZE.sub(r"\1s\2", word) if word[-1] in "edgsrn" else word
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "i"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix, keep in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= keep and _VOWELS & set(w[:-len(suffix)]) \
                and not (suffix == "ly" and w[-3] == "i"):  # family, daily keep their -ly
            w = w[:-len(suffix)]
            break
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    while w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "s" and w[-1] not in _VOWELS:
        w = w[:-1]
    return _SPELLING_STEMS.get(w, w)


_SPELLING_STEMS: dict[str, str] = {}
_SPELLING_STEMS.update({stem(us): stem(uk) for us, uk in _SPELLING.items() if stem(us) != stem(uk)})
stem.cache_clear()  # stems cached while the table above was empty
STOP = frozenset({stem(w) for w in _STOP_WORDS} | set(_STOP_WORDS))

_CONTRACTIONS = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not"),
                 "shan't": ("shall", "not"), "ain't": ("is", "not")}
_ENDINGS = (("n't", "not"), ("'ll", "will"), ("'ve", ""), ("'re", ""), ("'m", ""), ("'d", "would"),
            ("'s", ""))


def _open_word(lower: str) -> tuple[str, ...]:
    """Contractions opened: "didn't" -> ("did", "not"); "Mum's" -> ("mum",)."""
    lower = lower.replace("’", "'")
    if lower in _CONTRACTIONS:
        return _CONTRACTIONS[lower]
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending):
            head = lower[: -len(ending)]
            return (head, replacement) if replacement else (head,)
    return (lower,)


_ROLE_PHRASES: dict[tuple[str, ...], str] = {}
for _role, _ways in ROLES.items():
    for _way in _ways:
        _ROLE_PHRASES[tuple(stem(p) for w in WORD.findall(_way) for p in _open_word(w))] = _role
_MAX_PHRASE = max(len(k) for k in _ROLE_PHRASES)
_ROLE_FIRST = frozenset(k[0] for k in _ROLE_PHRASES)


def _digits(lower: str) -> str:
    """'3rd' -> '3', '£20' -> '20', '10am' stays '10am' (a time), '95%' -> '95'."""
    value = lower.lstrip("£").rstrip("%")
    value = re.sub(r"(?<=\d)(st|nd|rd|th)$", "", value)
    return value.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", value) else value


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """Every word of `text`, normalised, stop words included (negation and phrases need them).

    Cached: the same lines are read for retrieval, names and omissions."""
    raw: list[tuple[str, int, int]] = []
    for match in WORD.finditer(text):
        word = match.group()
        if word[0].isdigit() or word[0] == "£":
            raw.append((_digits(word.lower()), match.start(), match.end()))
            continue
        for part in _open_word(word.lower()):
            raw.append((part, match.start(), match.end()))
    out: list[Token] = []
    i = 0
    while i < len(raw):
        word, start, end = raw[i]
        if word in TENS and i + 1 < len(raw) and raw[i + 1][0] in UNITS and 0 < UNITS[raw[i + 1][0]] < 10 \
                and raw[i + 1][1] - end <= 1:
            out.append(Token(str(TENS[word] + UNITS[raw[i + 1][0]]), start, raw[i + 1][2]))
            i += 2
            continue
        if word in NUMBER_WORDS:
            out.append(Token(str(NUMBER_WORDS[word]), start, end))
            i += 1
            continue
        matched = _role_at(raw, i)
        if matched:
            role, length = matched
            out.append(Token(role, start, raw[i + length - 1][2]))
            i += length
            continue
        out.append(Token(stem(word), start, end))
        i += 1
    return tuple(out)


def _role_at(raw: list[tuple[str, int, int]], i: int) -> tuple[str, int] | None:
    if stem(raw[i][0]) not in _ROLE_FIRST:
        return None
    for length in range(min(_MAX_PHRASE, len(raw) - i), 0, -1):
        key = tuple(stem(w) for w, _, _ in raw[i:i + length])
        role = _ROLE_PHRASES.get(key)
        if role:
            return role, length
    return None


def content(toks: Sequence[Token]) -> list[Token]:
    """The tokens that carry meaning: no stop words, negators kept."""
    return [t for t in toks if t.norm not in STOP or t.norm in NEGATORS]


def terms(text: str) -> list[str]:
    return [t.norm for t in content(tokens(text))]
