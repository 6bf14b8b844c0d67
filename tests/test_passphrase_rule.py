"""One passphrase rule for the library, the command line and the app (storage/keyslots.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from familyrecord.cli import main
from familyrecord.services import Services
from familyrecord.storage import keyslots
from familyrecord.storage.errors import WeakPassphrase
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.mark.parametrize("weak", ["", "x", "short12", "        "])
def test_library_refuses_a_weak_passphrase_and_creates_nothing(tmp_path: Path, weak: str) -> None:
    path = tmp_path / "weak.frvault"
    with pytest.raises(WeakPassphrase):
        Services.create(path, weak, kdf=FAST_KDF)
    assert not path.exists() and not keyslots.keys_path(path).exists()


def test_changing_to_a_weak_passphrase_is_refused(services: Services, vault_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        services.change_passphrase("tiny")
    services.lock()
    Services.open(vault_path, PASSPHRASE).lock()  # the old one still opens


def test_command_line_from_the_environment_uses_the_same_rule(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", "a")
    path = tmp_path / "cli.frvault"
    assert main(["init", "--path", str(path)]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert not path.exists()


def test_the_rule_in_words() -> None:
    assert keyslots.passphrase_problem("correct horse") is None
    problem = keyslots.passphrase_problem("abc")
    assert problem is not None and str(keyslots.MIN_PASSPHRASE_LENGTH) in problem
