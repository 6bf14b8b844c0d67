"""Outlook .msg files (OLE compound files) read with extract-msg, from bytes in memory.

extract-msg is given a BytesIO (never a path: olefile would take short bytes for a file name),
and only its reading properties are used: nothing is saved, so nothing touches disk. Its
loggers are silenced, as they can quote a message's content.
"""

from __future__ import annotations

import io
import logging
import mimetypes
from datetime import datetime
from typing import Any

from familyrecord.importers import email_parts
from familyrecord.importers.email_message import ParsedEmail
from familyrecord.importers.email_parts import Address, EmailAttachment
from familyrecord.importers.errors import UnreadableFile
from familyrecord.importers.html_text import html_to_text

log = logging.getLogger(__name__)


def parse_outlook(data: bytes) -> ParsedEmail:
    if not data.startswith(email_parts.OLE_MAGIC):
        raise UnreadableFile("not an Outlook message")
    _silence_library_logging()
    try:
        import extract_msg
        from extract_msg.enums import ErrorBehavior

        # Forgive damaged attachments and bodies, but not a damaged (e.g. cut short) OLE file.
        lenient = ErrorBehavior.SUPPRESS_ALL & ~ErrorBehavior.OLE_DEFECT_INCORRECT
        message = extract_msg.openMsg(io.BytesIO(data), strict=False,
                                      errorBehavior=lenient)
    except Exception as exc:  # a damaged compound file can make olefile raise anything
        raise UnreadableFile(f"Outlook message could not be opened: {type(exc).__name__}") from exc
    try:
        return _read(message)
    except UnreadableFile:
        raise
    except Exception as exc:  # damaged streams inside an opened file
        raise UnreadableFile(f"Outlook message could not be read: {type(exc).__name__}") from exc
    finally:
        message.close()


def _read(message: Any) -> ParsedEmail:
    body, was_html = _body(message)
    header = getattr(message, "header", None)
    references = email_parts.ids(email_parts.header_text(header, "references") if header else "")
    if not references:
        references = email_parts.ids(_text(message, "getStringStream", "__substg1.0_1039"))
    return ParsedEmail(
        sender=next(iter(email_parts.parse_addresses(_attr(message, "sender"))), None),
        to=_recipients(message, "to"),
        cc=_recipients(message, "cc"),
        sent_at=_date(message),
        subject=" ".join(_attr(message, "subject").split()),
        message_id=_attr(message, "messageId").strip(),
        in_reply_to=email_parts.first_id(_attr(message, "inReplyTo")),
        references=references,
        body=body,
        body_was_html=was_html,
        attachments=tuple(_attachments(message)),
    )


def _body(message: Any) -> tuple[str, bool]:
    plain = _attr(message, "body")
    if plain.strip():
        return plain.replace("\r\n", "\n").strip(), False
    html = getattr(message, "htmlBody", None)
    if isinstance(html, bytes) and html:
        return html_to_text(email_parts.decode_bytes(html, None)), True
    return "", False


def _recipients(message: Any, kind: str) -> tuple[Address, ...]:
    from extract_msg.enums import RecipientType

    wanted = {"to": RecipientType.TO, "cc": RecipientType.CC}[kind]
    try:
        listed = [r for r in getattr(message, "recipients", None) or [] if r.type is wanted]
    except Exception:  # noqa: BLE001 - damaged recipient tables: fall back to the display line
        listed = []
    found = [Address(" ".join(_attr(r, "name").split()), _attr(r, "email").strip().lower())
             for r in listed]
    if any(address.name or address.address for address in found):
        return tuple(a for a in found if a.name or a.address)
    # Outlook separates display names with ";", which the address parser does not.
    return email_parts.parse_addresses(_attr(message, kind).replace(";", ","))


def _date(message: Any) -> datetime | None:
    value = getattr(message, "date", None)
    return value if isinstance(value, datetime) else None


def _attachments(message: Any) -> list[EmailAttachment]:
    found: list[EmailAttachment] = []
    for item in getattr(message, "attachments", None) or []:
        number = len(found) + 1
        data = getattr(item, "data", None)
        name = _attr(item, "name") or _attr(item, "longFilename") or _attr(item, "shortFilename")
        if data is not None and not isinstance(data, bytes) and hasattr(data, "exportBytes"):
            # An attached Outlook message: keep it whole, as its own .msg file.
            subject = _attr(data, "subject")
            found.append(EmailAttachment(email_parts.safe_file_name(f"{subject or 'Attached message'}.msg"),
                                         "application/vnd.ms-outlook", data.exportBytes()))
            continue
        if not isinstance(data, bytes | None):
            continue  # web links and other kinds that carry no file
        media_type = (_attr(item, "mimetype") or mimetypes.guess_type(name)[0]
                      or "application/octet-stream").lower()
        extension = mimetypes.guess_extension(media_type) or ".bin"
        inline = bool(_attr(item, "cid")) and bool(getattr(item, "hidden", False))
        found.append(EmailAttachment(
            email_parts.safe_file_name(name or f"attachment-{number}{extension}", extension),
            media_type, data or b"", inline))
    return found


def _attr(obj: Any, name: str) -> str:
    """A string property of an extract-msg object ("" when absent or unreadable)."""
    try:
        value = getattr(obj, name, None)
    except Exception:  # noqa: BLE001 - one damaged property must not lose the rest of the message
        return ""
    if isinstance(value, bytes):
        return email_parts.decode_bytes(value, None)
    return email_parts.fix_text(str(value)) if value is not None else ""


def _text(obj: Any, method: str, stream: str) -> str:
    try:
        value = getattr(obj, method)(stream)
    except Exception:  # noqa: BLE001 - a missing or damaged stream reads as empty
        return ""
    return str(value) if value else ""


def _silence_library_logging() -> None:
    for name in ("extract_msg", "olefile", "RTFDE"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
