"""Attached files in the bundle: PDF pages merged in, pictures placed, text typeset.

Everything is read from the vault into memory (never a temporary file). Pages of attached
PDFs are laid out as reserved pages here and merged in by bundle.py after layout, so page
numbers are known in one pass. Files that cannot be shown are listed with the reason.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from familyrecord.export.kit import IndexEntry, Kit
from familyrecord.export.pdfstyle import FullPage, new_page
from familyrecord.storage.blobs import Attachment
from familyrecord.storage.errors import RecordNotFound

_TEXT_TYPES = ("text/plain", "text/markdown", "text/csv", "message/rfc822")
_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp")
MAX_TEXT_CHARS = 200_000


@dataclass
class PlannedFile:
    attachment: Attachment
    how: str  # "pages", "picture", "text" or "" (not included)
    page_count: int = 0
    size: tuple[int, int] = (0, 0)
    text: str = ""
    reason: str = ""


def plan_file(kit: Kit, attachment: Attachment) -> PlannedFile:
    media = attachment.media_type
    redacting = kit.plan.active
    store = kit.stores.attachments
    if not kit.options.include_attachments:
        return PlannedFile(attachment, "", reason="attached files were left out of this bundle")
    if media.startswith(("audio/", "video/")):
        return PlannedFile(attachment, "", reason="a sound recording, kept in the record; see the transcript")
    if media == "application/pdf":
        if redacting:
            text = store.text_content(attachment.id) or _pdf_text(kit, attachment)
            if text.strip():
                return PlannedFile(attachment, "text", text=text[:MAX_TEXT_CHARS])
            return PlannedFile(attachment, "", reason="names could not be redacted from it")
        try:
            reader, locked = open_pdf(kit.stores.attachments.read_all(attachment.id))
            if locked:
                return PlannedFile(attachment, "", reason="it is password-protected")
            return PlannedFile(attachment, "pages", page_count=len(reader.pages))
        except Exception:  # noqa: BLE001 - a damaged PDF is listed, not fatal
            return PlannedFile(attachment, "", reason="it could not be read as a PDF")
    if media in _IMAGE_TYPES:
        if redacting:
            return PlannedFile(attachment, "", reason="a picture cannot be checked for names")
        try:
            from PIL import Image

            with Image.open(kit.stores.attachments.open(attachment.id)) as image:
                return PlannedFile(attachment, "picture", size=image.size)
        except Exception:  # noqa: BLE001 - an unreadable picture is listed, not fatal
            return PlannedFile(attachment, "", reason="the picture could not be read")
    if media in _TEXT_TYPES or media.startswith("text/"):
        text = store.text_content(attachment.id)
        if not text:
            text = kit.stores.attachments.read_all(attachment.id).decode("utf-8", errors="replace")
        return PlannedFile(attachment, "text", text=text[:MAX_TEXT_CHARS])
    return PlannedFile(attachment, "", reason="this kind of file cannot be shown in a PDF")


def open_pdf(data: bytes) -> tuple[PdfReader, bool]:
    """A PDF reader, and whether the PDF stays locked. One locked only with an empty user
    password (it opens in any viewer without asking) is opened, not left out."""
    reader = PdfReader(io.BytesIO(data))
    if not reader.is_encrypted:
        return reader, False
    try:
        return reader, not reader.decrypt("")
    except Exception:  # noqa: BLE001 - a lock we cannot open stays locked
        return reader, True


def _pdf_text(kit: Kit, attachment: Attachment) -> str:
    try:
        reader, _locked = open_pdf(kit.stores.attachments.read_all(attachment.id))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # noqa: BLE001 - no text means the file cannot be redacted
        return ""


def file_story(kit: Kit, planned: PlannedFile, parent_key: str) -> list[Flowable]:
    """The pages for one attached file, with its own heading, outline entry and anchor."""
    att = planned.attachment
    key = f"att-{att.id}-{parent_key}"
    name = kit.file_name(att)
    if not planned.how:
        kit.index.append(_not_included_entry(kit, name, planned.reason))
        return [kit.para(f"Attached file not included: {name} ({planned.reason}).", "small")]
    if planned.how == "text":
        note = ("Text of the attached file, with names redacted; the original file is not "
                "included." if kit.plan.active and att.media_type == "application/pdf"
                else "Text of the attached file.")
        return [kit.heading(f"Attached: {name}", key, level=2, style="h3"),
                kit.para(note, "small"), *kit.paras(planned.text)]
    story: list[Flowable] = [new_page()]
    outline = kit.outline_title(kit.redact(f"Attached: {name}"), key)
    if planned.how == "pages":
        for index in range(planned.page_count):
            caption = kit.t(f"Attached document: {name}, page {index + 1} of {planned.page_count}")
            story.append(FullPage(
                caption, kit.styles.small, kit.state, attachment_id=att.id, page_index=index,
                key=key if index == 0 else "", outline=outline, level=2 + kit.depth))
    else:
        story.append(FullPage(
            kit.t(f"Attached picture: {name}"), kit.styles.small, kit.state, attachment_id=att.id,
            key=key, outline=outline, level=2 + kit.depth))
    kit.index.append(IndexEntry(key, kit.redact(f"Attached: {name}"), "", 2 + kit.depth,
                                kit.section))
    # No break after: a full page leaves no room, so what follows starts on a new page anyway
    # (a second break would leave a blank page).
    return story


def _not_included_entry(kit: Kit, name: str, reason: str) -> IndexEntry:
    return IndexEntry("", kit.redact(f"Not included: {name} ({reason})"), "", 2 + kit.depth,
                      kit.section)


MAX_PICTURE_PX = 2000  # about 200 dpi across an A4 page: sharp on paper, small in the file


def _print_ready(data: bytes) -> tuple[bytes, str, tuple[int, int], str]:
    """The picture turned the way the camera meant (EXIF) and no larger than the page needs.

    Returns (bytes, format, size, PIL mode). A phone photo is often 4000 px wide and several
    MB; fifty of them copied whole would make a bundle too big to e-mail. Pictures small
    enough that need no turning go in unchanged (a JPEG is then never even decoded).
    """
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        turned = image.getexif().get(0x0112, 1) not in (0, 1)
        if max(image.size) <= MAX_PICTURE_PX and not turned:
            return data, str(image.format), image.size, image.mode
        is_jpeg = image.format == "JPEG"
        # JPEG: decode straight at a reduced size (draft wants the size the result must reach).
        shrink = min(1.0, MAX_PICTURE_PX / max(image.size))
        image.draft("RGB", (int(image.width * shrink), int(image.height * shrink)))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((MAX_PICTURE_PX, MAX_PICTURE_PX))
        out = io.BytesIO()
        if is_jpeg or upright.mode not in ("RGBA", "LA", "P"):
            upright = upright.convert("RGB")
            upright.save(out, "JPEG", quality=85)
            return out.getvalue(), "JPEG", upright.size, "RGB"
        upright.save(out, "PNG")
        return out.getvalue(), "PNG", upright.size, upright.mode


def _jpeg_page(jpeg: bytes, size: tuple[int, int], colour_space: str) -> bytes:
    """A one-page PDF showing a JPEG as it is (DCTDecode): no decoding, no re-compression."""
    width, height = size
    drawing = f"q {width} 0 0 {height} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
         f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>").encode(),
        (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace "
         f"/{colour_space} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n"
         ).encode() + jpeg + b"\nendstream",
        f"<< /Length {len(drawing)} >>\nstream\n".encode() + drawing + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def picture_page(data: bytes) -> bytes:
    """A one-page PDF the size of the picture, made in memory and merged in by bundle.py.

    Made one at a time so a decoded photo is freed before the next (fifty photos never sit
    decoded in memory together).
    """
    ready, kind, size, mode = _print_ready(data)
    if kind == "JPEG" and mode in ("RGB", "L"):
        return _jpeg_page(ready, size, "DeviceRGB" if mode == "RGB" else "DeviceGray")
    image = ImageReader(io.BytesIO(ready))
    width, height = image.getSize()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    canvas.drawImage(image, 0, 0, width, height)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


class FileBook:
    """Plans each attached file once and remembers which went into the bundle, in order.

    `plans` may be shared between layout passes: a file's plan (its page count, whether it can
    be shown) does not change, and reading every PDF and picture again would cost each pass."""

    def __init__(self, kit: Kit, plans: dict[str, PlannedFile] | None = None,
                 private_ids: frozenset[str] = frozenset()) -> None:
        self.kit = kit
        self.private_ids = private_ids  # never placed, never listed (life-story files not chosen)
        self.plans: dict[str, PlannedFile] = {} if plans is None else plans
        self.placed: list[tuple[PlannedFile, str]] = []  # (plan, anchor key)
        self.left_out: dict[str, tuple[str, str]] = {}  # id -> (real name, why): for the family

    def left_out_shown(self) -> list[tuple[str, str]]:
        """What was left out, named as the bundle names files (neutral when redacting)."""
        return [(self.kit.file_name(self.kit.stores.attachments.get(i)), reason)
                for i, (_, reason) in self.left_out.items()]

    def plan(self, attachment: Attachment) -> PlannedFile:
        if attachment.id not in self.plans:
            self.plans[attachment.id] = plan_file(self.kit, attachment)
        return self.plans[attachment.id]

    def story_for(self, record_id: str, extra_ids: tuple[str, ...] = ()) -> list[Flowable]:
        store = self.kit.stores.attachments
        attachments = {a.id: a for a in store.list(record_id)}
        for extra in extra_ids:
            if extra and extra not in attachments:
                with contextlib.suppress(RecordNotFound):  # a stale link: nothing to add
                    attachments[extra] = store.get(extra)
        story: list[Flowable] = []
        for attachment in attachments.values():
            if attachment.id in self.private_ids:
                continue
            planned = self.plan(attachment)
            key = f"att-{attachment.id}-{record_id}"
            story += file_story(self.kit, planned, record_id)
            if planned.how:
                self.placed.append((planned, key))
            else:
                self.left_out[attachment.id] = (attachment.file_name, planned.reason)
        return story
