"""Import a large attachment into a vault and stream it back out; print time and peak RSS.

    python benchmarks/attachments.py [--size-mb 1024] [--runs 1]

The target (issue 2): a 1 GB file imports and exports byte-identical with peak RSS < 300 MB.
The source file is random bytes made here, not anyone's record.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from familyrecord.services import Services
from familyrecord.storage.keyslots import KdfParams


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_source(path: Path, size_mb: int) -> str:
    digest = hashlib.sha256()
    block = os.urandom(1 << 20)
    with path.open("wb") as out:
        for i in range(size_mb):
            chunk = block[:-8] + i.to_bytes(8, "little")  # every MiB distinct
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def sha_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    imports, exports = [], []
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "recording.bin"
        sha = make_source(source, args.size_mb)
        rss_before = peak_rss_mb()
        for run in range(args.runs):
            services, _ = Services.create(folder / f"bench{run}.frvault", "benchmark passphrase",
                                          kdf=KdfParams(1, 8192, 1))
            started = time.perf_counter()
            attachment = services.import_attachment(source)
            imports.append(time.perf_counter() - started)
            out = folder / f"back{run}.bin"
            started = time.perf_counter()
            services.save_attachment_as(attachment.id, out)
            exports.append(time.perf_counter() - started)
            identical = attachment.sha256 == sha == sha_of(out)
            out.unlink()
            services.lock()
            if not identical:
                print("FAIL: exported file differs from the original")
                return 1
    size = args.size_mb
    print(f"attachment size:        {size} MiB, runs: {args.runs}")
    print(f"import  median:         {statistics.median(imports):.1f} s "
          f"({size / statistics.median(imports):.0f} MiB/s)")
    print(f"export  median:         {statistics.median(exports):.1f} s "
          f"({size / statistics.median(exports):.0f} MiB/s)")
    print("byte-identical:         yes")
    print(f"peak RSS before import: {rss_before:.0f} MB")
    print(f"peak RSS overall:       {peak_rss_mb():.0f} MB (target < 300 MB)")
    return 0 if peak_rss_mb() < 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
