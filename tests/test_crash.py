"""Crash harness: a real process is killed with SIGKILL in the middle of writes, a file import, a
passphrase change and a backup. Afterwards the record opens, verify finds it intact, everything
the process reported as done (it prints only after a commit) is there, and no partial backup
looks like a backup.

CI runs a few rounds per kind (well under a minute); FAMILYRECORD_CRASH_ROUNDS=50 runs more.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from familyrecord.records import Person
from familyrecord.storage import backup as backup_mod
from familyrecord.storage import keyfile, keyslots
from familyrecord.storage.errors import WrongPassphrase
from familyrecord.storage.integrity import verify
from familyrecord.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("FAMILYRECORD_CRASH_ROUNDS", "3"))
OTHER_PASSPHRASE = "the other passphrase"

CHILD = r"""
import io, random, sys
from pathlib import Path
from familyrecord.records import Person
from familyrecord.storage import backup as backup_mod
from familyrecord.storage.keyslots import KdfParams
from familyrecord.storage.vault import Vault

mode, path, secret, other = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
vault = Vault.open(path, secret)
print("ready", flush=True)
n = 0
while True:
    n += 1
    if mode == "writes":
        with vault.unit_of_work():  # two records, one change: both or neither
            first = vault.records.save(Person(name=f"first {n}"))
            second = vault.records.save(Person(name=f"second {n}"))
        print(first.id, second.id, flush=True)
    elif mode == "import":
        data = random.Random(n).randbytes(6 * 1024 * 1024)
        found = vault.attachments.import_stream(io.BytesIO(data), f"recording-{n}.wav")
        print(found.id, found.sha256, flush=True)
    elif mode == "passwd":
        new = other if n % 2 else secret
        vault.change_passphrase(new, KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
        print(new, flush=True)
    elif mode == "backup":
        written = backup_mod.backup(vault, path.parent / "backups" / f"b{n}.frvault")
        print(written.name, flush=True)
"""


def _run_and_kill(mode: str, path: Path, secret: str, delay: float) -> list[str]:
    """Start the child, let it report at least one finished step, kill it `delay` later."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, mode, str(path), secret, OTHER_PASSPHRASE],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        lines.append(child.stdout.readline().strip())  # one step done
        time.sleep(delay)
    finally:
        child.kill()  # SIGKILL: no clean-up code runs
        child.wait()
    lines += [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -9
    return [line for line in lines if line]


@pytest.fixture
def record(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "crash.frvault"
    made = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)
    made.vault.records.save(Person(name="Committed before any crash"))
    made.vault.attachments.import_stream(io.BytesIO(random.Random(0).randbytes(3_000_000)), "old.wav")
    made.vault.lock()
    yield path


def _intact(path: Path, secret: str = PASSPHRASE) -> Vault:
    vault = Vault.open(path, secret)
    report = verify(vault)
    assert report.ok, report.problems
    return vault


def _delays(seed: str) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(0.0, 0.4) for _ in range(ROUNDS)]


@pytest.mark.parametrize("delay", _delays("writes"))
def test_killed_during_writes(record: Path, delay: float) -> None:
    done = _run_and_kill("writes", record, PASSPHRASE, delay)
    with _intact(record) as vault:
        for line in done:
            first, second = line.split()
            assert vault.records.exists(first) and vault.records.exists(second)
        names = [p.name for p in vault.repo(Person).list()]
        # A unit of work is whole or absent, never half.
        assert sorted(n.split()[1] for n in names if n.startswith("first")) == \
            sorted(n.split()[1] for n in names if n.startswith("second"))
        assert "Committed before any crash" in names


@pytest.mark.parametrize("delay", _delays("import"))
def test_killed_during_attachment_import(record: Path, delay: float) -> None:
    done = _run_and_kill("import", record, PASSPHRASE, delay)
    with _intact(record) as vault:  # verify re-hashes every stored file
        stored = {a.id: a.sha256 for a in vault.attachments.list()}
        for line in done:
            attachment_id, sha = line.split()
            assert stored[attachment_id] == sha
        assert len(stored) in (len(done) + 1, len(done) + 2)  # old.wav, and one unreported at most


@pytest.mark.parametrize("delay", _delays("passwd"))
def test_killed_during_passphrase_change(record: Path, delay: float) -> None:
    done = _run_and_kill("passwd", record, PASSPHRASE, delay / 4)
    last = done[-1]
    other = OTHER_PASSPHRASE if last == PASSPHRASE else PASSPHRASE
    try:
        vault = _intact(record, last)
    except WrongPassphrase:  # killed after the next change reached the key file, before it printed
        vault = _intact(record, other)
    with vault:
        key_file = keyslots.read_key_file(record)
        assert keyfile.mac_matches(key_file, vault.data_key) and not key_file.damaged
    visible = sorted(p.name for p in record.parent.iterdir() if not p.name.startswith("."))
    assert visible == [record.name, record.name + ".keys"]


@pytest.mark.parametrize("delay", _delays("backup"))
def test_killed_during_backup(record: Path, delay: float, tmp_path: Path) -> None:
    done = _run_and_kill("backup", record, PASSPHRASE, delay / 2)
    _intact(record).lock()
    folder = record.parent / "backups"
    visible = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    assert {p.name for p in visible} >= set(done)
    # Anything that looks like a backup is a whole one: it restores and verifies.
    for n, backup_path in enumerate(visible):
        restored = backup_mod.restore(backup_path, tmp_path / f"restored-{n}.frvault", PASSPHRASE)
        assert verify(restored).ok
        restored.lock()
    # A temporary left by the kill is clearly one, and the next backup there clears it away.
    partials = [p for p in folder.iterdir() if p.name.startswith(".")]
    assert all(".partial-" in p.name for p in partials)
    for partial in partials:
        name = partial.name[1:].split(".partial-")[0]
        with Vault.open(record, PASSPHRASE) as vault:
            (folder / name).unlink(missing_ok=True)
            backup_mod.backup(vault, folder / name)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
