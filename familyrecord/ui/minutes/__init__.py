"""The official minutes against what was said: compare statement by statement, mark, list what
was left out, and ask for corrections.

Entry point for other views (the meeting form's "Compare with the minutes…"):
`open_minutes_comparison(parent, services, meeting_id)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.errors import RecordNotFound
from familyrecord.ui.minutes.window import MinutesWindow, main_window_opener

__all__ = ["MinutesWindow", "open_minutes_comparison"]


def host_window(parent: QWidget) -> QWidget:
    """The window to open over, which locking the record closes with its own: the parent's, or
    (a form that lends its pages to tabs is in no window itself) the active one."""
    top = parent.window()
    if top.isVisible():
        return top
    active = QApplication.activeWindow()
    if active is not None:
        return active
    return next((w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "main")), top)


def open_minutes_comparison(parent: QWidget, services: Services, meeting_id: str) -> None:
    """Show the comparison of a meeting's minutes (the window already open for it, if any)."""
    host = host_window(parent)
    window = next((w for w in host.findChildren(MinutesWindow)
                   if isValid(w) and w.isVisible() and w.meeting.id == meeting_id), None)
    if window is None:
        meeting = services.get(meeting_id)
        if not isinstance(meeting, Meeting):
            raise RecordNotFound(f"meeting {meeting_id}")
        window = MinutesWindow(services, meeting, main_window_opener(host), host)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
    else:
        window.raise_()
    window.activateWindow()
