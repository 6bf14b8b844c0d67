"""Issue 11's GUI acceptance: three files dropped on "Add letters and e-mails", the review queue shows
what the computer suggests (with the words each came from), two are accepted, and both are in
Letters with their files and found by search. Pictures are not read here (OCR takes seconds a page:
see test_intake_pictures.py); the photo's row says its words are read after saving."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Child, Correspondence, Person
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.storage import jobs as job_states
from familyrecord.ui.intake import IntakeWindow, open_intake
from familyrecord.ui.intake.rows import RowState
from tests import intake_fixtures as fx
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui

OWN = ["sarah@example.org"]


def three_files(folder: Path) -> dict[str, Path]:
    """An e-mail with a PDF and a photo attached, a Word letter, and a phone photo of a letter."""
    files = {
        "core-group.eml": fx.eml_with_attachments(fx.text_pdf(["Agenda for the core group meeting"]),
                                                  fx.jpeg(fx.scan(fx.SCHOOL, dpi=40))),
        "assessment.docx": fx.docx(["Parenting assessment", "Re: Parenting assessment of Ms Taylor",
                                    "Dated 12 March 2025", "Amara is settled at school.",
                                    "Please send your comments by 26 March 2025."]),
        "conference.jpg": fx.photo(fx.CONFERENCE, angle=3.0, seed=3, size=(900, 1200), quality=70),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def drop(widget: QWidget, paths: list[Path]) -> None:
    """Drag the files over the widget and let go, as the desktop would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    widget.dragEnterEvent(enter)
    assert enter.isAccepted()
    widget.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))


def read_in(qtbot: QtBot, intake: IntakeWindow, paths: list[Path]) -> dict[str, int]:
    drop(intake, paths)
    qtbot.waitUntil(lambda: not intake.files.busy and all(r.item is not None for r in intake.rows),
                    timeout=15000)
    return {row.name: index for index, row in enumerate(intake.rows)}


@pytest.fixture
def intake(qtbot: QtBot, services: Services) -> IntakeWindow:
    window = IntakeWindow(services, OWN)
    qtbot.addWidget(window)
    window.read_now.setChecked(False)
    window.show()
    return window


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of our own, to see that nothing read from the files is written there."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def test_three_dropped_two_accepted_are_in_letters_with_their_files_and_found(
        qtbot: QtBot, services: Services, vault_path: Path, tmp_path: Path, private_tmp: Path) -> None:
    children = {name: services.save(Child(name=name)).id for name in fx.KNOWN_CHILDREN}
    jane = services.save(Person(name="Jane Smith", email="jane.smith@westshire.gov.uk"))
    files = three_files(tmp_path)
    app_window = make_window(qtbot, vault_path, services, settings=AppSettings(own_email_addresses=OWN))
    letters = view(app_window, "correspondence")
    qtbot.mouseClick(letters.intake_button, Qt.MouseButton.LeftButton)  # "Add letters and e-mails…"
    (intake,) = letters.findChildren(IntakeWindow)
    intake.read_now.setChecked(False)
    rows = read_in(qtbot, intake, list(files.values()))
    assert set(rows) == set(files)
    form = intake.details.form

    intake.queue.select(rows["core-group.eml"])
    assert form.subject.text() == "Re: Core group meeting on 3 February"
    assert form.hint_text("subject") == ("from the e-mail's header: “Subject: Re: Core group meeting on 3 "
                                         "February”")
    assert form.dated.value() == date(2025, 1, 7)  # 23:30 in California is the 7th in England
    assert form.from_name.text() == "Jane Smith" and form.values()["person_id"] == jane.id
    leo, mia = children["Leo"], children["Mia"]
    assert form.values()["child_ids"] in ([leo, mia], [mia, leo])
    assert form.reply_needed_by.value() == date(2025, 1, 27)
    assert form.hint_text("reply_needed_by") == "from the text: “27 January”"
    assert form.hint_text("direction").startswith("from your own e-mail addresses")
    assert "Plan photo.jpg" in intake.details.files.text().replace("\u200b", "")
    assert "core group meeting" in intake.details.dates.text()

    intake.queue.select(rows["assessment.docx"])
    letter = intake.rows[rows["assessment.docx"]].item
    assert letter is not None
    assert form.dated.value() == date(2025, 3, 12)
    assert form.hint_text("dated") == "from the text: “12 March 2025”"
    assert form.subject.text() == "Parenting assessment of Ms Taylor"
    # What no words in the file said is marked as a default to check, not filled silently.
    assert form.hint_text("channel") == "from the kind of file: a letter or document"
    assert form.hint_text("direction") == "not known from the file: most are received, so check it"
    assert form.hint_text("reply_needed_by") == "from the text: “26 March 2025”"
    form.dated.setFocus()  # the words the date came from are shown in the text
    suggested = letter.suggestion("dated")
    assert suggested is not None
    qtbot.waitUntil(lambda: intake.text.selected_words() == letter.text[suggested.start:suggested.end])
    assert intake.text.selected_words() == "12 March 2025"
    # The computer took a sentence for the sender: the person puts it right before accepting.
    form.from_name.selectAll()
    qtbot.keyClicks(form.from_name, "Dr Ann Lee")

    photo_row = intake.rows[rows["conference.jpg"]]
    assert photo_row.state == RowState.READY and photo_row.pictures_wait
    assert "read after saving" in intake.queue.item(rows["conference.jpg"]).text()
    assert services.list_records(Correspondence) == []  # nothing saved until accepted

    intake.queue.select(rows["core-group.eml"])
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    intake.queue.select(rows["assessment.docx"])
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.rows[rows["assessment.docx"]].state == RowState.SAVED
                    and intake.rows[rows["core-group.eml"]].state == RowState.SAVED, timeout=15000)
    intake.queue.select(rows["conference.jpg"])
    qtbot.mouseClick(intake.skip_button, Qt.MouseButton.LeftButton)
    assert intake.rows[rows["conference.jpg"]].state == RowState.SKIPPED

    # Reading the picture attached to the e-mail goes on in the background, and can be stopped.
    qtbot.waitUntil(lambda: intake.background.running, timeout=5000)  # once nothing is left to save
    qtbot.mouseClick(intake.work.background_stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not intake.background.running, timeout=5000)
    assert [t.job.state for t in services.intake.ocr_queue()] == [job_states.CANCELLED]
    assert "not read yet" in intake.work.background_note.text()

    saved = {c.subject: c for c in services.list_records(Correspondence)}
    assert set(saved) == {"Re: Core group meeting on 3 February", "Parenting assessment of Ms Taylor"}
    email, report = saved["Re: Core group meeting on 3 February"], saved["Parenting assessment of Ms Taylor"]
    assert report.from_name == "Dr Ann Lee" and report.dated == date(2025, 3, 12)
    assert report.child_ids == [children["Amara"]]
    assert sorted(a.file_name for a in services.attachments_for(email)) == ["Agenda.pdf", "Plan photo.jpg",
                                                                           "core-group.eml"]
    assert [a.file_name for a in services.attachments_for(report)] == ["assessment.docx"]
    assert {h.record_id for h in services.search("settled")} == {report.id}
    assert {h.record_id for h in services.search("agenda core group")} == {email.id}

    assert letters.model.rowCount() == 2  # the list was refreshed as they were saved
    assert list(private_tmp.iterdir()) == []
    intake.close()


def test_a_file_that_cannot_be_read_says_so_and_the_others_go_on(
        qtbot: QtBot, services: Services, intake: IntakeWindow, tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not a picture" * 10)
    good = three_files(tmp_path)["assessment.docx"]
    rows = read_in(qtbot, intake, [broken, good])
    bad_row = intake.rows[rows["broken.png"]]
    assert bad_row.state == RowState.FAILED
    assert "Could not be read" in intake.queue.item(rows["broken.png"]).text()
    intake.queue.select(rows["broken.png"])
    assert bad_row.item is not None and bad_row.item.error in intake.details.notes.text()
    assert intake.rows[rows["assessment.docx"]].state == RowState.READY

    qtbot.mouseClick(intake.accept_all_button, Qt.MouseButton.LeftButton)  # only the ready one
    qtbot.waitUntil(lambda: intake.rows[rows["assessment.docx"]].state == RowState.SAVED, timeout=10000)
    assert bad_row.state == RowState.FAILED
    assert [c.subject for c in services.list_records(Correspondence)] == ["Parenting assessment of Ms Taylor"]


def test_a_row_that_cannot_be_saved_says_why_and_keeps_its_edits(
        qtbot: QtBot, services: Services, intake: IntakeWindow, tmp_path: Path) -> None:
    photo = three_files(tmp_path)["conference.jpg"]
    rows = read_in(qtbot, intake, [photo])
    intake.queue.select(rows["conference.jpg"])
    form = intake.details.form
    assert form.dated.value() is None  # no words read yet: no date to suggest
    form.subject.selectAll()
    qtbot.keyClicks(form.subject, "Conference invitation")
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    row = intake.rows[rows["conference.jpg"]]
    qtbot.waitUntil(lambda: row.state != RowState.SAVING, timeout=10000)
    assert row.state == RowState.READY and "date" in row.problem
    assert "Not saved" in intake.queue.item(rows["conference.jpg"]).text()
    assert form.subject.text() == "Conference invitation"
    assert services.list_records(Correspondence) == [] and services.all_attachments() == []


def test_a_file_already_in_the_record_is_flagged_and_not_in_accept_all(qtbot: QtBot, services: Services,
                                                                      intake: IntakeWindow,
                                                                      tmp_path: Path) -> None:
    eml = three_files(tmp_path)["core-group.eml"]
    services.intake.accept(services.intake.read([eml], ocr=False)[0])
    rows = read_in(qtbot, intake, [eml])
    assert intake.rows[rows["core-group.eml"]].state == RowState.ALREADY
    assert "Already in the record" in intake.queue.item(0).text()
    assert "already in the record" in intake.details.notes.text()
    assert not intake.accept_all_button.isEnabled()


def test_a_folder_brings_its_letters_and_close_asks_before_dropping_them(qtbot: QtBot, services: Services,
                                                                        intake: IntakeWindow,
                                                                        tmp_path: Path) -> None:
    folder = tmp_path / "post"
    folder.mkdir()
    three_files(folder)
    (folder / "notes.xyz").write_text("not a letter", encoding="utf-8")
    rows = read_in(qtbot, intake, [folder])
    assert set(rows) == {"core-group.eml", "assessment.docx", "conference.jpg"}
    intake.reject()
    assert intake.question is not None and intake.isVisible()
    intake.question.done(QMessageBox.StandardButton.Cancel)
    assert intake.isVisible() and len(intake.rows) == 3
    intake.reject()
    intake.question.done(QMessageBox.StandardButton.Close)
    assert not intake.isVisible() and intake.rows == []
    assert services.list_records(Correspondence) == []


def test_locking_closes_the_queue_and_forgets_what_was_read(qtbot: QtBot, services: Services,
                                                           vault_path: Path, tmp_path: Path) -> None:
    app_window = make_window(qtbot, vault_path, services)
    assert app_window.main is not None
    intake = open_intake(app_window.main, services, list(three_files(tmp_path).values()))
    qtbot.waitUntil(lambda: not intake.files.busy and len(intake.rows) == 3, timeout=15000)
    intake.queue.select(0)
    app_window.lock()
    assert not intake.isVisible()
    assert intake.rows == [] and intake.text.box.toPlainText() == ""
    assert intake.details.form.subject.text() == ""


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stacking
def test_the_main_window_opens_the_queue(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    app_window = make_window(qtbot, vault_path, services)
    assert app_window.main is not None
    entry = getattr(app_window.main, "intake_button", None)
    if entry is None:
        pytest.skip("the main window's 'Add letters and e-mails…' entry is not in this checkout")
    entry.click()
    (intake,) = app_window.main.findChildren(IntakeWindow)
    assert intake.isVisible() and intake.windowTitle() == "Add letters and e-mails"
    entry.click()  # a second click shows the same window
    assert app_window.main.findChildren(IntakeWindow) == [intake]
    intake.close()
