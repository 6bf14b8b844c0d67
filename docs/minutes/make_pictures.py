"""Make docs/minutes/letter.png: the request for corrections drafted for the made-up core-group
meeting of tests/minutes_fixtures.py (three statements marked, an account, something left out).

    .venv/bin/python docs/minutes/make_pictures.py

Needs pdftoppm (poppler-utils). Everything is made-up test data; the vault lives in a temporary
folder that is removed afterwards.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from familyrecord.records.enums import Verdict  # noqa: E402
from familyrecord.services import Services  # noqa: E402
from familyrecord.storage.keyslots import KdfParams  # noqa: E402
from tests.minutes_fixtures import MINUTES, OMITTED  # noqa: E402
from tests.test_minutes_service import CONTACT, core_group  # noqa: E402

DPI = 80


def letter_pdf() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        services, _code = Services.create(Path(folder) / "docs.frvault", "made up passphrase words",
                                          kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
        try:
            meeting = core_group(services)
            review = services.minutes.start(meeting.id, text=MINUTES)
            services.minutes.mark(review.id, 0, Verdict.INACCURATE)
            services.minutes.mark(review.id, CONTACT, Verdict.INACCURATE, account=(
                "Contact with his dad is twice a week, on Tuesdays and Thursdays. "
                "It has not changed and has never been once a week."))
            services.minutes.mark(review.id, 4, Verdict.INACCURATE, correction=(
                "Please say that Jodie, the family support worker, will come on Wednesday mornings."))
            left_out = next(o for o in services.minutes.comparison(review).omissions
                            if o.passage.first <= OMITTED[0] <= o.passage.last)
            services.minutes.add_omission(review.id, left_out, account=(
                "Hannah promised to make the nursery referral for Maisie by Friday."))
            _meeting, letter = services.minutes.outcome(review.id, today=date(2024, 3, 12),
                                                        signed_by="Kerry Jones")
            pdf = next(a for a in services.attachments_for(letter) if a.file_name.endswith(".pdf"))
            return services.read_attachment(pdf.id)
        finally:
            services.lock()


def pages_png(pdf: bytes) -> Image.Image:
    """The pages side by side, rendered by pdftoppm (made-up data, so a temporary folder is fine)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-", f"{folder}/page"], input=pdf, check=True)
        pages = [Image.open(path).convert("RGB") for path in sorted(Path(folder).glob("page-*.png"))]
    gap = 16
    sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * (len(pages) + 1),
                              max(p.height for p in pages) + 2 * gap), (200, 200, 200))
    x = gap
    for page in pages:
        sheet.paste(page, (x, gap))
        x += page.width + gap
    return sheet


if __name__ == "__main__":
    out = Path(__file__).with_name("letter.png")
    pages_png(letter_pdf()).save(out, optimize=True)
    print(f"wrote {out}")
