"""The bundle's manifest and `verify-export`: check a bundle against the vault it came from.

The manifest (JSON in the PDF's document information) lists every included attachment's
SHA-256, the journal head hash when the bundle was made, and a hash of each record's content.
Verifying recomputes each attachment's hash from the vault's stored chunks, finds the journal
head in an intact journal, and finds this exact file's hash among the exports logged.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from familyrecord.errors import UserError
from familyrecord.export.options import IncludedFile
from familyrecord.export.redact import Redactor
from familyrecord.records.codec import canonical_json, record_json
from familyrecord.records.models import Record
from familyrecord.storage import journal
from familyrecord.storage.errors import RecordNotFound
from familyrecord.storage.stores import Stores

FORMAT = "familyrecord-bundle/1"


class NotABundle(UserError):
    user_message = "That file is not a bundle made by FamilyRecord, or it has been changed."


class BundleLocked(UserError):
    user_message = "That bundle is password-protected. Give its password to check it."


def manifest_key() -> str:
    return "/FamilyRecordManifest"


def make_manifest(stores: Stores, records: Sequence[Record], included: Sequence[IncludedFile],
                  exported_at: str, head: str, redactor: Redactor) -> str:
    return canonical_json({
        "format": FORMAT,
        "vault_id": stores.vault_id,
        "exported_at": exported_at,
        "journal_head": head,
        "attachments": [{"id": f.attachment_id, "sha256": f.sha256,
                         "file_name": redactor(f.file_name)} for f in included],
        "records": {r.id: journal.sha256_text(record_json(r)) for r in records},
    })


@dataclass
class ExportCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked_files: int = 0


@dataclass(frozen=True)
class ManifestFile:
    id: str
    sha256: str
    file_name: str


@dataclass(frozen=True)
class Manifest:
    """A bundle's manifest, every field checked (it comes from a file anyone could edit)."""

    vault_id: str
    exported_at: str
    journal_head: str
    attachments: tuple[ManifestFile, ...]
    records: dict[str, str]
    # Page fingerprints (export/integrity.py); empty in bundles made before they existed.
    export_id: str = ""
    fingerprint: str = ""
    pages: tuple[tuple[str, str], ...] = ()  # (page label, SHA-256 of the page's body)
    chronology: dict[str, str] = field(default_factory=dict)  # row key -> page label


_DAMAGED = ("That bundle's hidden list of contents is damaged, so it cannot be checked against "
            "the record. It may have been changed after it was made.")
_MAX_MANIFEST_CHARS = 20_000_000


def _damaged(detail: str) -> NotABundle:
    return NotABundle(detail, user_message=_DAMAGED)


def read_manifest(data: bytes, password: str = "") -> Manifest:
    """The manifest inside a bundle's bytes. Raises NotABundle or BundleLocked, nothing else."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(password):
            raise BundleLocked()
        metadata = reader.metadata
        raw = metadata.get(manifest_key()) if metadata is not None else None
    except BundleLocked:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged or foreign file
        raise NotABundle("not a readable PDF") from None
    if not raw:
        raise NotABundle("no manifest")
    return parse_manifest(str(raw))


def parse_manifest(text: str) -> Manifest:
    """Check every field of a manifest's JSON; anything malformed is NotABundle."""
    if len(text) > _MAX_MANIFEST_CHARS:
        raise _damaged("manifest too large")
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise _damaged("manifest is not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise NotABundle("not a FamilyRecord manifest")
    fields = {name: raw.get(name) for name in ("vault_id", "exported_at", "journal_head")}
    for name, value in fields.items():
        if not isinstance(value, str):
            raise _damaged(f"manifest {name} is not text")
    attachments = raw.get("attachments", [])
    records = raw.get("records", {})
    if not isinstance(attachments, list) or not isinstance(records, dict):
        raise _damaged("manifest lists are of the wrong kind")
    files = []
    for item in attachments:
        if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("id", "sha256", "file_name")):
            raise _damaged("a manifest file entry is damaged")
        files.append(ManifestFile(item["id"], item["sha256"], item["file_name"]))
    if not all(isinstance(v, str) for v in records.values()):
        raise _damaged("a manifest record entry is damaged")
    return Manifest(str(fields["vault_id"]), str(fields["exported_at"]), str(fields["journal_head"]),
                    tuple(files), {str(k): str(v) for k, v in records.items()},
                    **_page_fields(raw))


def _page_fields(raw: dict[str, object]) -> dict[str, Any]:
    """The page fingerprint fields, checked as strictly as the rest (absent in old bundles)."""
    export_id, fingerprint = raw.get("export_id", ""), raw.get("fingerprint", "")
    pages, chronology = raw.get("pages", []), raw.get("chronology", {})
    if not isinstance(export_id, str) or not isinstance(fingerprint, str):
        raise _damaged("manifest export id is not text")
    if not isinstance(pages, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pages):
        raise _damaged("manifest page list is damaged")
    if not isinstance(chronology, dict) or not all(isinstance(v, str) for v in chronology.values()):
        raise _damaged("manifest chronology pages are damaged")
    return {"export_id": export_id, "fingerprint": fingerprint,
            "pages": tuple((p[0], p[1]) for p in pages),
            "chronology": {str(k): v for k, v in chronology.items()}}


def _logged_sha256s(stores: Stores) -> set[str]:
    """The SHA-256 of every export the record logged (its own entries, so well-formed; a damaged
    one is skipped rather than trusted)."""
    found = set()
    for content in stores.logged_exports():
        try:
            entry = json.loads(content)
        except ValueError:
            continue
        options = entry.get("options") if isinstance(entry, dict) else None
        if isinstance(options, dict) and isinstance(options.get("sha256"), str):
            found.add(options["sha256"])
    return found


def verify_bundle(stores: Stores, bundle: Path, password: str = "") -> ExportCheck:
    try:
        data = Path(bundle).read_bytes()
    except OSError as exc:
        raise NotABundle(str(exc), user_message="That bundle file could not be read.") from None
    manifest = read_manifest(data, password)
    check = ExportCheck(ok=True)
    if manifest.vault_id != stores.vault_id:
        check.problems.append("The bundle was made from a different record.")
    if hashlib.sha256(data).hexdigest() not in _logged_sha256s(stores):
        check.problems.append("This file is not exactly as it was made: no export of it is logged "
                              "in the record's history.")
    if not stores.journal_contains(manifest.journal_head):
        check.problems.append("The record's history does not contain the point this bundle was made at.")
    broken = stores.journal_chain_break()
    if broken is not None:
        check.problems.append(f"The record's history is broken: {broken}.")
    check_files(check, stores, manifest)
    check.ok = not check.problems
    return check


def check_files(check: ExportCheck, stores: Stores, manifest: Manifest) -> None:
    """Each file and entry the bundle lists, against the record as it is now."""
    store = stores.attachments
    for item in manifest.attachments:
        check.checked_files += 1
        name = item.file_name or "A file"
        try:
            stored = store.get(item.id)
        except RecordNotFound:
            check.problems.append(f"{name} is no longer in the record.")
            continue
        if stored.sha256 != item.sha256 or not store.check(item.id):
            check.problems.append(f"{name} in the record no longer matches the bundle "
                                  "(its fingerprint differs).")
    for record_id, content_hash in manifest.records.items():
        try:
            record = stores.records.get(record_id)
        except RecordNotFound:
            check.notes.append("An entry in the bundle has since been deleted from the record.")
            continue
        if journal.sha256_text(record_json(record)) != content_hash:
            check.notes.append(f"{record.summary()} has been edited since the bundle was made "
                               "(earlier wording is kept in its history).")
