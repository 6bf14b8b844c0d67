"""The crash report carries no record content; Qt messages reach logging; settings apply."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from familyrecord import paths
from familyrecord import settings as settings_mod
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.storage.errors import WrongPassphrase
from familyrecord.ui.crash import (
    LOG_FILE,
    CrashDialog,
    crash_report,
    install_excepthook,
    qt_message_handler,
    setup_logging,
)
from familyrecord.ui.settings.dialog import SettingsDialog
from familyrecord.ui.widgets.theme import apply_appearance
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui
SECRET = "Mia told the worker about the bruise"


def _raise() -> None:
    raise ValueError(SECRET)


def test_crash_report_names_the_error_not_its_content() -> None:
    try:
        _raise()
    except ValueError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__)
    assert "builtins.ValueError" in report
    assert "in _raise" in report and "test_ui_crash_settings.py" in report
    assert SECRET not in report
    assert str(Path.home()) not in report


def test_known_errors_get_their_plain_meaning() -> None:
    exc = WrongPassphrase("detail with a path /home/someone")
    report = crash_report(type(exc), exc, None)
    assert WrongPassphrase.user_message in report and "/home/someone" not in report


@pytest.fixture
def log_handler() -> Iterator[logging.Handler]:
    logger = logging.getLogger("familyrecord")
    level = logger.level
    handler = setup_logging()
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)
    handler.close()


def test_hook_shows_a_calm_dialog_and_logs_without_content(qtbot: QtBot,
                                                           log_handler: logging.Handler) -> None:
    previous = install_excepthook()
    try:
        try:
            _raise()
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert "builtins.ValueError" in dialog.report.toPlainText()
    assert SECRET not in dialog.report.toPlainText()
    dialog.copy()
    assert QApplication.clipboard().text() == dialog.report.toPlainText()
    dialog.close()
    log_handler.flush()
    written = (paths.log_dir() / LOG_FILE).read_text(encoding="utf-8")
    assert "builtins.ValueError" in written and SECRET not in written


def test_qt_messages_go_to_python_logging(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="familyrecord.qt"):
        qt_message_handler(QtMsgType.QtWarningMsg, QMessageLogContext(), "a Qt warning")
    assert [(r.name, r.levelno) for r in caplog.records] == [("familyrecord.qt", logging.WARNING)]
    assert "a Qt warning" in caplog.records[0].getMessage()


@pytest.fixture
def restore_appearance() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, palette = QFont(app.font()), QPalette(app.palette())
    sheet = app.styleSheet()
    yield
    # The style itself (Fusion, set once) stays: replacing it under live widgets crashes Qt.
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setFont(font)


def test_text_size_and_theme_apply(restore_appearance: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_appearance(app, AppSettings(text_scale_percent=200, theme="dark"))
    assert app.font().pointSizeF() == pytest.approx(24.0)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    apply_appearance(app, AppSettings(text_scale_percent=100, theme="light"))
    assert app.font().pointSizeF() == pytest.approx(12.0)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    apply_appearance(app, AppSettings(text_scale_percent=500))  # never past 200%
    assert app.font().pointSizeF() == pytest.approx(24.0)


def test_settings_dialog_saves_and_applies(qtbot: QtBot, services: Services, vault_path: Path,
                                           restore_appearance: None) -> None:
    window = make_window(qtbot, vault_path, services)
    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    dialog.auto_lock.setValue(9)
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(150))
    dialog.remember.setChecked(True)
    dialog.tabs.setCurrentIndex(1)
    dialog.transcription.names.setPlainText("Tom Price, Amir Khan")
    dialog.save()
    assert window.settings.auto_lock_minutes == 9 and window.idle.timeout_ms == 9 * 60_000
    assert settings_mod.load().initial_prompt == "Tom Price, Amir Khan"
    assert settings_mod.load().text_scale_percent == 150
    assert services.is_remembered()
    assert QApplication.instance().font().pointSizeF() == pytest.approx(18.0)  # type: ignore[union-attr]


def test_settings_keyring_disabled_with_reason(qtbot: QtBot, services: Services,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Services, "keyring_availability", staticmethod(lambda: (False, "No keyring here.")))
    dialog = SettingsDialog(AppSettings(), services)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert dialog.keyring_note.text() == "No keyring here."


def test_run_starts_the_app_on_the_welcome_page(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                 restore_appearance: None) -> None:
    from familyrecord.ui import app as app_module
    from familyrecord.ui.app import AppWindow

    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    logger = logging.getLogger("familyrecord")
    hook, handlers, level = sys.excepthook, list(logger.handlers), logger.level
    try:
        assert app_module.run([]) == 0
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, AppWindow) and w.isVisible()]
        assert len(windows) == 1
        window = windows[0]
        qtbot.addWidget(window)
        assert window.stack.currentWidget() is window.welcome  # no record yet: the welcome
        assert sys.excepthook is not hook  # the calm crash dialog is in place
        assert (paths.log_dir() / LOG_FILE).exists()
    finally:
        sys.excepthook = hook
        logger.setLevel(level)
        for handler in list(logger.handlers):
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()
