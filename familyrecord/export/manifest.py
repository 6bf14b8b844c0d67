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
from pypdf.errors import PdfReadError

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


def read_manifest(data: bytes, password: str = "") -> dict[str, Any]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(password):
            raise BundleLocked()
        metadata = reader.metadata
        raw = metadata.get(manifest_key()) if metadata is not None else None
    except PdfReadError:
        raise NotABundle() from None
    if not raw:
        raise NotABundle()
    manifest = json.loads(str(raw))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotABundle()
    return manifest


def verify_bundle(stores: Stores, bundle: Path, password: str = "") -> ExportCheck:
    data = Path(bundle).read_bytes()
    manifest = read_manifest(data, password)
    check = ExportCheck(ok=True)
    if manifest.get("vault_id") != stores.vault_id:
        check.problems.append("The bundle was made from a different record.")
    digest = hashlib.sha256(data).hexdigest()
    logged = [json.loads(content) for content in stores.logged_exports()]
    if not any(entry.get("options", {}).get("sha256") == digest for entry in logged):
        check.problems.append("This file is not exactly as it was made: no export of it is logged "
                              "in the record's history.")
    head = str(manifest.get("journal_head", ""))
    if not stores.journal_contains(head):
        check.problems.append("The record's history does not contain the point this bundle was made at.")
    broken = stores.journal_chain_break()
    if broken is not None:
        check.problems.append(f"The record's history is broken: {broken}.")
    store = stores.attachments
    for item in manifest.get("attachments", []):
        check.checked_files += 1
        name = item.get("file_name", "a file")
        try:
            stored = store.get(item["id"])
        except RecordNotFound:
            check.problems.append(f"{name} is no longer in the record.")
            continue
        if stored.sha256 != item["sha256"] or not store.check(item["id"]):
            check.problems.append(f"{name} in the record no longer matches the bundle "
                                  "(its fingerprint differs).")
    records = manifest.get("records", {})
    for record_id, content_hash in records.items():
        try:
            now = journal.sha256_text(record_json(stores.records.get(record_id)))
        except RecordNotFound:
            check.notes.append("An entry in the bundle has since been deleted from the record.")
            continue
        if now != content_hash:
            check.notes.append(f"{stores.records.get(record_id).summary()} has been edited since the "
                               "bundle was made (earlier wording is kept in its history).")
    check.ok = not check.problems
    return check
