"""What the review queue shows for each file brought in: the suggested fields of a Correspondence
entry, each with the words it came from, read from a parsed file. Nothing here saves anything.

Suggestions come from the e-mail's headers (date, from, to, subject), from the text (a letter's
date, the name under "Yours sincerely", the "Re:" line, the children named, dates with what they
are and a reply-needed-by date), from People (the sender matched by e-mail address or by name),
and from the family's own e-mail addresses (sent or received).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz, process

from familyrecord.errors import UserError
from familyrecord.formatting import long_date
from familyrecord.importers import extract
from familyrecord.importers.email_message import ParsedEmail
from familyrecord.importers.email_parts import Address
from familyrecord.importers.ocr_jobs import PageRead
from familyrecord.importers.suggest import DateMention, Suggested, Suggestions, suggest_fields
from familyrecord.records.enums import Channel, Direction
from familyrecord.records.models import Child, Person

__all__ = ["AttachmentPreview", "DateMention", "IntakeItem", "Suggestion", "build_suggestions",
           "normalise_subject"]

log = logging.getLogger(__name__)
T = TypeVar("T")
NAME_MATCH_SCORE = 88  # rapidfuzz token-set ratio: "Ms Jane Smith" ~ "Jane Smith", not "Jane Smart"
_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|antw|tr)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_TAG = re.compile(r"^\s*\[[^\]]{1,30}\]\s*")  # "[EXTERNAL]", "[OFFICIAL]"

# Where a suggestion came from, in words the review queue shows.
FROM_HEADER = "the e-mail's header"
FROM_TEXT = "the text"
FROM_PEOPLE = "People"
FROM_FILE_NAME = "the file's name"
FROM_OWN_ADDRESSES = "your own e-mail addresses"
FROM_EARLIER = "earlier letters and e-mails"


@dataclass(frozen=True)
class Suggestion:
    """A suggested value for one Correspondence field and the exact words it came from.

    `start`/`end` locate `words` in the item's `text` when it came from the text (else -1).
    """

    field: str  # the Correspondence field it fills ("child_ids": one suggestion per child)
    label: str  # what the form calls the field
    value: object
    shown: str  # the value as a person reads it
    words: str
    context: str
    where: str  # one of the FROM_ words
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class AttachmentPreview:
    """A file inside an e-mail, as it will be stored."""

    file_name: str
    media_type: str
    size: int
    inline: bool
    needs_ocr: bool  # a picture or scan: its words are read after saving

    @property
    def empty(self) -> bool:
        return self.size == 0


@dataclass(frozen=True)
class IntakeItem:
    """One file in the review queue. `error` holds a plain message when it could not be read
    (it can still be kept as a letter's file if the person fills in the form)."""

    path: Path
    file_name: str
    kind: str  # "email", "pdf", "image", "word", "odt", "text", "html"; "" when not known
    size: int
    sha256: str
    error: str = ""
    text: str = ""  # every word read, in page order; suggestions point into it
    machine_read: bool = False  # some of the text was read by the computer: "check it"
    ocr_plan: tuple[int, ...] = ()  # pages that are pictures of text
    pages: tuple[PageRead, ...] = ()  # those read so far (with their boxes)
    suggestions: tuple[Suggestion, ...] = ()
    dates: tuple[DateMention, ...] = ()
    attachments: tuple[AttachmentPreview, ...] = ()
    warnings: tuple[str, ...] = ()
    body: str = ""  # an e-mail's body (the entry's body when accepted)
    message_id: str = ""
    thread_ids: tuple[str, ...] = ()  # Message-IDs it answers, nearest first
    defaults: dict[str, object] = field(default_factory=dict)  # channel, direction, ids
    already_in: tuple[str, ...] = ()  # entries that hold this file or this e-mail already

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def pages_to_read(self) -> tuple[int, ...]:
        """Pictures of text not read yet (reading was not asked for, or was stopped)."""
        done = {page.index for page in self.pages}
        return tuple(i for i in self.ocr_plan if i not in done)

    def suggestion(self, name: str) -> Suggestion | None:
        return next((s for s in self.suggestions if s.field == name), None)

    def fields(self) -> dict[str, object]:
        """The Correspondence fields as suggested: what the form starts from."""
        values: dict[str, object] = dict(self.defaults)
        for suggestion in self.suggestions:
            if suggestion.field == "child_ids":
                children = values.setdefault("child_ids", [])
                assert isinstance(children, list)
                children.append(suggestion.value)
            else:
                values.setdefault(suggestion.field, suggestion.value)
        if self.body:
            values["body"] = self.body
        return values


def normalise_subject(subject: str) -> str:
    """A subject without "Re:"/"Fwd:" prefixes or tags, spaces and case evened out."""
    text = subject
    for _ in range(10):
        stripped = _TAG.sub("", _REPLY_PREFIX.sub("", text))
        if stripped == text:
            break
        text = stripped
    return " ".join(text.split()).casefold()


def is_reply_subject(subject: str) -> bool:
    return bool(_REPLY_PREFIX.match(_TAG.sub("", subject)))


def build_suggestions(text: str, *, email: ParsedEmail | None, file_name: str,
                      people: Sequence[Person], children: Sequence[Child],
                      own_addresses: Sequence[str]) -> tuple[tuple[Suggestion, ...], tuple[DateMention, ...],
                                                             dict[str, object]]:
    """(suggestions, dates mentioned, defaults) for a file's text and, for an e-mail, its headers."""
    own = {a.strip().lower() for a in own_addresses if a.strip()}
    found = suggest_fields(text, known_children=[c.name for c in children if c.name.strip()],
                           reference=email.local_date if email else None)
    defaults: dict[str, object] = {"channel": Channel.EMAIL if email else Channel.LETTER,
                                   "direction": Direction.RECEIVED}
    out: list[Suggestion] = []
    if email is not None:
        direction = _direction(email, own)
        if direction is not None:
            out.append(direction)
            defaults["direction"] = direction.value
        out += _email_headers(email)
        defaults.update(message_id=email.message_id, in_reply_to=email.in_reply_to)
        counterpart = email.to[0] if defaults["direction"] == Direction.SENT and email.to else email.sender
        person = _match_person(people, counterpart, found)
    else:
        out += _letter_fields(found, file_name)
        person = _match_person(people, None, found)
    if person is not None:
        out.append(person)
    out += _children(found, children)
    if found.reply_needed_by is not None:
        out.append(_from_text("reply_needed_by", "Reply needed by", found.reply_needed_by,
                              long_date(found.reply_needed_by.value)))
    return tuple(out), found.dates, defaults


def _from_text(name: str, label: str, found: Suggested[T], shown: str) -> Suggestion:
    return Suggestion(name, label, found.value, shown, found.words, found.context, FROM_TEXT,
                      found.start, found.end)


def _direction(email: ParsedEmail, own: set[str]) -> Suggestion | None:
    if not own:
        return None
    if email.sender is not None and email.sender.address in own:
        return Suggestion("direction", "Sent or received", Direction.SENT, "Sent by you",
                          f"From: {email.sender}", "", FROM_OWN_ADDRESSES)
    mine = [a for a in (*email.to, *email.cc) if a.address in own]
    if mine:
        return Suggestion("direction", "Sent or received", Direction.RECEIVED, "Received",
                          f"To: {mine[0]}", "", FROM_OWN_ADDRESSES)
    return None


def _email_headers(email: ParsedEmail) -> list[Suggestion]:
    out: list[Suggestion] = []
    if email.local_date is not None:
        header = f"Date: {email.sent_at:%a, %d %b %Y %H:%M %z}".strip()
        out.append(Suggestion("dated", "Date", email.local_date, long_date(email.local_date), header,
                              "", FROM_HEADER))
    if email.sender is not None:
        out.append(Suggestion("from_name", "From", email.sender.name or email.sender.address,
                              email.sender.name or email.sender.address, f"From: {email.sender}",
                              "", FROM_HEADER))
        if email.sender.address:
            out.append(Suggestion("from_address", "From address", email.sender.address,
                                  email.sender.address, f"From: {email.sender}", "", FROM_HEADER))
    if email.to:
        names = ", ".join(a.name or a.address for a in email.to)
        line = "To: " + ", ".join(str(a) for a in email.to)
        out.append(Suggestion("to_name", "To", names, names, line, "", FROM_HEADER))
        addresses = ", ".join(a.address for a in (*email.to, *email.cc) if a.address)
        if addresses:
            out.append(Suggestion("to_addresses", "To addresses", addresses, addresses, line, "",
                                  FROM_HEADER))
    if email.subject.strip():
        out.append(Suggestion("subject", "Subject", email.subject, email.subject,
                              f"Subject: {email.subject}", "", FROM_HEADER))
    return out


def _letter_fields(found: Suggestions, file_name: str) -> list[Suggestion]:
    out: list[Suggestion] = []
    if found.letter_date is not None:
        out.append(_from_text("dated", "Date", found.letter_date, long_date(found.letter_date.value)))
    sender = found.sender or found.organisation
    if sender is not None:
        out.append(_from_text("from_name", "From", sender, sender.value))
    if found.subject is not None:
        out.append(_from_text("subject", "Subject", found.subject, found.subject.value))
    else:
        stem = Path(file_name).stem.replace("_", " ").strip()
        if stem:
            out.append(Suggestion("subject", "Subject", stem, stem, file_name, "", FROM_FILE_NAME))
    return out


def _match_person(people: Sequence[Person], address: Address | None,
                  found: Suggestions) -> Suggestion | None:
    """The person in People this is from (or, when the family sent it, to): by e-mail address,
    else by name (the header's display name, else the signature)."""
    if address is not None and address.address:
        for person in people:
            if person.email.strip().lower() == address.address:
                return Suggestion("person_id", "Who", person.id, person.name, str(address), "",
                                  FROM_PEOPLE)
    named = [p for p in people if p.name.strip()]
    if not named:
        return None
    candidates: list[tuple[str, str, int]] = []  # (name, words, start)
    if address is not None and address.name:
        candidates.append((address.name, str(address), -1))
    if found.sender is not None:
        candidates.append((found.sender.value, found.sender.words, found.sender.start))
    for name, words, start in candidates:
        match = process.extractOne(name, [p.name for p in named], scorer=fuzz.token_set_ratio,
                                   score_cutoff=NAME_MATCH_SCORE)
        if match is not None:
            person = named[match[2]]
            end = start + len(words) if start >= 0 else -1
            return Suggestion("person_id", "Who", person.id, person.name, words, "",
                              FROM_PEOPLE, start, end)
    return None


def _children(found: Suggestions, children: Sequence[Child]) -> list[Suggestion]:
    by_name = {c.name: c for c in children}
    out = []
    for mention in found.children:
        child = by_name.get(mention.value)
        if child is not None:
            out.append(Suggestion("child_ids", "Children", child.id, child.name, mention.words,
                                  mention.context, FROM_TEXT, mention.start, mention.end))
    return out


# ---- files inside files ----------------------------------------------------------------------------

def previews(extracted: extract.Extracted) -> tuple[AttachmentPreview, ...]:
    if extracted.email is None:
        return ()
    return tuple(AttachmentPreview(a.file_name, a.media_type, len(a.data), a.inline,
                                   needs_ocr(a.file_name, a.data)) for a in extracted.email.attachments)


def warnings_for(extracted: extract.Extracted) -> tuple[str, ...]:
    if extracted.email is None:
        return ()
    return tuple(f"The attachment “{a.file_name}” is empty (0 bytes). It will be kept, but it holds "
                 "nothing." for a in extracted.email.attachments if a.empty)


def needs_ocr(file_name: str, data: bytes) -> bool:
    try:
        return bool(data) and extract.needs_ocr(file_name, data)
    except UserError:
        return False


def email_parts_of(item: IntakeItem, data: bytes | None) -> list[tuple[str, str, bytes, str, bool]]:
    """An e-mail's attachments as (name, media type, bytes, text for search, needs OCR)."""
    if data is None or not item.ok or item.kind != "email":
        return []
    try:
        parsed = extract.extract(item.file_name, data, use_ocr=False).email
    except UserError:
        return []
    parts = []
    for part in parsed.attachments if parsed else ():
        parts.append((part.file_name, part.media_type, part.data, text_of(part.file_name, part.data),
                      needs_ocr(part.file_name, part.data)))
    return parts


def main_text(item: IntakeItem, data: bytes | None) -> str:
    """What search holds for the file itself: its own text. Not for an e-mail's message file (the
    entry holds its words already) nor for words read from pictures (those are readings)."""
    if data is None or not item.ok or item.kind == "email":
        return ""
    return text_of(item.file_name, data)


def text_of(file_name: str, data: bytes) -> str:
    if not data:
        return ""
    try:
        return extract.extract(file_name, data, use_ocr=False).text
    except UserError as exc:
        log.info("no text from an attachment: %s", type(exc).__name__)
        return ""


def file_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
