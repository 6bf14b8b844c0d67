"""The redaction key: every replacement a redacted bundle made, as a separate PDF for the
family's solicitor. It is never part of the bundle: the bundle names it only by its export id.
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from familyrecord.export.assemble import RECIPIENT_MAY
from familyrecord.export.options import made_at
from familyrecord.export.pdfstyle import (
    FRAME_W,
    INK,
    RULE,
    SHADE,
    LayoutState,
    canvas_class,
    doc_template,
    make_styles,
)
from familyrecord.export.pseudonyms import RedactionPlan

KEY_SUFFIX = "-redaction-key.pdf"


def key_path(bundle: Path) -> Path:
    """Beside the bundle: bundle.pdf -> bundle-redaction-key.pdf."""
    return bundle.with_name(bundle.stem + KEY_SUFFIX)


def key_story(plan: RedactionPlan, export_id: str, fingerprint: str, exported_at: str,
              belongs_to: str = "") -> list[Flowable]:
    styles = make_styles()
    story: list[Flowable] = [
        Paragraph("Redaction key", styles.h1),
        Paragraph("Keep this file apart from the bundle. Do not send it with the bundle or file "
                  "it at court: it undoes the redaction. It is for the family's solicitor.",
                  styles.body),
    ]
    if export_id:
        story += [Paragraph(f"It belongs to the bundle with export id <b>{escape(export_id)}</b>, "
                            f"made {escape(made_at(exported_at))}, whose fingerprint is:",
                            styles.body),
                  Paragraph(f"<font name='Courier' size='10'>{fingerprint}</font>", styles.body)]
    else:
        story.append(Paragraph(f"It belongs to {escape(belongs_to)}, made "
                               f"{escape(made_at(exported_at))}.", styles.body))
    if plan.warnings:
        story += [Paragraph(escape(w), styles.small) for w in plan.warnings]
    cells = [[Paragraph(h, styles.cell_bold) for h in ("What", "In the record",
                                                        "In the bundle")]]
    cells += [[Paragraph(escape(c), styles.cell) for c in row] for row in plan.preview()]
    table = Table(cells, colWidths=[FRAME_W * w for w in (0.22, 0.43, 0.35)], repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                               ("BOX", (0, 0), (-1, -1), 0.7, INK)]))
    return [*story, table]


def redaction_key_pdf(plan: RedactionPlan, export_id: str, fingerprint: str, exported_at: str,
                      password: str = "", *, belongs_to: str = "") -> bytes:
    # Numbered "Key 1" …, with the warning in every footer (page_offset: the first page is
    # not a cover, so it gets its footer too).
    state = LayoutState(section="Key ", section_title="Redaction key: keep it apart",
                        page_offset=1)
    out = io.BytesIO()
    doc_template(out, state, make_styles(), "Redaction key").build(
        key_story(plan, export_id, fingerprint, exported_at, belongs_to),
        canvasmaker=canvas_class(state))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    writer.metadata = {"/Title": "Redaction key", "/Producer": "FamilyRecord"}
    if password:
        writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32),
                       permissions_flag=RECIPIENT_MAY, algorithm="AES-256")
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()
