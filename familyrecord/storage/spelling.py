"""British and American spellings of the same word, so a search for one finds the other.

The speech model writes American spellings ("immunization", "behavior", "center") while families
and councils write British ones. Search expands each word of a query into its other spellings
(an FTS5 OR group). Expansion only adds alternatives, so a rule that makes a non-word costs
nothing: a non-word matches no text. Rules cover the regular patterns; a short table holds the
irregular pairs.
"""

from __future__ import annotations

import re

# (pattern, replacement) pairs applied both ways round: British → American and back.
_RULES: tuple[tuple[str, str], ...] = (
    # organise/organize, immunisation/immunization, criticised/criticized
    (r"is(e|es|ed|er|ers|ing|ation|ations|ational)$", r"iz\1"),
    (r"is$", "iz"),  # a word still being typed: "immunis" → "immuniz"
    # analyse/analyze, paralysed/paralyzed
    (r"ys(e|es|ed|er|ers|ing)$", r"yz\1"),
    # colour/color, behaviour/behavior, neighbourhood/neighborhood, favourite/favorite
    (r"our(s|ed|ing|ite|ites|able|ful|hood|ly|er|ers|ism|ist)?$", r"or\1"),
    # centre/center, theatre/theater, metres/meters (not "acre", "ogre")
    (r"([bcdfgklmnpstv])re(s|d)?$", r"\1er\2"),
    # defence/defense, offence/offense, licence/license, pretence/pretense
    (r"([fc])ence(s)?$", r"\1ense\2"),
    # travelled/traveled, counselling/counseling (two syllables before, so "filled" ≠ "filed")
    (r"^([^aeiou]*[aeiou]+[^aeiou]+[aeiou]+)ll(ed|ing|er|ers|or|ors)$", r"\1l\2"),
    # catalogue/catalog, dialogue/dialog
    (r"ogue(s)?$", r"og\1"),
    # judgement/judgment, acknowledgement/acknowledgment
    (r"dgement(s)?$", r"dgment\1"),
    # paediatric/pediatric, anaemia/anemia, haemorrhage/hemorrhage, archaeology/archeology
    (r"ae(?=[mdsco])", "e"),
    # oestrogen/estrogen, oedema/edema, foetal/fetal, diarrhoea/diarrhea (not "shoe", "poem")
    (r"^oe", "e"),
    (r"^(f|diarrh)oe", r"\1e"),
)

# Irregular pairs, British first.
_PAIRS: tuple[tuple[str, str], ...] = (
    ("programme", "program"), ("programmes", "programs"), ("mum", "mom"), ("mums", "moms"),
    ("mummy", "mommy"), ("grey", "gray"), ("plough", "plow"), ("sceptical", "skeptical"),
    ("mould", "mold"), ("aluminium", "aluminum"), ("enrol", "enroll"), ("enrolment", "enrollment"),
    ("fulfil", "fulfill"), ("fulfilment", "fulfillment"), ("instalment", "installment"),
    ("pyjamas", "pajamas"), ("ageing", "aging"), ("cosy", "cozy"), ("jewellery", "jewelry"),
    ("practise", "practice"), ("practised", "practiced"), ("practising", "practicing"),
    ("doughnut", "donut"), ("sulphur", "sulfur"), ("skilful", "skillful"), ("wilful", "willful"),
    ("manoeuvre", "maneuver"), ("foetus", "fetus"), ("foetal", "fetal"), ("storey", "story"),
)
_BY_WORD: dict[str, set[str]] = {}
for _british, _american in _PAIRS:
    _BY_WORD.setdefault(_british, set()).add(_american)
    _BY_WORD.setdefault(_american, set()).add(_british)

_FORWARD = [(re.compile(p), r) for p, r in _RULES]
# The way back: American → British for the rules that can be undone by a pattern.
_BACKWARD = [
    (re.compile(r"iz(e|es|ed|er|ers|ing|ation|ations|ational)$"), r"is\1"),
    (re.compile(r"iz$"), "is"),
    (re.compile(r"yz(e|es|ed|er|ers|ing)$"), r"ys\1"),
    (re.compile(r"or(s|ed|ing|ite|ites|able|ful|hood|ly|ism|ist)?$"), r"our\1"),
    (re.compile(r"([bcdfgklmnpstv])er(s|ed)?$"), r"\1re\2"),
    (re.compile(r"([fc])ense(s)?$"), r"\1ence\2"),
    (re.compile(r"^([^aeiou]*[aeiou]+[^aeiou]+[aeiou]+)l(ed|ing|er|ers|or|ors)$"), r"\1ll\2"),
    (re.compile(r"og(s)?$"), r"ogue\1"),
    (re.compile(r"dgment(s)?$"), r"dgement\1"),
    # Medical words the ae/oe rule cannot simply reverse.
    (re.compile(r"^(pedi|anem|anest|hem|gynec|leukem|diarrhe|orthoped|encycloped|archeol)"),
     lambda m: {"pedi": "paedi", "anem": "anaem", "anest": "anaest", "hem": "haem",
                "gynec": "gynaec", "leukem": "leukaem", "diarrhe": "diarrhoe",
                "orthoped": "orthopaed", "encycloped": "encyclopaed",
                "archeol": "archaeol"}[m.group(1)]),
    (re.compile(r"^(esophag|estrogen|edema|fet)"), r"o\1"),
]


# Words the -our/-or rules must leave alone: "four" is not "for", nor "our" "or".
_NOT_OUR_OR = frozenset({"our", "ours", "four", "fours", "hour", "hours", "your", "yours", "tour",
                         "tours", "pour", "pours", "sour", "flour", "dour", "detour", "contour",
                         "devour", "amour", "scour", "for", "nor", "or", "door", "floor", "poor",
                         "odor", "moor", "tor"})
_OUR_OR_RULES = (r"our(s|ed|ing|ite|ites|able|ful|hood|ly|er|ers|ism|ist)?$",
                 r"or(s|ed|ing|ite|ites|able|ful|hood|ly|ism|ist)?$")


def variants(word: str) -> list[str]:
    """The word and its other spellings (lower case, the word itself first, no repeats)."""
    word = word.lower()
    found = [word]
    for pattern, replacement in (*_FORWARD, *_BACKWARD):
        if pattern.pattern in _OUR_OR_RULES and word in _NOT_OUR_OR:
            continue
        other = pattern.sub(replacement, word)  # type: ignore[call-overload]
        if other != word and other not in found:
            found.append(other)
    for other in sorted(_BY_WORD.get(word, ())):
        if other not in found:
            found.append(other)
    return found
