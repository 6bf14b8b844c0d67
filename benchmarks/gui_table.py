"""A long list in the app: how fast it opens and how smoothly it scrolls (lazy pages).

    python benchmarks/gui_table.py [--count 50000] [--steps 400]

Builds a vault with COUNT events (made-up words), opens the Events list as the app does
(RecordTableModel behind the sort/filter proxy in a QTableView, offscreen) and scrolls it a
screenful at a time. Prints the time to open the list, the time for each scroll step
(medians and the slowest: a step that loads a page from the vault included) and how many rows
were loaded by the end. Smooth means every step well under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ["visit", "phone", "call", "nursery", "school", "contact", "supervisor", "taxi", "late",
         "cancelled", "report"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication, QTableView

    from familyrecord.records.models import Event
    from familyrecord.services import Services
    from familyrecord.storage.keyslots import KdfParams
    from familyrecord.ui.records.table_model import RecordFilterModel, RecordTableModel

    with tempfile.TemporaryDirectory(prefix="fr-gui-table-") as tmp:
        os.environ["FAMILYRECORD_HOME"] = str(Path(tmp) / "home")
        app = QApplication([])
        services, _ = Services.create(Path(tmp) / "many.frvault", "benchmark passphrase",
                                      kdf=KdfParams(1, 8192, 1))
        started = time.perf_counter()
        for i in range(args.count):
            services.vault.events.create(Event(occurred_on=date(2020, 1, 1) + timedelta(days=i % 2500),
                                               title=f"Entry {i} {WORDS[i % len(WORDS)]}"))
        print(f"made {args.count} events in {time.perf_counter() - started:.0f} s")
        model = RecordTableModel(services, Event)
        table = QTableView()
        table.resize(1000, 700)
        table.show()
        started = time.perf_counter()
        model.reload()
        table.setModel(RecordFilterModel(model))
        app.processEvents()
        opened = time.perf_counter() - started
        bar = table.verticalScrollBar()
        steps = []
        for _ in range(args.steps):
            started = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            app.processEvents()
            steps.append(time.perf_counter() - started)
        print(f"open the list (first page): {opened * 1000:.1f} ms")
        print(f"scroll one screenful: median {statistics.median(steps) * 1000:.2f} ms, "
              f"slowest {max(steps) * 1000:.1f} ms over {len(steps)} steps")
        print(f"rows loaded after scrolling: {model.rowCount()} of {model.total}")
        services.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
