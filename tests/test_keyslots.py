"""The key file: checksums and MAC, damage reported as damage, sane KDF bounds, typed errors."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from familyrecord.services import Services
from familyrecord.storage import keyfile, keyslots
from familyrecord.storage.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    KeyFileUnreadable,
    PassphraseSlotDamaged,
    RecoverySlotDamaged,
    WrongPassphrase,
)
from familyrecord.storage.integrity import verify
from familyrecord.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, SHIPPED_KDF, write_legacy_key_file
from tests.vault_access import vault_of


@pytest.fixture
def made(vault_path: Path) -> tuple[Path, str, bytes]:
    """A closed record: (path, recovery code, data key)."""
    services, code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    data_key = vault_of(services).data_key
    services.lock()
    return vault_path, code, data_key


def _raw(path: Path) -> dict[str, Any]:
    return json.loads(keyslots.keys_path(path).read_text())  # type: ignore[no-any-return]


def _write_raw(path: Path, raw: object) -> None:
    keyslots.keys_path(path).write_text(json.dumps(raw))


def _slot(raw: dict[str, Any], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in raw["slots"] if s["kind"] == kind)
    return found


def _flip(text: str) -> str:
    """Change one character, keeping valid base64 where the text was."""
    i = len(text) // 2
    return text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1:]


def test_new_key_file_has_checksums_and_a_mac_and_is_private(made: tuple[Path, str, bytes]) -> None:
    path, _code, data_key = made
    raw = _raw(path)
    assert raw["format"] == keyfile.FORMAT
    assert {s["kind"] for s in raw["slots"]} == {"passphrase", "recovery"}
    assert all(len(s["checksum"]) == 32 for s in raw["slots"])
    parsed = keyslots.read_key_file(path)
    assert keyfile.mac_matches(parsed, data_key)
    assert not keyfile.mac_matches(parsed, os.urandom(32))
    assert stat.S_IMODE(keyslots.keys_path(path).stat().st_mode) == 0o600
    assert keyslots.key_file_findings(parsed, data_key) == []


def _as_before_format_2(path: Path) -> None:
    """The record and key file as FamilyRecord left them before key files had checks."""
    vault = Vault.open(path, PASSPHRASE)
    with vault.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE key = 'key_file_format'")
    vault.lock()
    write_legacy_key_file(path, keyslots.read_key_file(path))


def test_key_file_from_before_format_2_opens_and_gains_its_checks(made: tuple[Path, str, bytes]) -> None:
    path, code, data_key = made
    _as_before_format_2(path)
    keyslots.keys_path(path).chmod(0o644)
    assert keyslots.read_key_file(path).mac is None
    Vault.open(path, PASSPHRASE).lock()
    upgraded = keyslots.read_key_file(path)
    assert upgraded.format == keyfile.FORMAT and keyfile.mac_matches(upgraded, data_key)
    assert stat.S_IMODE(keyslots.keys_path(path).stat().st_mode) == 0o600
    assert not [p for p in path.parent.iterdir() if ".partial-" in p.name]
    Vault.open_with_recovery_code(path, code).lock()


@pytest.mark.parametrize("field", ["salt", "nonce", "sealed", "checksum"])
def test_damaged_recovery_slot_is_found_by_verify_and_mended_by_a_new_code(
        made: tuple[Path, str, bytes], field: str) -> None:
    path, code, _key = made
    raw = _raw(path)
    _slot(raw, "recovery")[field] = _flip(_slot(raw, "recovery")[field])
    _write_raw(path, raw)
    with pytest.raises(RecoverySlotDamaged):
        Vault.open_with_recovery_code(path, code)
    services = Services.open(path, PASSPHRASE)  # the passphrase still opens the record
    report = services.verify()
    assert not report.ok
    assert any("recovery code" in p and "Make a new recovery code" in p for p in report.problems)
    new_code = services.new_recovery_code()
    assert services.verify().ok
    services.lock()
    Vault.open_with_recovery_code(path, new_code).lock()


def test_missing_recovery_slot_is_reported(made: tuple[Path, str, bytes]) -> None:
    path, _code, _key = made
    raw = _raw(path)
    raw["slots"] = [_slot(raw, "passphrase")]
    _write_raw(path, raw)
    services = Services.open(path, PASSPHRASE)
    problems = services.verify().problems
    services.lock()
    assert any("recovery code slot is damaged or missing" in p for p in problems)
    assert any("changed since FamilyRecord last wrote it" in p for p in problems)


def test_changed_kdf_of_recovery_slot_is_found(made: tuple[Path, str, bytes]) -> None:
    path, _code, _key = made
    raw = _raw(path)
    _slot(raw, "recovery")["kdf"]["time_cost"] = 2
    _write_raw(path, raw)
    with Vault.open(path, PASSPHRASE) as vault:
        assert any("recovery code slot" in p for p in verify(vault).problems)


@pytest.mark.parametrize("field", ["salt", "nonce", "sealed", "checksum", "vault_id"])
def test_damaged_passphrase_slot_is_damage_not_a_wrong_passphrase(
        made: tuple[Path, str, bytes], field: str) -> None:
    path, code, _key = made
    raw = _raw(path)
    if field == "vault_id":
        raw["vault_id"] = ("0" if raw["vault_id"][0] != "0" else "1") + raw["vault_id"][1:]
    else:
        _slot(raw, "passphrase")[field] = _flip(_slot(raw, "passphrase")[field])
    _write_raw(path, raw)
    with pytest.raises(KeyFileDamaged) as caught:
        Vault.open(path, PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    assert "Caps Lock" not in caught.value.user_message
    if field != "vault_id":  # the recovery code still opens it; a new passphrase mends it
        services = Services.open_with_recovery_code(path, code)
        services.change_passphrase("a mended passphrase")
        assert services.verify().ok
        services.lock()
        Vault.open(path, "a mended passphrase").lock()


@pytest.mark.parametrize("legacy", [False, True], ids=["format2", "legacy"])
@pytest.mark.parametrize("field,value", [
    ("salt", "c2hvcnQ="), ("salt", 12345), ("nonce", None), ("sealed", "!!!not base64!!!"),
    ("sealed", "QUFB" * 20), ("kind", "master"), ("kdf", "cheap"),
])
def test_slot_structure_damage_is_typed(made: tuple[Path, str, bytes], field: str, value: object,
                                        legacy: bool) -> None:
    path, _code, _key = made
    raw = _raw(path)
    if legacy:
        raw = {"format": 1, "vault_id": raw["vault_id"],
               "slots": [{k: v for k, v in s.items() if k != "checksum"} for s in raw["slots"]]}
    _slot(raw, "passphrase")[field] = value
    _write_raw(path, raw)
    with pytest.raises(KeyFileDamaged):
        Vault.open(path, PASSPHRASE)


@pytest.mark.parametrize("name,value", [
    ("time_cost", 0), ("time_cost", 1_000_000), ("memory_kib", "262144"), ("memory_kib", 2**31),
    ("memory_kib", 40 * 1024 * 1024), ("memory_kib", 8), ("parallelism", 0), ("parallelism", 17),
    ("parallelism", True), ("time_cost", 4.0), ("time_cost", 65),
])
def test_absurd_kdf_values_are_refused_quickly(made: tuple[Path, str, bytes], name: str,
                                               value: object) -> None:
    """Someone who edits the file and recomputes the checksum still cannot make unlock hang."""
    path, _code, _key = made
    raw = _raw(path)
    slot = _slot(raw, "passphrase")
    slot["kdf"][name] = value
    if type(value) is int:
        kdf = keyslots.KdfParams(**slot["kdf"])
        parsed = keyslots.KeySlot("passphrase", slot["salt"], slot["nonce"], slot["sealed"], kdf)
        slot["checksum"] = keyfile.slot_checksum(parsed, raw["vault_id"])
    _write_raw(path, raw)
    started = time.monotonic()
    with pytest.raises(PassphraseSlotDamaged) as caught:
        Vault.open(path, PASSPHRASE)
    assert time.monotonic() - started < 1
    assert "key settings" in caught.value.detail


def test_kdf_bounds_let_the_shipped_and_test_settings_through() -> None:
    assert SHIPPED_KDF.problem() is None and FAST_KDF.problem() is None
    with pytest.raises(ValueError):
        keyslots.seal(os.urandom(32), PASSPHRASE, "passphrase", "a" * 32,
                      keyslots.KdfParams(time_cost=0))


@pytest.mark.parametrize("content", [b"[]", b"[1, 2]", b'"text"', b"null", b"{}", b"{not json",
                                     b"\xff\xfe\x00binary", b'{"format": 1}',
                                     b'{"format": 2, "vault_id": "x", "slots": []}',
                                     b'{"format": true, "vault_id": "' + b"a" * 32 + b'", "slots": [{}]}',
                                     b"[" * 100_000])
def test_malformed_key_files_are_typed(made: tuple[Path, str, bytes], content: bytes) -> None:
    path, _code, _key = made
    keyslots.keys_path(path).write_bytes(content)
    with pytest.raises(KeyFileDamaged) as caught:
        Vault.open(path, PASSPHRASE)
    assert "key file" in caught.value.user_message


def test_key_file_missing_folder_huge_unreadable(made: tuple[Path, str, bytes],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path, _code, _key = made
    keys = keyslots.keys_path(path)
    original = keys.read_bytes()
    keys.unlink()
    with pytest.raises(KeyFileMissing) as missing:
        Vault.open(path, PASSPHRASE)
    assert "missing" in missing.value.user_message
    keys.mkdir()
    with pytest.raises(KeyFileDamaged, match="not a file"):
        Vault.open(path, PASSPHRASE)
    keys.rmdir()
    keys.write_bytes(original + b" " * (keyfile.MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(KeyFileDamaged, match="too large"):
        Vault.open(path, PASSPHRASE)
    keys.write_bytes(original)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == keys:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(KeyFileUnreadable) as unreadable:
        Vault.open(path, PASSPHRASE)
    assert "not allowed to read" in unreadable.value.user_message


def test_changed_mac_is_reported_but_the_record_still_opens(made: tuple[Path, str, bytes]) -> None:
    path, _code, _key = made
    raw = _raw(path)
    raw["mac"] = "0" * 64
    _write_raw(path, raw)
    services = Services.open(path, PASSPHRASE)
    problems = services.verify().problems
    services.lock()
    assert any("changed since FamilyRecord last wrote it" in p for p in problems)
    assert raw == _raw(path), "a key file failing its check is evidence: unlock must not rewrite it"


def test_damaged_key_file_while_open_is_reported_and_rewritten_by_new_secrets(
        made: tuple[Path, str, bytes]) -> None:
    path, _code, _key = made
    services = Services.open(path, PASSPHRASE)
    keyslots.keys_path(path).write_text("{ruined")
    assert any("cannot be used" in p for p in services.verify().problems)
    services.change_passphrase("a fresh passphrase")
    code = services.new_recovery_code()
    assert services.verify().ok
    services.lock()
    Vault.open(path, "a fresh passphrase").lock()
    Vault.open_with_recovery_code(path, code).lock()


def test_new_record_gets_the_shipped_argon2id_cost(vault_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The real settings, read back from the key file (every other test derives keys cheaply),
    and a wrong passphrase is refused quickly with them."""
    monkeypatch.setattr(keyslots, "DEFAULT_KDF", SHIPPED_KDF)
    services, _code = Services.create(vault_path, PASSPHRASE)  # no kdf: the default
    services.lock()
    for slot in _raw(vault_path)["slots"]:
        assert slot["kdf"] == {"time_cost": 4, "memory_kib": 256 * 1024, "parallelism": 2}
    started = time.monotonic()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "not the passphrase")
    took = time.monotonic() - started
    # One real Argon2id derivation: far more than the cheap test setting, well under 5 s.
    assert 0.05 < took < 5, took


def test_key_file_swapped_for_the_older_format_is_not_trusted(made: tuple[Path, str, bytes]) -> None:
    """Without the MAC the slots could be anything; a record that had a MAC'd key file says so
    instead of upgrading the older one without a word."""
    path, _code, _key = made
    write_legacy_key_file(path, keyslots.read_key_file(path))
    services = Services.open(path, PASSPHRASE)
    problems = services.verify().problems
    services.lock()
    assert keyslots.read_key_file(path).mac is None
    assert any("older kind of key file" in p for p in problems)


def test_restored_or_upgraded_record_notes_its_mac(made: tuple[Path, str, bytes]) -> None:
    path, _code, _key = made
    _as_before_format_2(path)
    Vault.open(path, PASSPHRASE).lock()  # upgrades the file and notes it
    assert keyslots.read_key_file(path).mac is not None
    write_legacy_key_file(path, keyslots.read_key_file(path))
    services = Services.open(path, PASSPHRASE)
    assert any("older kind" in p for p in services.verify().problems)
    services.lock()


def test_key_file_temporaries_left_by_a_kill_are_cleared_later(made: tuple[Path, str, bytes]) -> None:
    path, _code, _key = made
    stale = path.with_name(f".{path.name}.keys.partial-0badf00d")
    fresh = path.with_name(f".{path.name}.keys.partial-5eed5eed")
    for leftover in (stale, fresh):
        leftover.write_text("{half a key file")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    services = Services.open(path, PASSPHRASE)
    services.change_passphrase("a newer passphrase")
    services.lock()
    assert not stale.exists()
    assert fresh.exists(), "a recent one may belong to a write still going on"
