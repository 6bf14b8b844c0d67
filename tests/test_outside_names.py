"""Outside data shown safely: a file name with a right-to-left override or zero-width characters
is neither stored nor printed with them; a PDF locked only with an empty password goes into a
bundle like any other."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from familyrecord.export.options import ExportOptions
from familyrecord.formatting import shown_safely
from familyrecord.records.models import Correspondence
from familyrecord.services import Services


def test_invisible_controls_are_dropped() -> None:
    assert shown_safely("invoice\u202efdp.exe") == "invoicefdp.exe"
    assert shown_safely("re\u200bport\ufeff.pdf") == "report.pdf"
    assert shown_safely("Ms Ahmed's letter.pdf") == "Ms Ahmed's letter.pdf"


def _pdf(text_pages: int, *, empty_password: bool) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    for n in range(text_pages):
        sheet.drawString(72, 720, f"Quagga page {n + 1}")
        sheet.showPage()
    sheet.save()
    if not empty_password:
        return out.getvalue()
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    locked.encrypt(user_password="", owner_password="owner-only")
    data = io.BytesIO()
    locked.write(data)
    return data.getvalue()


def test_names_and_empty_password_pdfs_in_a_bundle(services: Services, tmp_path: Path) -> None:
    from datetime import date

    letter = services.save(Correspondence(subject="From the council", dated=date(2026, 2, 2)))
    services.import_attachment_stream(io.BytesIO(_pdf(1, empty_password=True)),
                                      "council\u202e-letter\u200b.pdf", link_to=letter.id)
    [stored] = services.attachments_for(letter)
    assert stored.file_name == "council-letter.pdf"
    result = services.exports.bundle(ExportOptions(), tmp_path / "bundle.pdf")
    text = "".join(page.extract_text() or "" for page in PdfReader(tmp_path / "bundle.pdf").pages)
    assert "\u202e" not in text
    assert "Quagga page 1" in text  # merged in, not left out as password-protected
    assert all("password" not in reason for _name, reason in result.not_included)
