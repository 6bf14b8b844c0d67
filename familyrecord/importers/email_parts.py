"""Pieces shared by the .eml and .msg readers: addresses, header text, body text, attachments."""

from __future__ import annotations

import email.header
import email.utils
import mimetypes
import re
import unicodedata
from dataclasses import dataclass
from email.message import Message

from familyrecord.importers.html_text import html_to_text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_NAME_CHARS = 150
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Address:
    name: str
    address: str  # lower-case e-mail address ("" when the message gives only a name)

    def __str__(self) -> str:
        if self.name and self.address:
            return f"{self.name} <{self.address}>"
        return self.name or self.address


@dataclass(frozen=True)
class EmailAttachment:
    file_name: str
    media_type: str
    data: bytes
    inline: bool = False  # shown inside the body (a logo, a pasted picture) rather than attached

    @property
    def empty(self) -> bool:
        """A 0-byte attachment: kept so nothing silently disappears, but it holds nothing."""
        return not self.data


def fix_text(value: str) -> str:
    """Undo undecodable bytes the stdlib kept as surrogates (8-bit headers sent without a charset)."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def decode_words(value: str) -> str:
    """RFC 2047 encoded-words left in a value (some mailers put them in file names)."""
    if "=?" not in value:
        return value
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (ValueError, LookupError, email.errors.HeaderParseError):
        return value


def header_text(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - a malformed header reads as absent, not as a failed e-mail
        return ""
    if value is None:
        return ""
    return " ".join(decode_words(fix_text(str(value))).split())


def parse_addresses(raw: str) -> tuple[Address, ...]:
    """Addresses from a header value such as 'Jane Smith <jane@x.gov.uk>, bob@y.org'."""
    found = []
    for name, address in email.utils.getaddresses([raw]):
        name, address = " ".join(decode_words(name).split()), address.strip().lower()
        if "@" not in address and not name:
            name, address = address, ""
        if name or address:
            found.append(Address(name, address))
    return tuple(found)


def addresses(message: Message, name: str) -> tuple[Address, ...]:
    return parse_addresses(header_text(message, name))


def ids(raw: str) -> tuple[str, ...]:
    """Message-IDs in a References or In-Reply-To header, in order."""
    return tuple(_MESSAGE_ID.findall(raw))


def first_id(raw: str) -> str:
    found = ids(raw)
    return found[0] if found else raw.strip()


def part_text(part: Message) -> tuple[str, bool]:
    """(text, was HTML) of a text part, whatever its declared or actual charset."""
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    text = decode_bytes(raw, part.get_content_charset())
    if part.get_content_subtype() == "html":
        return html_to_text(text), True
    return text.replace("\r\n", "\n").strip(), False


def decode_bytes(raw: bytes, charset: str | None) -> str:
    """Text in the declared charset, else UTF-8, else Windows-1252 (what unlabelled mail really is)."""
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return raw.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", "replace")


def attachment(part: Message, number: int) -> EmailAttachment:
    media_type = part.get_content_type()
    if media_type == "message/rfc822":
        inner = part.get_payload()
        message = inner[0] if isinstance(inner, list) and inner else inner
        data = _message_bytes(message)
        subject = header_text(message, "subject") if isinstance(message, Message) else ""
        name = safe_file_name(part.get_filename() or f"{subject or 'Attached message'}.eml", ".eml")
        return EmailAttachment(name, media_type, data)
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    name = _file_name(part)
    extension = mimetypes.guess_extension(media_type) or ".bin"
    inline = part.get_content_disposition() == "inline" or (
        part.get("content-id") is not None and part.get_content_disposition() != "attachment")
    return EmailAttachment(safe_file_name(name or f"attachment-{number}{extension}", extension),
                           media_type, data, inline)


def safe_file_name(name: str, default_extension: str = "") -> str:
    """A file name without folders, control characters or reserved characters, not too long."""
    name = unicodedata.normalize("NFC", fix_text(decode_words(name)))
    name = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]+', "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    name = name.strip(" .") or f"attachment{default_extension}"
    if len(name) > MAX_NAME_CHARS:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:10] if dot else ""
        tail = f".{extension}" if dot else ""
        name = (stem if dot else name)[: MAX_NAME_CHARS - len(tail)] + tail
    return name


def _file_name(part: Message) -> str:
    try:
        return part.get_filename() or ""
    except Exception:  # noqa: BLE001 - an unparsable name parameter: make one up instead
        return ""


def _message_bytes(message: object) -> bytes:
    if not isinstance(message, Message):
        return b""
    try:
        return message.as_bytes()
    except Exception:  # noqa: BLE001 - broken inner headers: fall back to the text the stdlib kept
        return fix_text(message.as_string()).encode("utf-8", "replace")
