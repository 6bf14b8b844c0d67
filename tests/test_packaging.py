"""Packaging metadata: one version, a valid AppStream file, a desktop entry that names our script."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import familyrecord

ROOT = Path(__file__).resolve().parents[1]


def test_appstream_metadata_is_complete() -> None:
    root = ET.parse(ROOT / "packaging/org.familyrecord.FamilyRecord.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    for tag in ("id", "metadata_license", "project_license", "name", "summary", "description"):
        element = root.find(tag)
        assert element is not None and "".join(element.itertext()).strip(), tag
    release = root.find("releases/release")
    assert release is not None and release.get("version") == familyrecord.__version__


def test_desktop_entry_runs_the_gui_script() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging/org.familyrecord.FamilyRecord.desktop")
    section = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert section["Exec"].split()[0] in scripts
    assert section["Terminal"] == "false"
