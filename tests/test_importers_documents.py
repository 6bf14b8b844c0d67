"""Word and OpenDocument text, and refusal of zip bombs and entity-expansion XML."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.errors import UserError
from familyrecord.importers import documents
from familyrecord.importers.errors import FileTooLarge, UnreadableFile
from tests import intake_fixtures as fx

REPORT = ["Parenting assessment", "Ms Taylor attended every session.", "Leo was calm and happy."]


def test_docx_paragraphs_and_tables_in_order() -> None:
    data = fx.docx(REPORT, table=[["Date", "Event"], ["6 January 2025", "Core group meeting"]])
    expected = "\n".join([*REPORT, "Date\tEvent", "6 January 2025\tCore group meeting"])
    assert documents.docx_text(data) == expected


def test_docx_header_and_footer_are_included() -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Westshire County Council"
    document.sections[0].footer.paragraphs[0].text = "Official - sensitive"
    document.add_paragraph("Body text")
    out = io.BytesIO()
    document.save(out)
    assert documents.docx_text(out.getvalue()) == "Westshire County Council\nBody text\nOfficial - sensitive"


def test_odt_paragraphs_spaces_lists_and_tables() -> None:
    assert documents.odt_text(fx.odt_report()) == (
        "Parenting assessment\nMs Taylor attended  every session.\nLeo was\tcalm.\n"
        "- Keep the routine\nVisit\t12 March")


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  f'<office:document-content {fx.ODT_NS}><office:body><office:text><text:p>&lol2;'
                  "</text:p></office:text></office:body></office:document-content>")


def test_odt_with_a_doctype_is_refused() -> None:
    with pytest.raises(UnreadableFile) as caught:
        documents.odt_text(fx.odt(BILLION_LAUGHS))
    assert "DOCTYPE" in str(caught.value)


def test_docx_with_a_doctype_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(fx.docx(REPORT)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
            target.writestr(item, body)
    with pytest.raises(UnreadableFile):
        documents.docx_text(out.getvalue())


def test_zip_bomb_is_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b" " * 3_000_000)  # packs to a few kilobytes
    with pytest.raises(FileTooLarge):  # unpacks 200+ times bigger than it is
        documents.odt_text(out.getvalue())
    monkeypatch.setattr(documents, "MAX_RATIO", 10**9)
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(FileTooLarge):
        documents.odt_text(out.getvalue())


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken", b"not a zip", fx.odt(b"<a>unclosed".decode())])
def test_damaged_documents_give_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        documents.odt_text(data)
    with pytest.raises(UnreadableFile):
        documents.docx_text(data)


def test_odt_without_content_is_a_typed_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(UnreadableFile):
        documents.odt_text(out.getvalue())


_SEEDS = (fx.docx(REPORT, table=[["a", "b"]]), fx.odt_report())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(_SEEDS), flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)),
                                                    max_size=6), cut=st.integers(1, 100_000))
def test_fuzz_damaged_documents_only_raise_user_errors(seed: bytes, flips: list[tuple[int, int]],
                                                       cut: int) -> None:
    data = bytearray(seed[:cut])
    for position, value in flips:
        data[position % len(data)] = value
    for reader in (documents.docx_text, documents.odt_text):
        with contextlib.suppress(UserError):
            reader(bytes(data))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ap:text s c=\"2\" tab line-break h list-item &;")),
               max_size=300))
def test_fuzz_odt_content_only_raises_user_errors(content: str) -> None:
    with contextlib.suppress(UserError):
        documents.odt_text(fx.odt(f"<office:document-content {fx.ODT_NS}>{content}"
                                  "</office:document-content>"))
