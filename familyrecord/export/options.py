"""What the family chose for an export, and what came out of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from familyrecord.errors import UserError
from familyrecord.progress import CancelCheck, Progress
from familyrecord.views.chronology import ChronologyFilter, ChronologyRow, RowKind

__all__ = ["CancelCheck", "Progress"]  # re-exported: the one contract for long work

PD27A_BUNDLE_PAGES = 350
PD27A_CHRONOLOGY_PAGES = 10

CONFIDENTIALITY_REMINDER = (
    "Family court papers are confidential. Only share this bundle with your solicitor, "
    "advocate or the court, and keep the file somewhere safe. Sharing it with anyone else, "
    "including on social media, may be contempt of court."
)

REDACTION_NOTE = (
    "With names redacted, attached files are not copied into the bundle as they are: their "
    "text is included with the names changed to initials, and pictures are left out (a "
    "picture cannot be checked for names). Each file's fingerprint is still in the appendix."
)


class ExportCancelled(UserError):
    user_message = "The export was cancelled. No bundle was saved."


class ExportFailed(UserError):
    user_message = "The bundle could not be saved there. Choose another folder and try again."


@dataclass
class ExportOptions:
    date_from: date | None = None
    date_to: date | None = None
    child_ids: list[str] = field(default_factory=list)
    kinds: list[RowKind] = field(default_factory=list)  # empty: every kind
    redact_names: list[str] = field(default_factory=list)
    password: str = ""
    full_transcripts: bool = False
    include_attachments: bool = True
    family_name: str | None = None  # None: the vault's own family name
    hearing_date: date | None = None
    court: str = ""
    case_number: str = ""

    def wants(self, kind: RowKind) -> bool:
        return not self.kinds or kind in self.kinds

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

    def for_journal(self) -> dict[str, object]:
        """The options as the journal keeps them: never the password itself."""
        return {
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "child_ids": list(self.child_ids),
            "kinds": [str(k) for k in self.kinds],
            "redacted_names": len(self.redact_names),
            "password_protected": bool(self.password),
            "full_transcripts": self.full_transcripts,
            "include_attachments": self.include_attachments,
            "hearing_date": self.hearing_date.isoformat() if self.hearing_date else None,
            "court": self.court,
            "case_number": self.case_number,
        }


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


def pd27a_warnings(pages: int, chronology_pages: int) -> list[str]:
    out = []
    if pages > PD27A_BUNDLE_PAGES:
        out.append(f"The bundle has {pages} pages. Court bundles are usually limited to "
                   f"{PD27A_BUNDLE_PAGES} pages (Practice Direction 27A) unless the court agrees "
                   "otherwise. Ask your solicitor which parts to leave out.")
    if chronology_pages > PD27A_CHRONOLOGY_PAGES:
        out.append(f"The chronology runs to {chronology_pages} pages. Practice Direction 27A "
                   f"asks for a chronology of no more than {PD27A_CHRONOLOGY_PAGES} pages. "
                   "Try leaving out rows of low importance.")
    return out
