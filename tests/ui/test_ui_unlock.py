"""Unlock screen: wrong passphrase, recovery code, remember on this computer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Person
from familyrecord.services import Services
from familyrecord.storage.errors import WrongPassphrase
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui


@pytest.fixture
def locked_vault(vault_path: Path) -> tuple[Path, str]:
    opened, code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    opened.save(Person(name="Priya Shah"))
    opened.lock()
    return vault_path, code


def _unlock(qtbot: QtBot, window: object, secret: str) -> None:
    page = window.unlock_page  # type: ignore[attr-defined]
    page.secret.clear()
    qtbot.keyClicks(page.secret, secret)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=10000)


def test_wrong_passphrase_is_a_gentle_message_and_nothing_else(qtbot: QtBot,
                                                               locked_vault: tuple[Path, str]) -> None:
    path, _code = locked_vault
    window = make_window(qtbot, path)
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    _unlock(qtbot, window, "not the passphrase")
    assert page.error.text() == WrongPassphrase.user_message
    assert window.services is None and window.main is None
    assert window.stack.currentWidget() is page
    _unlock(qtbot, window, PASSPHRASE)
    assert window.services is not None and window.stack.currentWidget() is window.main


def test_empty_passphrase_asks_first(qtbot: QtBot, locked_vault: tuple[Path, str]) -> None:
    window = make_window(qtbot, locked_vault[0])
    qtbot.mouseClick(window.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert "Please type" in window.unlock_page.error.text()
    assert window.services is None


def test_recovery_code_opens(qtbot: QtBot, locked_vault: tuple[Path, str]) -> None:
    path, code = locked_vault
    window = make_window(qtbot, path)
    page = window.unlock_page
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert page.mode == "recovery" and page.secret.accessibleName() == "Recovery code"
    _unlock(qtbot, window, "AAAA-BBBB")
    assert window.services is None and "recovery code" in page.error.text()
    _unlock(qtbot, window, code.lower())
    assert window.services is not None
    assert [p.name for p in window.services.list_records(Person)] == ["Priya Shah"]


def test_remember_on_this_computer(qtbot: QtBot, locked_vault: tuple[Path, str]) -> None:
    path, _code = locked_vault
    window = make_window(qtbot, path)
    assert window.unlock_page.remember.isEnabled()
    window.unlock_page.remember.setChecked(True)
    _unlock(qtbot, window, PASSPHRASE)
    assert window.services is not None and window.services.is_remembered()
    window.lock()
    # Locking means locked: the remembered key does not open it again by itself.
    assert window.services is None and window.stack.currentWidget() is window.unlock_page
    window.close()
    second = make_window(qtbot, path)
    assert second.services is not None  # a new start opens it without the passphrase
    second.lock()


def test_remember_is_disabled_with_the_reason_when_no_keyring(qtbot: QtBot, locked_vault: tuple[Path, str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Services, "keyring_availability",
                        staticmethod(lambda: (False, "No secure password store here.")))
    window = make_window(qtbot, locked_vault[0])
    page = window.unlock_page
    assert not page.remember.isEnabled() and not page.remember.isChecked()
    assert page.remember_note.text() == "No secure password store here."


def test_create_refuses_mismatched_passphrases(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "new.frvault")
    window.welcome.create_requested.emit()
    page = window.create_page
    qtbot.keyClicks(page.passphrase, "one two three four")
    qtbot.keyClicks(page.repeat, "one two three five")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "not the same" in page.error.text()
    assert not (tmp_path / "new.frvault").exists()
    page.passphrase.setText("short")
    page.repeat.setText("short")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "at least" in page.error.text()
    assert not (tmp_path / "new.frvault").exists()


def test_unlock_page_names_the_family_never_the_folder(qtbot: QtBot, locked_vault: tuple[Path, str]) -> None:
    path, _code = locked_vault
    opened = Services.open(path, PASSPHRASE)
    opened.set_family_name("The Shah family")
    opened.lock()
    window = make_window(qtbot, path)
    where = window.unlock_page.where.text()
    assert path.name in where and str(path.parent) not in where  # before unlocking: the file's name
    _unlock(qtbot, window, PASSPHRASE)
    window.lock()
    where = window.unlock_page.where.text()
    assert "The Shah family" in where and str(path.parent) not in where and path.name not in where


def test_one_window_per_record(qtbot: QtBot, locked_vault: tuple[Path, str]) -> None:
    from familyrecord.storage.errors import VaultInUse

    path, _code = locked_vault
    first = make_window(qtbot, path)
    _unlock(qtbot, first, PASSPHRASE)
    assert first.services is not None and first.holds_record
    second = make_window(qtbot, path)
    _unlock(qtbot, second, PASSPHRASE)
    assert second.unlock_page.error.text() == VaultInUse.user_message
    assert second.services is None and second.main is None and not second.holds_record
    # A record opened some other way (remembered, say) is refused the same way.
    second.enter_main(Services.open(path, PASSPHRASE))
    assert second.services is None and second.stack.currentWidget() is second.unlock_page
    assert second.unlock_page.error.text() == VaultInUse.user_message
    first.lock()
    assert not first.holds_record
    _unlock(qtbot, second, PASSPHRASE)
    assert second.services is not None and second.stack.currentWidget() is second.main
    second.close()
    assert not second.holds_record
