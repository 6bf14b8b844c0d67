"""Letters and e-mails in: the review queue ("Add letters and e-mails…") and reading pictures after saving.

Entry point for other views: `open_intake(parent, services, paths)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from familyrecord.services import Services
from familyrecord.ui.intake.window import IntakeWindow

__all__ = ["IntakeWindow", "open_intake", "own_addresses_of"]


def own_addresses_of(widget: QWidget) -> list[str]:
    """The family's own e-mail addresses from the app's settings (none when it has no such setting)."""
    settings = getattr(widget.window(), "settings", None)
    addresses = getattr(settings, "own_email_addresses", [])
    return [str(a) for a in addresses] if isinstance(addresses, list | tuple) else []


def open_intake(parent: QWidget, services: Services, paths: Sequence[Path] = ()) -> IntakeWindow:
    """Show the review queue (the one already open, if any) and read `paths` into it."""
    window = next((w for w in parent.findChildren(IntakeWindow) if isValid(w) and w.isVisible()), None)
    if window is None:
        window = IntakeWindow(services, own_addresses_of(parent), parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
    else:
        window.raise_()
    window.activateWindow()
    window.add_paths(list(paths))
    return window
