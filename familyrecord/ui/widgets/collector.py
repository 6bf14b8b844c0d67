"""Python's cycle collector runs wherever an allocation happens to trigger it, a worker thread
included, and a Qt object caught in a reference cycle must only be destroyed on the GUI thread
(destroying widgets on a worker aborts the process). So while the app runs, automatic collection
is off and the GUI thread collects: on a timer, and before each worker starts."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer

from familyrecord.ui.widgets.reserve import top_up

INTERVAL_MS = 1000


def collect_on_gui_thread(app: QCoreApplication, interval_ms: int = INTERVAL_MS) -> QTimer:
    """Turn automatic collection off and collect on `app`'s thread every `interval_ms` (also
    topping up the reserve against the binding's reference fault, widgets/reserve.py)."""
    gc.disable()
    top_up()
    timer = QTimer(app)
    timer.setInterval(interval_ms)
    timer.timeout.connect(collect_now)
    timer.start()
    return timer


def collect_now() -> None:
    top_up()
    gc.collect()
