"""Inputs for the intake tests and the OCR benchmark, all made here, in memory.

Letters are typeset with DejaVu Sans (fonts-dejavu-core) onto an A4 page at 300 dpi, then
"photographed": placed on a darker desk, rotated a few degrees, unevenly lit, noisy, and saved as
a phone-sized JPEG. The known text of each letter is kept for measuring the reader's errors.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
A4_300DPI = (2480, 3508)
KNOWN_CHILDREN = ("Leo", "Mia", "Amara")


@dataclass(frozen=True)
class Letter:
    """Lines of a letter: "" is a blank line; a line starting with ">" is set flush right."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The words in reading order, a line each, blank lines kept (what a perfect reader gives)."""
        return "\n".join(line.lstrip(">") for line in self.lines)


CONFERENCE = Letter((
    "Westshire County Council",
    "Children's Services, County Hall, Market Street, Westbury WB1 2AB",
    "",
    "6 January 2025",
    "",
    "Dear Ms Taylor,",
    "",
    "Re: Child protection conference for Leo and Mia",
    "",
    "I am writing to invite you to the initial child protection conference for",
    "Leo and Mia. The conference will be held on Monday 20 January 2025 at 10:00",
    "at County Hall. Please let me know by 13/01/2025 whether you will attend.",
    "The core group meeting will follow on 3rd Feb.",
    "",
    "Yours sincerely,",
    "",
    "Jane Smith",
    "Social Worker",
))

SCHOOL = Letter((
    "Hollybrook Primary School",
    "Station Lane, Westbury WB2 9PL",
    "",
    "Monday 6 January 2025",
    "",
    "Dear Ms Taylor,",
    "",
    "I am writing about Leo's attendance this term. I would like to invite you",
    "to a meeting with me and the school nurse on 15/01/2025 at 9:30am.",
    "If this date is not convenient, please let the school office know",
    "no later than Friday 10 January.",
    "",
    "Yours sincerely,",
    "",
    "Tom Hughes",
    "Headteacher",
))

REVIEW = Letter((
    "Northam Borough Council",
    ">Children's Services",
    ">Civic Centre, Hill Road",
    ">Northam NM4 7QT",
    "",
    "Mr David Okafor",
    "22 Elm Close",
    "Northam NM2 5RT",
    "",
    "Date: 14/02/2025",
    "",
    "Dear Mr Okafor,",
    "",
    "Re: Child in need review for Amara",
    "",
    "Thank you for meeting me on 10th February. As we discussed, the next",
    "child in need review will take place on Tuesday 4 March 2025 at 2pm",
    "at Northam Family Centre. Please respond by 28 February 2025 to",
    "confirm that you can attend, or call me to arrange another time.",
    "",
    "Kind regards,",
    "",
    "Priya Patel",
    "Senior Practitioner",
))

LETTERS = (CONFERENCE, SCHOOL, REVIEW)

# A report page full of text from margin to margin (the heaviest kind of page to read).
REPORT = Letter(tuple(
    f"{number}. " + line.lstrip(">") if line else ""
    for number, line in enumerate(([*CONFERENCE.lines[9:13], *SCHOOL.lines[7:11], *REVIEW.lines[15:19]]
                                   * 4)[:44], start=1)))


def page_image(letter: Letter, *, size: tuple[int, int] = A4_300DPI, font_px: int = 46) -> Image.Image:
    """The letter typeset on a white A4 page (grey, 300 dpi by default)."""
    page = Image.new("L", size, 250)
    draw = ImageDraw.Draw(page)
    scale = size[0] / A4_300DPI[0]
    font = ImageFont.truetype(str(FONT), max(8, round(font_px * scale)))
    margin, y, step = round(230 * scale), round(260 * scale), round(font_px * 1.55 * scale)
    for line in letter.lines:
        if line.startswith(">"):
            width = draw.textlength(line[1:], font=font)
            draw.text((size[0] - margin - width, y), line[1:], font=font, fill=25)
        elif line:
            draw.text((margin, y), line, font=font, fill=25)
        y += step
    return page


def photo(letter: Letter, *, angle: float = 3.0, seed: int = 0, size: tuple[int, int] = (3000, 4000),
          quality: int = 82) -> bytes:
    """A phone photo of the printed letter on a desk: rotated, unevenly lit, noisy, JPEG."""
    rng = np.random.default_rng(seed)
    page = page_image(letter)
    fit = 0.86 * min(size[0] / page.width, size[1] / page.height)
    page = page.resize((round(page.width * fit), round(page.height * fit)), Image.Resampling.LANCZOS)
    desk = Image.new("L", size, 70)
    desk.paste(page, ((size[0] - page.width) // 2, (size[1] - page.height) // 2))
    desk = desk.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=70)
    pixels = np.asarray(desk, dtype=np.float32)
    light = np.linspace(1.0, 0.82, size[1], dtype=np.float32)[:, None]  # a shadow toward the bottom
    pixels = pixels * light + rng.normal(0.0, 9.0, pixels.shape).astype(np.float32)
    shot = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    shot.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def scan(letter: Letter, *, dpi: int = 200, angle: float = 0.0) -> Image.Image:
    """A flatbed scan of the letter: white all round, slightly rotated."""
    size = (round(8.27 * dpi), round(11.69 * dpi))
    page = page_image(letter, size=size)
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=250) if angle else page


def image_pdf(pages: list[Image.Image], dpi: int = 200) -> bytes:
    """A PDF of pictures only (no text layer), as scanners make."""
    out = io.BytesIO()
    first, *rest = [page.convert("RGB") for page in pages]
    first.save(out, "PDF", resolution=float(dpi), save_all=True, append_images=rest, quality=80)
    return out.getvalue()


def text_pdf(paragraphs: list[str]) -> bytes:
    """A PDF with a real text layer, one paragraph a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for paragraph in paragraphs:
        y = 780.0
        for line in paragraph.split("\n"):
            canvas.drawString(72, y, line)
            y -= 16
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def locked_pdf(user_password: str = "secret", owner_password: str = "owner") -> bytes:
    """A PDF encrypted with the given passwords ("" user password: opens without asking)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf(["A locked letter about the review meeting."]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be width x height pixels (a decompression bomb's header)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word document with the paragraphs, then a table."""
    import docx as python_docx

    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt(content_xml: str) -> bytes:
    """An OpenDocument text file around the given content.xml."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content_xml)
    return out.getvalue()


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def odt_report() -> bytes:
    return odt(
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}><office:body>'
        "<office:text><text:h>Parenting assessment</text:h>"
        "<text:p>Ms Taylor attended<text:s text:c=\"2\"/>every session.<text:line-break/>"
        "Leo was<text:tab/>calm.</text:p>"
        "<text:list><text:list-item><text:p>Keep the routine</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Visit</text:p></table:table-cell>"
        "<table:table-cell><text:p>12 March</text:p></table:table-cell></table:table-row></table:table>"
        "</office:text></office:body></office:document-content>")


# ---- e-mails --------------------------------------------------------------------------------

def eml_with_attachments(pdf: bytes, picture: bytes, *, empty_attachment: bool = False) -> bytes:
    """An HTML-only e-mail (no plain part) from a social worker with a PDF and a photo attached."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Jane Smith <Jane.Smith@westshire.gov.uk>"
    message["To"] = "Sarah Taylor <sarah@example.org>"
    message["Cc"] = "=?utf-8?q?Zo=C3=AB_Hughes?= <zoe@example.org>, team@westshire.gov.uk"
    message["Subject"] = "Re: Core group meeting on 3 February"
    message["Date"] = "Mon, 06 Jan 2025 23:30:00 -0800"
    message["Message-ID"] = "<reply-2@westshire.gov.uk>"
    message["In-Reply-To"] = "<first-1@example.org>"
    message["References"] = "<first-1@example.org> <reply-2@westshire.gov.uk-old>"
    message.set_content(
        "<html><head><style>p {color: red}</style><script>alert('x')</script></head><body>"
        "<p>Dear Sarah,</p><p>The core group meeting for <b>Leo</b> and Mia is on 3 February 2025"
        " at 10:00.<br>Please reply by 27 January.</p><ul><li>Agenda attached</li>"
        "<li>Photo of the plan</li></ul><p>See <a href='https://example.org/plan'>the plan</a>."
        "</p><p>Kind regards,<br>Jane Smith<br>Social Worker</p></body></html>", subtype="html")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="Agenda.pdf")
    message.add_attachment(picture, maintype="image", subtype="jpeg", filename="Plan photo.jpg")
    if empty_attachment:
        message.add_attachment(b"", maintype="application", subtype="octet-stream", filename="empty.doc")
    return message.as_bytes()


def latin1_eml() -> bytes:
    """A plain e-mail in Latin-1 with an RFC 2047 file name and an attached message."""
    body = "Café meeting moved to Tuesday. Zoë will bring the report.\n".encode("latin-1")
    inner = (b"From: school@example.org\r\nSubject: Attendance\r\nDate: Tue, 07 Jan 2025 09:00:00 +0000"
             b"\r\n\r\nLeo was in school every day.\r\n")
    return (b"From: =?iso-8859-1?q?Zo=EB_Hughes?= <zoe@example.org>\r\n"
            b"To: sarah@example.org\r\nSubject: =?iso-8859-1?q?Caf=E9?= meeting\r\n"
            b"Date: Tue, 07 Jan 2025 10:15:00 +0000\r\nMessage-ID: <m1@example.org>\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            b"--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body +
            b"--b1\r\nContent-Type: text/plain; name=\"=?utf-8?b?UsOpc3Vtw6kudHh0?=\"\r\n"
            b"Content-Disposition: attachment; filename=\"=?utf-8?b?UsOpc3Vtw6kudHh0?=\"\r\n\r\n"
            b"Summary notes\r\n"
            b"--b1\r\nContent-Type: message/rfc822\r\n\r\n" + inner +
            b"--b1\r\nContent-Type: image/png\r\nContent-ID: <logo1>\r\n"
            b"Content-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"iVBORw0KGgo=\r\n--b1--\r\n")


def outlook_msg(*, html_only: bool = False, attachment: tuple[str, bytes] | None = None) -> bytes:
    """An Outlook .msg made here with extract-msg's own OLE writer (in memory).

    Properties follow [MS-OXMSG]: strings as UTF-16 `__substg1.0_XXXX001F` streams, fixed-size
    values (send time, flags, recipient type) in `__properties_version1.0`.
    """
    from extract_msg.ole_writer import OleWriter

    def utf16(text: str) -> bytes:
        return text.encode("utf-16-le")

    def fixed(tag: int, value: bytes) -> bytes:
        return struct.pack("<II", tag, 6) + value.ljust(8, b"\x00")

    writer = OleWriter()
    strings = {"001A": "IPM.Note", "0037": "Child in need review for Amara",
               "0C1A": "Priya Patel", "5D01": "priya.patel@northam.gov.uk",
               "0E04": "David Okafor", "1035": "<cin-review-7@northam.gov.uk>",
               "1042": "<question-3@example.org>"}
    text = ("Dear Mr Okafor,\r\n\r\nThe next child in need review for Amara is on Tuesday 4 March 2025 "
            "at 2pm. Please respond by 28 February 2025.\r\n\r\nKind regards,\r\nPriya Patel\r\n"
            "Senior Practitioner")
    for key, value in strings.items():
        writer.addEntry(f"__substg1.0_{key}001F", utf16(value))
    if html_only:
        html = "<html><body><p>" + text.replace("\r\n", "<br>") + "</p></body></html>"
        writer.addEntry("__substg1.0_10130102", html.encode("utf-8"))
    else:
        writer.addEntry("__substg1.0_1000001F", utf16(text))
    sent = (datetime(2025, 2, 14, 9, 0) - datetime(1601, 1, 1)) // timedelta(microseconds=1) * 10
    top = struct.pack("<8xIIII8x", 1, 1 if attachment else 0, 1, 1 if attachment else 0)
    writer.addEntry("__properties_version1.0", top + fixed(0x00390040, struct.pack("<Q", sent))
                    + fixed(0x0E070003, struct.pack("<I", 1)))
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    recipient = "__recip_version1.0_#00000000"
    writer.addEntry(f"{recipient}/__substg1.0_3001001F", utf16("David Okafor"))
    writer.addEntry(f"{recipient}/__substg1.0_39FE001F", utf16("david@example.org"))
    writer.addEntry(f"{recipient}/__substg1.0_3003001F", utf16("david@example.org"))
    writer.addEntry(f"{recipient}/__properties_version1.0",
                    b"\x00" * 8 + fixed(0x0C150003, struct.pack("<I", 1)))
    if attachment:
        name, data = attachment
        folder = "__attach_version1.0_#00000000"
        writer.addEntry(f"{folder}/__substg1.0_3707001F", utf16(name))
        writer.addEntry(f"{folder}/__substg1.0_3704001F", utf16(name[:12]))
        writer.addEntry(f"{folder}/__substg1.0_37010102", data)
        writer.addEntry(f"{folder}/__properties_version1.0",
                        b"\x00" * 8 + fixed(0x37050003, struct.pack("<I", 1)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
