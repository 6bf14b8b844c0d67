"""The two ways to divide a bundle, and which records go where.

"For my solicitor" keeps the family's own sections, labelled FR-A1, FR-B1 … so that a page of
it can never be taken for a page of the court's bundle (where E means experts' reports).
"Court bundle" follows Practice Direction 27A: A preliminary documents, B applications and
orders, C statements, D care plans, E experts' and other reports, F other documents. The
family's records go where they belong; correspondence and the contact log stay out unless
the family chooses them (PD27A 4.2 keeps correspondence out unless the court directs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from familyrecord.export.options import ExportOptions, Layout
from familyrecord.formatting import short_date
from familyrecord.records.enums import EventType, SessionStatus
from familyrecord.records.kinship import LifeStoryItem
from familyrecord.records.models import (
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
    Record,
)
from familyrecord.storage.stores import Stores
from familyrecord.views.chronology import RowKind


@dataclass(frozen=True)
class Section:
    letter: str  # the page label prefix: "FR-A" or "A"
    title: str
    parts: tuple[str, ...]
    grouped: bool = False  # each part under its own heading (court section F)


SOLICITOR_ORDERS = (EventType.ORDER, EventType.CARE_APPLICATION_ISSUED, EventType.PLAN,
                    EventType.ASSESSMENT)
COURT_GROUPS: dict[str, tuple[EventType, ...]] = {
    "events:applications": (EventType.ORDER, EventType.CARE_APPLICATION_ISSUED),
    "events:statements": (EventType.STATEMENT,),
    "events:plans": (EventType.PLAN,),
    "events:reports": (EventType.ASSESSMENT,),
}
SOLICITOR_GROUPS: dict[str, tuple[EventType, ...]] = {"events:orders": SOLICITOR_ORDERS}

SOLICITOR: tuple[Section, ...] = (
    Section("FR-A", "Case summary and chronology", ("preliminary",)),
    Section("FR-B", "Orders, applications, plans and assessments", ("events:orders", "arrangements")),
    Section("FR-C", "The family's own notes of what happened", ("events:notes",)),
    Section("FR-D", "Meetings", ("meetings",)),
    Section("FR-E", "Letters, e-mails and calls", ("letters",)),
    Section("FR-F", "Contact log, deadlines and other documents", ("contact", "deadlines", "other")),
    Section("FR-G", "Integrity appendix", ("appendix",)),
)
COURT: tuple[Section, ...] = (
    Section("A", "Preliminary documents", ("preliminary",)),
    Section("B", "Applications and orders", ("events:applications",)),
    Section("C", "Statements", ("events:statements",)),
    Section("D", "Care plans", ("events:plans", "arrangements")),
    Section("E", "Experts' reports and other reports", ("events:reports",)),
    Section("F", "Other documents", ("meetings", "events:notes", "letters", "contact", "deadlines",
                                     "other", "appendix"), grouped=True),
)

# Headings for the parts of court section F, which holds several kinds of document.
PART_TITLES = {
    "meetings": "Meetings: the family's records", "events:notes": "The family's notes of events",
    "letters": "Letters, e-mails and calls", "contact": "Contact log", "deadlines": "Deadlines",
    "other": "Other documents", "appendix": "Integrity appendix",
}
# What each part holds, as "There are no … " / "… are not included in this export" say it.
PART_WORDS = {
    "events:orders": "orders, applications, plans or assessments",
    "events:applications": "applications or orders", "events:statements": "statements",
    "events:plans": "care plans", "events:reports": "experts' or other reports",
    "events:notes": "notes of events", "arrangements": "contact arrangements",
    "meetings": "meetings", "letters": "letters, e-mails or calls", "contact": "contact sessions",
    "deadlines": "deadlines", "other": "other documents",
}
PART_KINDS = {"meetings": RowKind.MEETING, "letters": RowKind.CORRESPONDENCE,
              "contact": RowKind.CONTACT_SESSION, "arrangements": RowKind.CONTACT_ARRANGEMENT,
              "deadlines": RowKind.DEADLINE}


def sections(options: ExportOptions) -> tuple[Section, ...]:
    return COURT if options.layout is Layout.COURT else SOLICITOR


def prefix(options: ExportOptions) -> str:
    return "FR-" if options.layout is Layout.SOLICITOR else ""


def event_types(options: ExportOptions, part: str) -> tuple[EventType, ...]:
    groups = COURT_GROUPS if options.layout is Layout.COURT else SOLICITOR_GROUPS
    if part in groups:
        return groups[part]
    taken = {t for types in groups.values() for t in types}
    return tuple(t for t in EventType if t not in taken)  # "events:notes": everything else


@dataclass
class Chosen:
    """The records that go into the bundle's sections after the family's choices."""

    meetings: list[Meeting] = field(default_factory=list)
    letters: list[Correspondence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    arrangements: list[ContactArrangement] = field(default_factory=list)
    sessions: list[ContactSession] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    other_ids: list[str] = field(default_factory=list)
    life_story: list[LifeStoryItem] = field(default_factory=list)  # chosen for the bundle
    # Files of life-story items not chosen: never placed, never named (not even as left out),
    # wherever else they are linked.
    private_ids: frozenset[str] = frozenset()
    left_out: dict[str, str] = field(default_factory=dict)  # part -> why it is not included

    def records(self) -> list[Record]:
        return [*self.meetings, *self.letters, *self.events, *self.arrangements, *self.sessions,
                *self.deadlines, *self.life_story]


def choose(stores: Stores, o: ExportOptions) -> Chosen:
    v = stores.records

    def keep(r: Record, kind: RowKind) -> bool:
        return o.wants(kind) and o.in_range(r.when()) and o.for_child(r.child_ids)

    chosen = Chosen(
        meetings=[m for m in v.repo(Meeting).list(newest_first=False) if keep(m, RowKind.MEETING)],
        letters=[c for c in v.repo(Correspondence).list(newest_first=False)
                 if keep(c, RowKind.CORRESPONDENCE)],
        events=[e for e in v.repo(Event).list(newest_first=False) if keep(e, RowKind.EVENT)],
        arrangements=[a for a in v.repo(ContactArrangement).list(newest_first=False)
                      if keep(a, RowKind.CONTACT_ARRANGEMENT)],
        sessions=[s for s in v.repo(ContactSession).list(newest_first=False)
                  if keep(s, RowKind.CONTACT_SESSION) and s.status is not SessionStatus.PLANNED],
        deadlines=[d for d in v.repo(Deadline).list(newest_first=False) if keep(d, RowKind.DEADLINE)],
    )
    for part, kind in PART_KINDS.items():
        if not o.wants(kind):
            chosen.left_out[part] = "the family chose to leave them out"
    if not o.wants(RowKind.EVENT):
        for part in (*COURT_GROUPS, *SOLICITOR_GROUPS, "events:notes"):
            chosen.left_out[part] = "the family chose to leave them out"
    if o.layout is Layout.COURT and not o.court_correspondence:
        chosen.letters = []
        chosen.left_out.setdefault("letters", "Practice Direction 27A leaves correspondence "
                                              "out unless the court directs otherwise")
    if o.layout is Layout.COURT and not o.court_contact_log:
        chosen.sessions = []
        chosen.left_out.setdefault("contact", "a court bundle leaves contact notes out unless "
                                              "they are chosen")
    chosen.life_story, chosen.private_ids = life_story(stores, o)
    if o.include_attachments:
        for record in [*v.repo(Child).list(), *v.repo(Person).list()]:
            files = {a.id for a in stores.attachments.list(record.id)} - chosen.private_ids
            if files and o.for_child(record.child_ids):
                chosen.other_ids.append(record.id)
    return chosen


def life_story(stores: Stores, o: ExportOptions) -> tuple[list[LifeStoryItem], frozenset[str]]:
    """(the life-story items that go in, the ids of files that must stay out entirely).

    A child's life-story folder is private: only the items the family chose for bundles (for
    the chosen children and dates, with files) go in; every other item's files stay out,
    wherever else they are linked. A file chosen through one item is chosen, even if another
    item holds it too."""
    items: list[LifeStoryItem] = []
    kept: set[str] = set()
    private: set[str] = set()
    for item in stores.records.repo(LifeStoryItem).list(newest_first=False):
        files = {a.id for a in stores.attachments.list(item.id)}
        if (o.include_attachments and item.include_in_bundle and files
                and o.in_range(item.when()) and o.for_child(item.child_ids)):
            items.append(item)
            kept |= files
        else:
            private |= files
    return items, frozenset(private - kept)


@dataclass(frozen=True)
class ReadingChoice:
    """A document the family may list as essential reading (its key goes in the options)."""

    key: str
    title: str
    when: str


FRONT_DOCUMENTS = (("doc-summary", "Case summary"), ("doc-issues", "Statement of issues"),
                   ("doc-position", "The family's position"), ("doc-chronology", "Chronology"))


def reading_choices(stores: Stores, options: ExportOptions) -> list[ReadingChoice]:
    """The documents the bundle will hold, in bundle order, for the essential-reading list."""
    chosen = choose(stores, options)
    out = [ReadingChoice(key, title, "") for key, title in FRONT_DOCUMENTS
           if key not in ("doc-issues", "doc-position")
           or (options.issues if key == "doc-issues" else options.position)]
    records: list[Record] = [*chosen.events, *chosen.arrangements, *chosen.meetings,
                             *chosen.letters]
    out += [ReadingChoice(f"rec-{r.id}", r.summary(), short_date(r.when())) for r in records]
    return out


def document_title(stores: Stores, key: str) -> tuple[str, str]:
    """(title, date) of a document by its key, for the essential-reading list."""
    for front, title in FRONT_DOCUMENTS:
        if key == front:
            return title, ""
    if key.startswith("rec-") and stores.records.exists(key[4:]):
        record = stores.records.get(key[4:])
        return record.summary(), short_date(record.when())
    return "", ""


def today_or(options: ExportOptions, today: date) -> date:
    return options.prepared_on or today
