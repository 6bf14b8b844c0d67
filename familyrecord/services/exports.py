"""The export verbs (reached as `services.exports`): the bundle, the chronology alone, the
redaction preview, the essential-reading choices, and checking a bundle or an extract."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from familyrecord.export.bundle import build_bundle
from familyrecord.export.layouts import ReadingChoice, reading_choices
from familyrecord.export.options import BundleResult, ExportOptions
from familyrecord.export.pseudonyms import RedactionPlan, plan_redaction
from familyrecord.export.tabular import bundle_refs, export_chronology
from familyrecord.export.verify import BundleCheck, verify_export
from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage.stores import Stores


class ExportService:
    def __init__(self, stores: Stores) -> None:
        self._stores = stores

    def bundle(self, options: ExportOptions, destination: Path, *, progress: Progress | None = None,
               cancelled: CancelCheck | None = None, today: date | None = None) -> BundleResult:
        """Write the bundle PDF (long work: run it on a worker with its own sibling services).
        When anything is redacted, the redaction key is saved beside it as a separate file
        (BundleResult.redaction_key)."""
        if not options.receipt_code:
            # Every bundle prints a receipt for the history it was made from (issue 10): the
            # family can later prove nothing before it was rewritten.
            options = replace(options, receipt_code=self._stores.receipt("bundle").code)
        result = build_bundle(self._stores, options, destination, progress=progress,
                              cancelled=cancelled, today=today)
        result.receipt_code = options.receipt_code
        return result

    def chronology(self, options: ExportOptions, destination: Path, *,
                   bundle: Path | None = None, bundle_password: str = "",
                   refs: Mapping[str, str] | None = None, today: date | None = None) -> int:
        """Save the chosen chronology rows as DOCX or CSV; returns how many rows. Page numbers
        come from `refs` (BundleResult.page_refs) or from a bundle file made from this record."""
        export_id = ""
        if bundle is not None:
            refs, export_id = bundle_refs(self._stores, bundle, bundle_password)
        return export_chronology(self._stores, options, destination, refs=refs,
                                 export_id=export_id, today=today)

    def redaction_preview(self, options: ExportOptions, today: date | None = None) -> RedactionPlan:
        """Every replacement the export would make (`.preview()` gives the rows to show)."""
        return plan_redaction(self._stores, options, today or date.today())

    def reading_choices(self, options: ExportOptions) -> list[ReadingChoice]:
        """The documents the bundle will hold, for the essential-reading picker."""
        return reading_choices(self._stores, options)

    def verify_bundle(self, bundle: Path, password: str = "", *, against: Path | None = None,
                      against_password: str = "") -> BundleCheck:
        """Check a bundle, or an extract of its pages, against this record."""
        return verify_export(self._stores, bundle, password, against=against,
                             against_password=against_password)


def verify_without_record(bundle: Path, password: str = "", *, against: Path | None = None,
                          against_password: str = "") -> BundleCheck:
    """Check a bundle's pages on their own, or an extract against the full bundle (`against`):
    what a solicitor can do without the family's record."""
    return verify_export(None, bundle, password, against=against,
                         against_password=against_password)
