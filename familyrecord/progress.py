"""The one contract for long work: progress as (done, total), and a cancel check.

Core functions that take a while accept `progress: Progress | None` and `cancelled: CancelCheck |
None`. `done` and `total` are in the same unit (bytes, seconds of audio, pages); `total` is 0 when
unknown. The GUI wraps such functions in `ui.workers.Task`; the CLI passes a `ProgressBar`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[float, float], None]
CancelCheck = Callable[[], bool]


def never_cancelled() -> bool:
    return False


def no_progress(done: float, total: float) -> None:
    """A `Progress` that reports nowhere."""


class ProgressBar:
    """A terminal progress bar: call with (done, total); draws at most ~10 times a second."""

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
