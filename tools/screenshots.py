"""Take screenshots of the main views for the README, offscreen, from the made-up demo family.

    python tools/screenshots.py [--out docs/screenshots]

Builds a demo vault in a temporary folder (nothing is read from or written to your own record),
transcribes its sample recording with the bundled model, opens the app window on a laptop's
1366x768 screen and saves Home, a meeting, its actions, the transcript editor, People, the
Chronology and Search at 100% and 200% text size as PNG files (NAME-100.png, NAME-200.png).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREEN = (1366, 768)
SCALES = (100, 200)
PASSPHRASE = "screenshot passphrase"


def use_laptop_screen(folder: Path) -> None:
    """Qt's offscreen platform, with one screen of a laptop's size (set before Qt starts)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SCREEN[0],
                                               "height": SCREEN[1], "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fr-shots-") as tmp:
        os.environ["FAMILYRECORD_HOME"] = str(Path(tmp) / "home")
        use_laptop_screen(Path(tmp))
        from PySide6.QtWidgets import QApplication, QWidget

        from familyrecord.demo import build_demo
        from familyrecord.demo.recording import latest_core_group, transcribe_demo_recording
        from familyrecord.records.models import Meeting, Person
        from familyrecord.services import Services
        from familyrecord.settings import AppSettings
        from familyrecord.storage.keyslots import KdfParams
        from familyrecord.ui.app import AppWindow
        from familyrecord.ui.widgets.sections import SectionTabs
        from familyrecord.ui.widgets.theme import apply_appearance

        app = QApplication([])
        kdf = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)
        path = Path(tmp) / "demo.frvault"
        services, _code = Services.create(path, PASSPHRASE, kdf=kdf)
        build_demo(services)
        transcribe_demo_recording(services)
        core_group = latest_core_group(services)
        services.lock()

        def settle() -> None:
            for _ in range(10):  # layouts settle a parent per round
                app.processEvents()

        for scale in SCALES:
            settings = AppSettings(text_scale_percent=scale, theme="light")
            apply_appearance(app, settings)
            window = AppWindow(settings, vault_path=path, kdf=kdf, save_settings=False)
            window.resize(*SCREEN)  # the window keeps itself within the screen
            window.show()
            window.enter_main(Services.open(path, PASSPHRASE))
            main = window.main
            assert main is not None

            def shot(name: str, window: QWidget = window, scale: int = scale) -> None:
                settle()
                target = args.out / f"{name}-{scale}.png"
                window.grab().save(str(target))
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)

            def section(tabs: SectionTabs, title: str) -> None:
                for index in range(tabs.count()):
                    if tabs.tabText(index) == title:
                        tabs.setCurrentIndex(index)

            main.show_page("home")
            shot("home")
            # The initial conference is the fullest meeting of the demo family.
            rich = max(main.services.list_records(Meeting),
                       key=lambda m: len(m.attendees) + len(m.actions) + len(m.disputed_points))
            main.open_record(rich.id)
            shot("meetings")
            section(main.areas["meetings"].views[0].editor.tabs, "Actions")
            shot("meeting-actions")
            if core_group is not None:
                main.open_record(core_group.id, at_seconds=0.0)  # the recording and its transcript
                panel = main.areas["meetings"].views[0].editor.transcript
                # The editor in a window of its own, as the family would open it to work in.
                own = panel.open_window() if panel is not None and hasattr(panel, "open_window") else None
                shot("transcript", own if isinstance(own, QWidget) else window)
                if panel is not None and hasattr(panel, "close_window"):
                    panel.close_window()
            people = main.services.list_records(Person)
            if people:
                main.open_record(people[0].id)
            shot("people")
            main.show_page("chronology")
            shot("chronology")
            main.show_search()
            main.search.box.setText("minutes")
            main.search.run_search()
            shot("search")
            window.lock()
            window.close()
            window.deleteLater()
            settle()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
