"""Passphrase and backups: change the passphrase, new recovery code, backup, check; recovery flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Person
from familyrecord.services import Services
from familyrecord.storage.errors import WrongPassphrase, WrongRecoveryCode
from familyrecord.ui.settings.safekeeping import SafekeepingDialog
from familyrecord.ui.start.pages import RecoveryCodePage
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui

NEW = "orange bicycle quiet harbour"


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> SafekeepingDialog:
    services.save(Person(name="Priya Shah"))
    made = SafekeepingDialog(services)
    qtbot.addWidget(made)
    made.show()
    return made


def _wait_idle(qtbot: QtBot, dialog: SafekeepingDialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.is_running, timeout=15000)
    qtbot.waitUntil(dialog.change_button.isEnabled, timeout=5000)


def test_change_passphrase(qtbot: QtBot, dialog: SafekeepingDialog, services: Services,
                           vault_path: Path) -> None:
    dialog.new_passphrase.setText("short")
    dialog.repeat.setText("short")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert "at least" in dialog.message.text() and dialog.task is None
    dialog.new_passphrase.setText(NEW)
    dialog.repeat.setText(NEW + " typo")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert "not the same" in dialog.message.text() and dialog.task is None
    dialog.repeat.setText(NEW)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "changed" in dialog.message.text()
    assert dialog.new_passphrase.text() == "" and dialog.repeat.text() == ""
    with pytest.raises(WrongPassphrase):
        Services.open(vault_path, PASSPHRASE)
    Services.open(vault_path, NEW).lock()


def test_new_recovery_code_is_shown_once(qtbot: QtBot, dialog: SafekeepingDialog,
                                         vault_path: Path) -> None:
    old_code = dialog._services.new_recovery_code()
    qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.code_dialog.isVisible(), timeout=5000)
    page = dialog.code_dialog.findChild(RecoveryCodePage)
    assert page is not None
    code = page.code.text()
    assert code.count("-") == 5 and not page.continue_button.isEnabled()
    page.written.setChecked(True)
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    Services.open_with_recovery_code(vault_path, code).lock()
    with pytest.raises(WrongRecoveryCode):
        Services.open_with_recovery_code(vault_path, old_code)


def test_backup_and_check(qtbot: QtBot, dialog: SafekeepingDialog, tmp_path: Path) -> None:
    dialog.make_backup(tmp_path / "usb" / "family-backup")
    _wait_idle(qtbot, dialog)
    written = tmp_path / "usb" / "family-backup.frvault"
    assert str(written) in dialog.message.text()
    restored = Services.restore(written, tmp_path / "restored.frvault", PASSPHRASE)
    assert [p.name for p in restored.list_records(Person)] == ["Priya Shah"]
    restored.lock()
    dialog.make_backup(written)  # never overwrites
    _wait_idle(qtbot, dialog)
    assert "already" in dialog.message.text()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "Your record is whole" in dialog.message.text()


def test_interactive_widgets_are_named(dialog: SafekeepingDialog) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    for widget in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLineEdit):
        if widget.isVisible():
            assert widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())


def test_recovery_unlock_asks_for_a_new_passphrase(qtbot: QtBot, vault_path: Path) -> None:
    opened, code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    opened.lock()
    window = make_window(qtbot, vault_path)
    page = window.unlock_page
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    page.secret.setText(code)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(SafekeepingDialog) is not None, timeout=10000)
    dialog = window.findChild(SafekeepingDialog)
    assert dialog is not None and dialog.isVisible() and dialog.intro.isVisible()
    assert "recovery code" in dialog.intro.text()
    dialog.new_passphrase.setText(NEW)
    dialog.repeat.setText(NEW)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    window.lock()
    Services.open(vault_path, NEW).lock()


def test_closing_mid_work_lets_the_work_finish(qtbot: QtBot, services: Services,
                                               tmp_path: Path) -> None:
    from familyrecord.ui.settings import safekeeping

    made = SafekeepingDialog(services)
    made.show()
    made.make_backup(tmp_path / "during-lock")
    task = made.task
    assert task is not None and task in safekeeping._unfinished
    made.close()
    made.deleteLater()  # as when locking closes it
    qtbot.waitUntil(lambda: task not in safekeeping._unfinished, timeout=15000)
    restored = Services.restore(tmp_path / "during-lock.frvault", tmp_path / "r.frvault", PASSPHRASE)
    restored.lock()


def test_backup_message_names_one_file(qtbot: QtBot, dialog: SafekeepingDialog, tmp_path: Path) -> None:
    dialog.make_backup(tmp_path / "one")
    _wait_idle(qtbot, dialog)
    said = dialog.message.text()
    assert str(tmp_path / "one.frvault") in said
    assert "beside" not in said and ".keys" not in said  # a backup is one file now
    assert not (tmp_path / "one.frvault.keys").exists()


def test_receipt_made_shown_copied_saved_and_checked(qtbot: QtBot, dialog: SafekeepingDialog,
                                                     services: Services, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from familyrecord.storage.receipts import ReceiptCodeInvalid

    box = dialog.receipts
    assert not box.shown.isVisible() and not box.given.isVisible()
    qtbot.mouseClick(box.make_button, Qt.MouseButton.LeftButton)
    code = box.code.text()
    assert code.startswith("R-") and box.shown.isVisible()
    assert [r.code for r in services.safekeeping.receipts()] == [code]  # kept in the record
    assert box.given.count() == 1 and code in box.given.item(0).text()
    assert box.qr.pixmap() is not None and not box.qr.pixmap().isNull()
    # Copy: the code, exactly.
    box.copy_button.click()  # (below the fold of the dialog's scroll area: a mouse click would miss)
    assert QGuiApplication.clipboard().text() == code
    # Save the QR picture: owner-only, whole, the same picture the record makes for the code.
    assert box.save_qr(tmp_path / "qr" / "receipt")
    saved = tmp_path / "qr" / "receipt.png"
    assert saved.read_bytes() == services.safekeeping.receipt_qr_png(code)
    assert saved.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in saved.parent.iterdir()] == ["receipt.png"]  # no temporary left
    # Check it (as it might come back typed by hand: lower case, spaces).
    box.check_field.setText(code.lower().replace("-", " "))
    box.check_button.click()
    _wait_idle(qtbot, dialog)
    assert "matches your record" in dialog.message.text()
    # A receipt of this record's shape that it never gave does not match.
    seq = code.split("-")[1]
    box.check_field.setText(f"R-{seq}-0000-0000-0000-0000")
    box.check()
    _wait_idle(qtbot, dialog)
    assert "does not match" in dialog.message.text()
    box.check_field.setText("not a code")
    box.check()
    _wait_idle(qtbot, dialog)
    assert dialog.message.text() == ReceiptCodeInvalid.user_message
    dialog.clear()  # on lock
    assert box.code.text() == "" and box.qr.pixmap().isNull() and not box.shown.isVisible()


def test_check_offers_a_receipt_and_rebuilds_search(qtbot: QtBot, dialog: SafekeepingDialog,
                                                    services: Services) -> None:
    from tests.vault_access import vault_of

    assert not dialog.repair_button.isVisible()
    with vault_of(services).transaction() as conn:
        conn.execute("DELETE FROM search_index")  # search no longer true to the record
    assert services.search("Priya") == []
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "search is not up to date" in dialog.message.text()
    assert dialog.repair_button.isVisible()
    qtbot.mouseClick(dialog.repair_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "Search is rebuilt" in dialog.message.text() and not dialog.repair_button.isVisible()
    assert [h.summary for h in services.search("Priya")] == ["Priya Shah"]
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "Your record is whole" in dialog.message.text() and "receipt" in dialog.message.text()
