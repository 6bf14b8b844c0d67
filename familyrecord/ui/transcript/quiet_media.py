"""Keep QtMultimedia and FFmpeg from printing what a recording says about itself.

When Qt's player opens a file, FFmpeg describes it on standard error at its INFO level, tags
included ("title : …", "comment : …"), and Qt's FFmpeg back-end has logging categories of its own
(qt.multimedia.ffmpeg.*) that the app's Qt message handler would copy into its log file. A
recording's tags are the family's words, so all of it is turned off:

- `before_player()` (before the first QMediaPlayer): Qt's FFmpeg categories are switched off by
  filter rules, and QT_FFMPEG_DEBUG is dropped so Qt never raises FFmpeg's level or routes its
  messages into Qt logging.
- `after_player()` (once Qt has loaded FFmpeg): FFmpeg's own level is set to AV_LOG_QUIET in the
  libavutil Qt uses, found among the libraries already loaded (never loaded anew; PyAV's own copy
  is left alone).
- If that library cannot be found, `StderrDrain` reads standard error into nothing while a
  recording loads (the player opens it around each load), so nothing reaches a terminal or a log.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLoggingCategory

log = logging.getLogger(__name__)

AV_LOG_QUIET = -8
# Every category of Qt's FFmpeg back-end and playback engine, at every level.
QUIET_RULES = "qt.multimedia.ffmpeg*=false\nqt.multimedia.playbackengine*=false"

_state: dict[str, bool] = {}


def before_player() -> None:
    """Call before the first QMediaPlayer is made (idempotent)."""
    if _state.get("rules"):
        return
    _state["rules"] = True
    os.environ.pop("QT_FFMPEG_DEBUG", None)
    QLoggingCategory.setFilterRules(QUIET_RULES)


def after_player() -> bool:
    """Silence FFmpeg's own log; True when done (then no stderr draining is needed)."""
    if "ffmpeg" not in _state:
        library = _loaded_avutil()
        _state["ffmpeg"] = library is not None
        if library is not None:
            library.av_log_set_level(AV_LOG_QUIET)
        else:
            log.info("FFmpeg's log level could not be set; standard error is drained while loading")
    return _state["ffmpeg"]


def _candidates() -> list[Path]:
    """Files that may be the libavutil Qt loaded: Qt's own folders first, then what is mapped."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)),
               Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.BinariesPath)),
               Path(PySide6.__file__).parent]
    patterns = ("avutil-*.dll",) if sys.platform == "win32" else ("libavutil*.so*", "libavutil*.dylib")
    found = [path for folder in folders if folder.is_dir() for pattern in patterns
             for path in sorted(folder.glob(pattern))]
    maps = Path("/proc/self/maps")
    if maps.exists():  # Linux: a Qt built against the system's FFmpeg
        try:
            mapped = {line.split(maxsplit=5)[-1].strip() for line in maps.read_text().splitlines()
                      if "/libavutil" in line}
        except OSError:
            mapped = set()
        # PyAV bundles its own FFmpeg (av.libs), which Qt does not use.
        found += [Path(p) for p in sorted(mapped) if "av.libs" not in p]
    return found


def _loaded_avutil() -> ctypes.CDLL | None:
    for path in _candidates():
        try:
            if sys.platform == "win32":
                kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
                handle = kernel32.GetModuleHandleW(path.name)
                if not handle:
                    continue
                library = ctypes.CDLL(path.name, handle=handle)
            else:
                # RTLD_NOLOAD: only a library already in the process, the very one Qt uses.
                library = ctypes.CDLL(str(path), mode=os.RTLD_NOLOAD | os.RTLD_NOW)
        except OSError:
            continue
        if hasattr(library, "av_log_set_level"):
            return library
    return None


class StderrDrain:
    """While open, whatever is written to file descriptor 2 is read and thrown away."""

    def __init__(self) -> None:
        self._saved: int | None = None
        self._reader: threading.Thread | None = None

    @property
    def is_open(self) -> bool:
        return self._saved is not None

    def open(self) -> None:
        if self._saved is not None:
            return
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        self._saved = os.dup(2)
        os.dup2(write_end, 2)
        os.close(write_end)
        self._reader = threading.Thread(target=_drop_all, args=(read_end,), daemon=True,
                                        name="stderr-drain")
        self._reader.start()

    def close(self) -> None:
        if self._saved is None:
            return
        sys.stderr.flush()
        os.dup2(self._saved, 2)  # closes the pipe's last write end: the reader sees its end
        os.close(self._saved)
        self._saved = None
        if self._reader is not None:
            self._reader.join(timeout=1.0)
            self._reader = None


def _drop_all(read_end: int) -> None:
    try:
        while os.read(read_end, 65536):
            pass
    finally:
        os.close(read_end)
