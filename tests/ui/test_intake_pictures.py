"""The review queue reads the words in a photographed letter before saving when asked (OCR, seconds a
page): its row says so while reading, the reading can be stopped (the photo is then read after saving)
and started again, and the fields are suggested from the words read, marked "check it"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Child, Correspondence
from familyrecord.services import Services
from familyrecord.services.intake import CHECK_NOTE
from familyrecord.ui.intake import IntakeWindow
from familyrecord.ui.intake.rows import RowState
from tests import intake_fixtures as fx
from tests.ui.test_intake_queue import drop

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_a_photo_is_read_before_saving_stopped_and_read_again(qtbot: QtBot, services: Services,
                                                              tmp_path: Path) -> None:
    for name in fx.KNOWN_CHILDREN:
        services.save(Child(name=name))
    photo = tmp_path / "conference.jpg"
    photo.write_bytes(fx.photo(fx.CONFERENCE, angle=3.0, seed=3, size=(1200, 1600), quality=75))
    intake = IntakeWindow(services)
    qtbot.addWidget(intake)
    intake.show()
    assert intake.read_now.isChecked()
    drop(intake, [photo])
    qtbot.waitUntil(lambda: bool(intake.rows) and intake.rows[0].state == RowState.PICTURES, timeout=10000)
    assert intake.queue.item(0).text().endswith("Reading the picture…")
    assert intake.work.stop_button.isVisible()
    qtbot.mouseClick(intake.work.stop_button, Qt.MouseButton.LeftButton)
    row = intake.rows[0]
    qtbot.waitUntil(lambda: row.state != RowState.PICTURES, timeout=5000)  # stops within seconds
    assert row.state == RowState.READY and row.pictures_wait
    assert "read after saving" in intake.queue.item(0).text()

    intake.read_now.setChecked(False)
    intake.read_now.setChecked(True)  # read them now after all
    qtbot.waitUntil(lambda: row.state == RowState.READY and not row.pictures_wait, timeout=120000)
    assert row.item is not None and row.item.machine_read
    intake.queue.select(0)
    assert intake.text.check_note.isVisible() and intake.text.check_note.text() == CHECK_NOTE
    assert "conference" in intake.text.box.toPlainText().lower()
    form = intake.details.form
    assert form.dated.value() == date(2025, 1, 6)
    assert form.hint_text("dated").startswith("from the text: “6 January 2025")
    assert "conference" in form.subject.text().lower()

    intake.accept_current()
    qtbot.waitUntil(lambda: row.state == RowState.SAVED, timeout=10000)
    (letter,) = services.list_records(Correspondence)
    (stored,) = services.attachments_for(letter)
    assert [r.page for r in services.intake.readings(stored.id)] == [0]
    assert not intake.background.running  # every page was read before saving: nothing left to read
    assert letter.id in {h.record_id for h in services.search("conference")}
    intake.close()
