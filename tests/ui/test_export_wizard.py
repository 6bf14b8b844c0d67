"""The export wizard: options to preview to a bundle made on a worker thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from familyrecord.services import Services
from familyrecord.ui.export.wizard import ExportWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot, demo_services: Services) -> ExportWizard:  # type: ignore[no-untyped-def]
    w = ExportWizard(demo_services)
    qtbot.addWidget(w)
    w.show()
    return w


def test_preview_and_export(wizard: ExportWizard, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.options_page.redact.setText("Sarah Ahmed")
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.preview_page.model.rowCount() > 10
    shown = " ".join(r.text + r.people for r in wizard.preview_page.model.rows())
    assert "Sarah" not in shown and "S.A." in shown  # the preview is redacted as the bundle
    wizard.next()
    page = wizard.save_page
    assert "initials" in page.note.text()  # the redaction choice is explained before saving
    assert not page.make_button.isEnabled()
    page.path.setText(str(tmp_path / "out.pdf"))
    assert not page.make_button.isEnabled()  # the confidentiality reminder must be ticked first
    page.understood.setChecked(True)
    assert page.make_button.isEnabled()
    with qtbot.waitSignal(wizard.finished_export, timeout=60_000) as blocker:
        qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(tmp_path / "out.pdf"), True]
    assert (tmp_path / "out.pdf").stat().st_size > 10_000
    assert "Saved" in page.status.text() and page.isComplete()
    assert not wizard.running


def test_cancel(wizard: ExportWizard, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    wizard.next()
    page = wizard.save_page
    page.path.setText(str(tmp_path / "out" / "cancelled.pdf"))
    page.understood.setChecked(True)
    with qtbot.waitSignal(wizard.finished_export, timeout=60_000) as blocker:
        wizard.start_export()
        wizard.cancel_export()
    assert blocker.args[1] is False
    assert not (tmp_path / "out").exists()
    assert "No bundle" in page.status.text()


def test_preview_is_read_only_and_warns_about_long_chronologies(
        wizard: ExportWizard, demo_services: Services) -> None:
    from datetime import date

    from familyrecord.ui.chronology.model import ChronologyModel

    wizard.next()
    model = wizard.preview_page.model
    flags = model.flags(model.index(0, ChronologyModel.COL_TEXT))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert "Practice Direction" not in wizard.preview_page.summary.text()
    wizard.back()
    for n in range(60):
        demo_services.chronology.add_manual_row(date(2024, 1, 1 + n % 28), f"Row number {n}")
    wizard.next()
    assert "Practice Direction 27A" in wizard.preview_page.summary.text()
