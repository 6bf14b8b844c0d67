"""A reserve of references to None, True and False, against a fault in the Qt binding.

PySide6 6.12 wheels are built for Pythons where None, True and False are immortal. On Python
3.11 they are not, and many Qt calls (every call returning nothing, every read of an empty value)
drop a reference to them that was never taken: after a few thousand such calls None's count
reaches zero and Python aborts ("none_dealloc"), at the latest when it shuts down. Until the
binding is fixed, the app raises their counts back (references that are never given back, so
shutting down cannot reach zero either), on a timer and before each worker starts.
"""

from __future__ import annotations

import ctypes
import sys

FLOOR = 200_000  # far more than the binding can drop between two top-ups


def top_up(floor: int = FLOOR) -> None:
    """Bring the counts of None, True and False back up to at least `floor`."""
    if sys.version_info >= (3, 12):  # immortal there: nothing to do
        return
    incref = ctypes.pythonapi.Py_IncRef
    for obj in (None, True, False):
        missing = floor - sys.getrefcount(obj)
        if missing > 0:
            held = ctypes.py_object(obj)
            for _ in range(missing):
                incref(held)
