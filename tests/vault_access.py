"""Tests of storage reach the vault behind a `Services` (the app itself never does)."""

from __future__ import annotations

from familyrecord.services import Services
from familyrecord.storage.vault import Vault


def vault_of(services: Services) -> Vault:
    return services._vault
