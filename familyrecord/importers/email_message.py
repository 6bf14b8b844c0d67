"""E-mails from bytes: .eml (stdlib `email`) and Outlook .msg (extract-msg), into one shape.

Headers (from, to, cc, date, subject, Message-ID, In-Reply-To, References), the body as text
(an HTML-only body is turned into readable text), and every attachment as bytes: inline
pictures, attached messages (kept as .eml), and empty files (kept, flagged). Both readers work
on bytes in memory; extract-msg is handed a BytesIO and writes nothing to disk.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage, Message

from familyrecord.importers import email_parts
from familyrecord.importers.email_parts import Address, EmailAttachment
from familyrecord.importers.errors import FileTooLarge, UnreadableFile

log = logging.getLogger(__name__)

MAX_EMAIL_BYTES = 200 * 1024 * 1024
_IDENTIFYING_HEADERS = ("from", "to", "subject", "date", "message-id")

__all__ = ["Address", "EmailAttachment", "ParsedEmail", "parse_email", "parse_eml", "parse_msg"]


@dataclass(frozen=True)
class ParsedEmail:
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    sent_at: datetime | None  # as written in the message (timezone-aware when it says so)
    subject: str
    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    body: str
    body_was_html: bool
    attachments: tuple[EmailAttachment, ...] = field(default=())

    @property
    def local_date(self) -> date | None:
        """The day it was sent, on this computer's clock."""
        if self.sent_at is None:
            return None
        return self.sent_at.astimezone().date() if self.sent_at.tzinfo else self.sent_at.date()

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """Message-IDs this one answers (In-Reply-To first), for linking a thread."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids.extend(ref for ref in reversed(self.references) if ref not in ids)
        return tuple(ids)


def parse_email(file_name: str, data: bytes) -> ParsedEmail:
    """An .eml or .msg file, told apart by its first bytes (the name only breaks ties)."""
    if data.startswith(email_parts.OLE_MAGIC) or (file_name.lower().endswith(".msg") and not data):
        return parse_msg(data)
    return parse_eml(data)


def parse_eml(data: bytes) -> ParsedEmail:
    if len(data) > MAX_EMAIL_BYTES:
        raise FileTooLarge("e-mail bigger than the limit")
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        if not any(message.get(name) is not None for name in _IDENTIFYING_HEADERS):
            raise UnreadableFile("no e-mail headers found")
        return _from_message(message)
    except UnreadableFile:
        raise
    except Exception as exc:  # malformed MIME can make the stdlib raise many kinds of error
        raise UnreadableFile(f"e-mail could not be parsed: {type(exc).__name__}") from exc


def parse_msg(data: bytes) -> ParsedEmail:
    from familyrecord.importers.outlook import parse_outlook

    if len(data) > MAX_EMAIL_BYTES:
        raise FileTooLarge("e-mail bigger than the limit")
    return parse_outlook(data)


def _from_message(message: EmailMessage) -> ParsedEmail:
    body_part = _body_part(message)
    body, was_html = email_parts.part_text(body_part) if body_part is not None else ("", False)
    attachments: list[EmailAttachment] = []
    extra: list[str] = []
    for part in _leaves(message):
        if part is body_part:
            continue
        if _is_body_text(part):
            if part.get_content_subtype() == "plain" or was_html:
                extra.append(email_parts.part_text(part)[0])  # body split around inline pictures
            continue
        attachments.append(email_parts.attachment(part, len(attachments) + 1))
    text = "\n\n".join(piece for piece in [body, *extra] if piece.strip())
    return ParsedEmail(
        sender=next(iter(email_parts.addresses(message, "from")), None),
        to=email_parts.addresses(message, "to"),
        cc=email_parts.addresses(message, "cc"),
        sent_at=_date(message),
        subject=email_parts.header_text(message, "subject"),
        message_id=email_parts.header_text(message, "message-id"),
        in_reply_to=email_parts.first_id(email_parts.header_text(message, "in-reply-to")),
        references=email_parts.ids(email_parts.header_text(message, "references")),
        body=text,
        body_was_html=was_html,
        attachments=tuple(attachments),
    )


def _body_part(message: EmailMessage) -> Message | None:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - a damaged structure has no findable body; attachments may still be
        return None
    if part is None and not message.is_multipart() and message.get_content_maintype() == "text":
        return message
    return part


def _leaves(part: Message, depth: int = 0) -> list[Message]:
    """Every non-multipart part, in order; an attached message stays whole (one leaf)."""
    if part.get_content_type() == "message/rfc822" or not part.is_multipart() or depth > 50:
        return [part]
    found: list[Message] = []
    payload = part.get_payload()
    for sub in payload if isinstance(payload, list) else []:
        if isinstance(sub, Message):
            found.extend(_leaves(sub, depth + 1))
    return found


def _is_body_text(part: Message) -> bool:
    return (part.get_content_maintype() == "text" and part.get_content_subtype() in ("plain", "html")
            and not part.get_filename() and part.get_content_disposition() != "attachment")


def _date(message: EmailMessage) -> datetime | None:
    raw = email_parts.header_text(message, "date")
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
