"""Words the review form shows beside its fields: where each suggestion came from, the dates the
text mentions, the files inside an e-mail."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

from familyrecord.formatting import long_date, short_time
from familyrecord.services.intake import AttachmentPreview, Suggestion
from familyrecord.services.intake_items import (
    FROM_EARLIER,
    FROM_FILE_NAME,
    FROM_HEADER,
    FROM_OWN_ADDRESSES,
    FROM_PEOPLE,
    FROM_TEXT,
    DateMention,
)
from familyrecord.ui.documents.attachments import human_size

MAX_QUOTE = 90  # characters of the source words shown under a field
LONG_WORD = 16


def tr(text: str) -> str:
    return QCoreApplication.translate("intake", text)


def _where(where: str) -> str:
    """"from the text: “%1”" and the like; %1 is the quoted words."""
    return {
        FROM_TEXT: tr("from the text: “%1”"),
        FROM_HEADER: tr("from the e-mail's header: “%1”"),
        FROM_PEOPLE: tr("matched in People: “%1”"),
        FROM_FILE_NAME: tr("from the file's name: “%1”"),
        FROM_OWN_ADDRESSES: tr("from your own e-mail addresses: “%1”"),
        FROM_EARLIER: tr("from earlier letters and e-mails: “%1”"),
    }.get(where, tr("from: “%1”"))


def quote(words: str) -> str:
    """The source words on one line, shortened when long."""
    flat = " ".join(words.split())
    return flat if len(flat) <= MAX_QUOTE else flat[: MAX_QUOTE - 1].rstrip() + "…"


def breakable(text: str) -> str:
    """Long words (e-mail addresses, links, file names) may wrap after @ . / _ - (a zero-width
    space there), so a narrow column at large text needs no sideways scrolling."""
    words = []
    for word in text.split(" "):
        if len(word) > LONG_WORD:
            word = re.sub(r"([@./_\-])", "\\1\u200b", word)
        words.append(word)
    return " ".join(words)


def source_line(suggestion: Suggestion) -> str:
    """The small grey line under a suggested field: where it came from, in plain text."""
    return _where(suggestion.where).replace("%1", quote(suggestion.words))


def source_html(suggestion: Suggestion) -> str:
    """The same line as rich text; words found in the text are a link that shows them there."""
    words = html.escape(breakable(quote(suggestion.words)))
    if suggestion.start >= 0:
        words = f'<a href="span:{suggestion.start}:{suggestion.end}">{words}</a>'
    return html.escape(_where(suggestion.where)).replace("%1", words)


def date_line(mention: DateMention) -> str:
    """One date the text mentions: "Reply needed: Monday 27 January 2025" and the like."""
    when = long_date(mention.when)
    if mention.at is not None:
        when = tr("%1 at %2").replace("%1", when).replace("%2", short_time(mention.at))
    kind = {"reply_by": tr("Reply needed by"), "deadline": tr("Deadline"),
            "event": tr("Meeting or event"), "mentioned": tr("Mentioned")}.get(mention.kind, tr("Mentioned"))
    what = f" ({mention.what})" if mention.what and mention.kind != "reply_by" else ""
    line = f"{kind}{what}: {when}"
    if mention.before_letter:
        line += " " + tr("(before the letter's date: already happened)")
    return line


def attachment_line(attachment: AttachmentPreview) -> str:
    """One file inside an e-mail, as it will be kept."""
    line = f"{attachment.file_name} ({human_size(attachment.size)})"
    if attachment.empty:
        return line + " " + tr("— empty: it holds nothing")
    if attachment.needs_ocr:
        return line + " " + tr("— a picture: its words will be read after saving")
    return line
