"""App settings kept in the config folder as JSON: preferences only, never record content.

A setting that is missing or unreadable takes its default; a damaged file never stops the app.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from familyrecord import paths

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"


@dataclass
class AppSettings:
    vault_path: str = ""
    recent_vaults: list[str] = field(default_factory=list)
    auto_lock_minutes: int = 5
    lock_on_screen_lock: bool = True
    text_scale_percent: int = 100
    clipboard_clear_seconds: int = 30
    theme: str = "system"
    # Reminders say only "something is due" unless the family asks for what is due to be named.
    show_due_in_reminders: bool = False
    # Transcription
    transcription_engine: str = "faster-whisper"
    model_folders: list[str] = field(default_factory=list)
    selected_model: str = ""
    language: str = "en"
    initial_prompt: str = ""
    # Letters and e-mails: the family's own addresses, so an imported e-mail is known as sent or
    # received.
    own_email_addresses: list[str] = field(default_factory=list)

    def effective_vault_path(self) -> Path:
        return Path(self.vault_path) if self.vault_path else paths.default_vault_path()


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load() -> AppSettings:
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AppSettings()
    except (OSError, ValueError) as exc:
        log.warning("settings unreadable (%s); using defaults", type(exc).__name__)
        return AppSettings()
    known = {f.name for f in fields(AppSettings)}
    defaults = AppSettings()
    values = {}
    for key, value in raw.items() if isinstance(raw, dict) else ():
        if key in known and isinstance(value, type(getattr(defaults, key))):
            values[key] = value
    return AppSettings(**values)


def save(settings: AppSettings) -> None:
    path = settings_path()
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
