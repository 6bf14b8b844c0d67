"""The "Request for corrections to the minutes" letter: plain text, Word (DOCX) and PDF, all A4.

Made from plain data (`CorrectionLetter`), so the wording is the same in the three forms and can
be tested without a vault. The tone is calm and plain: what the minutes say, what was said (with
the time in the family's recording), the family's account, and the correction asked for. It asks
that the letter is kept with the minutes when a point is not changed, because families find that
corrections are otherwise not passed on. Everything is made in memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal
from xml.sax.saxutils import escape

from familyrecord.formatting import long_date, plural

SaidSource = Literal["recording", "notes", ""]

TITLE = "Request for corrections to the minutes"


@dataclass(frozen=True)
class LetterPoint:
    """One point of the letter: a statement of the minutes to correct, or something left out.

    `minutes_say` is empty for something left out. `said_source` says where `said` comes from:
    the recording (then `said_at` is its time, see `recording_time`) or the family's notes.
    """

    item: str = ""  # the minutes' own number for it ("4.1"), when it has one
    heading: str = ""  # the heading it sits under in the minutes ("Contact")
    minutes_say: str = ""
    said: str = ""
    said_source: SaidSource = ""
    said_at: str = ""
    account: str = ""
    correction: str = ""

    @property
    def left_out(self) -> bool:
        return not self.minutes_say


@dataclass(frozen=True)
class CorrectionLetter:
    dated: date
    meeting_title: str
    meeting_on: date | None
    reply_by: date
    points: tuple[LetterPoint, ...]
    to_name: str = ""
    to_organisation: str = ""
    to_address: str = ""
    from_name: str = ""
    minutes_received_on: date | None = None

    @property
    def subject(self) -> str:
        when = f" on {long_date(self.meeting_on)}" if self.meeting_on else ""
        return f"{TITLE}: {self.meeting_title}{when}"


def recording_time(seconds: float) -> str:
    """A time in a recording as people read it off a player: 65.4 → '01:05', 3725 → '1:02:05'."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


# ---- the words ---------------------------------------------------------------------------------

def _greeting(letter: CorrectionLetter) -> str:
    return f"Dear {letter.to_name or 'Sir or Madam'},"


def _opening(letter: CorrectionLetter) -> list[str]:
    when = f" held on {long_date(letter.meeting_on)}" if letter.meeting_on else ""
    received = (f", which I received on {long_date(letter.minutes_received_on)}"
                if letter.minutes_received_on else "")
    recorded = any(p.said_source == "recording" for p in letter.points)
    checked = ("my own recording of the meeting" if recorded else "my own notes of the meeting")
    count = plural(len(letter.points), "point")
    return [f"Thank you for the minutes of the {letter.meeting_title}{when}{received}.",
            f"I have read them carefully alongside {checked}. I would like to ask for {count} "
            "to be corrected, so that the minutes are an accurate record. Each point is set out below."]


def _point_heading(number: int, point: LetterPoint) -> str:
    if point.left_out:
        return f"{number}. Something said that the minutes leave out"
    where = f"Item {point.item}" if point.item else "A point in the minutes"
    return f"{number}. {where}" + (f" ({point.heading})" if point.heading else "")


def _said_label(point: LetterPoint) -> str:
    if point.said_source == "recording":
        return f"What was said, at {point.said_at} in my recording" if point.said_at \
            else "What was said, from my recording"
    return "What I noted at the meeting"


def _rows(point: LetterPoint) -> Iterator[tuple[str, str, bool]]:
    """(label, text, quoted) for each part of a point that has something to say."""
    if point.minutes_say:
        yield "The minutes say", point.minutes_say, True
    if point.said:
        yield _said_label(point), point.said, True
    if point.account:
        yield "My account", point.account, False
    yield "The correction I ask for", point.correction or _default_correction(point), False


def _default_correction(point: LetterPoint) -> str:
    if point.left_out:
        return "Please add this to the minutes."
    return "Please correct this so that it matches what was said."


def _closing(letter: CorrectionLetter) -> list[str]:
    return [f"Please could you reply by {long_date(letter.reply_by)}, and send me a copy of the "
            "corrected minutes. If you do not agree with a point, please tell me why.",
            "If any point is not changed, I ask that this letter is kept with the minutes and "
            "shared wherever the minutes are shared, so that my account is on record.",
            "Thank you for your help."]


def _quoted(text: str) -> str:
    return f"“{text.strip()}”"


def letter_text(letter: CorrectionLetter) -> str:
    """The letter as plain text (the body of the outgoing correspondence)."""
    lines = [line for line in (letter.from_name, long_date(letter.dated)) if line] + [""]
    to = [line for line in (letter.to_name, letter.to_organisation, *letter.to_address.splitlines())
          if line.strip()]
    lines += [*to, ""] if to else []
    lines += [_greeting(letter), "", letter.subject, ""]
    for paragraph in _opening(letter):
        lines += [paragraph, ""]
    for number, point in enumerate(letter.points, start=1):
        lines.append(_point_heading(number, point))
        for label, text, quoted in _rows(point):
            lines.append(f"{label}: {_quoted(text) if quoted else text}")
        lines.append("")
    for paragraph in _closing(letter):
        lines += [paragraph, ""]
    lines += ["Yours sincerely,", "", "", letter.from_name]
    return "\n".join(lines).rstrip() + "\n"


# ---- Word ----------------------------------------------------------------------------------------

def letter_docx(letter: CorrectionLetter) -> bytes:
    """The letter as an editable Word document, A4, 12 pt, ready to print or send."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    def para(text: str = "", *, bold: bool = False, right: bool = False, indent: bool = False) -> None:
        paragraph = doc.add_paragraph()
        if text:
            paragraph.add_run(text).bold = bold
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent:
            paragraph.paragraph_format.left_indent = Cm(0.8)

    for line in (letter.from_name, long_date(letter.dated)):
        if line:
            para(line, right=True)
    for line in (letter.to_name, letter.to_organisation, *letter.to_address.splitlines()):
        if line.strip():
            para(line)
    para()
    para(_greeting(letter))
    para(letter.subject, bold=True)
    for paragraph in _opening(letter):
        para(paragraph)
    for number, point in enumerate(letter.points, start=1):
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True
        heading.add_run(_point_heading(number, point)).bold = True
        for label, text, quoted in _rows(point):
            part = doc.add_paragraph()
            part.paragraph_format.left_indent = Cm(0.8)
            part.add_run(f"{label}: ").bold = True
            part.add_run(_quoted(text) if quoted else text)
    for paragraph in _closing(letter):
        para(paragraph)
    para("Yours sincerely,")
    para()
    para()
    para(letter.from_name)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- PDF -----------------------------------------------------------------------------------------

def letter_pdf(letter: CorrectionLetter) -> bytes:
    """The letter as a PDF: A4, 12 pt body in the bundle's font, each point as a small table."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        CondPageBreak,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from familyrecord.export.pdfstyle import INK, MUTED, RULE, SHADE, fonts

    regular, bold, _italic = fonts()
    body = ParagraphStyle("letter", fontName=regular, fontSize=12, leading=16, textColor=INK,
                          spaceAfter=7)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT, spaceAfter=0)
    address = ParagraphStyle("address", parent=body, spaceAfter=0)
    subject = ParagraphStyle("subject", parent=body, fontName=bold, fontSize=13, leading=18,
                             spaceBefore=4, spaceAfter=10)
    heading = ParagraphStyle("point", parent=body, fontName=bold, spaceAfter=0)
    cell = ParagraphStyle("cell", parent=body, leading=15.5, spaceAfter=0)
    label = ParagraphStyle("label", parent=cell, fontName=bold, textColor=MUTED, fontSize=11, leading=15)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    story: list[object] = [p(line, right) for line in (letter.from_name, long_date(letter.dated)) if line]
    story.append(Spacer(1, 8 * mm))
    story += [p(line, address) for line in (letter.to_name, letter.to_organisation,
                                             *letter.to_address.splitlines()) if line.strip()]
    story += [Spacer(1, 7 * mm), p(_greeting(letter)), p(letter.subject, subject)]
    story += [p(paragraph) for paragraph in _opening(letter)]
    width = A4[0] - 50 * mm - 12  # the frame's width inside its 6 pt padding: tables line up with text
    for number, point in enumerate(letter.points, start=1):
        # The heading is the table's first row, so a point that runs on to the next page (between
        # its rows, never inside one) repeats it there. A point starts on a new page only when its
        # heading and first rows would not fit.
        rows = [[p(_point_heading(number, point), heading), ""]]
        rows += [[p(name, label), p(_quoted(text) if quoted else text, cell)]
                 for name, text, quoted in _rows(point)]
        table = Table(rows, colWidths=(width * 0.32, width * 0.68), repeatRows=1)
        table.setStyle(TableStyle([
            ("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 1), (0, -1), SHADE),
            ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
            ("BOX", (0, 1), (-1, -1), 0.6, RULE),
            ("TOPPADDING", (0, 1), (-1, -1), 5), ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
            ("LEFTPADDING", (0, 1), (-1, -1), 6), ("RIGHTPADDING", (0, 1), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, 0), 10),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ]))
        story += [CondPageBreak(45 * mm), table, Spacer(1, 4)]
    sign_off = [p("Yours sincerely,"), Spacer(1, 10 * mm)]
    if letter.from_name:
        sign_off.append(p(letter.from_name))
    story += [Spacer(1, 2 * mm), *(p(paragraph) for paragraph in _closing(letter)), KeepTogether(sign_off)]

    class PagedCanvas(Canvas):  # type: ignore[misc]
        """Holds each page back until the end, so the footer can say "Page 1 of 2"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self.setFont(regular, 9)
                self.setFillColor(MUTED)
                self.drawString(25 * mm, 12 * mm, TITLE)
                self.drawRightString(A4[0] - 25 * mm, 12 * mm, f"Page {number} of {len(self._pages)}")
                super().showPage()
            super().save()

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                                 topMargin=18 * mm, bottomMargin=20 * mm, title=letter.subject,
                                 author=letter.from_name, subject=TITLE)
    document.build(story, canvasmaker=PagedCanvas)
    return out.getvalue()
