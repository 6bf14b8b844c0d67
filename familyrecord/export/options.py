"""What the family chose for an export, and what came out of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from familyrecord.errors import InputError, UserError
from familyrecord.formatting import medium_date
from familyrecord.progress import CancelCheck, Progress
from familyrecord.views.chronology import ChronologyFilter, ChronologyRow, RowKind

__all__ = ["CancelCheck", "Progress"]  # re-exported: the one contract for long work

PD27A_BUNDLE_PAGES = 350
PD27A_CHRONOLOGY_PAGES = 10
PD27A_SUMMARY_PAGES = 6
PD27A_POSITION_PAGES = 3

CONFIDENTIALITY_REMINDER = (
    "Family court papers are confidential. Only share this bundle with your solicitor, "
    "advocate or the court, and keep the file somewhere safe. Sharing it with anyone else, "
    "including on social media, may be contempt of court."
)

REDACTION_NOTE = (
    "With names redacted (to initials or to pseudonyms such as \u201cChild 1\u201d), attached "
    "files are not copied into the bundle as they are: their text is included with the names "
    "changed, and pictures are left out (a picture cannot be checked for names). Each file's "
    "fingerprint is still in the appendix. The list of replacements is saved as a separate "
    "file for your solicitor, never inside the bundle."
)


class Layout(StrEnum):
    """How the bundle is divided and numbered."""

    SOLICITOR = "solicitor"  # the family's own sections, labelled FR-A1 … (never a court's)
    COURT = "court"  # Practice Direction 27A sections A to F, labelled A1 …


class Hide(StrEnum):
    """What redaction hides besides names."""

    DOB = "dob"  # dates of birth (ages shown instead)
    ADDRESS = "address"  # postal and e-mail addresses, postcodes, phone numbers
    PLACES = "places"  # meeting places, organisations' towns, any place named in the record
    SCHOOLS = "schools"
    NICKNAMES = "nicknames"  # the nicknames listed in ExportOptions.nicknames


HIDE_LABELS: dict[Hide, str] = {
    Hide.DOB: "dates of birth (ages are shown instead)",
    Hide.ADDRESS: "addresses, e-mail addresses and phone numbers",
    Hide.PLACES: "places",
    Hide.SCHOOLS: "schools",
    Hide.NICKNAMES: "nicknames",
}


class ChronologyPage(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class ExportCancelled(UserError):
    user_message = "The export was cancelled. No bundle was saved."


class ExportFailed(UserError):
    user_message = "The bundle could not be saved there. Choose another folder and try again."


class OptionsInvalid(InputError):
    user_message = "Some of the export choices cannot be used. Check them and try again."


@dataclass
class ExportOptions:
    # What goes in.
    date_from: date | None = None
    date_to: date | None = None
    child_ids: list[str] = field(default_factory=list)
    kinds: list[RowKind] = field(default_factory=list)  # empty: every kind
    full_transcripts: bool = False
    include_attachments: bool = True
    # How it is laid out. A court bundle leaves correspondence and the contact log out unless
    # chosen (Practice Direction 27A, 4.2: correspondence only where the court directs).
    layout: Layout = Layout.SOLICITOR
    court_correspondence: bool = False
    court_contact_log: bool = False
    # Redaction: names to initials (redact_names), or everyone to role pseudonyms.
    redact_names: list[str] = field(default_factory=list)
    pseudonyms: bool = False
    hide: list[Hide] = field(default_factory=list)
    nicknames: dict[str, str] = field(default_factory=dict)  # nickname -> whose ("" unknown)
    places: list[str] = field(default_factory=list)  # more place names to hide
    # The cover and the preliminary documents.
    family_name: str | None = None  # None: the vault's own family name
    hearing_date: date | None = None
    court: str = ""
    case_number: str = ""
    judge: str = ""
    prepared_on: date | None = None  # None: the day it is made
    case_summary: str = ""
    issues: list[str] = field(default_factory=list)
    position: str = ""  # what the family wants, and why
    essential_reading: list[str] = field(default_factory=list)  # keys from reading_choices()
    receipt_code: str = ""  # a receipt for the record's history, printed in the appendix
    # The file.
    password: str = ""
    chronology_page: ChronologyPage = ChronologyPage.LANDSCAPE  # DOCX chronology only

    def wants(self, kind: RowKind) -> bool:
        return not self.kinds or kind in self.kinds

    def hides(self, what: Hide) -> bool:
        return what in self.hide

    @property
    def redacting(self) -> bool:
        return bool(self.pseudonyms or self.redact_names or self.hide or self.places)

    def row_filter(self) -> ChronologyFilter:
        return ChronologyFilter(date_from=self.date_from, date_to=self.date_to,
                                child_ids=tuple(self.child_ids), kinds=tuple(self.kinds))

    def in_range(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.date_from is not None and day < self.date_from:
            return False
        return not (self.date_to is not None and day > self.date_to)

    def for_child(self, child_ids: list[str]) -> bool:
        return not self.child_ids or not child_ids or bool(set(child_ids) & set(self.child_ids))

    def check(self) -> None:
        """Refuse choices that cannot make a sensible export (OptionsInvalid says which)."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise OptionsInvalid("date_from after date_to",
                                 user_message="The start date is after the end date.")
        unknown = [h for h in self.hide if not isinstance(h, Hide)]
        if unknown:
            raise OptionsInvalid(f"unknown hide {unknown}", user_message="Unknown thing to hide.")

    def for_journal(self) -> dict[str, object]:
        """The options as the journal keeps them: never the password, names or free text."""
        return {
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "child_ids": list(self.child_ids),
            "kinds": [str(k) for k in self.kinds],
            "layout": str(self.layout),
            "redacted_names": len(self.redact_names),
            "pseudonyms": self.pseudonyms,
            "hidden": sorted(str(h) for h in self.hide),
            "password_protected": bool(self.password),
            "full_transcripts": self.full_transcripts,
            "include_attachments": self.include_attachments,
            "hearing_date": self.hearing_date.isoformat() if self.hearing_date else None,
            "court": self.court,
            "case_number": self.case_number,
        }


def choice_lines(o: ExportOptions, child_names: dict[str, str], kind_labels: dict[RowKind, str],
                 prepared: date) -> list[str]:
    """The family's choices in plain sentences, for the cover and the case summary."""
    lines = []
    if o.date_from and o.date_to:
        lines.append(f"Only records from {medium_date(o.date_from)} to {medium_date(o.date_to)}.")
    elif o.date_from:
        lines.append(f"Only records from {medium_date(o.date_from)} onwards.")
    elif o.date_to:
        lines.append(f"Only records up to {medium_date(o.date_to)}.")
    if o.child_ids:
        names = [child_names.get(i, "a child") for i in o.child_ids]
        lines.append(f"Only records about {_and(names)} (and those about the whole family).")
    if o.kinds:
        lines.append("Only these kinds of record: "
                     f"{_and([kind_labels[k].lower() for k in o.kinds])}.")
    if o.layout is Layout.COURT and o.wants(RowKind.CORRESPONDENCE) and not o.court_correspondence:
        lines.append("Letters, e-mails and calls are left out, as Practice Direction 27A asks "
                     "unless the court directs otherwise.")
    if o.layout is Layout.COURT and o.wants(RowKind.CONTACT_SESSION) and not o.court_contact_log:
        lines.append("The contact log is left out.")
    if not o.include_attachments:
        lines.append("Attached files are left out.")
    if o.pseudonyms:
        lines.append("Names are replaced by descriptions such as \u201cChild 1\u201d or "
                     "\u201cSocial worker 1\u201d.")
    elif o.redact_names:
        lines.append("Some names are shown as initials only.")
    if o.hide:
        lines.append(f"Hidden: {_and([HIDE_LABELS[h] for h in Hide if h in o.hide])}.")
    if not lines:
        lines.append(f"Everything in the family's record up to {medium_date(prepared)}.")
    return lines


def made_at(iso_utc: str) -> str:
    """When an export was made, as people read it: 1 December 2026 at 23:25 UTC."""
    try:
        moment = datetime.fromisoformat(iso_utc)
    except ValueError:
        return iso_utc
    return f"{medium_date(moment)} at {moment:%H:%M} UTC"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class IncludedFile:
    attachment_id: str
    file_name: str
    sha256: str
    how: str  # "pages", "picture", "text"
    pages: str = ""


@dataclass
class BundleResult:
    path: Path
    pages: int
    chronology_pages: int
    rows: int
    warnings: list[str] = field(default_factory=list)
    included: list[IncludedFile] = field(default_factory=list)
    not_included: list[tuple[str, str]] = field(default_factory=list)
    journal_head: str = ""
    exported_at: str = ""
    chronology: list[ChronologyRow] = field(default_factory=list)  # with their page references
    export_id: str = ""
    fingerprint: str = ""  # SHA-256 over the pages' content (printed on every page)
    sha256: str = ""  # of the file as saved (cannot be printed inside it)
    page_labels: list[str] = field(default_factory=list)
    redaction_key: Path | None = None  # the separate list of replacements, when redacting
    receipt_code: str = ""  # the receipt for the record's history printed in the appendix

    @property
    def page_refs(self) -> dict[str, str]:
        """Chronology row key -> the bundle page its source is on."""
        return {r.key: r.page_ref for r in self.chronology if r.page_ref}


def page_warnings(pages: int, lengths: dict[str, int]) -> list[str]:
    """Practice Direction 27A's limits: the bundle, the chronology, summary and position."""
    out = []
    if pages > PD27A_BUNDLE_PAGES:
        out.append(f"The bundle has {pages} pages. Court bundles are usually limited to "
                   f"{PD27A_BUNDLE_PAGES} pages (Practice Direction 27A) unless the court agrees "
                   "otherwise. Ask your solicitor which parts to leave out.")
    limits = (("chronology", PD27A_CHRONOLOGY_PAGES, "Try leaving out rows of low importance."),
              ("case summary", PD27A_SUMMARY_PAGES, "Try making it shorter."),
              ("position statement", PD27A_POSITION_PAGES, "Try making it shorter."))
    for name, limit, advice in limits:
        length = lengths.get(name, 0)
        if length > limit:
            out.append(f"The {name} runs to {length} pages. Practice Direction 27A asks for a "
                       f"{name} of no more than {limit} pages. {advice}")
    return out
