"""Acceptance 2: no file holding audio or transcript text appears in the temp folder or the home
folder while a recording is imported, transcribed, played back or exported."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.transcription import speech

pytestmark = [pytest.mark.model, pytest.mark.gui, pytest.mark.skipif(
    not speech.espeak_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)"),
    pytest.mark.qt_log_ignore("symbolsresolver", "PulseAudio", "pa_context", "No audio device",
                              "Using Qt multimedia with FFmpeg", "QSocketNotifier")]

AUDIO_MAGIC = (b"ftyp", b"RIFF", b"OggS", b"ID3", b"fLaC", b"#!AMR", b"\x1aE\xdf\xa3")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT
_audit: dict[str, list[str] | None] = {"writes": None}


def _audit_hook(event: str, args: tuple[object, ...]) -> None:
    # Python-level file writes in this process (a temp file deleted at once would slip past
    # a folder listing; this catches it). The engine's own process is watched by the listing.
    writes = _audit["writes"]
    if writes is None or event != "open" or not isinstance(args[0], str | Path):
        return
    mode, flags = args[1], args[2]
    if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS):
        writes.append(str(args[0]))


sys.addaudithook(_audit_hook)


class FolderWatch:
    """Lists every file that appears or changes under some folders, polling every few ms."""

    def __init__(self, *roots: Path) -> None:
        self.roots = roots
        self.before = self._snapshot()
        self.seen: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for root in self.roots:
            for folder, _dirs, files in os.walk(root):
                for name in files:
                    path = os.path.join(folder, name)
                    try:
                        stat = os.stat(path)
                    except FileNotFoundError:
                        continue
                    found[path] = (stat.st_size, stat.st_mtime_ns)
        return found

    def _poll(self) -> None:
        while not self._stop.wait(0.005):
            now = self._snapshot()
            self.seen |= {p for p, sig in now.items() if self.before.get(p) != sig}

    def __enter__(self) -> FolderWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        now = self._snapshot()
        self.seen |= {p for p, sig in now.items() if self.before.get(p) != sig}


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))  # the engine process inherits it
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def audited() -> Iterator[list[str]]:
    writes: list[str] = []
    _audit["writes"] = writes
    yield writes
    _audit["writes"] = None


def test_nothing_plaintext_reaches_temp_or_home(qtbot: QtBot, services: Services, vault_path: Path,
                                                private_tmp: Path, private_home: Path,
                                                tmp_path: Path, audited: list[str]) -> None:
    from familyrecord.ui.transcript.player import AudioPlayer

    source = tmp_path / "source" / "meeting.m4a"
    source.parent.mkdir()
    source.write_bytes(speech.encode(speech.conversation(
        [("en-us", "Leo still does not have a place at the nursery."),
         ("en-gb", "The social worker promised to send the minutes on Friday.")]), "m4a"))
    exports = tmp_path / "chosen-by-the-user"
    exports.mkdir()
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2026, 2, 3, 13, 30)))
    service = services.transcription

    audited.clear()  # from here on: import, transcription, playback, export
    with FolderWatch(private_tmp, private_home) as watch:
        attachment = service.import_recording(source, meeting.id)
        job = service.run(service.queue(meeting.id, attachment.id).id)
        assert job.state == "done"
        transcript_id = str(job.options["transcript_id"])
        player = AudioPlayer()
        qtbot.addWidget(player)
        player.load(services.read_attachment(attachment.id), attachment.file_name)
        player.play_from(1000)
        qtbot.waitUntil(lambda: player.position() > 1500, timeout=10000)
        player.unload()
        for fmt in ("txt", "srt", "vtt", "docx"):
            service.export(transcript_id, exports / f"transcript.{fmt}")

    text = " ".join(s.text for s in service.segments(transcript_id)).lower()
    assert "nursery" in text
    assert watch.seen == set(), f"files appeared outside the vault: {sorted(watch.seen)}"
    vault_files = {str(vault_path), *(str(vault_path) + s for s in ("-wal", "-shm", "-journal"))}
    allowed = vault_files | {str(exports / f"transcript.{fmt}") for fmt in ("txt", "srt", "vtt", "docx")}
    unexpected = sorted(p for p in set(audited) if p not in allowed and not p.startswith("/dev/"))
    assert unexpected == [], f"written outside the vault: {unexpected}"
    # What was exported went only where the user chose, and the vault holds no plaintext audio.
    assert sorted(p.name for p in exports.iterdir()) == [f"transcript.{f}" for f in
                                                          ("docx", "srt", "txt", "vtt")]
    raw = b"".join(Path(p).read_bytes() for p in vault_files if Path(p).exists())
    assert b"nursery" not in raw and not any(magic in raw for magic in AUDIO_MAGIC[:2])
