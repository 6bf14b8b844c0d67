"""Fonts, text styles, page furniture and the special flowables of the bundle PDF.

Body text is 12 pt or larger with 1.5 line spacing (Practice Direction 27A, 5.2). A DejaVu font is
embedded when the system has one (wide Unicode cover for names from many languages); otherwise
reportlab's own Vera. Page labels (A1, A2 … F12) are decided as each page ends and recorded in
`LayoutState`, with every anchor's page, so a second pass can print the page references.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import NotAtTopPageBreak

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
BODY_SIZE = 12
LEADING = 18  # 1.5 line spacing
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#444444")
RULE = colors.HexColor("#8a8a8a")
SHADE = colors.HexColor("#e8eef4")
LINK = colors.HexColor("#0b4f8a")
DISPUTED = colors.HexColor("#9b1c1c")

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("/usr/share/fonts/TTF"), Path("/Library/Fonts"), Path("C:/Windows/Fonts"))
_registered: tuple[str, str, str] | None = None


def fonts() -> tuple[str, str, str]:
    """(regular, bold, italic) font names, registered once per process."""
    global _registered
    if _registered is not None:
        return _registered
    candidates = [("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")]
    for folder in _FONT_DIRS:
        for regular, bold, italic in candidates:
            paths = [folder / regular, folder / bold, folder / italic]
            if all(p.is_file() for p in paths):
                for name, path in zip(("FR-Regular", "FR-Bold", "FR-Italic"), paths, strict=True):
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                _registered = ("FR-Regular", "FR-Bold", "FR-Italic")
                break
        if _registered:
            break
    if _registered is None:
        import reportlab

        folder = Path(reportlab.__file__).parent / "fonts"
        for name, file in (("FR-Regular", "Vera.ttf"), ("FR-Bold", "VeraBd.ttf"),
                           ("FR-Italic", "VeraIt.ttf")):
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        _registered = ("FR-Regular", "FR-Bold", "FR-Italic")
    pdfmetrics.registerFontFamily("FR", normal=_registered[0], bold=_registered[1],
                                  italic=_registered[2], boldItalic=_registered[1])
    return _registered


@dataclass
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    cover_line: ParagraphStyle
    cover_small: ParagraphStyle
    quote: ParagraphStyle


def make_styles() -> Styles:
    regular, bold, italic = fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=BODY_SIZE, leading=LEADING,
                          textColor=INK, spaceAfter=6)
    cell = ParagraphStyle("cell", parent=body, fontSize=BODY_SIZE, leading=LEADING, spaceAfter=0)
    return Styles(
        body=body,
        # 'small' is still 12 pt: used only for captions, never shrunk below the body minimum.
        small=ParagraphStyle("small", parent=body, textColor=MUTED, fontName=italic),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=bold),
        h1=ParagraphStyle("h1", parent=body, fontName=bold, fontSize=20, leading=25, spaceBefore=0,
                          spaceAfter=12, keepWithNext=True),
        h2=ParagraphStyle("h2", parent=body, fontName=bold, fontSize=16, leading=20, spaceBefore=12,
                          spaceAfter=6, keepWithNext=True),
        h3=ParagraphStyle("h3", parent=body, fontName=bold, fontSize=13, leading=17, spaceBefore=8,
                          spaceAfter=4, keepWithNext=True),
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=28, leading=34,
                             alignment=TA_CENTER, spaceAfter=18),
        cover_line=ParagraphStyle("cover_line", parent=body, fontSize=15, leading=21,
                                  alignment=TA_CENTER, spaceAfter=6),
        cover_small=ParagraphStyle("cover_small", parent=body, alignment=TA_CENTER,
                                   spaceAfter=4),
        quote=ParagraphStyle("quote", parent=body, leftIndent=14, fontName=regular),
    )


@dataclass
class LayoutState:
    """What one layout pass learnt: each page's label and where every anchor landed."""

    section: str = ""
    section_title: str = ""
    labels: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)
    placements: dict[int, tuple[str, int]] = field(default_factory=dict)
    section_pages: dict[str, list[int]] = field(default_factory=dict)
    footer_name: str = ""
    page_offset: int = 0  # pages before this document's first (the fingerprint list re-laid)
    cancelled: Callable[[], bool] | None = None
    on_page: Callable[[int], None] | None = None

    def label(self, page_index: int) -> str:
        return self.labels[page_index] if 0 <= page_index < len(self.labels) else ""


def new_page() -> Flowable:
    """Start a new page unless this one is still empty (a break at the top of a page, say after
    a full-page attachment, would leave a blank page)."""
    return NotAtTopPageBreak()


class Gap(Spacer):  # type: ignore[misc]
    """Space between blocks; dropped at the top of a page, where it would only push the page
    down (or, before a page break, make a page with nothing on it)."""

    def __init__(self, height: float) -> None:
        super().__init__(1, height)


class ExportCancelledSignal(Exception):
    """Raised inside reportlab's build when the user cancels (caught in bundle.py)."""


def canvas_class(state: LayoutState) -> type[Canvas]:
    """A Canvas that notes the page of every bookmark (headings, `<a name>` anchors)."""

    class RecordingCanvas(Canvas):  # type: ignore[misc]
        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
            state.anchors.setdefault(key, self.getPageNumber() - 1)
            return super().bookmarkPage(key, *args, **kwargs)

    return RecordingCanvas


class SectionStart(Flowable):  # type: ignore[misc]
    """Marks where a section begins; page labels restart from 1 at its page."""

    def __init__(self, letter: str, title: str) -> None:
        super().__init__()
        self.letter, self.title = letter, title
        self._state: LayoutState | None = None

    def bind(self, state: LayoutState) -> SectionStart:
        self._state = state
        return self

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        if self._state is not None:
            self._state.section, self._state.section_title = self.letter, self.title


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that is also a named destination and (optionally) an outline entry."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, outline: str = "",
                 level: int = 0) -> None:
        super().__init__(text, style)
        self.key, self.outline, self.level = key, outline, level

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height + 4)
        if self.outline:
            self.canv.addOutlineEntry(self.outline, self.key, level=self.level, closed=self.level > 0)
        super().draw()


class FullPage(Flowable):  # type: ignore[misc]
    """A page given over to one attached page or picture; its caption sits at the top."""

    CAPTION_H = 22

    def __init__(self, caption: str, style: ParagraphStyle, state: LayoutState, *,
                 attachment_id: str, page_index: int = -1, key: str = "", outline: str = "",
                 level: int = 1) -> None:
        super().__init__()
        self.caption = Paragraph(caption, style)
        self.state, self.attachment_id, self.page_index = state, attachment_id, page_index
        self.key, self.outline, self.level = key, outline, level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height
        return (avail_width, avail_height)

    def draw(self) -> None:
        canv = self.canv
        if self.key:
            canv.bookmarkHorizontal(self.key, 0, self.height)
            if self.outline:
                canv.addOutlineEntry(self.outline, self.key, level=self.level, closed=True)
        _, caption_h = self.caption.wrap(self.width, self.CAPTION_H * 3)
        self.caption.drawOn(canv, 0, self.height - caption_h)
        # Attached pages and pictures are merged onto this page after layout (bundle.py);
        # page_index -1 means a picture.
        self.state.placements[canv.getPageNumber() - 1] = (self.attachment_id, self.page_index)


def page_end(state: LayoutState, styles: Styles) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Footer: confidentiality line on the left, this page's label on the right."""
    regular, bold, _ = fonts()

    def draw(canv: Canvas, doc: BaseDocTemplate) -> None:
        page = canv.getPageNumber() - 1 + state.page_offset
        if state.cancelled is not None and state.cancelled():
            raise ExportCancelledSignal()
        letter = state.section
        if letter:
            pages = state.section_pages.setdefault(letter, [])
            pages.append(page)
            label = f"{letter}{len(pages)}"
        else:
            label = ""
        state.labels.append(label)
        if state.on_page is not None:
            state.on_page(page)
        if page == 0:
            return  # the cover carries no footer
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, MARGIN_BOTTOM - 6, PAGE_W - MARGIN_X, MARGIN_BOTTOM - 6)
        canv.setFillColor(MUTED)
        canv.setFont(regular, 10)
        left = "Confidential: family court material"
        if state.section_title:
            left = f"{state.section_title}  ·  {left}"
        canv.drawString(MARGIN_X, MARGIN_BOTTOM - 20, left)
        canv.setFillColor(INK)
        canv.setFont(bold, 14)
        canv.drawRightString(PAGE_W - MARGIN_X, MARGIN_BOTTOM - 22, label or "Index")
        canv.restoreState()

    return draw


class BundleDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    def filterFlowables(self, flowables: list[Flowable]) -> None:
        frame = getattr(self, "frame", None)
        if isinstance(flowables[0], Gap) and frame is not None and frame._atTop:
            flowables[0] = None  # reportlab's way to skip a flowable


def doc_template(out: Any, state: LayoutState, styles: Styles, title: str) -> BaseDocTemplate:
    doc = BundleDocTemplate(out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                          author="FamilyRecord", creator="FamilyRecord", subject="Bundle",
                          invariant=1)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_end(state, styles))])
    return doc
