"""The reserve against PySide6 6.12's dropped references to None on Python 3.11
(familyrecord/ui/widgets/reserve.py): a child process makes many Qt calls and exits cleanly with
the reserve; without it (on an affected Python) it aborts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CALLS = """
from PySide6.QtCore import QObject
from familyrecord.ui.widgets.reserve import top_up
o = QObject()
for batch in range(10):
    if {reserve}:
        top_up()
    for _ in range(20_000):
        o.setObjectName("x")
print("done")
"""


def _run(reserve: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CALLS.format(reserve=reserve)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          cwd=os.getcwd())


def test_many_qt_calls_end_cleanly_with_the_reserve() -> None:
    done = _run(reserve=True)
    assert done.returncode == 0 and "done" in done.stdout, done.stderr[-500:]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_without_it_the_binding_fault_shows() -> None:
    from PySide6.QtCore import QObject

    before = sys.getrefcount(None)
    QObject().setObjectName("x")
    if sys.getrefcount(None) >= before:
        pytest.skip("this PySide6 no longer drops references to None")
    assert _run(reserve=False).returncode != 0
