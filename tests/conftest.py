"""Shared fixtures. Every test runs with a private home folder, an in-memory keyring,
cheap key derivation, and Qt offscreen; nothing touches the real home, keyring or network."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from familyrecord.services import Services
from familyrecord.storage import keyslots
from familyrecord.storage.keyslots import KdfParams

FAST_KDF = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)
PASSPHRASE = "correct horse battery staple"
# What FamilyRecord ships, kept before the fast_kdf fixture replaces it for every test.
SHIPPED_KDF = keyslots.DEFAULT_KDF


def write_legacy_key_file(vault_path: Path, key_file: keyslots.KeyFile) -> None:
    """A key file exactly as FamilyRecord wrote it before format 2 (no checksums, no MAC)."""
    import json
    from dataclasses import asdict

    keyslots.keys_path(vault_path).write_text(json.dumps({
        "format": 1, "vault_id": key_file.vault_id,
        "slots": [asdict(slot) for slot in key_file.slots]}, indent=1), encoding="utf-8")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps secrets in this process only."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FAMILYRECORD_HOME", str(home / "familyrecord"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("FAMILYRECORD_PASSPHRASE", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> KdfParams:
    """Tests derive keys cheaply; the real cost is measured in benchmarks/unlock.py."""
    monkeypatch.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
    return FAST_KDF


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "family.frvault"


@pytest.fixture
def services(vault_path: Path) -> Iterator[Services]:
    opened, _code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    yield opened
    opened.lock()


@pytest.fixture
def demo_services(vault_path: Path) -> Iterator[Services]:
    from familyrecord.demo import build_demo

    opened, _code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    build_demo(opened)
    yield opened
    opened.lock()


@pytest.fixture(autouse=True)
def reserve_against_the_qt_reference_fault() -> Iterator[None]:
    """PySide6 6.12 on Python 3.11 drops references to None/True/False; the app keeps a reserve
    (familyrecord/ui/widgets/reserve.py) and so do the tests, before and after each one."""
    from familyrecord.ui.widgets.reserve import top_up

    top_up()
    yield
    top_up()
