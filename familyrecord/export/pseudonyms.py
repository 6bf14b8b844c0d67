"""The redaction plan: who and what an export changes, and into what.

With pseudonyms every person in the record gets a description no one else shares: children
by age ("Child 1" is the eldest), professionals by role and start date ("Social worker 1",
"Social worker 2"), family members by the relationship their record names ("Grandmother",
"Maternal aunt") or by role ("Kinship carer 1"), and anyone else named only in free text
"Other person 1". The numbering follows the record, so it is the same in every export made
from it. A part of a name on its own becomes its person's pseudonym; a part several people
share (a family's surname) becomes "[surname]". Without pseudonyms, chosen names become
initials that never collide (redact.py).

The options to hide dates of birth, addresses, places, schools and nicknames add more
replacements. The plan lists every one of them, for the preview before an export and for the
redaction key that goes to the solicitor as a separate file, never inside the bundle.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from familyrecord.export.layouts import life_story
from familyrecord.export.options import ExportOptions, Hide
from familyrecord.export.redact import (
    PatternRule,
    Redactor,
    Replacement,
    initials,
    initials_plan,
    name_parts,
)
from familyrecord.export.redaction_sources import (
    EMAIL,
    FAMILY_ROLES,
    PHONE,
    POSTCODE,
    address_texts,
    clean_name,
    date_of_birth_pattern,
    distinctive_words,
    is_organisation,
    kin_word,
    place_texts,
    relationship_notes,
    school_texts,
    written_names,
)
from familyrecord.formatting import plural
from familyrecord.records.enums import Role
from familyrecord.records.models import Child, Person
from familyrecord.storage.stores import Stores

ROLE_WORDS: dict[Role, str] = {
    Role.SOCIAL_WORKER: "Social worker", Role.TEAM_MANAGER: "Team manager",
    Role.IRO: "Independent reviewing officer", Role.CONFERENCE_CHAIR: "Conference chair",
    Role.CHILDRENS_GUARDIAN: "Children's guardian", Role.FAMILY_SUPPORT_WORKER:
    "Family support worker", Role.CONTACT_SUPERVISOR: "Contact supervisor",
    Role.HEALTH_VISITOR: "Health visitor", Role.MIDWIFE: "Midwife", Role.GP: "Doctor",
    Role.SCHOOL_DSL: "School safeguarding lead", Role.POLICE: "Police officer",
    Role.SOLICITOR: "Solicitor", Role.BARRISTER: "Barrister", Role.PARENT_ADVOCATE:
    "Parent advocate", Role.INTERMEDIARY: "Intermediary", Role.INTERPRETER: "Interpreter",
    Role.PARENT: "Parent", Role.KINSHIP_CARER: "Kinship carer", Role.SPECIAL_GUARDIAN:
    "Special guardian", Role.FOSTER_CARER: "Foster carer", Role.CONNECTED_PERSON:
    "Connected person", Role.FGC_COORDINATOR: "Family group conference coordinator",
    Role.FAMILY_MEMBER: "Family member", Role.OTHER: "Other person",
}
WHAT_LABELS = {"name": "Name", "part of a name": "Part of a name", "nickname": "Nickname",
               "family name": "Family name", "date of birth": "Date of birth",
               "address": "Address", "e-mail address": "E-mail address", "postcode": "Postcode",
               "phone number": "Phone number", "place": "Place", "school": "School",
               "file name": "File name"}


@dataclass
class RedactionPlan:
    """Every replacement an export makes, in the order the key lists them."""

    replacements: list[Replacement] = field(default_factory=list)
    patterns: list[PatternRule] = field(default_factory=list)
    hidden_dates: list[tuple[str, str]] = field(default_factory=list)  # (date, whose)
    ages: dict[str, str] = field(default_factory=dict)  # child id -> "Age 6"
    file_names: dict[str, str] = field(default_factory=dict)  # attachment id -> neutral name
    warnings: list[str] = field(default_factory=list)
    pseudonyms: bool = False

    @property
    def active(self) -> bool:
        return bool(self.replacements or self.patterns)

    def redactor(self) -> Redactor:
        return Redactor(replacements=self.replacements, patterns=self.patterns)

    def shown_name(self, name: str) -> str:
        return self.redactor()(name)

    def preview(self) -> list[tuple[str, str, str]]:
        """(what, as written in the record, as shown in the export) for every replacement."""
        rows = [(WHAT_LABELS.get(r.what, r.what.capitalize()), r.original, r.shown)
                for r in self.replacements]
        rows += [("Date of birth", day, f"[date of birth] (of {whose})")
                  for day, whose in self.hidden_dates]
        rows += [(WHAT_LABELS[rule.what], "any " + rule.what, rule.shown) for rule in self.patterns
                 if rule.what != "date of birth"]
        return rows


def plan_redaction(stores: Stores, options: ExportOptions, today: date) -> RedactionPlan:
    plan = RedactionPlan(pseudonyms=options.pseudonyms)
    if not options.redacting:
        return plan
    v = stores.records
    children = sorted(v.repo(Child).list(include_archived=True),
                      key=lambda c: (c.date_of_birth or date.max, c.name.casefold(), c.id))
    people = v.repo(Person).list(include_archived=True)
    who: dict[str, str] = {}  # name as written -> as shown
    if options.pseudonyms:
        who = _pseudonyms(stores, children, people, options.redact_names)
        plan.replacements += _people_replacements(who)
        family = options.family_name or stores.family_name
        if family:
            plan.replacements.append(Replacement(family, "The family", "family name"))
    else:
        plan.replacements += initials_plan(options.redact_names)
        who = {r.original: r.shown for r in plan.replacements if r.what == "name"}
    _nicknames(plan, options, who)
    if options.hides(Hide.DOB):
        for child in children:
            if child.date_of_birth is not None:
                shown = who.get(child.name, child.name)
                plan.patterns.append(PatternRule(date_of_birth_pattern(child.date_of_birth),
                                                 "[date of birth]", "date of birth"))
                plan.hidden_dates.append((child.date_of_birth.strftime("%d/%m/%Y"), shown))
                plan.ages[child.id] = f"Age {_age(child.date_of_birth, today)}"
    if options.hides(Hide.PLACES) or options.places:
        _whole_and_words(plan, place_texts(stores, options.places, options.court), "[place]",
                         "place")
    if options.hides(Hide.SCHOOLS):
        _whole_and_words(plan, school_texts(stores), "[school]", "school")
    if options.hides(Hide.ADDRESS):
        plan.replacements += [Replacement(a, "[address]", "address") for a in address_texts(stores)]
        plan.patterns += [PatternRule(EMAIL, "[e-mail address]", "e-mail address"),
                          PatternRule(POSTCODE, "[postcode]", "postcode"),
                          PatternRule(PHONE, "[phone number]", "phone number")]
    # Files of life-story items not chosen never reach the bundle: their names stay out of
    # the key too.
    private = life_story(stores, options)[1]
    kept = [a for a in stores.attachments.list() if a.id not in private]
    for n, attachment in enumerate(kept, 1):
        neutral = f"attachment-{n}{PurePath(attachment.file_name).suffix.lower()}"
        plan.file_names[attachment.id] = neutral
        plan.replacements.append(Replacement(attachment.file_name, neutral, "file name"))
    plan.replacements = _first_of_each(plan.replacements)
    return plan


def _first_of_each(replacements: list[Replacement]) -> list[Replacement]:
    """One replacement per text: the first (names come before places and schools)."""
    seen: set[str] = set()
    out = []
    for item in replacements:
        key = " ".join(item.original.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _pseudonyms(stores: Stores, children: list[Child], people: list[Person],
                extra: list[str]) -> dict[str, str]:
    who = {c.name: f"Child {n}" for n, c in enumerate(children, 1) if c.name.strip()}
    labels: dict[str, str] = {}
    for p in sorted(people, key=lambda p: (p.allocated_from or date.max, p.name.casefold(), p.id)):
        kin = kin_word(relationship_notes(stores, p)) if p.role in FAMILY_ROLES else ""
        labels[p.name] = kin or ROLE_WORDS[p.role]
    counts = Counter(labels.values())
    numbered: Counter[str] = Counter()
    for p in sorted(people, key=lambda p: (p.allocated_from or date.max, p.name.casefold(), p.id)):
        label = labels[p.name]
        is_kin = label not in ROLE_WORDS.values()
        if is_kin and counts[label] == 1:
            who.setdefault(p.name, label)
            continue
        numbered[label] += 1
        who.setdefault(p.name, f"{label} {numbered[label]}")
    known = {name.casefold() for name in who}
    others = set()
    for written in [*written_names(stores), *extra]:
        name = clean_name(written)
        if not name or name.casefold() in known or name.casefold() == "me":
            continue
        if name in extra or (len(name.split()) >= 2 and not is_organisation(name)):
            others.add(name)
    for n, name in enumerate(sorted(others, key=str.casefold), 1):
        who[name] = f"Other person {n}"
    return who


def _people_replacements(who: dict[str, str]) -> list[Replacement]:
    out = [Replacement(name, shown, "name", shown) for name, shown in who.items()]
    owners: dict[str, set[str]] = defaultdict(set)
    last_of: dict[str, bool] = defaultdict(lambda: True)
    for name in who:
        parts = name_parts(name)
        for n, part in enumerate(parts):
            owners[part.casefold()].add(name)
            if n != len(parts) - 1:
                last_of[part.casefold()] = False
    done = {name.casefold() for name in who}
    for name, shown in who.items():
        for part in name_parts(name):
            key = part.casefold()
            if key in done:
                continue
            done.add(key)
            if len(owners[key]) == 1:
                out.append(Replacement(part, shown, "part of a name", shown))
            else:
                word = "[surname]" if last_of[key] else "[name]"
                out.append(Replacement(part, word, "part of a name"))
    return out


def _nicknames(plan: RedactionPlan, options: ExportOptions, who: dict[str, str]) -> None:
    if not options.hides(Hide.NICKNAMES):
        return
    if not options.nicknames:
        plan.warnings.append("No nicknames were listed, so none could be hidden. List each "
                             "nickname and whose it is.")
    by_name = {name.casefold(): shown for name, shown in who.items()}
    for nickname, whose in options.nicknames.items():
        shown = by_name.get(whose.casefold().strip(), "") or (initials(whose) if whose.strip()
                                                                and not plan.pseudonyms else "")
        plan.replacements.append(Replacement(nickname, shown or "[nickname]", "nickname", shown))


def _whole_and_words(plan: RedactionPlan, texts: list[str], shown: str, what: str) -> None:
    for text in dict.fromkeys(" ".join(t.split()) for t in texts):
        words = distinctive_words(text)
        if not words:
            continue  # "By phone (I was not invited)" names no place
        plan.replacements.append(Replacement(text, shown, what))
        plan.replacements += [Replacement(word, shown, what) for word in words]


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def describe(plan: RedactionPlan) -> str:
    """One line for the wizard: how much the redaction changes."""
    people = len({r.whose for r in plan.replacements if r.what == "name"})
    return (f"{plural(people, 'person', 'people')} renamed; "
            f"{plural(len(plan.preview()), 'replacement')} in all.")
