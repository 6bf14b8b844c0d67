"""OCR benchmark: character error rate and time per page on photographed letters; peak memory
while reading a long scanned PDF.

    .venv/bin/python benchmarks/ocr.py [--letters 9] [--kind photo|scan]
    .venv/bin/python benchmarks/ocr.py --pdf-pages 50

Letters are typeset here (tests/intake_fixtures.py) and "photographed": a phone-sized JPEG
(3000 x 4000) of the page on a desk, rotated up to 5 degrees, unevenly lit and noisy; or, with
--kind scan, an A4 scan at 300 dpi. The character error rate is the edit distance between what
was read and the known text (whitespace runs counted as one space), divided by the text's length.

Targets (issue 11): CER < 3 %, < 5 s per A4 photo on a 2-core machine, and peak RSS < 800 MB
while reading a 50-page scanned PDF. The PDF is read in a fresh process so that making it here
does not count towards the peak.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz.distance import Levenshtein

from familyrecord.importers import extract, ocr, pdfs
from tests import intake_fixtures as fx


def cer(found: str, truth: str) -> float:
    found, truth = " ".join(found.split()), " ".join(truth.split())
    return Levenshtein.distance(found, truth) / max(1, len(truth))


def peak_rss_mb() -> float:
    """This process's own peak resident memory. VmHWM, not ru_maxrss: a spawned process's
    ru_maxrss starts from its parent's peak (Linux keeps it across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def letters_benchmark(count: int, kind: str) -> None:
    rng = random.Random(11)
    started = time.perf_counter()
    ocr.engine()
    print(f"engine ready in {time.perf_counter() - started:.2f} s (made once per process)")
    errors: list[float] = []
    seconds: list[float] = []
    cpu: list[float] = []
    for number in range(count):
        letter = fx.LETTERS[number % len(fx.LETTERS)]
        angle = rng.uniform(-5, 5)
        if kind == "photo":
            data, name = fx.photo(letter, angle=angle, seed=number), "photo.jpg"
        else:
            data, name = fx.jpeg(fx.scan(letter, dpi=300, angle=angle / 3), quality=90), "scan.jpg"
        started, started_cpu = time.perf_counter(), time.process_time()
        result = extract.extract(name, data)
        elapsed = time.perf_counter() - started
        errors.append(cer(result.text, letter.text))
        seconds.append(elapsed)
        cpu.append(time.process_time() - started_cpu)
        print(f"  letter {number + 1:2d}: {kind}, turned {angle:+.1f} deg, {len(data) // 1024} KB: "
              f"CER {errors[-1] * 100:.2f} %, {elapsed:.2f} s ({cpu[-1]:.2f} s of CPU)")
    print(f"{count} {kind}s: mean CER {statistics.mean(errors) * 100:.2f} % (worst "
          f"{max(errors) * 100:.2f} %), median {statistics.median(seconds):.2f} s per page (slowest "
          f"{max(seconds):.2f} s; CPU {statistics.median(cpu):.2f} s), peak RSS {peak_rss_mb():.0f} MB, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")


PDF_PAGES = (*fx.LETTERS, fx.REPORT)  # every fourth page is full of text from margin to margin


def scanned_pdf(pages: int) -> bytes:
    """An image-only PDF of A4 scans at 200 dpi, made a page at a time (JPEG data only held)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for number in range(pages):
        scan = fx.scan(PDF_PAGES[number % len(PDF_PAGES)], dpi=200, angle=(number % 5 - 2) * 0.7)
        canvas.drawImage(ImageReader(io.BytesIO(fx.jpeg(scan, quality=80))), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _read_pdf_child(data: bytes, answer: Connection) -> None:
    started = time.perf_counter()
    pages = pdfs.read_pdf(data)
    elapsed = time.perf_counter() - started
    errors = [cer(page.text, PDF_PAGES[page.index % len(PDF_PAGES)].text) for page in pages]
    answer.send((len(pages), elapsed, statistics.mean(errors), peak_rss_mb(),
                 sum(page.machine_read for page in pages)))


def pdf_benchmark(pages: int) -> None:
    data = scanned_pdf(pages)
    print(f"{pages}-page image-only PDF: {len(data) / 1e6:.1f} MB (made in this process, "
          f"whose peak is {peak_rss_mb():.0f} MB; it is read in a fresh one)")
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_pdf_child, args=(data, sender))
    child.start()
    count, elapsed, mean_cer, peak, read = receiver.recv()
    child.join()
    print(f"read {count} pages ({read} by OCR) in {elapsed:.0f} s ({elapsed / count:.2f} s per page), "
          f"mean CER {mean_cer * 100:.2f} %, peak RSS of the reading process {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=9)
    parser.add_argument("--kind", choices=("photo", "scan"), default="photo")
    parser.add_argument("--pdf-pages", type=int, default=0, help="read a scanned PDF of this many pages")
    args = parser.parse_args()
    if args.pdf_pages:
        pdf_benchmark(args.pdf_pages)
    else:
        letters_benchmark(args.letters, args.kind)


if __name__ == "__main__":
    main()
