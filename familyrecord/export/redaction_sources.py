"""Where identifying details live in the record: names typed in free text, places, schools,
addresses and dates of birth, gathered for the redaction plan (pseudonyms.py)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from familyrecord.records.enums import Role
from familyrecord.records.models import (
    Child,
    ChronologyEntry,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Event,
    Meeting,
    Person,
)
from familyrecord.storage.stores import Stores


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say a name is an organisation's, not a person's.
ORGANISATION_WORDS = _words("""
services service council team unit centre center school academy college nursery court police
nhs trust department office hospital surgery practice solicitors agency authority safeguarding
""")
SCHOOL_WORDS = _words("school academy college nursery")
# Words in places and organisations that point nowhere in particular.
GENERIC_PLACE_WORDS = _words("""
a an and at by in of on the to i me my was not invited phone video call online teams zoom
room centre center civic family families council county borough city district metropolitan
children's children childrens services service social care community health safeguarding
unit primary secondary school academy college nursery infant infants junior high st saint
road street lane avenue close way drive hall house court courts justice hospital clinic
surgery medical practice police station team local authority solicitors solicitor law legal
llp ltd limited voices trust nhs foundation department office building floor suite main new
old north south east west upper lower great little park green square library church chapel
home flat contact supervised visit meeting meetings group review conference support year
reception class form
""")
KIN_WORDS = (
    "maternal grandmother", "paternal grandmother", "maternal grandfather", "paternal grandfather",
    "maternal aunt", "paternal aunt", "maternal uncle", "paternal uncle", "great-grandmother",
    "great grandmother", "great-grandfather", "great grandfather", "grandmother", "grandfather",
    "grandparent", "stepmother", "step-mother", "stepfather", "step-father", "half-sister",
    "half-brother", "godmother", "godfather", "family friend", "mother", "father", "aunt", "uncle",
    "sister", "brother", "cousin",
)
FAMILY_ROLES = (Role.PARENT, Role.KINSHIP_CARER, Role.SPECIAL_GUARDIAN, Role.FOSTER_CARER,
                Role.CONNECTED_PERSON, Role.FAMILY_MEMBER, Role.OTHER)
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&)\s*")
_WORD = re.compile(r"[A-Z][\w'\u2019-]*")


def kin_word(text: str) -> str:
    """The first relationship named in the text ("Mia's grandmother" -> "Grandmother")."""
    lowered = text.lower()
    for word in KIN_WORDS:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            return word.replace("-", "").capitalize() if word.startswith("step") else \
                word.capitalize()
    return ""


def is_organisation(name: str) -> bool:
    return any(w.strip(".,'\u2019").lower() in ORGANISATION_WORDS for w in name.split())


def written_names(stores: Stores) -> Iterator[str]:
    """Every name typed in free text (attendees, senders, speakers …), as written."""
    v = stores.records
    for m in v.repo(Meeting).list(include_archived=True):
        yield from (a.name for a in m.attendees)
        yield from (a.owner_name for a in m.actions)
        for transcript in stores.transcripts.for_meeting(m.id):
            yield from (s.speaker for s in stores.transcripts.segments(transcript.id))
    for c in v.repo(Correspondence).list(include_archived=True):
        yield from (c.from_name, c.to_name)
    for a in v.repo(ContactArrangement).list(include_archived=True):
        yield from (a.with_whom, a.supervisor)
    for s in v.repo(ContactSession).list(include_archived=True):
        yield from (s.with_whom, s.supervisor)
    for e in v.repo(Event).list(include_archived=True):
        yield from _SPLIT.split(e.people)
    for entry in v.repo(ChronologyEntry).list(include_archived=True):
        yield from _SPLIT.split(entry.people)


def clean_name(text: str) -> str:
    """A name without its note in brackets ("Linda Carter (grandmother)" -> "Linda Carter")."""
    return " ".join(_BRACKETS.sub("", text).split())


def relationship_notes(stores: Stores, person: Person) -> str:
    """What the record says about how a person is related: their notes, and any contact
    arrangement naming them ("Linda Carter (grandmother)")."""
    texts = [person.notes]
    for a in stores.records.repo(ContactArrangement).list(include_archived=True):
        if clean_name(a.with_whom).casefold() == person.name.casefold():
            texts.append(a.with_whom)
    return " ".join(texts)


def place_texts(stores: Stores, extra: list[str], court: str) -> list[str]:
    v = stores.records
    texts = [m.place for m in v.repo(Meeting).list(include_archived=True)]
    texts += [a.place for a in v.repo(ContactArrangement).list(include_archived=True)]
    texts += [p.organisation for p in v.repo(Person).list(include_archived=True)
              if not _is_school(p)]
    return [t for t in [*texts, *extra, court] if t.strip()]


def school_texts(stores: Stores) -> list[str]:
    v = stores.records
    texts = [c.school for c in v.repo(Child).list(include_archived=True)]
    texts += [p.organisation for p in v.repo(Person).list(include_archived=True) if _is_school(p)]
    return [t for t in texts if t.strip()]


def _is_school(p: Person) -> bool:
    words = {w.strip(".,'\u2019").lower() for w in p.organisation.split()}
    return bool(p.organisation) and (p.role is Role.SCHOOL_DSL or bool(words & SCHOOL_WORDS))


def distinctive_words(text: str) -> list[str]:
    """The words of a place that identify it ("Northfield" in "Northfield Civic Centre")."""
    out = []
    for word in _WORD.findall(text):
        bare = re.sub(r"['\u2019]s$", "", word).strip("'\u2019-")
        if len(bare) >= 3 and bare.lower() not in GENERIC_PLACE_WORDS and not bare.isdigit():
            out.append(bare)
    return out


def address_texts(stores: Stores) -> list[str]:
    """Postal addresses, whole and line by line (a line may be quoted alone)."""
    out = []
    for p in stores.records.repo(Person).list(include_archived=True):
        if p.address.strip():
            out.append(" ".join(p.address.split()))
            out += [line.strip(" ,") for line in re.split(r"[\n,]", p.address)
                    if len(line.strip(" ,")) >= 4]
    return out


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
POSTCODE = re.compile(r"(?<!\w)[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}(?!\w)", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,9}(?![\w/])")


def date_of_birth_pattern(day: date) -> re.Pattern[str]:
    """A date in every way people write it: 14/03/2019, 14.3.19, 2019-03-14, 14th March 2019,
    14 Mar 2019, March 14, 2019."""
    d = rf"0?{day.day}(?:st|nd|rd|th)?"
    names = [calendar.month_name[day.month], calendar.month_abbr[day.month]]
    if day.month == 9:
        names.append("Sept")
    month_word = "(?:" + "|".join(names) + r")\.?"
    month = rf"0?{day.month}"
    year = rf"(?:{day.year}|{day.year % 100:02d})"
    sep = r"\s*[/.\-]\s*"
    forms = (rf"{d}{sep}{month}{sep}{year}", rf"{d}(?:\s+of)?\s+{month_word},?\s+{year}",
             rf"{month_word}\s+{d},?\s+{year}", rf"{day.year}-0?{day.month}-0?{day.day}")
    return re.compile(r"(?<![\w/.\-])(?:" + "|".join(forms) + r")(?![\w/\-])", re.IGNORECASE)
