"""Which passages of the recording (and of the family's notes) speak to a statement, best first.

Candidates come from BM25 over windows of 1–3 consecutive transcript lines (and 1–3 consecutive
sentences of a notes paragraph); the top ones are re-ranked with the share of the statement's words
they hold (names, numbers, dates, frequencies and negations count for more), how little else they
hold, and `rapidfuzz` similarity, which forgives misheard words. Index once, ask many times.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from familyrecord.views.minutes.model import Candidate, Passage, Span, SpokenLine, Statement
from familyrecord.views.minutes.split import split_minutes
from familyrecord.views.minutes.text import MONTHS, NEGATORS, ROLES, WEEKDAYS, content, stem, tokens

MAX_WINDOW = 3
POOL = 40
_K1, _B = 1.2, 0.75
_SALIENT = frozenset({stem(w) for w in (*WEEKDAYS, *MONTHS)} | set(ROLES)
                     | {stem(w) for w in ("once", "twice", "daily", "weekly", "fortnightly", "monthly",
                                          "fortnight", "week", "month", "day", "every", "other")})


@dataclass(frozen=True)
class _Window:
    passage: Passage
    terms: frozenset[str]
    speaker_terms: frozenset[str]
    normalised: str  # content terms joined, for token_set_ratio
    lowered: str  # the words as said, for partial_ratio
    idf_mass: float


def query_weights(text: str, names: frozenset[str] = frozenset()) -> dict[str, float]:
    """The statement's terms, with names, numbers, dates, frequencies and roles weighted up."""
    weights: dict[str, float] = {}
    for token in content(tokens(text)):
        word = text[token.start:token.end]
        sentence_start = not text[:token.start].strip() or text[:token.start].rstrip()[-1] in ".!?"
        salient = (token.norm in _SALIENT or token.norm[:1].isdigit() or token.norm in names
                   or (word[:1].isupper() and not sentence_start))
        # A negation counts for little here: when the minutes get it wrong, the passage they
        # misreport must still be found (the difference is flagged afterwards).
        weight = 0.3 if token.norm in NEGATORS else 1.5 if salient else 1.0
        weights[token.norm] = weights.get(token.norm, 0.0) + weight
    return weights


class PassageIndex:
    """BM25 over passage windows, built once per comparison."""

    def __init__(self, transcript: Sequence[SpokenLine] = (), notes: str = "") -> None:
        line_tokens = [content(tokens(line.text)) for line in transcript]
        self.line_terms: list[list[str]] = [[t.norm for t in toks] for toks in line_tokens]
        note_units = split_minutes(notes).statements if notes.strip() else ()
        self.note_units: tuple[Statement, ...] = note_units  # the notes' sentences, in order
        self._texts = {"recording": [line.text for line in transcript], "notes": [s.text for s in note_units]}
        self.note_terms: list[list[str]] = [[t.norm for t in content(tokens(s.text))] for s in note_units]
        units = self.line_terms + self.note_terms
        df: Counter[str] = Counter(term for unit in units for term in set(unit))
        count = max(1, len(units))
        self._idf = {term: math.log(1 + (count - n + 0.5) / (n + 0.5)) for term, n in df.items()}
        self._idf_unknown = math.log(1 + (count + 0.5) / 0.5)
        self.windows: list[_Window] = []
        self._window_terms: list[list[str]] = []
        for first, last in _whole_sentences(transcript, _windows([0] * len(transcript))):
            lines = transcript[first:last + 1]
            passage = Passage("recording", first, last, lines[0].start, lines[-1].end,
                              " ".join(line.text.strip() for line in lines),
                              tuple(dict.fromkeys(line.speaker for line in lines if line.speaker)),
                              tuple(line.id for line in lines))
            self._add(passage, [t for terms in self.line_terms[first:last + 1] for t in terms])
        for first, last in _windows([s.paragraph for s in note_units]):
            chosen = note_units[first:last + 1]
            span = Span(chosen[0].source.start, chosen[-1].source.end)
            passage = Passage("notes", first, last, None, None, " ".join(s.text for s in chosen),
                              notes_span=span)
            self._add(passage, [t for terms in self.note_terms[first:last + 1] for t in terms])
        self._postings = self._build_postings()

    @staticmethod
    @lru_cache(maxsize=256)
    def _speaker_terms(label: str) -> frozenset[str]:
        return frozenset(t.norm for t in content(tokens(label)))

    def context(self, passage: Passage, around: int = 3) -> str:
        """What was said (or noted) just before and after `passage`."""
        texts = self._texts[passage.source]
        return " ".join(texts[max(0, passage.first - around):passage.first]
                        + texts[passage.last + 1:passage.last + 1 + around])

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._idf_unknown)

    def _add(self, passage: Passage, terms: list[str]) -> None:
        speaker_terms = frozenset(t for s in passage.speakers for t in self._speaker_terms(s))
        unique = frozenset(terms)
        self.windows.append(_Window(passage, unique, speaker_terms, " ".join(terms),
                                    re.sub(r"\s+", " ", passage.text.lower()),
                                    sum(self.idf(t) for t in unique)))
        self._window_terms.append(terms + sorted(speaker_terms))

    def _build_postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        lengths = np.array([len(terms) for terms in self._window_terms] or [0], dtype=np.float64)
        average = float(lengths.mean()) or 1.0
        gathered: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for doc, terms in enumerate(self._window_terms):
            norm = _K1 * (1 - _B + _B * lengths[doc] / average)
            for term, tf in Counter(terms).items():
                docs, values = gathered[term]
                docs.append(doc)
                values.append(self.idf(term) * tf * (_K1 + 1) / (tf + norm))
        self._window_terms = []
        return {term: (np.array(docs, dtype=np.int64), np.array(values)) for term, (docs, values)
                in gathered.items()}

    def candidates(self, statement: str, limit: int = 5, names: frozenset[str] = frozenset()
                   ) -> tuple[Candidate, ...]:
        """Up to `limit` passages that do not overlap one another, best first."""
        weights = query_weights(statement, names)
        if not weights or not self.windows:
            return ()
        bm25 = np.zeros(len(self.windows))
        for term, weight in weights.items():
            posting = self._postings.get(term)
            if posting is not None:
                bm25[posting[0]] += weight * posting[1]
        pool = _top(bm25, POOL)
        if not len(pool):
            return ()
        best = float(bm25[pool[0]]) or 1.0
        scored = [(self._rerank(statement, weights, self.windows[i]) * 0.85 + 0.15 * float(bm25[i]) / best,
                   self.windows[i].passage) for i in pool]
        scored.sort(key=lambda pair: -pair[0])
        chosen: list[Candidate] = []
        for score, passage in scored:
            if not any(passage.overlaps(c.passage) for c in chosen):
                chosen.append(Candidate(passage, round(min(1.0, score), 4)))
                if len(chosen) == limit:
                    break
        return tuple(chosen)

    def _rerank(self, statement: str, weights: dict[str, float], window: _Window) -> float:
        mass = 0.0
        matched = 0.0
        listed = list(window.terms)
        for term, weight in weights.items():
            value = weight * self.idf(term)
            mass += value
            if term in window.terms:
                matched += value
            elif term in window.speaker_terms:
                matched += 0.5 * value
            elif len(term) >= 5 and term.isalpha() and listed:
                near = process.extractOne(term, listed, scorer=fuzz.ratio, score_cutoff=80)
                if near is not None:
                    matched += 0.8 * value * near[1] / 100
        recall = matched / mass if mass else 0.0
        shared = sum(self.idf(t) for t in window.terms if t in weights)
        precision = shared / window.idf_mass if window.idf_mass else 0.0
        similarity = (fuzz.token_set_ratio(" ".join(weights), window.normalised)
                      + fuzz.partial_ratio(statement.lower(), window.lowered)) / 200
        return 0.6 * recall + 0.15 * precision + 0.25 * similarity


def _windows(groups: Sequence[int]) -> Iterable[tuple[int, int]]:
    """(first, last) of every run of 1..MAX_WINDOW consecutive units within one group."""
    for first in range(len(groups)):
        for last in range(first, min(first + MAX_WINDOW, len(groups))):
            if groups[last] != groups[first]:
                break
            yield first, last


_SENTENCE_END = re.compile(r"[.?!…\"”’)]\s*$")


def _whole_sentences(transcript: Sequence[SpokenLine], spans: Iterable[tuple[int, int]]
                     ) -> list[tuple[int, int]]:
    """The windows, each widened so it neither starts nor ends in the middle of a sentence.

    The speech engine cuts long sentences into segments ("…is going to come on Wednesday" /
    "mornings to help with the school run."); a passage made of the second half alone loses the
    words that matter. Only for punctuated transcripts: without full stops nothing can be told.
    """
    texts = [line.text.strip() for line in transcript]
    punctuated = sum(1 for t in texts if _SENTENCE_END.search(t)) >= len(texts) / 2

    def runs_on(n: int) -> bool:  # does line n's sentence run on into line n + 1?
        return (punctuated and n + 1 < len(texts) and not _SENTENCE_END.search(texts[n])
                and texts[n + 1][:1].islower())

    widened: dict[tuple[int, int], None] = {}
    for first, last in spans:
        for _ in range(2):
            if first > 0 and runs_on(first - 1):
                first -= 1
            if runs_on(last):
                last += 1
        widened[(first, last)] = None
    return list(widened)


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    positive = np.flatnonzero(scores > 0)
    if len(positive) > count:
        positive = positive[np.argpartition(-scores[positive], count)[:count]]
    return positive[np.argsort(-scores[positive], kind="stable")]

