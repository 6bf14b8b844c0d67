"""Bundle export benchmark: first the demo family (the family's own layout, the court layout,
and pseudonyms with everything hidden), then a big record: 500 chronology rows, 100 meetings,
300 attached PDF pages, 50 photos.

Prints the median time of each export, its pages, and the process's peak RSS. Run:
    .venv/bin/python benchmarks/export.py [--runs 3] [--demo-only]
"""

from __future__ import annotations

import argparse
import functools
import io
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from familyrecord.demo import build_demo
from familyrecord.export.options import ExportOptions, Hide, Layout
from familyrecord.records.enums import Channel, Direction
from familyrecord.records.models import Attendee, Correspondence, Event, Meeting
from familyrecord.services import Services
from familyrecord.storage.keyslots import KdfParams


def _pdf(pages: int, tag: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for n in range(pages):
        canvas.setFont("Helvetica", 12)
        for line in range(40):
            canvas.drawString(60, 780 - line * 18, f"{tag} page {n + 1} line {line}: the council wrote.")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@functools.cache
def _photo(n: int) -> bytes:
    """A phone-sized photo (4000 x 3000, a few MB): noise over a gradient compresses like one.
    Five different ones, reused, keep the set-up quick."""
    gradient = Image.linear_gradient("L").resize((4000, 3000))
    noise = Image.effect_noise((4000, 3000), 12 + n)
    image = Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def build_vault(folder: Path) -> Services:
    services, _ = Services.create(folder / "bench.frvault", "benchmark passphrase",
                                  kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    start = date(2023, 1, 2)
    for n in range(100):
        services.save(Meeting(
            title=f"Core group meeting {n + 1}", starts_at=datetime.combine(start + timedelta(days=n * 3),
                                                                           datetime.min.time()),
            place="Family centre", attendees=[Attendee(name="Sam Worker"), Attendee(name="Pat Visitor")],
            own_notes="We went through the plan. " * 8, decisions=["Keep the plan as it is."]))
    letters = []
    for n in range(150):
        letters.append(services.save(Correspondence(
            direction=Direction.RECEIVED, channel=Channel.LETTER, dated=start + timedelta(days=n * 2),
            from_name="Children's Services", subject=f"Letter {n + 1} about the plan",
            body="Dear family, this is about the plan. " * 6)))
    for n in range(250):
        services.save(Event(title=f"Event {n + 1}: a visit", occurred_on=start + timedelta(days=n),
                            description="Something that happened and was noted at the time."))
    for n in range(30):  # 30 PDFs of 10 pages = 300 attached pages
        services.import_attachment_stream(io.BytesIO(_pdf(10, f"Document {n + 1}")),
                                          f"document-{n + 1}.pdf", link_to=letters[n].id)
    photo_bytes = 0
    for n in range(50):
        photo = _photo(n % 5)
        photo_bytes += len(photo)
        services.import_attachment_stream(io.BytesIO(photo), f"photo-{n + 1}.jpg",
                                          link_to=letters[30 + n].id)
    print(f"50 photos of 4000 x 3000 px, {photo_bytes / 1024 / 1024:.0f} MiB in all")
    return services


def _timed(services: Services, options: ExportOptions, folder: Path, runs: int) -> str:
    times, result = [], None
    for run in range(runs):
        started = time.perf_counter()
        result = services.exports.bundle(options, folder / f"demo-{run}.pdf")
        times.append(time.perf_counter() - started)
    assert result is not None
    return (f"{result.pages} pages, median {statistics.median(times):.2f} s "
            f"({', '.join(f'{t:.2f}' for t in times)})")


def demo_figures(folder: Path, runs: int) -> None:
    services, _ = Services.create(folder / "demo.frvault", "benchmark passphrase",
                                  kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    build_demo(services)
    print(f"demo, the family's own layout: {_timed(services, ExportOptions(), folder, runs)}")
    court = ExportOptions(layout=Layout.COURT)
    print(f"demo, court layout (PD27A): {_timed(services, court, folder, runs)}")
    hidden = ExportOptions(pseudonyms=True, hide=list(Hide), nicknames={"Nan": "Linda Carter"})
    print(f"demo, pseudonyms and everything hidden: {_timed(services, hidden, folder, runs)}")
    services.lock()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--demo-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as demo_folder:
        demo_figures(Path(demo_folder), args.runs)
    if args.demo_only:
        return
    with tempfile.TemporaryDirectory() as folder:
        made = time.perf_counter()
        services = build_vault(Path(folder))
        print(f"vault built in {time.perf_counter() - made:.1f} s; "
              f"chronology rows: {len(services.chronology.rows())}")
        times = []
        for run in range(args.runs):
            started = time.perf_counter()
            result = services.exports.bundle(ExportOptions(), Path(folder) / f"bundle-{run}.pdf")
            times.append(time.perf_counter() - started)
        services.lock()
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size_mib = (Path(folder) / "bundle-0.pdf").stat().st_size / 1024 / 1024
        print(f"bundle: {result.pages} pages, {len(result.included)} attached files, {size_mib:.1f} MiB")
        print(f"export time: median {statistics.median(times):.2f} s over {args.runs} runs "
              f"({', '.join(f'{t:.2f}' for t in times)})")
        print(f"peak RSS (whole process, vault building included): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
