"""Building blocks the bundle's sections share: escaped and redacted text, tidy tables,
headings that are anchors, and the index of documents as they are laid out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from familyrecord.export.options import ExportOptions
from familyrecord.export.pdfstyle import (
    FRAME_W,
    INK,
    RULE,
    SHADE,
    Gap,
    Heading,
    LayoutState,
    SectionStart,
    Styles,
)
from familyrecord.export.pseudonyms import RedactionPlan
from familyrecord.export.redact import Redactor
from familyrecord.formatting import short_date, shown_safely
from familyrecord.storage.blobs import Attachment
from familyrecord.storage.stores import Stores


@dataclass
class IndexEntry:
    key: str
    title: str
    when: str
    level: int
    section: str


@dataclass
class Kit:
    stores: Stores
    options: ExportOptions
    styles: Styles
    state: LayoutState
    redact: Redactor
    previous: LayoutState | None  # the pass before: where anchors landed
    plan: RedactionPlan = field(default_factory=RedactionPlan)
    index: list[IndexEntry] = field(default_factory=list)
    section: str = ""
    today: date = field(default_factory=date.today)
    depth: int = 0  # how far headings are nested below their section (court section F: 1)
    prefix: str = ""  # the page labels' prefix ("FR-"), so placeholders are as wide as labels

    # ---- text ------------------------------------------------------------------------------

    def t(self, text: str) -> str:
        """User text made safe for reportlab's markup, with chosen names redacted."""
        return escape(shown_safely(self.redact(text))).replace("\n", "<br/>")

    def para(self, text: str, style: str = "body", *, raw: bool = False) -> Paragraph:
        return Paragraph(text if raw else self.t(text), getattr(self.styles, style))

    def paras(self, text: str, style: str = "body") -> list[Flowable]:
        """Longer text: one paragraph per blank-line-separated block."""
        blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
        return [self.para(b, style) for b in blocks]

    @property
    def placeholder(self) -> str:
        return f"{self.prefix}A000"

    def ref(self, key: str) -> str:
        """The page label of an anchor from the previous pass (a same-width placeholder first)."""
        if self.previous is None:
            return self.placeholder
        page = self.previous.anchors.get(key)
        return self.previous.label(page) if page is not None else ""

    def linkable(self, key: str) -> bool:
        """Whether a link to the anchor will land (it was laid out in the pass before)."""
        return self.previous is not None and key in self.previous.anchors

    def link(self, key: str, text: str) -> str:
        return f'<a href="#{key}">{text}</a>' if self.linkable(key) else text

    def file_name(self, attachment: Attachment) -> str:
        """An attached file's name as the bundle shows it (neutral when redacting: a file's
        name often carries a child's name or a school's)."""
        return self.plan.file_names.get(attachment.id, attachment.file_name) \
            if self.plan.active else attachment.file_name

    def outline_title(self, title: str, key: str) -> str:
        """A bookmark's title with the page it starts on ("Case summary (FR-A1)")."""
        ref = self.ref(key)
        return f"{title} ({ref})" if ref else title

    # ---- structure ------------------------------------------------------------------------

    def section_start(self, letter: str, title: str) -> list[Flowable]:
        """A section: its pages are labelled `letter`1, `letter`2 … ("FR-A1" or "A1")."""
        self.section = letter
        self.depth = 0
        full = f"{letter}. {title}"
        key = f"sec-{letter}"
        self.index.append(IndexEntry(key, full, "", 0, letter))
        return [SectionStart(letter, f"Section {letter}: {title}").bind(self.state),
                Heading(self.t(full), self.styles.h1, key,
                        outline=self.outline_title(self.redact(full), key), level=0)]

    def heading(self, title: str, key: str, *, when: str = "", level: int = 1,
                style: str = "h2") -> Heading:
        shown = self.redact(title)
        level = min(level + self.depth, 3)
        self.index.append(IndexEntry(key, shown, when, level, self.section))
        return Heading(escape(shown), getattr(self.styles, style), key,
                       outline=self.outline_title(shown, key), level=level)

    def subheading(self, title: str) -> Paragraph:
        return Paragraph(self.t(title), self.styles.h3)

    def table(self, rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float], *,
              header: bool = True, shade_col0: bool = False) -> Table:
        """Aligned columns; every cell is a Paragraph so long text wraps instead of overflowing."""
        total = sum(widths)
        scaled = [w * FRAME_W / total for w in widths]
        cells = []
        for r, row in enumerate(rows):
            style = self.styles.cell_bold if (header and r == 0) else self.styles.cell
            cells.append([c if isinstance(c, Flowable) else Paragraph(c, style) for c in row])
        table = Table(cells, colWidths=scaled, repeatRows=1 if header else 0)
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("BOX", (0, 0), (-1, -1), 0.7, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        if shade_col0:
            commands.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
        table.setStyle(TableStyle(commands))
        return table

    def facts(self, pairs: Sequence[tuple[str, str]]) -> Table:
        """A two-column 'label: value' table for a record's details (empty values skipped)."""
        rows = [[self.t(k), self.t(v)] for k, v in pairs if v]
        return self.table(rows or [["", ""]], (1, 2.6), header=False, shade_col0=True)

    def gap(self, height: float = 8) -> Gap:
        return Gap(height)


def day(value: date | datetime | None) -> str:
    """06/01/2025 (with the time of day for a moment)."""
    return short_date(value, with_time=isinstance(value, datetime))


def yes_no(value: bool | None) -> str:
    """Yes or No; a question left unanswered is "Not recorded", never read as a No."""
    return "Not recorded" if value is None else ("Yes" if value else "No")


Redact = Callable[[str], str]
