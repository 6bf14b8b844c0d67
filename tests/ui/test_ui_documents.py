"""Documents: every file in the record, with its size and the day it was added, sorted by value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.formatting import short_date
from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.ui.documents.view import DocumentsView
from familyrecord.ui.intake import IntakeWindow
from familyrecord.ui.intake.rows import RowState

pytestmark = pytest.mark.gui


def test_sizes_sort_by_bytes_and_dates_read_as_dates(qtbot: QtBot, services: Services,
                                                      tmp_path: Path) -> None:
    letter = services.save(Correspondence(subject="Files", dated=date(2026, 1, 5)))
    for name, size in (("small.txt", 900), ("middle.txt", 5 * 1024), ("large.txt", 10 * 1024)):
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        services.import_attachment(path, link_to=letter.id)
    documents = DocumentsView(services)
    qtbot.addWidget(documents)
    documents.refresh()
    table = documents.table
    assert table.rowCount() == 3
    table.sortItems(2, Qt.SortOrder.AscendingOrder)
    # As text "10.0 KB" < "5.0 KB" < "900 bytes"; by size it is the other way round.
    assert [table.item(r, 2).text() for r in range(3)] == ["900 bytes", "5.0 KB", "10.0 KB"]
    assert [table.item(r, 0).text() for r in range(3)] == ["small.txt", "middle.txt", "large.txt"]
    assert {table.item(r, 3).text() for r in range(3)} == {short_date(date.today())}


def test_letters_dropped_on_documents_go_to_the_review_queue_and_back_to_the_list(
        qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    from tests import intake_fixtures as fx
    from tests.ui.test_intake_queue import drop

    letter = tmp_path / "assessment.docx"
    letter.write_bytes(fx.docx(["Re: Parenting assessment", "Dated 12 March 2025"]))
    documents = DocumentsView(services)
    qtbot.addWidget(documents)
    documents.show()
    drop(documents, [letter])
    (intake,) = documents.findChildren(IntakeWindow)
    intake.read_now.setChecked(False)
    qtbot.waitUntil(lambda: bool(intake.rows) and intake.rows[0].state == RowState.READY, timeout=10000)
    assert documents.table.rowCount() == 0  # nothing saved yet
    intake.accept_current()
    qtbot.waitUntil(lambda: documents.table.rowCount() == 1, timeout=10000)
    assert documents.table.item(0, 0).text() == "assessment.docx"
    intake.close()
