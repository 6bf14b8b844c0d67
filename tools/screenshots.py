"""Take screenshots of the main views for the README, offscreen, from the made-up demo family.

    python tools/screenshots.py [--out docs/screenshots]

Builds a demo vault in a temporary folder (nothing is read from or written to your own record),
opens the app window on it and saves Home, Meetings (with a filled meeting), Chronology and
Search at 100% and 200% text size as PNG files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = {100: (1280, 860), 200: (1800, 1200)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fr-shots-") as tmp:
        os.environ["FAMILYRECORD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from familyrecord.demo import build_demo
        from familyrecord.records.models import Meeting
        from familyrecord.services import Services
        from familyrecord.settings import AppSettings
        from familyrecord.storage.keyslots import KdfParams
        from familyrecord.ui.app import AppWindow
        from familyrecord.ui.widgets.theme import apply_appearance

        app = QApplication([])
        kdf = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)
        path = Path(tmp) / "demo.frvault"
        services, _code = Services.create(path, "screenshot passphrase", kdf=kdf)
        build_demo(services)
        services.lock()
        for scale, (width, height) in SIZES.items():
            settings = AppSettings(text_scale_percent=scale, theme="light")
            apply_appearance(app, settings)
            window = AppWindow(settings, vault_path=path, kdf=kdf, save_settings=False)
            window.resize(width, height)
            window.show()
            window.enter_main(Services.open(path, "screenshot passphrase"))
            main = window.main
            assert main is not None

            def shot(name: str, window: AppWindow = window, scale: int = scale) -> None:
                app.processEvents()
                target = args.out / f"{name}-{scale}.png"
                window.grab().save(str(target))
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)

            main.show_page("home")
            shot("home")
            meetings = main.areas["meetings"].views[0]
            main.show_page("meetings")
            # The initial conference is the fullest meeting of the demo family.
            rich = max((m for m in main.services.list_records(Meeting)),
                       key=lambda m: len(m.attendees) + len(m.actions) + len(m.disputed_points))
            meetings.open_record(rich)
            shot("meetings")
            meetings.editor.tabs.setCurrentIndex(3)  # Actions
            shot("meeting-actions")
            main.show_page("chronology")
            shot("chronology")
            main.show_search()
            main.search.box.setText("minutes")
            main.search.run_search()
            shot("search")
            window.lock()
            window.close()
            window.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
