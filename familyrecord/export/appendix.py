"""The integrity appendix: how to check the bundle, the files it holds with their SHA-256,
and the list of every page's fingerprint by page label (integrity.py says how they are made).

The page list is the last thing in the bundle. While the bundle is laid out it holds
placeholders of the same width; once every other page is final, the list is laid out again
with the real fingerprints, on exactly the same pages, and put in place (assemble.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from familyrecord.export.kit import Kit
from familyrecord.export.options import IncludedFile, made_at
from familyrecord.export.pdfstyle import RULE, SHADE, new_page

FINGERPRINTS_KEY = "doc-fingerprints"
SHOWN_HEX = 32  # 128 bits of each page's SHA-256: enough to tell any change; all 64 are logged
PLACEHOLDER = "0" * SHOWN_HEX

NOT_TAGGED = (
    "Accessibility: this PDF is not tagged (it has no structure tags for screen readers), "
    "because the free edition of the reportlab library that makes it cannot write them. Its "
    "text is real text in reading order, with bookmarks and a linked index, so it can be "
    "searched, copied and read aloud.")


def appendix(kit: Kit, included: Sequence[IncludedFile], not_included: Sequence[tuple[str, str]],
             exported_at: str, journal_head: str, pages: Sequence[tuple[str, str]]) -> list[Flowable]:
    story: list[Flowable] = [kit.heading("How to check this bundle", "doc-integrity")]
    story += [
        kit.para("Every page carries at its foot the export id and the bundle fingerprint: a "
                 "SHA-256 over the content of all the pages, also printed on the cover. The list "
                 "at the end of this appendix gives each page's own fingerprint by its page "
                 "number. Changing anything a page shows changes its fingerprint."),
        kit.para("To check the bundle, or an extract of some of its pages: familyrecord "
                 "verify-export THE-FILE.pdf. It names any page that was changed and accepts "
                 "pages copied into another file when each one matches. With the family's "
                 "record (--path) it also checks that the bundle was made from that record and "
                 "is logged in its history. Without the record, ask the family for the bundle "
                 "fingerprint by another route (a call or an e-mail): if it matches the one "
                 "printed here, these are the pages they made.", "small"),
        kit.facts([("Made", made_at(exported_at)),
                   ("Record's history fingerprint (journal head)",
                    journal_head[:32] + "\n" + journal_head[32:]),
                   ("Receipt for the record's history", kit.options.receipt_code)]),
        kit.gap(),
    ]
    if kit.plan.active:
        story.append(kit.para("Redaction: names and the details chosen were changed before "
                              "this bundle was typeset, so they are not in the file at all. The "
                              "list of replacements is a separate file for the family's "
                              "solicitor.", "small"))
    story.append(kit.para(NOT_TAGGED, "small"))
    story.append(kit.subheading("Attached files included"))
    if not included:
        story.append(kit.para("No attached files are included."))
    for item in included:
        where = f" ({item.pages})" if item.pages else ""
        story.append(kit.para(f"<b>{kit.t(item.file_name)}</b>: included as {item.how}{where}<br/>"
                              f"SHA-256:<br/><font name='Courier'>{item.sha256}</font>", raw=True))
    if not_included:
        story.append(kit.subheading("Attached files not included"))
        story += [kit.para(f"{name}: {reason}.") for name, reason in not_included]
    return [*story, new_page(), *fingerprint_list(kit, pages)]


def fingerprint_list(kit: Kit, pages: Sequence[tuple[str, str]], *,
                     bookmark: bool = True) -> list[Flowable]:
    """Two (page, fingerprint) pairs a row, in a fixed-width font: placeholders and real
    fingerprints take exactly the same room, so the pages break in the same places."""
    heading = kit.heading("Page fingerprints", FINGERPRINTS_KEY, level=1)
    if not bookmark:
        heading.outline = ""  # laid out again alone: the bundle has its bookmark already
    story: list[Flowable] = [
        heading,
        kit.para(f"The first {SHOWN_HEX} characters of each page's SHA-256, before the line at "
                 "its foot was added. These pages themselves are covered by the bundle "
                 "fingerprint.", "small")]
    mono = ParagraphStyle("mono", fontName="Courier", fontSize=9.5, leading=12)
    cells = [[Paragraph("<b>Page</b>", mono), Paragraph("<b>Fingerprint</b>", mono),
              Paragraph("<b>Page</b>", mono), Paragraph("<b>Fingerprint</b>", mono)]]
    pairs = [(label, digest[:SHOWN_HEX]) for label, digest in pages]
    for n in range(0, len(pairs), 2):
        row = [*pairs[n], *(pairs[n + 1] if n + 1 < len(pairs) else ("", ""))]
        cells.append([Paragraph(value, mono) for value in row])
    table = Table(cells, colWidths=[52, 196, 52, 196], repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [*story, table]
