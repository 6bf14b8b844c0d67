"""Said but not in the minutes: passages no statement covers that carry weight.

Weight comes from what tends to matter to a family later: commitments ("I'll", "we will", "going
to"), promises, decisions and agreements, deadlines ("by Friday"), dates, numbers and money,
frequencies, safeguarding words, and who spoke (a professional's word counts for more). Cover is the
share of a line's words (rarer words counting more) found in the statement that covers it best,
raised when the line lies in that statement's best passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from familyrecord.views.minutes.facts import details
from familyrecord.views.minutes.model import Omission, Passage, SpokenLine, Statement, StatementMatch
from familyrecord.views.minutes.retrieve import PassageIndex
from familyrecord.views.minutes.text import FAMILY_ROLES, ROLES, content, tokens

_PROFESSIONALS = frozenset(ROLES) - FAMILY_ROLES
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("commitment", 2.5, re.compile(
        r"\b(?:i|we|she|he|they|you|i'm|we're|council|service|team)\s*(?:'ll|’ll|will|shall|am going to|"
        r"are going to|is going to|'m going to|'re going to)\b|\b(?:i|we|she|he|they)(?:'ll|’ll)\b|"
        r"\bgoing to\b|\bwill (?:make|do|send|ring|call|arrange|book|refer|pay|visit|write|sort|get|chase|"
        r"look|put|provide|fund|come)\b")),
    ("promise", 2.0, re.compile(r"\bpromis\w*|\bguarantee\w*|\bcommit\w*|\bundertak\w*|\bmy word\b")),
    ("decision", 1.5, re.compile(r"\bagree\w*|\bdecid\w*|\bdecision\w*|\bthe plan\b|\boutcome\b|"
                                 r"\bwill (?:stay|continue|stop|remain|end|change)\b")),
    ("deadline", 2.0, re.compile(rf"\bby (?:{_WEEKDAY}|tomorrow|tonight|the end of|next|this|\d)|"
                                 r"\bwithin (?:\w+ )?(?:days?|weeks?|working days)\b|\bdeadline\b|"
                                 r"\bno later than\b|\bbefore the next\b")),
    ("action", 0.75, re.compile(r"\brefer\w*|\bsend\b|\bbook\w*|\barrang\w*|\bprovid\w*|\bpay\w*|\bfund\w*|"
                                r"\bapply\b|\bassess\w*|\bchase\b|\bsupport\b|£")),
    ("safeguarding", 1.0, re.compile(r"\bconcern\w*|\bworr\w*|\brisk\w*|\bsafe\w*|\bharm\w*|\binjur\w*|"
                                     r"\bbruis\w*|\bpolice\b|\bcourt\b|\bproceedings\b|\bsection 20\b|"
                                     r"\bpre-proceedings\b|\bplo\b|\bremov\w*")),
)
_DETAIL_WEIGHTS = {"date": 1.0, "time": 0.5, "number": 0.75, "frequency": 1.0}


def weigh(text: str, speakers: Sequence[str] = ()) -> tuple[float, tuple[str, ...]]:
    """How much a passage may matter, and why (cue names)."""
    lowered = text.lower().replace("’", "'")
    weight = 0.0
    reasons: list[str] = []
    for name, value, pattern in _CUES:
        if pattern.search(lowered):
            weight += value
            reasons.append(name)
    for kind in dict.fromkeys(f.kind for f in details(text)):
        weight += _DETAIL_WEIGHTS[kind]
        reasons.append(kind)
    if any(t.norm in _PROFESSIONALS for s in speakers for t in tokens(s)):
        weight += 0.5
        reasons.append("professional")
    words = len(content(tokens(text)))
    weight *= min(1.0, words / 5)
    if text.rstrip().endswith("?"):
        weight *= 0.6
    return weight, tuple(reasons)


def _cover(unit_terms: list[str], statements: list[set[str]], index: PassageIndex, boosted: set[int]
           ) -> float:
    mass = sum(index.idf(t) for t in set(unit_terms))
    if not mass:
        return 1.0
    best = 0.0
    for number, terms in enumerate(statements):
        share = sum(index.idf(t) for t in set(unit_terms) if t in terms) / mass
        best = max(best, share * (1.6 if number in boosted else 1.0))
    return min(1.0, best)


def find_omissions(index: PassageIndex, transcript: Sequence[SpokenLine], statements: Sequence[Statement],
                   matches: Sequence[StatementMatch], limit: int = 20) -> tuple[Omission, ...]:
    """Weighty transcript lines (and note sentences) that no statement covers, most telling first.

    `index` is the comparison's index of `transcript` and the notes; `matches` are the statements'
    candidates (a line in a statement's best passage counts as more covered)."""
    statement_terms = [{t.norm for t in content(tokens(s.text))} for s in statements]
    in_best: dict[tuple[str, int], set[int]] = {}
    for number, match in enumerate(matches):
        if match.candidates:
            best = match.candidates[0].passage
            for unit in range(best.first, best.last + 1):
                in_best.setdefault((best.source, unit), set()).add(number)
    found: list[Omission] = []
    for i, line in enumerate(transcript):
        passage = Passage("recording", i, i, line.start, line.end, line.text.strip(),
                          (line.speaker,) if line.speaker else (), (line.id,))
        found.extend(_judge(passage, index.line_terms[i], statement_terms, index,
                            in_best.get(("recording", i), set())))
    for j, sentence in enumerate(index.note_units):
        passage = Passage("notes", j, j, None, None, sentence.text, notes_span=sentence.source)
        found.extend(_judge(passage, index.note_terms[j], statement_terms, index,
                            in_best.get(("notes", j), set())))
    found.sort(key=lambda o: (-o.score, o.passage.source, o.passage.first))
    return tuple(found[:limit])


def _judge(passage: Passage, unit_terms: list[str], statement_terms: list[set[str]], index: PassageIndex,
           boosted: set[int]) -> list[Omission]:
    weight, reasons = weigh(passage.text, passage.speakers)
    if weight < 1.5:
        return []
    cover = _cover(unit_terms, statement_terms, index, boosted)
    if cover >= 0.5:
        return []
    value = weight * (1 - cover)
    return [Omission(passage, round(value / (value + 3), 4), reasons)]
