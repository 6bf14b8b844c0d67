"""The export verbs (reached as `services.exports`): the bundle, the chronology alone, checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from familyrecord.export.bundle import build_bundle
from familyrecord.export.manifest import ExportCheck, verify_bundle
from familyrecord.export.options import BundleResult, ExportOptions
from familyrecord.export.tabular import export_chronology
from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage.stores import Stores


class ExportService:
    def __init__(self, stores: Stores) -> None:
        self._stores = stores

    def bundle(self, options: ExportOptions, destination: Path, *, progress: Progress | None = None,
               cancelled: CancelCheck | None = None, today: date | None = None) -> BundleResult:
        """Write the bundle PDF (long work: run it on a worker with its own sibling services)."""
        return build_bundle(self._stores, options, destination, progress=progress,
                            cancelled=cancelled, today=today)

    def chronology(self, options: ExportOptions, destination: Path) -> int:
        """Save the chosen chronology rows as DOCX or CSV; returns how many rows."""
        return export_chronology(self._stores, options, destination)

    def verify_bundle(self, bundle: Path, password: str = "") -> ExportCheck:
        """Check a bundle against this record: unchanged, and made from it."""
        return verify_bundle(self._stores, bundle, password)
