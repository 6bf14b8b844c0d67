"""How long unlocking takes with the default Argon2id cost, and how long a wrong passphrase takes.

    python benchmarks/unlock.py [--runs 5]

Target (issue 2): unlock about 0.3–0.8 s here; wrong passphrase rejected within about 1 s.
The Argon2id settings printed are read back from the new record's key file (what a family's
record really gets), not from the constant in the code.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from familyrecord.services import Services
from familyrecord.storage import keyslots
from familyrecord.storage.errors import WrongPassphrase


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        path = Path(tmp) / "unlock.frvault"
        Services.create(path, "right passphrase")[0].lock()
        key_file = keyslots.read_key_file(path)
        held = {slot.kind: slot.kdf for slot in key_file.slots}
        kdf = held["passphrase"]
        right, wrong = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            Services.open(path, "right passphrase").lock()
            right.append(time.perf_counter() - started)
            started = time.perf_counter()
            try:
                Services.open(path, "wrong passphrase")
            except WrongPassphrase:
                wrong.append(time.perf_counter() - started)
    for kind, slot_kdf in held.items():
        print(f"key file, {kind} slot: Argon2id time_cost={slot_kdf.time_cost}, "
              f"memory={slot_kdf.memory_kib // 1024} MiB, parallelism={slot_kdf.parallelism}")
    print(f"key file format {key_file.format}, integrity check (MAC) present: {key_file.mac is not None}")
    print(f"runs={args.runs} (unlock and wrong passphrase use the passphrase slot: "
          f"time_cost={kdf.time_cost}, {kdf.memory_kib // 1024} MiB)")
    print(f"unlock median:            {statistics.median(right):.2f} s")
    print(f"wrong passphrase median:  {statistics.median(wrong):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
