"""Fuzzing the key file parser: whatever the file holds, only KeyFileDamaged escapes."""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.storage import keyfile, keyslots
from familyrecord.storage.errors import KeyFileDamaged, VaultError
from tests.conftest import FAST_KDF

_DATA_KEY = os.urandom(32)
_VAULT_ID = "0123456789abcdef0123456789abcdef"
_REAL = json.loads(keyfile.render_key_file(keyslots.KeyFile(_VAULT_ID, (
    keyslots.seal(_DATA_KEY, "fuzz passphrase", "passphrase", _VAULT_ID, FAST_KDF),
    keyslots.seal(_DATA_KEY, "RECOV-ERYCO-DE000-00000-00000-00000", "recovery", _VAULT_ID, FAST_KDF),
)), _DATA_KEY))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=80),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children,
                                                                       max_size=4),
    max_leaves=12,
)


def _parse_or_damage(text: str) -> keyslots.KeyFile | None:
    try:
        parsed = keyfile.parse_key_file(text)
    except KeyFileDamaged as exc:
        assert exc.user_message
        return None
    # Whatever parses is safe to use: every slot's settings are in bounds.
    assert all(slot.kdf.problem() is None for slot in parsed.slots)
    return parsed


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    _parse_or_damage(text)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json(value: Any) -> None:
    _parse_or_damage(json.dumps(value))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*prefix, i))
    return found


_FIELD_PATHS = _paths(_REAL)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FIELD_PATHS), json_values)
def test_a_real_file_with_one_field_replaced(path: tuple[Any, ...], value: Any) -> None:
    raw = json.loads(json.dumps(_REAL))
    target = raw
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    parsed = _parse_or_damage(json.dumps(raw))
    if parsed is None or raw == _REAL:
        return
    # A change that parses is caught after unlock by the MAC, or (a file turned into the older
    # format, which has no MAC) by the record's own note that its key file had one.
    assert keyfile.key_file_findings(parsed, _DATA_KEY) or parsed.mac is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_through_the_file_reader(data: bytes) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "x.frvault"
        keyslots.keys_path(vault).write_bytes(data)
        with contextlib.suppress(VaultError):
            keyslots.read_key_file(vault)


def test_odd_unicode_in_hashed_fields_is_damage() -> None:
    """Found by fuzzing: non-ASCII text in the checksum made the comparison itself raise."""
    for odd in ("\x80", "\ud800", "é" * 32):
        raw = json.loads(json.dumps(_REAL))
        raw["slots"][0]["checksum"] = odd
        raw["mac"] = odd
        parsed = _parse_or_damage(json.dumps(raw))
        assert parsed is not None and parsed.damaged and parsed.mac == ""
