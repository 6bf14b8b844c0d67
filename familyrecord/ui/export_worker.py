"""Runs `build_bundle` on a QThread with its own vault connection (services.sibling())."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from familyrecord.export.options import BundleResult, ExportCancelled, ExportOptions
from familyrecord.services import Services
from familyrecord.storage.errors import VaultError


class ExportWorker(QObject):
    """Computes only; the wizard shows the result. Signals: progress, done, failed, cancelled."""

    progress = Signal(int, int)
    done = Signal(object)  # BundleResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, services: Services, options: ExportOptions, destination: Path) -> None:
        super().__init__()
        self._services, self._options, self._destination = services, options, destination
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        sibling: Services | None = None
        try:
            sibling = self._services.sibling()
            result: BundleResult = sibling.exports.bundle(
                self._options, self._destination,
                progress=lambda done, total: self.progress.emit(int(done), int(total)),
                cancelled=self._cancel.is_set)
        except ExportCancelled:
            self.cancelled.emit()
        except VaultError as exc:
            self.failed.emit(exc.user_message)
        except Exception as exc:  # noqa: BLE001 - shown to the user; never crash the window
            self.failed.emit(f"The bundle could not be made ({type(exc).__name__}).")
        else:
            self.done.emit(result)
        finally:
            if sibling is not None:
                sibling.lock()
