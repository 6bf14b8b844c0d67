"""`verify-export`: check a bundle, or an extract of some of its pages, page by page.

Each page's stamp names its page label, the export id and the bundle fingerprint; each page's
body is hashed again and compared with the fingerprint listed for that label (integrity.py).
The list comes from the bundle's own manifest, from the full bundle given with `against`, or
from the record's journal, which keeps every export's list. With the record, the checks of
the record itself follow: made from it, its history intact, its attached files unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from familyrecord.errors import UserError
from familyrecord.export.integrity import PageHasher, Stamp, bundle_fingerprint, read_stamp
from familyrecord.export.manifest import (
    BundleLocked,
    ExportCheck,
    Manifest,
    NotABundle,
    check_files,
    read_manifest,
)
from familyrecord.formatting import plural
from familyrecord.storage.stores import Stores

# Marks a reader adds while reading: they leave what the page shows as it was.
HARMLESS_MARKS = frozenset(("/Link", "/Highlight", "/Underline", "/StrikeOut", "/Squiggly",
                            "/Text", "/Popup"))


@dataclass
class BundleCheck(ExportCheck):
    export_id: str = ""
    fingerprint: str = ""
    pages_checked: int = 0
    changed_pages: list[str] = field(default_factory=list)
    extract: bool = False  # some of the bundle's pages, copied into another file
    exact_file: bool = False  # byte for byte the file that was saved


def open_pdf(data: bytes, password: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(password):
            raise BundleLocked()
        len(reader.pages)  # reading the page tree finds a damaged file now, not later
    except BundleLocked:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged or foreign file
        raise NotABundle("not a readable PDF") from None
    return reader


def _manifest(data: bytes, password: str) -> Manifest | None:
    try:
        return read_manifest(data, password)
    except NotABundle:
        return None  # an extract carries no manifest: its pages are checked by their stamps


def _logged(stores: Stores, export_id: str) -> dict[str, Any] | None:
    for content in stores.logged_exports():
        options = json.loads(content).get("options", {})
        if isinstance(options, dict) and options.get("export_id") == export_id:
            return options
    return None


def _pages_of(listing: object) -> dict[str, str]:
    if not isinstance(listing, list):
        return {}
    return {str(item[0]): str(item[1]) for item in listing
            if isinstance(item, list) and len(item) == 2}


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise NotABundle(str(exc), user_message="That bundle file could not be read.") from None


def verify_export(stores: Stores | None, bundle: Path, password: str = "", *,
                  against: Path | None = None, against_password: str = "") -> BundleCheck:
    """Check a file's pages (and, with `stores`, the record). The file comes from anyone:
    whatever is wrong with it ends as NotABundle or BundleLocked, never another error."""
    data = _read(bundle)
    try:
        return _verify(stores, data, password, against, against_password)
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged or foreign file
        raise NotABundle("damaged PDF") from None


def _verify(stores: Stores | None, data: bytes, password: str, against: Path | None,
            against_password: str) -> BundleCheck:
    reader = open_pdf(data, password)
    manifest = _manifest(data, password)
    stamps = [read_stamp(page) for page in reader.pages]
    check = BundleCheck(ok=True)
    ids = Counter((s.export_id, s.fingerprint) for s in stamps if s is not None)
    if manifest is not None and manifest.export_id:
        check.export_id, check.fingerprint = manifest.export_id, manifest.fingerprint
    elif ids:
        (check.export_id, check.fingerprint), _ = ids.most_common(1)[0]
    elif manifest is None:
        raise NotABundle()
    logged = _logged(stores, check.export_id) if stores is not None and check.export_id else None
    expected: dict[str, str] = {}
    if manifest is not None and manifest.export_id == check.export_id:
        expected = dict(manifest.pages)
    if not expected and against is not None:
        full = _manifest(_read(against), against_password)
        if full is None or full.export_id != check.export_id:
            check.problems.append("The full bundle given is not the one these pages come from "
                                  "(its export id differs).")
        else:
            expected = dict(full.pages)
    if not expected and logged is not None:
        expected = _pages_of(logged.get("page_hashes"))
    if check.export_id and not expected:
        check.problems.append("There is no list of page fingerprints to check these pages "
                              "against: give the full bundle (--against) or the record (--path).")
    elif expected:
        _check_pages(check, reader, stamps, expected, manifest is not None)
    if stores is not None:
        _check_record(check, stores, manifest, logged, data)
    check.ok = not check.problems
    return check


def _check_pages(check: BundleCheck, reader: PdfReader, stamps: Sequence[Stamp | None],
                 expected: dict[str, str], whole: bool) -> None:
    if bundle_fingerprint(expected.values()) != check.fingerprint:
        check.problems.append("The list of page fingerprints does not add up to the bundle "
                              "fingerprint printed on the pages: the list was changed.")
    labels = list(expected)
    hasher = PageHasher()
    seen = []
    for n, (page, stamp) in enumerate(zip(reader.pages, stamps, strict=True)):
        fallback = labels[n] if whole and len(labels) == len(reader.pages) else f"number {n + 1}"
        if stamp is None:
            check.changed_pages.append(fallback)
            check.problems.append(f"Page {fallback}: the line at its foot is missing or was "
                                  "changed, so it cannot be shown to be from this bundle.")
            continue
        if (stamp.export_id, stamp.fingerprint) != (check.export_id, check.fingerprint):
            check.problems.append(f"Page {stamp.label} comes from a different export "
                                  f"({stamp.export_id}).")
            continue
        seen.append(stamp.label)
        check.pages_checked += 1
        if expected.get(stamp.label) != hasher.page(page):
            check.changed_pages.append(stamp.label)
            check.problems.append(f"Page {stamp.label} has been changed since the bundle was made.")
        _marks(check, page, stamp.label)
    missing = [label for label in labels if label not in seen]
    if missing:
        check.extract = True
        check.notes.append(f"This file holds {plural(len(seen), 'page')} of the bundle's "
                           f"{len(labels)}: {_ranges(seen, labels)}. An extract is genuine when "
                           "each of its pages is.")


def _marks(check: BundleCheck, page: Any, label: str) -> None:
    kinds = {str(a.get_object().get("/Subtype")) for a in page.get("/Annots") or []}
    if kinds - HARMLESS_MARKS:
        check.problems.append(f"Something has been drawn over page {label} "
                              f"({', '.join(sorted(k.lstrip('/') for k in kinds - HARMLESS_MARKS))}).")
    elif kinds - {"/Link"}:
        check.notes.append(f"Page {label} has notes or highlights added by a reader; what the "
                           "page says is unchanged.")


def _ranges(seen: Sequence[str], labels: Sequence[str]) -> str:
    order = {label: n for n, label in enumerate(labels)}
    spots = sorted({order[s] for s in seen if s in order})
    runs: list[list[int]] = []
    for spot in spots:
        if runs and spot == runs[-1][-1] + 1:
            runs[-1].append(spot)
        else:
            runs.append([spot])
    return ", ".join(labels[r[0]] if len(r) == 1 else f"{labels[r[0]]} to {labels[r[-1]]}"
                     for r in runs)


def _check_record(check: BundleCheck, stores: Stores, manifest: Manifest | None,
                  logged: dict[str, Any] | None, data: bytes) -> None:
    if manifest is not None and manifest.vault_id != stores.vault_id:
        check.problems.append("The bundle was made from a different record.")
        return
    if logged is None and check.export_id:
        check.problems.append("This record's history has no export with this export id: it "
                              "was not made from this record.")
    digest = hashlib.sha256(data).hexdigest()
    check.exact_file = any(json.loads(c).get("options", {}).get("sha256") == digest
                           for c in stores.logged_exports())
    if not check.exact_file and not check.export_id:
        check.problems.append("This file is not exactly as it was made: no export of it is "
                              "logged in the record's history.")
    elif not check.exact_file and not check.extract and not check.changed_pages:
        check.notes.append("The file is not byte for byte the one saved (it was saved again "
                           "or copied), but every page is as it was made.")
    head = manifest.journal_head if manifest is not None else str((logged or {}).get(
        "journal_head", ""))
    if head and not stores.journal_contains(head):
        check.problems.append("The record's history does not contain the point this bundle "
                              "was made at.")
    broken = stores.journal_chain_break()
    if broken is not None:
        check.problems.append(f"The record's history is broken: {broken}.")
    if manifest is not None:
        check_files(check, stores, manifest)


