"""Safety helpers: lock after idle time, lock on screen lock, clear the clipboard after a while."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import SLOT, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Emits `idle` when nobody has touched the app for `timeout_ms` (0: never)."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_timeout(timeout_ms)

    def set_timeout(self, timeout_ms: int) -> None:
        self._timeout = max(0, int(timeout_ms))
        self._timer.setInterval(self._timeout)
        self.restart()

    @property
    def timeout_ms(self) -> int:
        return self._timeout

    def start(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.restart()

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def restart(self) -> None:
        if self._timeout > 0:
            self._timer.start()
        else:
            self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class ClipboardGuard(QObject):
    """Clears text this app put on the clipboard after `seconds` (0: never), and on lock."""

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_now)
        self._copied: str | None = None
        self.set_seconds(seconds)
        clipboard = QGuiApplication.clipboard()
        clipboard.dataChanged.connect(self._changed)

    def set_seconds(self, seconds: int) -> None:
        self._ms = max(0, int(seconds)) * 1000

    def set_interval_ms(self, ms: int) -> None:
        """For tests: a short wait instead of whole seconds."""
        self._ms = max(0, int(ms))

    @Slot()
    def _changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        # Only what this app copied is ours to clear: the platform says so, or the change came
        # while one of our windows had the focus. Someone else's copy is left alone.
        ours = clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None
        if ours and self._ms > 0 and clipboard.text():
            self._copied = clipboard.text()
            self._timer.start(self._ms)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def clear_now(self) -> None:
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._copied is not None and clipboard.text() == self._copied:
            clipboard.clear(QClipboard.Mode.Clipboard)
        self._copied = None


class ScreenLockWatcher(QObject):
    """Emits `screen_locked` when the desktop says the screen locked (where Qt can tell).

    On Linux desktops the freedesktop and GNOME screensaver services announce it over the session
    D-Bus; elsewhere the application going to the 'suspended' state is the only sign Qt gives.
    """

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connected_to: list[str] = []
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
        if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            self._connect_dbus()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.screen_locked.emit()

    def _connect_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                              ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
            slot = SLOT("_active_changed(bool)").encode()
            try:
                if bus.connect(service, path, service, "ActiveChanged", self, slot):
                    self.connected_to.append(service)
            except (TypeError, RuntimeError) as exc:  # a binding quirk must not stop the app
                log.info("screen lock signal not connected: %s", type(exc).__name__)

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()
