"""The cover and the index of documents."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from familyrecord.export.appendix import FINGERPRINTS_KEY
from familyrecord.export.kit import IndexEntry, Kit
from familyrecord.export.options import Layout
from familyrecord.export.pdfstyle import LINK, MUTED, fonts, new_page
from familyrecord.formatting import long_date


def cover(kit: Kit, family_name: str, choices: Sequence[str]) -> list[Flowable]:
    """The first page. Its foot is left clear for the export id and the bundle fingerprint,
    which are stamped on once every page is final (integrity.py)."""
    o = kit.options
    court = o.layout is Layout.COURT
    story: list[Flowable] = [Spacer(1, 40), kit.para(family_name, "title")]
    if court:
        story += [kit.para("Bundle in the court's section order", "cover_line"),
                  kit.para("Prepared by the family from their own record, with sections and page "
                           "numbers as in Practice Direction 27A. It is not the court's agreed "
                           "bundle unless the court says so.", "cover_small")]
    else:
        story += [kit.para("Bundle of the family's own record, for their solicitor", "cover_line"),
                  kit.para("Its sections, FR-A to FR-G, are the family's own, numbered FR- so a "
                           "page is never taken for a page of the court's bundle.", "cover_small")]
    story.append(Spacer(1, 14))
    lines = []
    if o.hearing_date:
        lines.append(f"For the hearing on {long_date(o.hearing_date)}")
    lines += [f"{label}: {value}" for label, value in (("Court", o.court),
              ("Case number", o.case_number), ("Judge", o.judge)) if value.strip()]
    lines.append(f"Prepared on {long_date(o.prepared_on or kit.today)}")
    story += [kit.para(line, "cover_line") for line in lines]
    story += [Spacer(1, 14), kit.para("<b>What this bundle includes</b>", "cover_small", raw=True)]
    story += [kit.para(line, "cover_small") for line in choices]
    story += [Spacer(1, 14),
              kit.para("Confidential. This bundle contains family court material. Do not show "
                       "it to anyone who is not a party to the case or their lawyer.",
                       "cover_small"),
              kit.para("The export id and fingerprint below are printed at the foot of every "
                       "page. The integrity appendix at the end says how to check them.",
                       "cover_small"),
              new_page()]
    return story


def index(kit: Kit, entries: Sequence[IndexEntry]) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Index", kit.styles.h1)]
    if kit.options.layout is Layout.COURT:
        note = ("Click an entry to go to it. The sections follow Practice Direction 27A: A "
                "preliminary documents, B applications and orders, C statements, D care plans, "
                "E experts' and other reports, F other documents. Page numbers restart in each "
                "section (A1, A2 … B1 …).")
    else:
        note = ("Click an entry to go to it. These are the family's own sections, not a court "
                "bundle's: page numbers start with FR- and restart in each section (FR-A1, "
                "FR-A2 … FR-B1 …).")
    story.append(kit.para(note, "small"))
    rows: list[list[str | Flowable]] = [["Section or document", "Date", "Pages"]]
    # Indent by level with the paragraph's own indent, so wrapped lines stay indented too.
    levels = [ParagraphStyle(f"index{n}", parent=kit.styles.cell, leftIndent=16 * n) for n in range(4)]
    muted = ParagraphStyle("index-muted", parent=levels[3], textColor=MUTED, fontName=fonts()[2])
    for n, entry in enumerate(entries):
        title = kit.t(entry.title)
        if entry.key:
            title = f'<a href="#{entry.key}" color="#{LINK.hexval()[2:]}">{title}</a>'
        if entry.level == 0:
            title = f"<b>{title}</b>"
        style = levels[min(entry.level, 3)] if entry.key else muted
        rows.append([Paragraph(title, style), kit.t(entry.when), _pages(kit, entries, n)])
    story += [kit.table(rows, (5.0, 1.5, 1.5)), new_page()]
    return story


def _pages(kit: Kit, entries: Sequence[IndexEntry], n: int) -> str:
    entry = entries[n]
    if not entry.key:
        return ""
    start = kit.ref(entry.key)
    if kit.previous is None:
        return f"{start}–{start}"  # as wide as a real range, so the next pass lays out the same
    if not start:
        return start
    first = kit.previous.anchors[entry.key]
    # The entry runs until the next entry that starts later, within its own section.
    last = first
    section_pages = kit.previous.section_pages.get(entry.section, [first])
    for later in entries[n + 1:]:
        if not later.key or later.key not in kit.previous.anchors:
            continue
        if later.level <= entry.level or later.section != entry.section:
            page = kit.previous.anchors[later.key]
            last = max(first, page - 1) if later.section == entry.section else section_pages[-1]
            break
    else:
        last = section_pages[-1]
    # The page fingerprint list closes the bundle, and its length depends on how many pages
    # come before it: a range that reaches it says "end", so nothing before the list changes
    # with its length (and the layout settles a pass sooner).
    list_start = kit.previous.anchors.get(FINGERPRINTS_KEY)
    if list_start is not None and last >= list_start:
        return f"{start}–end"
    end = kit.previous.label(last)
    return start if end == start else f"{start}–{end}"
