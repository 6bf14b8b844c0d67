"""Pictures and scans in the attachment viewer: the words the computer read are shown beside the page
with "Read by the computer — check it", page by page; the family corrects them and the computer's
reading is kept (shown on request); search follows the correction."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.services.intake import CHECK_NOTE
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.documents.view import DocumentsView
from familyrecord.ui.documents.viewers import AttachmentViewer
from familyrecord.ui.intake.background import reader_for
from tests import intake_fixtures as fx
from tests.vault_access import vault_of

pytestmark = pytest.mark.gui


def two_page_scan() -> bytes:
    """A scanner's TIFF: an upright first page, a landscape second one."""
    first = Image.new("L", (300, 420), 250)
    second = Image.new("L", (420, 300), 250)
    out = io.BytesIO()
    first.save(out, "TIFF", save_all=True, append_images=[second])
    return out.getvalue()


def _stored_scan(services: Services) -> tuple[Correspondence, Attachment]:
    letter = services.save(Correspondence(subject="Conference letter", dated=date(2025, 1, 6)))
    vault = vault_of(services)
    scan = vault.attachments.import_stream(io.BytesIO(two_page_scan()), "scan.tif", link_to=letter.id)
    vault.readings.put(scan.id, 0, "The cenference is on Monday 20 January.", "{}", "rapidocr")
    vault.readings.put(scan.id, 1, "Yours sincerely,\nJane Smith", "{}", "rapidocr")
    return letter, scan


def _open(qtbot: QtBot, services: Services, attachment: Attachment) -> AttachmentViewer:
    """Open it from Documents, as the family would."""
    documents = DocumentsView(services)
    qtbot.addWidget(documents)
    viewer = documents.opener.open(attachment)
    assert viewer is not None
    return viewer


def test_the_computers_words_are_beside_each_page_to_check(qtbot: QtBot, services: Services) -> None:
    _letter, scan = _stored_scan(services)
    viewer = _open(qtbot, services, scan)
    panel = viewer.readings
    assert panel is not None and panel.isVisible()
    assert panel.note.text() == CHECK_NOTE and panel.note.isVisible()
    assert panel.box.toPlainText() == "The cenference is on Monday 20 January."
    assert not panel.box.isReadOnly()
    assert [panel.pages.itemText(i) for i in range(panel.pages.count())] == ["Page 1 of 2", "Page 2 of 2"]
    assert viewer.picture is not None
    upright = viewer.picture.pixmap()
    assert upright.height() > upright.width()

    panel.pages.setCurrentIndex(1)  # the words and the picture of page 2
    assert panel.box.toPlainText() == "Yours sincerely,\nJane Smith"
    landscape = viewer.picture.pixmap()
    assert landscape.width() > landscape.height()
    assert not panel.waiting.isVisible()
    viewer.clear()


def test_a_correction_is_saved_the_computers_reading_kept_and_search_follows(
        qtbot: QtBot, services: Services) -> None:
    letter, scan = _stored_scan(services)
    assert [h.record_id for h in services.search("cenference")] == [letter.id]
    viewer = _open(qtbot, services, scan)
    panel = viewer.readings
    assert panel is not None
    assert not panel.save_button.isEnabled()
    panel.box.selectAll()
    qtbot.keyClicks(panel.box, "The conference is on Monday 20 January.")
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    (first, _second) = services.intake.readings(scan.id)
    assert first.text == "The conference is on Monday 20 January."
    assert first.original_text == "The cenference is on Monday 20 January."
    assert "Saved" in panel.status.text() and not panel.save_button.isEnabled()
    assert services.search("cenference") == []
    assert [h.record_id for h in services.search("conference Monday")] == [letter.id]

    assert not panel.original.isVisible()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)  # compare with the computer's words
    assert panel.original.isVisible()
    assert panel.original.toPlainText() == "The cenference is on Monday 20 January."
    assert panel.compare_button.text() == "Hide what the computer read"
    viewer.clear()


def test_undo_puts_back_the_saved_words(qtbot: QtBot, services: Services) -> None:
    _letter, scan = _stored_scan(services)
    panel = _open(qtbot, services, scan).readings
    assert panel is not None
    qtbot.keyClicks(panel.box, " extra")
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert panel.box.toPlainText() == "The cenference is on Monday 20 January."
    assert [r.edited for r in services.intake.readings(scan.id)] == [False, False]


def test_a_photo_not_read_yet_says_so(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    letter = services.save(Correspondence(subject="Photo of a letter", dated=date(2025, 1, 6)))
    photo = tmp_path / "letter.jpg"
    photo.write_bytes(fx.jpeg(Image.new("L", (60, 80), 250)))
    stored = services.import_attachment(photo, link_to=letter.id)  # queued for reading
    panel = _open(qtbot, services, stored).readings
    assert panel is not None
    assert not panel.box.isVisible() and not panel.note.isVisible()
    assert panel.waiting.text() == "The computer has not read the words in it yet."
    assert panel.read_button.isVisible()


def test_text_files_have_no_reading_panel(qtbot: QtBot, services: Services) -> None:
    letter = services.save(Correspondence(subject="Notes", dated=date(2025, 1, 6)))
    notes = vault_of(services).attachments.import_stream(io.BytesIO(b"plain words"), "notes.txt",
                                                         link_to=letter.id)
    viewer = _open(qtbot, services, notes)
    assert viewer.kind == "text" and viewer.readings is None


@pytest.mark.slow
def test_read_now_reads_a_photo_in_the_background_and_shows_its_words(qtbot: QtBot, services: Services,
                                                                       tmp_path: Path) -> None:
    letter = services.save(Correspondence(subject="Photo of a letter", dated=date(2025, 1, 6)))
    photo = tmp_path / "conference.jpg"
    photo.write_bytes(fx.photo(fx.CONFERENCE, angle=2.0, seed=5, size=(1200, 1600), quality=75))
    stored = vault_of(services).attachments.import_file(photo, link_to=letter.id)  # no reading queued
    panel = _open(qtbot, services, stored).readings
    assert panel is not None and panel.waiting.text() == "The computer has not read the words in it."
    qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    reader = reader_for(services)
    assert reader.running
    qtbot.waitUntil(lambda: not reader.running, timeout=120000)
    assert panel.note.isVisible() and "conference" in panel.box.toPlainText().lower()
    assert letter.id in {h.record_id for h in services.search("conference")}


def test_pages_read_in_the_background_appear_but_never_over_a_correction_being_typed(
        qtbot: QtBot, services: Services) -> None:
    letter = services.save(Correspondence(subject="Scan", dated=date(2025, 1, 6)))
    vault = vault_of(services)
    scan = vault.attachments.import_stream(io.BytesIO(two_page_scan()), "scan.tif", link_to=letter.id)
    vault.readings.put(scan.id, 0, "First page", "{}", "rapidocr")
    viewer = _open(qtbot, services, scan)
    panel = viewer.readings
    assert panel is not None and panel.pages.count() == 1
    vault.readings.put(scan.id, 1, "Second page", "{}", "rapidocr")  # as the background reader does
    reader_for(services).changed.emit()
    assert panel.pages.count() == 2 and panel.box.toPlainText() == "First page"
    panel.box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.box, " corrected")
    reader_for(services).changed.emit()
    assert panel.box.toPlainText() == "First page corrected"
    viewer.clear()
