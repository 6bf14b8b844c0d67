"""'Remember on this computer': the data key kept in the operating system's keyring.

Only a real, secure backend is used. With none (a bare Linux session, the 'fail' or 'null'
backends, or plaintext file backends from keyrings.alt) the option is unavailable and the
reason is given in plain words; there is never a plaintext fallback.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
import keyring.errors

from familyrecord.storage.errors import KeyringUnavailable

SERVICE = "FamilyRecord"
_INSECURE_BACKEND_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def availability() -> tuple[bool, str]:
    """(usable, reason): reason explains, for the user, why it is not usable."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - any failure to load a backend means 'not available'
        return False, KeyringUnavailable.user_message
    module = type(backend).__module__
    if any(module.startswith(m) for m in _INSECURE_BACKEND_MODULES):
        return False, KeyringUnavailable.user_message
    priority = getattr(backend, "priority", 0)
    if isinstance(priority, (int, float)) and priority <= 0:
        return False, KeyringUnavailable.user_message
    return True, ""


def remember(vault_id: str, data_key: bytes) -> None:
    usable, reason = availability()
    if not usable:
        raise KeyringUnavailable(reason)
    try:
        keyring.set_password(SERVICE, vault_id, data_key.hex())
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from None


def recall(vault_id: str) -> bytes | None:
    if not availability()[0]:
        return None
    try:
        stored = keyring.get_password(SERVICE, vault_id)
    except keyring.errors.KeyringError:
        return None
    if not stored:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        return None


def forget(vault_id: str) -> None:
    if not availability()[0]:
        return
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, vault_id)
