"""The chronology alone as an editable Word table (DOCX, A4 portrait or landscape) or a
spreadsheet file (CSV), with what each row rests on, who disputes it, and the page of its
source in a bundle made from the same record."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from familyrecord.errors import InputError
from familyrecord.export.files import save_private
from familyrecord.export.manifest import NotABundle, read_manifest
from familyrecord.export.options import ChronologyPage, ExportOptions
from familyrecord.export.pseudonyms import plan_redaction
from familyrecord.export.redact import Redactor
from familyrecord.export.redaction_key import key_path, redaction_key_pdf
from familyrecord.records.enums import Significance
from familyrecord.storage import journal
from familyrecord.storage.stores import Stores
from familyrecord.views.chronology import ROW_KIND_LABELS, ChronologyRow, build_rows, filtered

CSV_COLUMNS = ("No.", "Date", "What happened", "Who", "Rests on", "Source", "Bundle page",
               "Importance", "Disputed by")
DOCX_COLUMNS = ("No.", "Date", "What happened", "Who", "Rests on", "Source and bundle page",
                "Disputed by")
# Column widths in cm: A4 less 1.8 cm margins is 17.4 cm across (portrait), 26.1 (landscape).
WIDTHS = {ChronologyPage.PORTRAIT: (1.0, 2.3, 5.6, 2.3, 2.3, 2.4, 1.5),
          ChronologyPage.LANDSCAPE: (1.2, 2.8, 9.4, 3.4, 3.3, 3.8, 2.2)}


class NotFromThisRecord(InputError):
    user_message = ("That bundle was not made from this record, so its page numbers cannot be "
                    "used for this chronology.")


def _source(row: ChronologyRow, redact: Redactor) -> str:
    return redact(row.source_label or ROW_KIND_LABELS[row.kind])


def _csv_cells(row: ChronologyRow, redact: Redactor, refs: Mapping[str, str]) -> list[str]:
    return [str(row.serial), row.date_text, redact(row.text), redact(row.people),
            redact(row.basis), _source(row, redact), refs.get(row.key, ""),
            row.significance.value, row.disputed_by]


def chronology_csv(rows: Sequence[ChronologyRow], redact: Redactor | None = None,
                   refs: Mapping[str, str] | None = None) -> bytes:
    redact, refs = redact or Redactor(), refs or {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(_csv_cells(row, redact, refs))
    # A byte-order mark so spreadsheet programs read names with accents correctly.
    return out.getvalue().encode("utf-8-sig")


def chronology_docx(rows: Sequence[ChronologyRow], title: str, redact: Redactor | None = None,
                    refs: Mapping[str, str] | None = None,
                    page: ChronologyPage = ChronologyPage.LANDSCAPE, note: str = "") -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    redact, refs = redact or Redactor(), refs or {}
    doc = Document()
    section = doc.sections[0]
    portrait = page is ChronologyPage.PORTRAIT
    section.orientation = WD_ORIENT.PORTRAIT if portrait else WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (Cm(21), Cm(29.7)) if portrait else (Cm(29.7), Cm(21))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.size = Pt(11 if portrait else 12)
    doc.core_properties.author = ""
    doc.core_properties.title = redact(title)
    doc.add_heading(redact(title), level=1)
    if note:
        doc.add_paragraph(redact(note))
    table = doc.add_table(rows=1, cols=len(DOCX_COLUMNS))
    table.style = "Table Grid"
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, name in zip(header.cells, DOCX_COLUMNS, strict=True):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        ref = refs.get(row.key, "")
        source = f"{_source(row, redact)}, p. {ref}" if ref else _source(row, redact)
        values = [str(row.serial), row.date_text, redact(row.text), redact(row.people),
                  redact(row.basis), source, row.disputed_by]
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
        if row.significance is Significance.HIGH:
            for run in cells[2].paragraphs[0].runs:
                run.bold = True
    for column, width in zip(table.columns, WIDTHS[page], strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def bundle_refs(stores: Stores, bundle: Path, password: str = "") -> tuple[dict[str, str], str]:
    """(row key -> page label, export id) from a bundle made from this record."""
    try:
        data = Path(bundle).read_bytes()
    except OSError as exc:
        raise NotABundle(str(exc), user_message="That bundle file could not be read.") from None
    manifest = read_manifest(data, password)
    if manifest.vault_id != stores.vault_id:
        raise NotFromThisRecord("bundle from another vault")
    return dict(manifest.chronology), manifest.export_id


def export_chronology(stores: Stores, options: ExportOptions, destination: Path, *,
                      refs: Mapping[str, str] | None = None, export_id: str = "",
                      today: date | None = None) -> int:
    """Save the chosen rows as DOCX or CSV (by the file's ending) and note the export in the
    journal; returns how many rows. With `refs` (from a bundle) each row names its page."""
    today = today or date.today()
    destination = Path(destination)
    rows = filtered(build_rows(stores.records, stores.transcripts, today=today),
                    options.row_filter())
    plan = plan_redaction(stores, options, today)
    redact = plan.redactor()
    title = f"Chronology: {options.family_name or stores.family_name or 'the family'}"
    note = (f"Page numbers are those of the bundle with export id {export_id}."
            if refs and export_id else "")
    if destination.suffix.lower() == ".csv":
        data = chronology_csv(rows, redact, refs)
    else:
        data = chronology_docx(rows, title, redact, refs, options.chronology_page, note)
    save_private(destination, data)
    if plan.active:
        save_private(key_path(destination), redaction_key_pdf(
            plan, "", "", journal.utc_now().isoformat(), options.password,
            belongs_to=f"the chronology saved as {destination.name}"))
    stores.log_export("chronology", {**options.for_journal(), "rows": len(rows),
                                     "format": destination.suffix.lower().lstrip("."),
                                     "page_references_from": export_id})
    return len(rows)
