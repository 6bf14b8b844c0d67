"""Many records: how fast they save, how fast a page of a list loads, how fast search answers.

    python benchmarks/records.py [--count 50000]

The desktop lists load pages lazily (Repository.list with limit/offset), so the figure that
matters for smooth scrolling is the time for one page deep in the list.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from familyrecord.records import Event
from familyrecord.services import Services
from familyrecord.storage.keyslots import KdfParams

WORDS = ["visit", "phone", "call", "nursery", "school", "contact", "supervisor", "taxi", "late",
         "cancelled", "report"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        services, _ = Services.create(Path(tmp) / "many.frvault", "benchmark passphrase",
                                      kdf=KdfParams(1, 8192, 1))
        repo = services.vault.events
        saves = []
        start_day = date(2020, 1, 1)
        for i in range(args.count):
            event = Event(occurred_on=start_day + timedelta(days=i % 2500),
                          title=f"Entry {i} {WORDS[i % len(WORDS)]}",
                          description=" ".join(WORDS[(i + k) % len(WORDS)] for k in range(12)))
            started = time.perf_counter()
            repo.create(event)
            saves.append(time.perf_counter() - started)
        pages = []
        for offset in range(0, args.count, max(1, args.count // 20)):
            started = time.perf_counter()
            repo.list(limit=200, offset=offset)
            pages.append(time.perf_counter() - started)
        searches = []
        for word in WORDS:
            started = time.perf_counter()
            services.search(word)
            searches.append(time.perf_counter() - started)
        services.lock()
    print(f"records: {args.count}")
    print("save one record (one transaction, journaled, indexed) median: "
          f"{statistics.median(saves) * 1000:.2f} ms")
    print(f"load a page of 200 rows median: {statistics.median(pages) * 1000:.1f} ms, "
          f"slowest {max(pages) * 1000:.1f} ms")
    print(f"search (top 50 with snippets) median: {statistics.median(searches) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
