"""verify-export: a malformed manifest or a damaged record is a plain answer, never a traceback."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from familyrecord.cli import main
from familyrecord.export.manifest import (
    FORMAT,
    BundleLocked,
    NotABundle,
    manifest_key,
    parse_manifest,
    read_manifest,
    verify_bundle,
)
from familyrecord.records import Person
from familyrecord.records.codec import record_json
from familyrecord.services import Services
from familyrecord.storage import journal
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of


def _pdf(manifest_text: str | None, password: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if manifest_text is not None:
        writer.add_metadata({manifest_key(): manifest_text})
    if password:
        writer.encrypt(user_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _manifest(services: Services, **changes: Any) -> dict[str, Any]:
    """A manifest as the bundle writer makes it, for this record and its first person."""
    vault = vault_of(services)
    person = services.list_records(Person)[0]
    attachment = vault.attachments.list()[0]
    manifest: dict[str, Any] = {
        "format": FORMAT, "vault_id": services.vault_id, "exported_at": "2026-01-01T10:00:00+00:00",
        "journal_head": services.journal_head(),
        "attachments": [{"id": attachment.id, "sha256": attachment.sha256, "file_name": "letter.txt"}],
        "records": {person.id: journal.sha256_text(record_json(person))},
    }
    manifest.update(changes)
    return manifest


def _bundle(services: Services, folder: Path, manifest: dict[str, Any]) -> Path:
    """A bundle-shaped PDF whose export is logged, as build_bundle does."""
    data = _pdf(json.dumps(manifest))
    path = folder / "bundle.pdf"
    path.write_bytes(data)
    services.log_export("bundle", {"sha256": hashlib.sha256(data).hexdigest()})
    return path


@pytest.fixture
def record(services: Services) -> Services:
    person = services.save(Person(name="Ann"))
    vault_of(services).attachments.import_stream(io.BytesIO(b"letter"), "letter.txt", link_to=person.id)
    return services


def test_a_matching_bundle_checks_out(record: Services, tmp_path: Path) -> None:
    check = verify_bundle(vault_of(record), _bundle(record, tmp_path, _manifest(record)))
    assert check.ok and check.checked_files == 1, check.problems


@pytest.mark.parametrize("text", [
    "{not json", '"just text"', "[]", "[" * 50_000,
])
def test_manifest_that_is_not_json_or_not_an_object(text: str) -> None:
    with pytest.raises(NotABundle):
        parse_manifest(text)


@pytest.mark.parametrize("change", [
    {"attachments": [{"sha256": "ab", "file_name": "x"}]},  # an attachment without id
    {"records": ["a", "b"]},  # records as a list
    {"attachments": "letter.txt"},  # attachments as a string
    {"attachments": [["id", "sha"]]},
    {"records": {"id": 5}},
    {"journal_head": 12345},
    {"vault_id": None},
])
def test_malformed_manifest_is_not_a_bundle_with_a_plain_message(record: Services, tmp_path: Path,
                                                                 change: dict[str, Any]) -> None:
    path = _bundle(record, tmp_path, _manifest(record, **change))
    with pytest.raises(NotABundle) as caught:
        verify_bundle(vault_of(record), path)
    assert "damaged" in caught.value.user_message


def test_not_a_pdf_locked_and_no_manifest(tmp_path: Path) -> None:
    with pytest.raises(NotABundle):
        read_manifest(b"%PDF-1.4 nonsense")
    with pytest.raises(NotABundle):
        read_manifest(_pdf(None))
    with pytest.raises(NotABundle):
        read_manifest(_pdf(json.dumps({"format": "someone-else/1"})))
    with pytest.raises(BundleLocked):
        read_manifest(_pdf(json.dumps({"format": FORMAT}), password="pw pw pw"))


def test_bundle_of_another_record(record: Services, tmp_path: Path) -> None:
    other, _ = Services.create(tmp_path / "other.frvault", PASSPHRASE, kdf=FAST_KDF)
    path = _bundle(record, tmp_path, _manifest(record))
    check = verify_bundle(vault_of(other), path)
    other.lock()
    assert not check.ok
    assert "made from a different record." in check.problems[0]
    assert any("no export of it is logged" in p for p in check.problems)
    assert any("does not contain the point" in p for p in check.problems)
    assert any("no longer in the record" in p for p in check.problems)


def test_bundle_against_a_broken_history(record: Services, tmp_path: Path) -> None:
    path = _bundle(record, tmp_path, _manifest(record))
    vault_of(record).connection.execute("UPDATE journal SET at = '2001-01-01T00:00:00+00:00' WHERE seq = 2")
    check = verify_bundle(vault_of(record), path)
    assert not check.ok
    assert check.problems == ["The record's history is broken: journal entry 2 has been altered."]


def test_attachment_piece_stored_as_text_is_a_mismatch(record: Services, tmp_path: Path) -> None:
    path = _bundle(record, tmp_path, _manifest(record))
    vault_of(record).connection.execute("UPDATE attachment_chunks SET data = 'text now'")
    check = verify_bundle(vault_of(record), path)
    assert check.problems == ["letter.txt in the record no longer matches the bundle (its fingerprint "
                              "differs)."]


def test_verify_export_from_the_command_line_is_plain(record: Services, vault_path: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = _bundle(record, tmp_path, _manifest(record, records=["not", "a", "map"]))
    record.lock()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    assert main(["verify-export", "--path", str(vault_path), str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("familyrecord: ") and "bundle" in err and "\n" not in err


# ---- fuzzing -------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children,
                                                                       max_size=4),
    max_leaves=15,
)
_GOOD = {"format": FORMAT, "vault_id": "a" * 32, "exported_at": "2026-01-01T00:00:00+00:00",
         "journal_head": "b" * 64, "attachments": [{"id": "x", "sha256": "c" * 64, "file_name": "f.pdf"}],
         "records": {"r1": "d" * 64}}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_any_text(text: str) -> None:
    with contextlib.suppress(NotABundle):
        parse_manifest(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["format", "vault_id", "exported_at", "journal_head", "attachments",
                        "records", "extra"]), json_values)
def test_fuzz_one_field_of_a_good_manifest(name: str, value: Any) -> None:
    manifest = {**_GOOD, name: value}
    try:
        parsed = parse_manifest(json.dumps(manifest))
    except NotABundle:
        return
    assert all(isinstance(f.id, str) for f in parsed.attachments)
    assert all(isinstance(v, str) for v in parsed.records.values())


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([0, 1]), json_values)
def test_fuzz_an_attachment_entry(index: int, value: Any) -> None:
    entry = dict(_GOOD["attachments"][0])  # type: ignore[index]
    entry[["id", "sha256"][index]] = value
    with contextlib.suppress(NotABundle):
        parse_manifest(json.dumps({**_GOOD, "attachments": [entry, value]}))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_fuzz_pdf_bytes(data: bytes) -> None:
    for candidate in (data, b"%PDF-1.7\n" + data, _pdf("{}")[: len(data) or 1] + data):
        with contextlib.suppress(NotABundle, BundleLocked):
            read_manifest(candidate)
