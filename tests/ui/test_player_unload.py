"""Locking while a recording plays never freezes the app.

Lock and Hide now unload the player. Qt 6.12's FFmpeg engine can deadlock in QMediaPlayer.stop()
when it is called just after a seek while playing (seen within a few dozen tries with no sound
device); the player pauses and drops its source instead. A child process plays, seeks and unloads
80 times; a hang shows as the child running out of time. The deadlock is a race: with stop() put
back, this caught it in about half of the runs (and the fix passed every run), so a failure here
is real even when a rerun passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import io, math, sys, time
import av, numpy as np
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from familyrecord.ui.transcript.player import AudioPlayer

out = io.BytesIO()
with av.open(out, "w", format="mp4") as container:
    stream = container.add_stream("aac", rate=16000)
    stream.layout = "mono"
    t = np.arange(60 * 16000) / 16000
    frame = av.AudioFrame.from_ndarray((0.1 * np.sin(2 * math.pi * 330 * t)).astype(np.float32)[None, :],
                                       format="fltp", layout="mono")
    frame.sample_rate = 16000
    for packet in [*stream.encode(frame), *stream.encode(None)]:
        container.mux(packet)

def spin(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

for n in range(int(sys.argv[1])):
    player = AudioPlayer()
    player.load(out.getvalue(), "recording.m4a")
    began = time.monotonic()
    while player.player.duration() <= 0 and time.monotonic() - began < 10:
        spin(20)
    player.play_from(50200)
    spin(150)
    player.pause()
    player.play_from(4450)  # playing again, just after a seek: where stop() could hang
    spin(n * 7 % 60)
    player.unload()
    assert not player.loaded
    player.deleteLater()
    spin(5)
print("unloaded every time", flush=True)
# Leave without Python's shutdown: PySide6 6.12 on Python 3.11 miscounts references to None,
# True and False, which can abort the interpreter as it finalizes (reported separately).
import os
os._exit(0)
"""


def test_unloading_right_after_a_seek_while_playing_never_hangs(private_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(private_home)}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, "80"], capture_output=True, cwd=ROOT,
                              env=env, timeout=150, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("unloading the player hung")
    output = done.stdout.decode() + done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, output[-2000:]
    assert "unloaded every time" in output
