"""A busy record: a short wait and one retry, then a plain VaultBusy; one app window per record."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from familyrecord.records import Person
from familyrecord.services import Services
from familyrecord.storage import connection, database
from familyrecord.storage.errors import VaultBusy, VaultInUse
from familyrecord.storage.gui_lock import acquire_gui_lock, lock_path
from tests.vault_access import vault_of


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(database, "BUSY_PAUSE_S", 0.3)


def test_busy_record_gives_a_plain_message(services: Services, quick_busy: None) -> None:
    other = services.sibling()  # opened with the short timeout
    holder = vault_of(services)
    with holder.transaction():
        started = time.monotonic()
        with pytest.raises(VaultBusy) as caught:
            other.save(Person(name="Waiting"))
        waited = time.monotonic() - started
    assert "Another FamilyRecord window or command is using this record" in caught.value.user_message
    assert 2 * 0.2 + 0.3 <= waited < 3, waited  # timeout, pause, timeout again: then it gives up
    other.save(Person(name="After"))  # free again: works
    other.lock()


def test_retry_gets_through_when_the_other_finishes(services: Services, quick_busy: None) -> None:
    other = services.sibling()
    holder = vault_of(services)
    released = threading.Event()

    def hold_briefly() -> None:
        with holder.transaction():
            released.wait(0.35)  # longer than one busy timeout, shorter than timeout + pause

    worker = threading.Thread(target=hold_briefly)
    worker.start()
    time.sleep(0.05)
    try:
        other.save(Person(name="Patient"))
    finally:
        released.set()
        worker.join()
    assert [p.name for p in services.list_records(Person)] == ["Patient"]
    other.lock()


def test_one_window_per_record(vault_path: Path) -> None:
    with acquire_gui_lock(vault_path) as held:
        assert held == lock_path(vault_path)
        assert stat.S_IMODE(held.stat().st_mode) == 0o600
        with pytest.raises(VaultInUse) as caught, acquire_gui_lock(vault_path):
            pass
        assert "already open in another FamilyRecord window" in caught.value.user_message
    with acquire_gui_lock(vault_path):  # released: free again
        pass


def test_window_lock_held_by_another_process_and_freed_by_its_death(vault_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path\n"
         "from familyrecord.storage.gui_lock import acquire_gui_lock\n"
         "with acquire_gui_lock(Path(sys.argv[1])):\n"
         "    print('held', flush=True); time.sleep(60)\n", str(vault_path)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(VaultInUse), acquire_gui_lock(vault_path):
            pass
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    with acquire_gui_lock(vault_path):  # kill -9 never leaves the record locked
        pass
