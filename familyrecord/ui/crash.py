"""Crash plumbing: a rotating log file, Qt's messages in Python logging, and a calm error dialog.

Nothing here ever writes record content. A report names the kind of error and where in the code
it happened (file, line, function), never the error's message, which could quote a record.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord import __version__, paths
from familyrecord.storage.errors import VaultError
from familyrecord.ui.widgets.common import button, named

log = logging.getLogger(__name__)
LOG_FILE = "familyrecord.log"
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def setup_logging(level: int = logging.INFO) -> logging.Handler:
    """Log to a rotating file in the platform log folder (1 MB, three old files kept)."""
    handler = logging.handlers.RotatingFileHandler(paths.log_dir() / LOG_FILE, maxBytes=1_000_000,
                                                   backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("familyrecord")
    root.addHandler(handler)
    root.setLevel(level)
    return handler


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("familyrecord.qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s (%s)",
                                             message, context.category or "qt")


def route_qt_messages() -> None:
    qInstallMessageHandler(qt_message_handler)


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """A report safe to share: versions, the error's kind, and code locations only."""
    lines = [
        f"FamilyRecord {__version__}",
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"Error: {exc_type.__module__}.{exc_type.__qualname__}",
    ]
    if isinstance(exc, VaultError):
        lines.append(f"Meaning: {exc.user_message}")
    lines.append("Where:")
    for frame in traceback.extract_tb(tb):
        # The file name is cut to the package path: a home folder's name is the user's.
        name = frame.filename
        marker = name.rfind("familyrecord")
        short = name[marker:] if marker >= 0 else name.rsplit("/", 1)[-1]
        lines.append(f"  {short}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setAccessibleName(self.tr("Something went wrong"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Something went wrong inside FamilyRecord. Your record is safe: what was "
                              "saved stays saved. If it happens again, you can copy the report below and "
                              "send it to whoever helps you with the app. It does not contain anything you "
                              "wrote."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.report = named(QPlainTextEdit(report), self.tr("Error report"))
        self.report.setReadOnly(True)
        layout.addWidget(self.report)
        row = QHBoxLayout()
        row.addWidget(button(self.tr("Copy report"), self, slot=self.copy))
        row.addStretch(1)
        close = button(self.tr("Close"), self, slot=self.accept)
        close.setDefault(True)
        row.addWidget(close)
        layout.addLayout(row)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())


_open_dialogs: list[CrashDialog] = []


def install_excepthook(parent: Callable[[], QWidget | None] = lambda: None) -> ExceptHook:
    """Show a calm dialog for unexpected errors; returns the previous hook."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        report = crash_report(exc_type, exc, tb)
        log.error("unexpected error\n%s", report)
        if QApplication.instance() is not None:
            dialog = CrashDialog(report, parent())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            # Held here until closed: a dialog with no parent would be collected at once.
            _open_dialogs.append(dialog)
            dialog.finished.connect(lambda _result: _open_dialogs.remove(dialog))
            dialog.open()

    sys.excepthook = hook
    return previous
