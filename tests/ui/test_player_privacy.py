"""Issue 10.6: the player never prints or logs what a recording says about itself.

QtMultimedia's FFmpeg describes each file it opens on standard error, tags included
("title : Secret CP conference about …"). The recording here is synthetic, made in memory with
PyAV, with words in its tags that appear nowhere else. Standard error is captured at the file
descriptor level (FFmpeg writes from C, on Qt's threads), and the app's log (the real Qt message
handler and log file) is read back. A control run in a child process, with the silencing
switched off, shows that the same capture does see the tags, so these tests can fail.
"""

from __future__ import annotations

import io
import logging
import math
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
from PySide6.QtCore import qInstallMessageHandler
from pytestqt.qtbot import QtBot

from familyrecord import paths
from familyrecord.ui import crash
from familyrecord.ui.transcript import quiet_media
from familyrecord.ui.transcript.player import AudioPlayer

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("symbolsresolver", "PulseAudio", "pa_context", "No audio device",
                              "QSocketNotifier"),
]

TITLE = "Secret CP conference about Zebedee Quokkafield"
COMMENT = "Marmoset Drive contact notes"
SECRETS = ("Zebedee", "Quokkafield", "Marmoset", "Secret CP")
ROOT = Path(__file__).resolve().parents[2]


def tagged_recording() -> bytes:
    """Two seconds of tone as AAC in MP4, with a title and a comment tag, made in memory."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        container.metadata["title"] = TITLE
        container.metadata["comment"] = COMMENT
        stream = container.add_stream("aac", rate=16000)
        stream.layout = "mono"
        t = np.arange(2 * 16000) / 16000
        frame = av.AudioFrame.from_ndarray((0.2 * np.sin(2 * math.pi * 440 * t)).astype(np.float32)[None, :],
                                           format="fltp", layout="mono")
        frame.sample_rate = 16000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return out.getvalue()


@pytest.fixture(scope="module")
def recording() -> bytes:
    data = tagged_recording()
    with av.open(io.BytesIO(data)) as container:  # the tags really are in the file
        assert container.metadata.get("title") == TITLE
        assert container.metadata.get("comment") == COMMENT
    return data


@pytest.fixture
def app_logging() -> Iterator[Path]:
    """The app's own logging, as the desktop app sets it up: log file and Qt message handler."""
    handler = crash.setup_logging(logging.DEBUG)
    previous = qInstallMessageHandler(crash.qt_message_handler)
    try:
        yield paths.log_dir() / crash.LOG_FILE
    finally:
        qInstallMessageHandler(previous)
        logging.getLogger("familyrecord").removeHandler(handler)
        handler.close()


def test_loading_and_playing_a_tagged_recording_prints_and_logs_none_of_its_tags(
        qtbot: QtBot, recording: bytes, capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture, app_logging: Path) -> None:
    caplog.set_level(logging.DEBUG)
    player = AudioPlayer()
    qtbot.addWidget(player)
    player.load(recording, "recording.m4a")
    qtbot.waitUntil(lambda: player.player.duration() > 1500, timeout=10000)
    player.play_from(200)
    qtbot.waitUntil(lambda: player.position() > 600, timeout=10000)
    player.pause()
    player.unload()
    captured = capfd.readouterr()
    logged = app_logging.read_text(encoding="utf-8") if app_logging.exists() else ""
    for secret in SECRETS:
        assert secret not in captured.err and secret not in captured.out
        assert secret not in caplog.text
        assert secret not in logged
    assert "Metadata" not in captured.err  # FFmpeg's description of the file as a whole
    assert quiet_media.after_player()  # silenced at the source here, not by draining stderr


def test_stderr_drain_drops_what_is_written_while_open_and_restores_after(
        capfd: pytest.CaptureFixture[str]) -> None:
    drain = quiet_media.StderrDrain()
    os.write(2, b"before the load\n")
    drain.open()
    assert drain.is_open
    os.write(2, f"title : {TITLE}\n".encode())
    drain.close()
    os.write(2, b"after the load\n")
    err = capfd.readouterr().err
    assert "before the load" in err and "after the load" in err
    assert "Zebedee" not in err and not drain.is_open


# A child process loads the recording (read from stdin) the way the app does, with parts of the
# silencing switched off, then writes a marker to stderr so the capture is shown to still work.
CHILD = """
import os, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
app = QApplication([])
from familyrecord.ui.transcript import quiet_media
mode = sys.argv[1]
if mode in ("drain only", "nothing"):
    quiet_media._loaded_avutil = lambda: None
if mode == "nothing":
    quiet_media.before_player = lambda: None
    quiet_media.StderrDrain.open = lambda self: None
from familyrecord.ui.transcript.player import AudioPlayer
player = AudioPlayer()
player.load(sys.stdin.buffer.read(), "recording.m4a")
for _ in range(400):
    QCoreApplication.processEvents()
    if player.player.duration() > 0 and not player._drain.is_open:
        break
    QCoreApplication.processEvents()
    import time; time.sleep(0.01)
assert player.player.duration() > 0, "the recording did not load"
print("marker written after loading", file=sys.stderr, flush=True)
"""


def _child(mode: str, recording: bytes, home: Path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", CHILD, mode], input=recording, capture_output=True,
                          cwd=ROOT, env=env, timeout=60, check=False)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, err[-2000:]
    return err


def test_control_without_silencing_ffmpeg_prints_the_tags(recording: bytes, private_home: Path) -> None:
    """The leak being guarded against is real, and the capture sees it."""
    err = _child("nothing", recording, private_home)
    assert TITLE in err and COMMENT in err
    assert "marker written after loading" in err


def test_where_ffmpeg_cannot_be_silenced_stderr_is_drained_while_loading(
        recording: bytes, private_home: Path) -> None:
    err = _child("drain only", recording, private_home)
    assert not any(secret in err for secret in SECRETS)
    assert "marker written after loading" in err  # standard error works again afterwards


def test_silenced_at_the_source_in_a_fresh_process(recording: bytes, private_home: Path) -> None:
    err = _child("as shipped", recording, private_home)
    assert not any(secret in err for secret in SECRETS)
    assert "qt.multimedia.ffmpeg" not in err
    assert "marker written after loading" in err
