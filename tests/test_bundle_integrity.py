"""Integrity a solicitor can check: an export id and the bundle fingerprint on every page,
verify-export naming the page that changed, extracts accepted as genuine, and the e-bundle
details (bookmarks with pages, opening at 100% with the outline, owner password)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

from familyrecord.cli import main
from familyrecord.errors import UserError
from familyrecord.export.integrity import PageHasher, bundle_fingerprint
from familyrecord.export.options import BundleResult, ExportOptions
from familyrecord.services import Services
from familyrecord.services.exports import verify_without_record
from tests.conftest import PASSPHRASE


@pytest.fixture
def made(demo_services: Services, tmp_path: Path) -> BundleResult:
    return demo_services.exports.bundle(ExportOptions(), tmp_path / "bundle.pdf")


def _extract(source: Path, labels: list[str], out: Path, password: str = "") -> Path:
    """Some pages copied into a new file, as any PDF tool would (pypdf's writer here)."""
    reader = PdfReader(source)
    if password:
        reader.decrypt(password)
    writer = PdfWriter()
    for n, label in enumerate(reader.page_labels):
        if label in labels:
            writer.add_page(reader.pages[n])
    with out.open("wb") as f:
        writer.write(f)
    return out


def _scribble(source: Path, label: str, out: Path) -> Path:
    """Draw a line on one page's body, leaving everything else (the manifest too) as it was."""
    reader = PdfReader(source)
    writer = PdfWriter(clone_from=reader)
    _draw_on(writer, reader.page_labels.index(label))
    with out.open("wb") as f:
        writer.write(f)
    return out


def _draw_on(writer: PdfWriter, index: int) -> None:
    page = writer.pages[index]
    contents = page["/Contents"].get_object()
    items = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    line = DecodedStreamObject()
    line.set_data(items[0].get_object().get_data() + b"\n0 0 m 300 300 l S")
    items[0] = writer._add_object(line)
    page[NameObject("/Contents")] = ArrayObject(items)


def test_every_page_carries_the_export_id_and_fingerprint(made: BundleResult) -> None:
    reader = PdfReader(made.path)
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", made.export_id)
    for page in reader.pages:
        text = " ".join((page.extract_text() or "").split())
        assert made.export_id in text and made.fingerprint in text
    # The fingerprint is SHA-256 over the pages' own fingerprints, recomputed from the file.
    hasher = PageHasher()
    assert bundle_fingerprint(hasher.page(p) for p in reader.pages) == made.fingerprint
    assert made.page_labels == list(reader.page_labels)
    # The appendix lists each page's fingerprint by its label.
    listing = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages[-2:])
    assert f"{made.page_labels[5]} {hasher.page(reader.pages[5])[:32]}" in listing


def test_verify_names_the_changed_page(demo_services: Services, made: BundleResult,
                                       tmp_path: Path) -> None:
    label = next(label for label in made.page_labels if label.startswith("FR-D"))
    changed = _scribble(made.path, label, tmp_path / "changed.pdf")
    check = demo_services.exports.verify_bundle(changed)
    assert not check.ok and check.changed_pages == [label]
    assert any(label in p for p in check.problems)
    # Without the record the change is found the same way.
    alone = verify_without_record(changed)
    assert not alone.ok and alone.changed_pages == [label]
    assert verify_without_record(made.path).ok


def test_a_correct_extract_is_genuine(demo_services: Services, made: BundleResult,
                                      tmp_path: Path) -> None:
    wanted = [label for label in made.page_labels if label.startswith("FR-D")][1:4]
    extract = _extract(made.path, wanted, tmp_path / "extract.pdf")
    info = PdfReader(extract).metadata
    assert info is None or "/FamilyRecordManifest" not in info
    with_record = demo_services.exports.verify_bundle(extract)
    assert with_record.ok and with_record.extract and with_record.pages_checked == 3
    assert any(f"{wanted[0]} to {wanted[-1]}" in n for n in with_record.notes)
    against = verify_without_record(extract, against=made.path)
    assert against.ok and against.extract
    # Pages alone, with nothing to compare them to, cannot be shown genuine: said plainly.
    unknown = verify_without_record(extract)
    assert not unknown.ok and any("--against" in p for p in unknown.problems)
    # An extract with one page changed names that page.
    writer = PdfWriter(clone_from=PdfReader(extract))
    _draw_on(writer, 1)
    with (tmp_path / "bad.pdf").open("wb") as f:
        writer.write(f)
    check = demo_services.exports.verify_bundle(tmp_path / "bad.pdf")
    assert not check.ok and check.changed_pages == [wanted[1]]


def test_pages_from_another_export_are_refused(demo_services: Services, made: BundleResult,
                                               tmp_path: Path) -> None:
    other = demo_services.exports.bundle(ExportOptions(), tmp_path / "other.pdf")
    writer = PdfWriter()
    writer.add_page(PdfReader(made.path).pages[4])
    writer.add_page(PdfReader(other.path).pages[5])
    with (tmp_path / "mixed.pdf").open("wb") as f:
        writer.write(f)
    check = demo_services.exports.verify_bundle(tmp_path / "mixed.pdf")
    assert not check.ok and any("different export" in p for p in check.problems)


def test_encrypted_bundle_extract_and_owner_password(demo_services: Services,
                                                     tmp_path: Path) -> None:
    result = demo_services.exports.bundle(ExportOptions(password="long enough words"),
                                          tmp_path / "locked.pdf")
    reader = PdfReader(result.path)
    assert reader.is_encrypted
    # The recipient's password opens it as a user, not as the owner who could lift limits.
    assert reader.decrypt("long enough words").name == "USER_PASSWORD"
    allowed = reader.user_access_permissions
    assert allowed is not None and not allowed & UserAccessPermissions.MODIFY
    assert allowed & UserAccessPermissions.PRINT and allowed & UserAccessPermissions.EXTRACT
    assert demo_services.exports.verify_bundle(result.path, "long enough words").ok
    extract = _extract(result.path, result.page_labels[3:5], tmp_path / "x.pdf",
                       "long enough words")
    assert demo_services.exports.verify_bundle(extract).ok


def test_how_the_bundle_opens(made: BundleResult) -> None:
    reader = PdfReader(made.path)
    root: dict[str, Any] = dict(reader.root_object)
    action = root["/OpenAction"]
    assert action[0].get_object() == reader.pages[0] and action[1] == "/XYZ" and action[4] == 1
    assert (str(root["/PageMode"]), str(root["/Lang"])) == ("/UseOutlines", "en-GB")
    assert root["/ViewerPreferences"].get_object()["/DisplayDocTitle"]
    # Only what is needed in the document information.
    assert set(reader.metadata or {}) == {"/Title", "/Creator", "/Producer",
                                          "/FamilyRecordManifest"}
    # Every bookmark names the page it opens at.

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            label = reader.page_labels[reader.get_destination_page_number(item) or 0]
            assert item.title.endswith(f"({label})"), item.title

    walk(reader.outline)


def test_cli_prints_the_changed_page(demo_services: Services, vault_path: Path, made: BundleResult,
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    label = made.page_labels[6]
    changed = _scribble(made.path, label, tmp_path / "changed.pdf")
    assert main(["verify-export", "--path", str(vault_path), str(changed)]) == 1
    assert f"Changed page: {label}" in capsys.readouterr().out
    extract = _extract(made.path, made.page_labels[3:6], tmp_path / "extract.pdf")
    assert main(["verify-export", "--no-record", str(extract), "--against", str(made.path)]) == 0
    printed = capsys.readouterr().out
    assert "Every page of this extract is as it was made (3 pages" in printed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_files_end_in_a_typed_error(made: BundleResult, tmp_path: Path,
                                            data: st.DataObject) -> None:
    original = made.path.read_bytes()
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 20))):
        spot = data.draw(st.integers(0, len(mutated) - 1))
        mutated[spot] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        mutated = mutated[:data.draw(st.integers(0, len(mutated)))]
    path = tmp_path / "fuzzed.pdf"
    path.write_bytes(bytes(mutated))
    try:
        check = verify_without_record(path)
    except UserError:
        return
    assert check.ok or check.problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_random_bytes_are_not_a_bundle(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + junk if junk[:1] == b"\x00" else junk)
    with pytest.raises(UserError):
        verify_without_record(path)


def test_page_hash_ignores_how_the_file_is_stored(made: BundleResult) -> None:
    """Written again by another tool, with shared objects merged, each page keeps its
    fingerprint (object numbers and storage are not part of it)."""
    reader = PdfReader(made.path)
    writer = PdfWriter(clone_from=reader)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    again = PdfReader(io.BytesIO(out.getvalue()))
    first, second = PageHasher(), PageHasher()
    assert [first.page(p) for p in reader.pages] == [second.page(p) for p in again.pages]
