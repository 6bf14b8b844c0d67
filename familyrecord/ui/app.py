"""The app window and its entry point: welcome or unlock, then the main view; lock, quick hide.

`AppWindow` owns the open Services. Locking drops every decrypted thing the views hold, closes
viewers and dialogs, locks the vault and shows the unlock page again. Opening and creating run
on a worker thread because deriving the key takes a second or more on purpose.

One window per record: while a window has a record open (or is opening it) it holds the record's
window lock (storage.gui_lock); a second window says plainly that the record is open elsewhere.
The window never grows past its screen (widgets.screen).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget
from shiboken6 import isValid

from familyrecord import settings as settings_mod
from familyrecord.errors import UserError
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.storage.errors import VaultInUse
from familyrecord.storage.gui_lock import acquire_gui_lock
from familyrecord.storage.keyslots import KdfParams
from familyrecord.ui.main_window import MainView
from familyrecord.ui.safety import ClipboardGuard, IdleWatcher, ScreenLockWatcher
from familyrecord.ui.start.pages import CreatePage, RecoveryCodePage, UnlockPage, WelcomePage
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.screen import cap_to_screen, first_size
from familyrecord.ui.widgets.workers import Task

log = logging.getLogger(__name__)


class AppWindow(QMainWindow):
    def __init__(self, settings: AppSettings, *, vault_path: Path | None = None,
                 idle_ms: int | None = None, kdf: KdfParams | None = None,
                 save_settings: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.vault_path = Path(vault_path) if vault_path else settings.effective_vault_path()
        self.services: Services | None = None
        self.main: MainView | None = None
        self._kdf = kdf
        self._save_settings = save_settings
        self._task: Task | None = None
        self._window_lock: ExitStack | None = None  # held while this window has the record
        self._locked_path: Path | None = None
        self._family_name = ""  # kept in memory only, for the unlock page after locking
        self._watching_screen = False
        self.setWindowTitle(self.tr("FamilyRecord"))
        self.setAccessibleName(self.tr("FamilyRecord"))
        # Never larger than the screen: on a 1366x768 laptop the Save buttons must stay visible.
        cap_to_screen(self, first_size(self))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.welcome = WelcomePage()
        self.create_page = CreatePage(self.vault_path)
        self.recovery = RecoveryCodePage()
        self.unlock_page = UnlockPage()
        for page in (self.welcome, self.create_page, self.recovery, self.unlock_page):
            self.stack.addWidget(page)
        self.welcome.create_requested.connect(lambda: self._show(self.create_page))
        self.welcome.open_requested.connect(self.use_vault_file)
        self.create_page.back.connect(lambda: self._show(self.welcome))
        self.create_page.submitted.connect(self.create_vault)
        self.recovery.confirmed.connect(self._recovery_confirmed)
        self.unlock_page.unlock.connect(self.unlock)
        self.unlock_page.other_file.connect(self.use_vault_file)
        minutes = max(1, settings.auto_lock_minutes)
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.clipboard_guard = ClipboardGuard(settings.clipboard_clear_seconds, self)
        self.screen_lock = ScreenLockWatcher(self)
        self.screen_lock.screen_locked.connect(self._screen_locked)
        hide = QShortcut(QKeySequence("Ctrl+Shift+H"), self, self.quick_hide)
        hide.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.show_start()

    # ---- start -----------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        first = {self.welcome: self.welcome.create_button, self.create_page: self.create_page.family,
                 self.recovery: self.recovery.print_button,
                 self.unlock_page: self.unlock_page.secret}.get(page)
        if first is not None:
            first.setFocus()

    def show_start(self, allow_remembered: bool = True) -> None:
        """Unlock when a record file exists here (or open straight away when remembered), else welcome."""
        if self.vault_path.is_file():
            remembered = Services.open_remembered(self.vault_path) if allow_remembered else None
            if remembered is not None:
                self.enter_main(remembered)
                return
            self.unlock_page.set_vault(self.vault_path, self._family_name)
            self.unlock_page.set_keyring(*Services.keyring_availability())
            self._show(self.unlock_page)
            self.unlock_page.secret.setFocus()
        else:
            self._show(self.welcome)

    def use_vault_file(self, path: str) -> None:
        self.vault_path = Path(path)
        self._family_name = ""
        self.settings.vault_path = str(self.vault_path)
        self._store_settings()
        self.show_start()

    def _run(self, job: Callable[[], object], done: Callable[[Any], None],
             failed: Callable[[BaseException], None]) -> None:
        task = Task(lambda _progress, _cancelled: job(), self)
        task.finished.connect(done)
        task.failed.connect(failed)
        for signal in (task.finished, task.failed):
            signal.connect(lambda _result: task.deleteLater())
        self._task = task
        task.start()

    # ---- one window per record -------------------------------------------------------------

    def _hold_record(self, path: Path) -> None:
        """Take the record's window lock (kept until lock()); raises VaultInUse when another
        FamilyRecord window has the record open."""
        target = path.resolve()
        if self._window_lock is not None and self._locked_path == target:
            return
        self._release_record()
        held = ExitStack()
        held.enter_context(acquire_gui_lock(target))
        self._window_lock, self._locked_path = held, target

    def _release_record(self) -> None:
        if self._window_lock is not None:
            self._window_lock.close()
        self._window_lock = self._locked_path = None

    @property
    def holds_record(self) -> bool:
        return self._window_lock is not None

    # ---- create ----------------------------------------------------------------------------

    def create_vault(self, path: str, passphrase: str, family_name: str) -> None:
        self.create_page.set_busy(True)
        target = Path(path)
        kdf = self._kdf
        self._run(lambda: Services.create(target, passphrase, family_name=family_name, kdf=kdf),
                  lambda result: self._created(target, result), self._create_failed)

    def _created(self, path: Path, result: tuple[Services, str]) -> None:
        self.create_page.set_busy(False)
        self.create_page.clear()
        self.vault_path = path
        self.settings.vault_path = str(path)
        self._store_settings()
        self.services, code = result
        try:
            self._hold_record(self.services.record_path)
        except VaultInUse as exc:  # another window opened it in the second since it was made
            self.services.lock()
            self.services = None
            self.show_start(allow_remembered=False)
            self.unlock_page.show_error(error_text(exc))
            return
        self.recovery.set_code(code)
        self._show(self.recovery)

    def _create_failed(self, exc: BaseException) -> None:
        self.create_page.set_busy(False)
        self.create_page.show_error(error_text(exc, os_error=self.tr(
            "The record file could not be made there. Choose another place.")))

    def _recovery_confirmed(self) -> None:
        self.recovery.clear()
        if self.services is not None:
            self.enter_main(self.services)

    # ---- unlock ----------------------------------------------------------------------------

    def unlock(self, mode: str, secret: str, remember: bool) -> None:
        path = self.vault_path
        try:
            self._hold_record(path)  # before the slow key derivation: say at once if it is open
        except VaultInUse as exc:
            self.unlock_page.show_error(error_text(exc))
            return
        self.unlock_page.set_busy(True)
        if mode == "recovery":
            self._run(lambda: Services.open_with_recovery_code(path, secret),
                      lambda s: self._unlocked(s, remember, by_recovery_code=True), self._unlock_failed)
        else:
            self._run(lambda: Services.open(path, secret),
                      lambda s: self._unlocked(s, remember), self._unlock_failed)

    def _unlocked(self, services: Services, remember: bool, by_recovery_code: bool = False) -> None:
        self.unlock_page.set_busy(False)
        self.unlock_page.clear()
        if remember:
            try:
                services.remember_on_this_computer(True)
            except UserError as exc:
                log.info("could not remember the vault: %s", type(exc).__name__)
        self.enter_main(services)
        if by_recovery_code:
            # The passphrase is forgotten: ask for a new one at once, not at the next unlock.
            self.open_safekeeping(must_change_passphrase=True)

    def _unlock_failed(self, exc: BaseException) -> None:
        self._release_record()
        self.unlock_page.set_busy(False)
        self.unlock_page.show_error(error_text(exc))

    # ---- main ------------------------------------------------------------------------------

    def enter_main(self, services: Services) -> None:
        try:
            self._hold_record(services.record_path)
        except VaultInUse as exc:
            services.lock()
            self.services = None
            self.unlock_page.set_vault(self.vault_path, self._family_name)
            self.unlock_page.set_keyring(*Services.keyring_availability())
            self._show(self.unlock_page)
            self.unlock_page.show_error(error_text(exc))
            return
        self.services = services
        self._family_name = services.family_name
        # Transcriptions a crash or a kill left 'running' go back in the queue, to resume.
        services.transcription.recover()
        if self.main is not None:
            self.stack.removeWidget(self.main)
            self.main.deleteLater()
        self.main = MainView(services)
        self.main.lock_requested.connect(self.lock)
        self.main.hide_requested.connect(self.quick_hide)
        self.main.settings_requested.connect(self.open_settings)
        self.main.safekeeping_requested.connect(self.open_safekeeping)
        self.stack.addWidget(self.main)
        self.stack.setCurrentWidget(self.main)
        self.main.refresh_title()
        self.main.show_page("home")
        self.main.nav.setFocus()
        self.idle.start()

    def lock(self) -> None:
        """Drop all decrypted data, lock the vault, and ask for the passphrase again."""
        self.idle.stop()
        self.clipboard_guard.clear_now()
        if self.main is not None:
            self.main.clear()
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self and dialog.isVisible():
                dialog.close()
        if self.services is not None:
            self._family_name = self.services.family_name or self._family_name
            self.services.lock()
            self.services = None
        self._release_record()
        self.recovery.clear()
        self.setWindowTitle(self.tr("FamilyRecord"))
        self.show_start(allow_remembered=False)

    def quick_hide(self) -> None:
        """Lock and get the window off the screen at once."""
        self.lock()
        self.showMinimized()

    def _screen_locked(self) -> None:
        if self.settings.lock_on_screen_lock and self.services is not None:
            self.lock()

    # ---- settings --------------------------------------------------------------------------

    def open_settings(self) -> QWidget:
        from familyrecord.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self.apply_settings)
        dialog.open()
        return dialog

    def open_safekeeping(self, must_change_passphrase: bool = False) -> QWidget:
        from familyrecord.ui.settings.safekeeping import SafekeepingDialog

        assert self.services is not None
        dialog = SafekeepingDialog(self.services, self, must_change_passphrase=must_change_passphrase)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def apply_settings(self, new: AppSettings) -> None:
        from familyrecord.ui.widgets.theme import apply_appearance

        self.settings = new
        self._store_settings()
        self.idle.set_timeout(max(1, new.auto_lock_minutes) * 60_000)
        self.clipboard_guard.set_seconds(new.clipboard_clear_seconds)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, new)

    def _store_settings(self) -> None:
        if self._save_settings:
            try:
                settings_mod.save(self.settings)
            except OSError as exc:
                log.warning("settings not saved: %s", type(exc).__name__)

    def show_user_error(self, exc: UserError) -> None:
        """A UserError nobody caught (the record busy in a click's handler, say): its plain words
        above the page, or on the start page showing, never the crash dialog."""
        text = error_text(exc)
        if self.main is not None and self.stack.currentWidget() is self.main:
            self.main.show_notice(text)
        elif self.stack.currentWidget() is self.unlock_page:
            self.unlock_page.show_error(text)
        elif self.stack.currentWidget() is self.create_page:
            self.create_page.show_error(text)
        else:
            self.welcome.show_error(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_screen()  # the frame's size is known once shown
        handle = self.windowHandle()
        if handle is not None and not self._watching_screen:
            handle.screenChanged.connect(self.fit_screen)
            self._watching_screen = True

    def fit_screen(self, *_screen: object) -> None:
        cap_to_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None and isValid(self._task) and self._task.is_running:
            self._task.wait()
        self.lock()
        super().closeEvent(event)


def run(argv: list[str]) -> int:
    """Start the desktop app; returns the exit code."""
    from familyrecord.ui.crash import install_excepthook, route_qt_messages, setup_logging
    from familyrecord.ui.widgets.collector import collect_on_gui_thread
    from familyrecord.ui.widgets.theme import apply_appearance

    setup_logging()
    route_qt_messages()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "familyrecord", *argv])
    collect_on_gui_thread(app)  # the timer is the app's child: it lives as long as the app
    assert isinstance(app, QApplication)
    app.setApplicationName("FamilyRecord")
    app.setDesktopFileName("org.familyrecord.FamilyRecord")
    settings = settings_mod.load()
    apply_appearance(app, settings)
    window = AppWindow(settings)
    install_excepthook(lambda: window)
    sys.excepthook = user_errors_first(window, sys.excepthook)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_appearance(app, window.settings))
    window.show()
    return int(app.exec())


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def user_errors_first(window: AppWindow, crash_hook: ExceptHook) -> ExceptHook:
    """An exception hook that shows a UserError's own words in the window (another window or
    command using the record, a full disk) and hands anything else to the crash reporter."""
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserError) and isValid(window):
            log.info("shown to the family: %s", exc_type.__name__)
            window.show_user_error(exc)
            return
        crash_hook(exc_type, exc, tb)

    return hook
