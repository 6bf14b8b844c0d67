"""Where FamilyRecord keeps things on this computer.

One place decides every folder. `FAMILYRECORD_HOME` overrides them all (tests and development
use it so nothing touches the real home folder). Folders are created 0700 only when first
needed, never at import.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from familyrecord import APP_NAME

HOME_OVERRIDE_ENV = "FAMILYRECORD_HOME"
DEFAULT_VAULT_NAME = "family.frvault"


def _base(kind: str) -> Path:
    override = os.environ.get(HOME_OVERRIDE_ENV)
    if override:
        return Path(override) / kind
    if kind == "data":
        return platformdirs.user_data_path(APP_NAME, appauthor=False)
    if kind == "config":
        return platformdirs.user_config_path(APP_NAME, appauthor=False)
    if kind == "log":
        return platformdirs.user_log_path(APP_NAME, appauthor=False)
    raise ValueError(kind)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir() -> Path:
    return _ensure(_base("data"))


def config_dir() -> Path:
    return _ensure(_base("config"))


def log_dir() -> Path:
    return _ensure(_base("log"))


def default_vault_path() -> Path:
    return _base("data") / DEFAULT_VAULT_NAME
