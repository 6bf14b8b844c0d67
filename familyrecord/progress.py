"""A small terminal progress bar for the command line (the GUI uses Qt progress instead)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Call with (done, total); draws at most ~10 times a second, only on a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, unit: str = "") -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.unit = unit
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: float, total: float) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        if not self.stream.isatty():
            return
        width = 30
        fraction = min(1.0, done / total) if total else 0.0
        bar = "#" * int(width * fraction) + "-" * (width - int(width * fraction))
        self.stream.write(f"\r{self.label} [{bar}] {fraction * 100:5.1f}%")
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
