"""Attachments: streamed in and out in chunks, hashed, bounded memory, cancellable."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from pathlib import Path

import pytest

from familyrecord.records import Correspondence
from familyrecord.services import Services
from familyrecord.storage import blobs
from familyrecord.storage.blobs import ImportCancelled
from familyrecord.storage.integrity import verify
from tests.vault_access import vault_of


def _letter(services: Services) -> Correspondence:
    from datetime import date

    return services.save(Correspondence(dated=date(2026, 1, 2), subject="A letter"))


def _random_file(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    with path.open("wb") as out:
        remaining = size
        while remaining:
            block = os.urandom(min(remaining, 1 << 20))
            digest.update(block)
            out.write(block)
            remaining -= len(block)
    return digest.hexdigest()


def test_round_trip_is_byte_identical(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    sha = _random_file(source, 3 * blobs.CHUNK_SIZE + 12345)
    letter = _letter(services)
    seen: list[tuple[int, int]] = []
    attachment = services.import_attachment(source, link_to=letter.id,
                                             progress=lambda d, t: seen.append((d, t)))
    assert attachment.sha256 == sha and attachment.size == source.stat().st_size
    assert attachment.media_type == "application/pdf"
    assert seen[-1] == (attachment.size, attachment.size) and len(seen) == 4
    assert [a.id for a in services.attachments_for(letter)] == [attachment.id]
    out = tmp_path / "out.pdf"
    services.save_attachment_as(attachment.id, out)
    assert out.read_bytes() == source.read_bytes()
    assert services.read_attachment(attachment.id) == source.read_bytes()


def test_reader_seeks_like_a_file(services: Services) -> None:
    data = os.urandom(2 * blobs.CHUNK_SIZE + 100)
    attachment = vault_of(services).attachments.import_stream(io.BytesIO(data), "a.bin")
    with services.open_attachment(attachment.id) as reader:
        reader.seek(blobs.CHUNK_SIZE - 5)
        assert reader.read(10) == data[blobs.CHUNK_SIZE - 5:blobs.CHUNK_SIZE + 5]
        reader.seek(-7, io.SEEK_END)
        assert reader.read() == data[-7:]
        assert reader.read(5) == b""
        reader.seek(0)
        assert reader.read() == data


def test_memory_stays_bounded_on_a_large_file(services: Services, tmp_path: Path) -> None:
    """A smaller version of benchmarks/attachments.py: 48 MiB in and out, Python heap < 16 MiB."""
    source = tmp_path / "recording.m4a"
    size = 48 * blobs.CHUNK_SIZE
    sha = _random_file(source, size)
    tracemalloc.start()
    attachment = services.import_attachment(source)
    digest = hashlib.sha256()
    with (tmp_path / "back.m4a").open("wb") as out:
        vault_of(services).attachments.export_to(attachment.id, out)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with (tmp_path / "back.m4a").open("rb") as back:
        for block in iter(lambda: back.read(1 << 20), b""):
            digest.update(block)
    assert digest.hexdigest() == sha == attachment.sha256
    assert peak < 16 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


def test_cancel_leaves_nothing(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "big.wav"
    _random_file(source, 5 * blobs.CHUNK_SIZE)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    entries = len(services.recent_changes(1000))
    with pytest.raises(ImportCancelled):
        services.import_attachment(source, cancelled=cancelled)
    assert vault_of(services).attachments.list() == []
    count = vault_of(services).connection.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0]
    assert count == 0
    assert len(services.recent_changes(1000)) == entries


def test_altered_chunk_is_found_by_verify(services: Services) -> None:
    attachment = vault_of(services).attachments.import_stream(io.BytesIO(b"original letter"), "l.txt")
    assert vault_of(services).attachments.check(attachment.id)
    vault_of(services).connection.execute(
        "UPDATE attachment_chunks SET data = ? WHERE attachment_id = ?", (b"altered letter!", attachment.id))
    assert not vault_of(services).attachments.check(attachment.id)
    report = verify(vault_of(services))
    assert report.attachments_damaged == [f"l.txt ({attachment.id})"]


def test_letter_text_is_searchable(services: Services, tmp_path: Path) -> None:
    letter = _letter(services)
    source = tmp_path / "letter.txt"
    source.write_text("We will arrange speech therapy for Leo by March.")
    services.import_attachment(source, link_to=letter.id)
    hits = services.search("speech therapy")
    assert [h.record_id for h in hits] == [letter.id]
    assert hits[0].source.startswith("attachment:")


def test_eml_text_is_extracted(services: Services, tmp_path: Path) -> None:
    letter = _letter(services)
    source = tmp_path / "reply.eml"
    source.write_text("From: worker@council.example\nTo: me@example.org\nSubject: Contact times\n"
                      "Content-Type: text/plain\n\nContact moves to Thursdays from next week.\n")
    services.import_attachment(source, link_to=letter.id)
    assert [h.record_id for h in services.search("thursdays")] == [letter.id]


def test_delete_attachment(services: Services) -> None:
    attachment = vault_of(services).attachments.import_stream(io.BytesIO(b"x" * 100), "x.bin")
    vault_of(services).attachments.delete(attachment.id)
    assert vault_of(services).attachments.list() == []
    assert verify(vault_of(services)).ok
