"""Encrypted backup and restore into a new path."""

from __future__ import annotations

from pathlib import Path

import pytest

from familyrecord.records import Meeting
from familyrecord.services import Services
from familyrecord.storage import VaultExists, WrongPassphrase
from tests.conftest import PASSPHRASE


def test_backup_is_encrypted_and_restores(demo_services: Services, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "backup.frvault"
    demo_services.backup(target)
    data = target.read_bytes()
    assert b"Carter" not in data and b"nursery" not in data and b"SQLite format 3" not in data
    meetings = {m.id for m in demo_services.list_records(Meeting)}
    restored = Services.restore(target, tmp_path / "restored.frvault", PASSPHRASE)
    assert {m.id for m in restored.list_records(Meeting)} == meetings
    assert restored.verify().ok
    assert restored.journal_head() == demo_services.journal_head()
    assert restored.search("nursery")
    restored.lock()


def test_restore_refuses_wrong_passphrase_and_existing_target(demo_services: Services,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "backup.frvault"
    demo_services.backup(target)
    with pytest.raises(VaultExists):
        demo_services.backup(target)
    with pytest.raises(WrongPassphrase):
        Services.restore(target, tmp_path / "new.frvault", "wrong")
    assert not (tmp_path / "new.frvault").exists()
    with pytest.raises(VaultExists):
        Services.restore(target, demo_services.record_path, PASSPHRASE)
