"""Quick hide, auto-lock, lock clears everything decrypted, clipboard clearing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import MEETING_TYPE_LABELS
from familyrecord.records.models import Correspondence, Meeting, Person
from familyrecord.services import Services
from familyrecord.ui.app import AppWindow
from familyrecord.ui.records.table_model import RecordTableModel
from familyrecord.ui.safety import ClipboardGuard, IdleWatcher
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui


def _all_model_text(window: AppWindow) -> str:
    """Every piece of display text the window's record models hold."""
    assert window.main is not None
    texts = []
    models: list[RecordTableModel] = [v.model for a in window.main.areas.values() for v in a.views]
    for model in models:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.data(model.index(row, column))))
    return "\n".join(texts)


def test_quick_hide_shortcut_locks_and_hides(qtbot: QtBot, demo_services: Services, vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services)
    view(window, "correspondence").table.selectRow(0)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_H, ctrl_shift)
    assert demo_services.is_locked and window.services is None
    assert window.windowState() & Qt.WindowState.WindowMinimized
    assert window.stack.currentWidget() is window.unlock_page


def test_quick_hide_button(qtbot: QtBot, demo_services: Services, vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services)
    assert window.main is not None and window.main.hide_button.isVisible()
    qtbot.mouseClick(window.main.hide_button, Qt.MouseButton.LeftButton)
    assert demo_services.is_locked
    assert window.windowState() & Qt.WindowState.WindowMinimized


def test_auto_lock_after_idle(qtbot: QtBot, demo_services: Services, vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services, idle_ms=300)
    assert window.idle.active
    qtbot.waitUntil(lambda: demo_services.is_locked, timeout=5000)
    assert window.stack.currentWidget() is window.unlock_page
    assert not window.idle.active  # the unlock page does not lock again


def test_activity_postpones_the_idle_lock(qtbot: QtBot) -> None:
    # Idle after 2 s, a key every 0.2 s: a wide margin, so a busy machine does not fire it.
    watcher = IdleWatcher(2000)
    watcher.start()
    target = QWidget()
    qtbot.addWidget(target)
    target.show()
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    for _ in range(4):
        qtbot.wait(200)
        qtbot.keyClick(target, Qt.Key.Key_A)
    assert fired == []
    qtbot.waitUntil(lambda: fired == [True], timeout=8000)
    watcher.stop()


def test_lock_leaves_no_record_text_in_any_model(qtbot: QtBot, demo_services: Services,
                                                 vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services)
    assert window.main is not None
    for key in window.main.pages:
        window.main.show_page(key)
    for area in window.main.areas.values():
        for list_view in area.views:
            list_view.refresh()
    letters = view(window, "correspondence")
    letters.table.selectRow(0)
    window.main.show_search()
    window.main.search.box.setText("minutes")
    window.main.search.run_search()
    subjects = [c.subject for c in demo_services.list_records(Correspondence)]
    words = subjects + [p.name for p in demo_services.list_records(Person)] + \
        [m.title for m in demo_services.list_records(Meeting) if m.title]
    # A title can be the same words as a kind of meeting, which the pickers list on purpose.
    words = [w for w in words if w not in MEETING_TYPE_LABELS.values()]
    before = _all_model_text(window)
    assert any(subject in before for subject in subjects)
    assert window.main.search.model.rowCount() > 0
    assert window.main.home.recent.list.count() > 0
    window.lock()
    assert _all_model_text(window) == ""
    # Every item view in the window (lists, tables, combo boxes, the chronology…): no record words.
    for item_view in window.findChildren(QAbstractItemView):
        model = item_view.model()
        if model is None:
            continue
        root = QModelIndex()
        for row in range(model.rowCount(root)):
            column = 0
            # List models keep columnCount private; walk the columns until the index is invalid.
            while (index := model.index(row, column, root)).isValid():
                text = str(model.data(index) or "")
                assert not any(w in text for w in words), (type(item_view).__name__, text)
                column += 1
    assert window.main.search.model.rowCount() == 0
    assert window.main.home.recent.list.count() == 0
    assert window.main.documents.table.rowCount() == 0
    assert letters.editor.form.record is None
    assert not any(letters.editor.form.has_text(s) for s in subjects)


def test_lock_closes_viewers(qtbot: QtBot, services: Services, vault_path: Path, tmp_path: Path) -> None:
    letter = services.save(Correspondence(subject="With a note", dated=date(2026, 1, 5)))
    note = tmp_path / "note.txt"
    note.write_text("private words", encoding="utf-8")
    services.import_attachment(note, link_to=letter.id)
    window = make_window(qtbot, vault_path, services)
    letters = view(window, "correspondence")
    letters.table.selectRow(0)
    panel = letters.editor.files
    panel.list.setCurrentRow(0)
    viewer = panel.open_current()
    assert viewer is not None and viewer.isVisible() and viewer.kind == "text"
    window.lock()
    assert panel.opener.viewers == []
    assert not viewer.isVisible()


def test_clipboard_is_cleared_after_copying(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    guard = ClipboardGuard(30)
    assert guard.pending is False
    guard.set_interval_ms(200)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("copied from a letter")
    assert guard.pending
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3000)
    assert not guard.pending


def test_clipboard_left_alone_when_someone_else_copied_later(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    guard = ClipboardGuard(30)
    guard.set_interval_ms(100)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("from the app")
    guard._copied = "from the app"
    clipboard.blockSignals(True)
    clipboard.setText("copied in another program")
    clipboard.blockSignals(False)
    guard.clear_now()
    assert clipboard.text() == "copied in another program"


def test_bundle_wizard_opens_modal_from_home_and_closes_on_lock(qtbot: QtBot, demo_services: Services,
                                                                vault_path: Path) -> None:
    from familyrecord.ui.export.wizard import ExportWizard

    window = make_window(qtbot, vault_path, demo_services)
    assert window.main is not None
    window.main.show_page("home")
    qtbot.mouseClick(window.main.home.bundle_button, Qt.MouseButton.LeftButton)
    wizard = window.main.wizard
    assert isinstance(wizard, ExportWizard) and wizard.isVisible() and wizard.isModal()
    wizard.close()
    window.main.show_page("chronology")
    qtbot.mouseClick(window.main.chronology.bundle_button, Qt.MouseButton.LeftButton)
    wizard = window.main.wizard
    assert isinstance(wizard, ExportWizard) and wizard.isVisible()
    window.lock()
    assert window.main.wizard is None


def test_chronology_opens_the_record_it_names(qtbot: QtBot, demo_services: Services,
                                              vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, demo_services)
    assert window.main is not None
    meeting = demo_services.list_records(Meeting)[0]
    window.main.chronology.view.open_record.emit(meeting.id)
    assert window.main.current_key() == "meetings"
    opened = window.main.areas["meetings"].views[0].editor.form.record
    assert opened is not None and opened.id == meeting.id


def test_screen_lock_locks_when_the_setting_is_on(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services)
    window.screen_lock._active_changed(False)  # the screensaver ending is not a lock
    assert not services.is_locked
    window.screen_lock._active_changed(True)
    assert services.is_locked and window.stack.currentWidget() is window.unlock_page


def test_screen_lock_ignored_when_the_setting_is_off(qtbot: QtBot, services: Services,
                                                     vault_path: Path) -> None:
    from familyrecord.settings import AppSettings

    window = make_window(qtbot, vault_path, services, settings=AppSettings(lock_on_screen_lock=False))
    window.screen_lock.screen_locked.emit()
    assert not services.is_locked


def test_a_hand_written_chronology_row_opens_the_chronology(qtbot: QtBot, services: Services,
                                                            vault_path: Path) -> None:
    from familyrecord.records.models import ChronologyEntry

    entry = services.save(ChronologyEntry(occurred_on=date(2026, 1, 9), text="Phoned the school"))
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    window.main.open_record(entry.id)
    assert window.main.current_key() == "chronology"


def test_a_busy_record_is_said_in_plain_words_not_as_a_crash(qtbot: QtBot, services: Services,
                                                            vault_path: Path) -> None:
    from familyrecord.storage.errors import VaultBusy
    from familyrecord.ui.app import user_errors_first

    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    crashes: list[object] = []
    hook = user_errors_first(window, lambda *args: crashes.append(args))
    hook(VaultBusy, VaultBusy("database is locked"), None)  # escaped from a click's handler
    assert window.main.notice.isVisible() and window.main.notice.text() == VaultBusy.user_message
    assert crashes == []
    hook(RuntimeError, RuntimeError("a bug"), None)
    assert len(crashes) == 1  # anything else is still the crash reporter's


def test_a_page_the_busy_record_could_not_show_is_tried_again(qtbot: QtBot, services: Services,
                                                              vault_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from familyrecord.storage.errors import VaultBusy

    window = make_window(qtbot, vault_path, services)
    main = window.main
    assert main is not None
    main._retry.setInterval(10)
    calls: list[int] = []

    def busy_once() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise VaultBusy("database is locked")

    monkeypatch.setattr(main.chronology, "refresh", busy_once)
    main.show_page("chronology")
    assert main.notice.isVisible() and main.notice.text() == VaultBusy.user_message
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=3000)
    assert not main.notice.isVisible()
