"""The first-use story through the GUI: create, recovery code, add, edit, search, lock, unlock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import Role, SessionStatus
from familyrecord.records.models import ContactSession, Correspondence, Meeting, Person
from familyrecord.services import Services
from familyrecord.ui.app import AppWindow
from familyrecord.ui.records.forms.meeting import ActionRow, AttendeeRow
from familyrecord.ui.records.record_view import RecordListView
from familyrecord.ui.search.view import HTML_ROLE
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui
PASS = "four words fairly long"


def _create_vault(qtbot: QtBot, window: AppWindow) -> str:
    assert window.stack.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    assert window.stack.currentWidget() is page
    page.family.setText("The Test family")
    qtbot.keyClicks(page.passphrase, PASS)
    assert "Strong" in page.fields.hint.text() or "Good" in page.fields.hint.text()
    qtbot.keyClicks(page.repeat, PASS)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.recovery, timeout=10000)
    code = window.recovery.code.text()
    assert len(code) > 10
    assert not window.recovery.continue_button.isEnabled()  # not before "I have written it down"
    window.recovery.written.setChecked(True)
    qtbot.mouseClick(window.recovery.continue_button, Qt.MouseButton.LeftButton)
    assert window.main is not None and window.stack.currentWidget() is window.main
    assert window.recovery.code.text() == ""  # shown once only
    return code


def _save(list_view: RecordListView) -> object:
    saved = list_view.editor.save()
    assert saved is not None, list_view.editor.message.text()
    return saved


def test_create_add_edit_search_lock_unlock(qtbot: QtBot, tmp_path: Path) -> None:
    vault_path = tmp_path / "family.frvault"
    window = make_window(qtbot, vault_path)
    _create_vault(qtbot, window)
    services = window.services
    assert services is not None and vault_path.is_file()

    # A person.
    people = view(window, "people")
    assert "No people yet" in people.empty.text()
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    form = people.editor.form
    form.bindings["name"].widget.setText("Sarah Ahmed")  # type: ignore[attr-defined]
    form.bindings["role"].set(Role.SOCIAL_WORKER)
    form.bindings["organisation"].widget.setText("Northfield Council")  # type: ignore[attr-defined]
    person = _save(people)
    assert isinstance(person, Person)
    assert people.model.rowCount() == 1

    # A meeting with an attendee picked from People and an action.
    meetings = view(window, "meetings")
    meetings.new_record()
    form = meetings.editor.form
    form.bindings["title"].widget.setText("Core group about nursery")  # type: ignore[attr-defined]
    attendee = form.attendees.add_row()  # type: ignore[attr-defined]
    assert isinstance(attendee, AttendeeRow)
    attendee.who.setCurrentIndex(attendee.who.findData(person.id))
    assert attendee.role.value() is Role.SOCIAL_WORKER  # the role comes from People
    action = form.action_rows.add_row()  # type: ignore[attr-defined]
    assert isinstance(action, ActionRow)
    action.description.setText("Find a nursery place")
    action.owner.setCurrentIndex(action.owner.findData(person.id))
    action.due.set_value(date(2030, 1, 31))
    meeting = _save(meetings)
    assert isinstance(meeting, Meeting)
    stored = services.get(meeting.id)
    assert isinstance(stored, Meeting)
    assert [(a.person_id, a.role) for a in stored.attendees] == [(person.id, Role.SOCIAL_WORKER)]
    assert stored.actions[0].owner_person_id == person.id
    assert stored.actions[0].due_on == date(2030, 1, 31)

    # A letter with an attachment, added off the GUI thread.
    letters = view(window, "correspondence")
    letters.new_record()
    form = letters.editor.form
    form.bindings["dated"].set(date(2026, 3, 2))
    form.bindings["subject"].widget.setText("Letter about the nursery place")  # type: ignore[attr-defined]
    letter = _save(letters)
    assert isinstance(letter, Correspondence)
    scan = tmp_path / "scan.txt"
    scan.write_text("The council agrees to fund a nursery place from April.", encoding="utf-8")
    panel = letters.editor.files
    with qtbot.waitSignal(panel.imported, timeout=10000):
        panel.add_files([scan])
    assert [a.file_name for a in panel.attachments()] == ["scan.txt"]
    assert [a.file_name for a in services.attachments_for(letter)] == ["scan.txt"]

    # A contact session.
    contact = view(window, "contact")
    contact.new_record()
    form = contact.editor.form
    form.bindings["with_whom"].widget.setText("Grandma Jean")  # type: ignore[attr-defined]
    form.bindings["session_date"].set(date(2026, 3, 7))
    form.bindings["status"].set(SessionStatus.LATE)
    session = _save(contact)
    assert isinstance(session, ContactSession) and session.status is SessionStatus.LATE

    # Edit the person: the change is saved and the earlier wording kept in history.
    people = view(window, "people")
    people.table.selectRow(0)
    assert people.editor.form.record is not None and people.editor.form.record.id == person.id
    people.editor.form.bindings["organisation"].widget.setText("Southfield Council")  # type: ignore[attr-defined]
    _save(people)
    edited = services.get(person.id)
    assert isinstance(edited, Person) and edited.organisation == "Southfield Council"
    assert len(services.history(edited)) == 2

    # Search finds each of them and opens the record.
    assert window.main is not None
    window.main.show_search()
    search = window.main.search
    for words, record_id in (("Southfield", person.id), ("nursery place", letter.id),
                             ("fund April", letter.id), ("Grandma", session.id),
                             ("Find a nursery", meeting.id)):
        search.box.setText(words)
        search.run_search()
        ids = [hit.record_id for hit in search.model.hits]
        assert record_id in ids, words
    search.box.setText("fund April")
    search.run_search()
    highlighted = search.model.data(search.model.index(0, 0), HTML_ROLE)
    assert "<b><u>fund</u></b>" in highlighted and "<b><u>April</u></b>" in highlighted
    search.results.activated.emit(search.model.index(0, 0))
    assert window.main.current_key() == "correspondence"
    assert letters.editor.form.record is not None and letters.editor.form.record.id == letter.id

    # Lock: nothing decrypted is left in the models or the forms.
    qtbot.mouseClick(window.main.lock_button, Qt.MouseButton.LeftButton)
    assert services.is_locked and window.services is None
    assert window.stack.currentWidget() is window.unlock_page
    main = window.main
    for area in main.areas.values():
        for list_view in area.views:
            assert list_view.model.rowCount() == 0
            assert list_view.editor.form.record is None
            assert not list_view.editor.form.has_text("nursery")
            assert list_view.editor.files.list.count() == 0
    assert search.model.rowCount() == 0 and search.box.text() == ""

    # Unlock again: everything is back.
    qtbot.keyClicks(window.unlock_page.secret, PASS)
    qtbot.keyClick(window.unlock_page.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.services is not None, timeout=10000)
    assert window.main is not None and window.main is not main
    reopened: Services = window.services  # type: ignore[assignment]
    assert {p.name for p in reopened.list_records(Person)} == {"Sarah Ahmed"}
    assert view(window, "meetings").model.rowCount() == 1


def test_validation_errors_are_shown_next_to_the_field(qtbot: QtBot, services: Services,
                                                       vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services)
    letters = view(window, "correspondence")
    letters.new_record()
    form = letters.editor.form
    form.bindings["dated"].set(date(2026, 3, 2))
    assert letters.editor.save() is None
    error = form.errors["subject"]
    assert not error.isHidden() and "Please fill in" in error.text()
    assert services.list_records(Correspondence) == []
    form.bindings["subject"].widget.setText("Now with a subject")  # type: ignore[attr-defined]
    assert letters.editor.save() is not None
    assert form.errors["subject"].isHidden()


def test_archive_hides_and_brings_back(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    services.save(Person(name="Old worker"))
    window = make_window(qtbot, vault_path, services)
    people = view(window, "people")
    people.table.selectRow(0)
    qtbot.mouseClick(people.editor.archive_button, Qt.MouseButton.LeftButton)
    assert people.model.rowCount() == 0
    assert services.list_records(Person) == []
    assert len(services.list_records(Person, include_archived=True)) == 1
    people.archived.setChecked(True)
    assert people.model.rowCount() == 1
    assert "(archived)" in people.model.data(people.model.index(0, 0))
    people.table.selectRow(0)
    qtbot.mouseClick(people.editor.archive_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in services.list_records(Person)] == ["Old worker"]


def test_history_shows_earlier_wording(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    services.save(Person(name="Tom Price", organisation="Northfield"))
    window = make_window(qtbot, vault_path, services)
    people = view(window, "people")
    people.table.selectRow(0)
    people.editor.form.bindings["organisation"].set("Southfield")
    people.editor.save()
    history = people.editor.history
    assert history.versions.count() == 0  # read only when looked at
    people.editor.tabs.setCurrentWidget(history)
    assert history.versions.count() == 2
    assert "Organisation: Southfield" in history.text.toPlainText()  # newest first
    history.versions.setCurrentRow(1)
    assert "Organisation: Northfield" in history.text.toPlainText()
    window.lock()
    assert history.versions.count() == 0 and history.text.toPlainText() == ""


def test_recovery_continue_says_why_it_waits_and_stays_put(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "family.frvault")
    page = window.recovery
    page.set_code("ABCD-EFGH-JKLM-NPQR")
    window.stack.setCurrentWidget(page)
    qtbot.waitUntil(page.continue_button.isVisible)
    assert not page.continue_button.isEnabled()
    assert page.waiting.isVisible() and "Tick the box" in page.waiting.text()
    assert "Tick the box" in page.continue_button.accessibleDescription()
    before = page.continue_button.mapTo(window, page.continue_button.rect().topLeft())
    page.written.setChecked(True)
    qtbot.wait(20)
    assert page.continue_button.isEnabled() and page.waiting.text() == ""
    assert page.continue_button.mapTo(window, page.continue_button.rect().topLeft()) == before


def test_create_button_does_not_move_while_typing(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "family.frvault")
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    qtbot.waitUntil(page.create_button.isVisible)
    where = []
    hints = []
    for typed in ("", "a", "abcdefgh", "abcdefghijklmn", "orange bicycle quiet harbour"):
        page.passphrase.setText(typed)
        qtbot.wait(20)
        hints.append(page.fields.hint.text())
        where.append(page.create_button.mapTo(window, page.create_button.rect().topLeft()))
    assert len(set(hints)) == 5  # every kind of hint was shown
    assert len(set(where)) == 1, where


def test_first_click_after_the_bundle_wizard_is_not_lost(qtbot: QtBot, demo_services: Services,
                                                         vault_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    window = make_window(qtbot, vault_path, demo_services)
    assert window.main is not None
    main = window.main
    main.show_page("chronology")
    bundle = main.chronology.bundle_button
    bundle.setFocus()
    qtbot.mouseClick(bundle, Qt.MouseButton.LeftButton)
    wizard = main.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.reject()
    # The window is active again, with the focus where it was: the next click and keys arrive.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is bundle
    qtbot.mouseClick(main.search_button, Qt.MouseButton.LeftButton)
    assert main.current_key() == "search"
