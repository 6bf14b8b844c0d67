"""The chronology alone as an editable Word table (DOCX) or a spreadsheet file (CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from familyrecord.export.files import save_private
from familyrecord.export.options import ExportOptions
from familyrecord.export.redact import Redactor
from familyrecord.storage.stores import Stores
from familyrecord.views.chronology import ROW_KIND_LABELS, ChronologyRow, build_rows, filtered

COLUMNS = ("No.", "Date", "What happened", "Who", "Source", "Importance", "Disputed")


def _cells(row: ChronologyRow, redact: Redactor) -> list[str]:
    return [str(row.serial), row.date_text, redact(row.text), redact(row.people),
            redact(row.source_label or ROW_KIND_LABELS[row.kind]), row.significance.value,
            "Disputed" if row.disputed else ""]


def chronology_csv(rows: Sequence[ChronologyRow], redact: Redactor | None = None) -> bytes:
    redact = redact or Redactor()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_cells(row, redact))
    # A byte-order mark so spreadsheet programs read names with accents correctly.
    return out.getvalue().encode("utf-8-sig")


def chronology_docx(rows: Sequence[ChronologyRow], title: str,
                    redact: Redactor | None = None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    redact = redact or Redactor()
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_heading(redact(title), level=1)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, _cells(row, redact), strict=True):
            cell.text = value
    widths = (Cm(1.3), Cm(2.8), Cm(10), Cm(4), Cm(4.5), Cm(2.2), Cm(2.2))
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = width
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def save_chronology(rows: Sequence[ChronologyRow], destination: Path, title: str,
                    redact: Redactor | None = None) -> Path:
    """Write CSV or DOCX by the file's ending (.csv, anything else DOCX)."""
    destination = Path(destination)
    data = (chronology_csv(rows, redact) if destination.suffix.lower() == ".csv"
            else chronology_docx(rows, title, redact))
    return save_private(destination, data)


def export_chronology(stores: Stores, options: ExportOptions, destination: Path) -> int:
    """Save the chosen rows as DOCX or CSV and note the export in the journal; returns rows."""
    rows = filtered(build_rows(stores.records, stores.transcripts), options.row_filter())
    redact = Redactor(options.redact_names)
    title = f"Chronology: {options.family_name or stores.family_name or 'the family'}"
    save_chronology(rows, destination, title, redact)
    stores.log_export("chronology", {**options.for_journal(), "rows": len(rows),
                                     "format": Path(destination).suffix.lower().lstrip(".")})
    return len(rows)
