"""The chronology view: rows, filters, edits saved in the vault, clear on lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from familyrecord.records.enums import Significance
from familyrecord.services import Services
from familyrecord.ui.chronology.model import ChronologyModel
from familyrecord.ui.chronology.view import ChronologyView
from familyrecord.views.chronology import RowKind

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot, demo_services: Services) -> ChronologyView:  # type: ignore[no-untyped-def]
    widget = ChronologyView(demo_services)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.refresh()
    return widget


def test_rows_and_filters(view: ChronologyView, demo_services: Services) -> None:
    everything = view.model.rowCount()
    assert everything == len(demo_services.chronology.rows())
    view.type_filter.setCurrentIndex(view.type_filter.findData(RowKind.MEETING))
    meetings = view.model.rowCount()
    assert 0 < meetings < everything
    assert all(r.kind is RowKind.MEETING for r in view.model.rows())
    view.type_filter.setCurrentIndex(0)
    view.significance_filter.setCurrentIndex(view.significance_filter.findData(Significance.HIGH))
    assert all(r.significance is Significance.HIGH for r in view.model.rows())


def test_edit_exclude_add_and_open(view: ChronologyView, demo_services: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = view.model
    index = model.index(0, ChronologyModel.COL_TEXT)
    key = model.row_at(0).key  # type: ignore[union-attr]
    assert model.setData(index, "Reworded by the family")
    assert {r.key: r for r in demo_services.chronology.rows()}[key].text == "Reworded by the family."
    included = model.index(1, ChronologyModel.COL_INCLUDED)
    key1 = model.row_at(1).key  # type: ignore[union-attr]
    assert model.setData(included, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not {r.key: r for r in demo_services.chronology.rows()}[key1].included
    view.new_text.setText("Mia's first day at school")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert any(r.manual for r in demo_services.chronology.rows())
    meeting_row = next(n for n, r in enumerate(model.rows()) if r.kind is RowKind.MEETING)
    view.table.selectRow(meeting_row)
    with qtbot.waitSignal(view.open_record, timeout=1000) as blocker:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [model.rows()[meeting_row].source_id]


def test_save_docx_with_filters(view: ChronologyView, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    view.type_filter.setCurrentIndex(view.type_filter.findData(RowKind.MEETING))
    assert view.save_to(tmp_path / "c.docx")
    table = Document(str(tmp_path / "c.docx")).tables[0]
    assert len(table.rows) == view.model.rowCount() + 1
    assert "Saved to" in view.message.text()


def test_clear_drops_everything(view: ChronologyView) -> None:
    assert view.model.rowCount() > 0
    view.clear()
    assert view.model.rowCount() == 0
    assert view.child_filter.count() == 0


def test_screenshot(view: ChronologyView, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view.show()
    assert view.grab().save(str(tmp_path / "chronology.png"))


def test_move_within_day(view: ChronologyView, demo_services: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = view.model.rows()
    first = next(n for n in range(len(rows) - 1) if rows[n].on == rows[n + 1].on)
    moving, other = rows[first].key, rows[first + 1].key
    view.table.selectRow(first)
    qtbot.mouseClick(view.down_button, Qt.MouseButton.LeftButton)
    keys = [r.key for r in demo_services.chronology.rows()]
    assert keys.index(moving) == keys.index(other) + 1  # kept in the vault, not only on screen
    assert view.model.rows()[first + 1].key == moving


def test_importance_and_disputed_saved(view: ChronologyView, demo_services: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not view.row_significance.isEnabled()  # nothing chosen yet
    n = next(i for i, r in enumerate(view.model.rows())
             if r.significance is not Significance.HIGH and not r.disputed and not r.manual)
    key = view.model.rows()[n].key
    view.table.selectRow(n)
    assert view.row_significance.isEnabled()
    assert view.row_significance.currentData() == view.model.rows()[n].significance
    high = view.row_significance.findData(Significance.HIGH)
    view.row_significance.setCurrentIndex(high)
    view.row_significance.activated.emit(high)  # what choosing it with mouse or keys sends
    qtbot.mouseClick(view.row_disputed, Qt.MouseButton.LeftButton)
    saved = {r.key: r for r in demo_services.chronology.rows()}[key]
    assert saved.significance is Significance.HIGH and saved.disputed and saved.edited
    # The view rebuilt its rows from the vault and kept the same row chosen.
    chosen = view.model.row_at(view.table.selectionModel().selectedRows()[0].row())
    assert chosen is not None and chosen.key == key and chosen.disputed
    assert view.row_disputed.isChecked()
    assert view.row_significance.currentData() == Significance.HIGH
    qtbot.mouseClick(view.row_disputed, Qt.MouseButton.LeftButton)
    assert not {r.key: r for r in demo_services.chronology.rows()}[key].disputed


def test_rows_wrap_instead_of_widening(view: ChronologyView) -> None:
    # Filters and buttons wrap, so the view fits well inside a 1280 px window's content area.
    assert view.minimumSizeHint().width() < 700
    view.resize(600, 900)
    view.show()
    assert view.date_to.isVisible()
    box = view.date_to.parentWidget().parentWidget()
    right = view.date_to.mapTo(box, view.date_to.rect().topRight()).x()
    assert right <= box.width()
    save = view.save_button
    assert save.mapTo(view, save.rect().topRight()).x() <= view.width()
