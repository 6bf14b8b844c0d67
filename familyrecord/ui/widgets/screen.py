"""The screen a window lives on: never make a window larger than the room the desktop leaves.

On a 1366x768 laptop with text at 200%, a window that sized itself to its contents would push
Lock, Hide now and Save off the screen. Windows ask here for the room they may take.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window takes when nothing says otherwise (a comfortable size on a large screen).
PREFERRED = QSize(1280, 860)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The desktop's free area (without panels and docks) on the widget's screen."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (a test harness without a platform): be generous
        return QRect(0, 0, PREFERRED.width(), PREFERRED.height())
    return screen.availableGeometry()


def frame_extra(window: QWidget) -> QSize:
    """How much the window manager's frame (title bar, borders) adds to the window."""
    frame, inner = window.frameGeometry(), window.geometry()
    return QSize(max(0, frame.width() - inner.width()), max(0, frame.height() - inner.height()))


def room_for(window: QWidget) -> QSize:
    """The largest size (without its frame) the window may take on its screen."""
    free = available_geometry(window).size()
    extra = frame_extra(window)
    return QSize(max(200, free.width() - extra.width()), max(200, free.height() - extra.height()))


def first_size(window: QWidget) -> QSize:
    """The size a new window opens at: PREFERRED on a large screen, all the room on a small one
    (a laptop's 1366x768 has no width to spare)."""
    room = room_for(window)
    if room.width() < PREFERRED.width() * 1.15 or room.height() < PREFERRED.height() * 1.15:
        return room
    return PREFERRED


def cap_to_screen(window: QWidget, wanted: QSize | None = None) -> QSize:
    """Limit the window to its screen (and resize it to `wanted`, within that); returns the limit."""
    room = room_for(window)
    window.setMaximumSize(room)
    target = (wanted or window.size()).boundedTo(room)
    if target != window.size():
        window.resize(target)
    return room
