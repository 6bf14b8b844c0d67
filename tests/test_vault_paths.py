"""Where the record lives by default: the user's data folder, private, made only when needed."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from familyrecord import paths
from familyrecord.cli import main
from tests.conftest import PASSPHRASE


def test_default_folders_follow_the_platform_when_not_overridden(private_home: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.HOME_OVERRIDE_ENV)
    vault = paths.default_vault_path()
    assert vault == private_home / ".local/share" / "FamilyRecord" / "family.frvault"
    assert not vault.parent.exists(), "asking for the path must not create folders"
    assert paths.data_dir() == vault.parent
    assert paths.config_dir() == private_home / ".config" / "FamilyRecord"
    assert paths.log_dir().is_relative_to(private_home)
    for folder in (paths.data_dir(), paths.config_dir(), paths.log_dir()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    with pytest.raises(ValueError):
        paths._base("elsewhere")


def test_override_puts_everything_under_one_folder(private_home: Path) -> None:
    home = private_home / "familyrecord"
    assert paths.default_vault_path() == home / "data" / "family.frvault"
    assert (paths.data_dir(), paths.config_dir(), paths.log_dir()) == (
        home / "data", home / "config", home / "log")


def test_commands_use_the_default_record_when_no_path_is_given(private_home: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(paths.HOME_OVERRIDE_ENV)
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    made = private_home / ".local/share" / "FamilyRecord" / "family.frvault"
    assert made.is_file() and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    capsys.readouterr()
    assert main(["unlock"]) == 0
    assert "The record opens" in capsys.readouterr().out
