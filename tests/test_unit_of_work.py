"""Several writes that belong together commit as one transaction and one journal group, or not at
all: a letter and its attachments, saved through the unit of work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from familyrecord.records.models import Correspondence, Person
from familyrecord.services import Services
from familyrecord.storage.blobs import ImportCancelled
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.vault_access import vault_of


def _files(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "letter-page-1.txt", tmp_path / "letter-page-2.txt"
    first.write_text("Dear Ms Carter, page one about the conference.")
    second.write_bytes(os.urandom(3 * 1024 * 1024))  # several chunks
    return [first, second]


def _nothing_of_the_letter(services: Services) -> None:
    assert services.list_records(Correspondence) == []
    assert services.all_attachments() == []
    assert services.search("conference") == []


def test_a_letter_with_two_attachments_is_one_change(services: Services, tmp_path: Path) -> None:
    before = services.recent_changes(1)[0].seq
    letter, attached = services.save_with_files(
        Correspondence(subject="Conference", dated=date(2026, 3, 2)), _files(tmp_path))
    assert sorted(a.id for a in services.attachments_for(letter)) == sorted(a.id for a in attached)
    entries = [e for e in services.recent_changes(10) if e.seq > before]
    # The letter, then each file's import and its link to the letter.
    assert [(e.action, e.kind) for e in sorted(entries, key=lambda e: e.seq)] == [
        ("create", "correspondence"), ("import", "attachment"), ("link", "attachment"),
        ("import", "attachment"), ("link", "attachment")]
    assert {e.group_seq for e in entries} == {before + 1}
    # The next change starts a group of its own.
    services.save(Person(name="Next One"))
    assert services.recent_changes(1)[0].group_seq == before + 6


def test_raising_between_the_second_attachment_and_the_commit_keeps_nothing(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = vault_of(services).attachments
    real_import = store.import_file
    calls = []

    def import_then_fail_after_second(*args: object, **kwargs: object) -> object:
        result = real_import(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(result)
        if len(calls) == 2:
            raise OSError("the disk went away after the second attachment")
        return result

    monkeypatch.setattr(store, "import_file", import_then_fail_after_second)
    with pytest.raises(OSError):
        services.save_with_files(Correspondence(subject="Conference", dated=date(2026, 3, 2)),
                                 _files(tmp_path))
    assert len(calls) == 2
    _nothing_of_the_letter(services)
    assert vault_of(services).journal_chain_break() is None


def test_cancelling_the_second_attachment_keeps_nothing(services: Services, tmp_path: Path) -> None:
    seen: list[float] = []

    def cancel_in_second_file() -> bool:
        return len(seen) > 1 and seen[-1] > 2 * 1024 * 1024

    with pytest.raises(ImportCancelled):
        services.save_with_files(Correspondence(subject="Conference", dated=date(2026, 3, 2)),
                                 _files(tmp_path), progress=lambda done, _t: seen.append(done),
                                 cancelled=cancel_in_second_file)
    _nothing_of_the_letter(services)


def test_killing_the_process_before_the_commit_keeps_nothing(vault_path: Path, tmp_path: Path) -> None:
    services, _code = Services.create(vault_path, PASSPHRASE, kdf=FAST_KDF)
    services.lock()
    files = _files(tmp_path)
    ready = tmp_path / "second-attachment-stored"
    # A child process saves the letter; after its second attachment is stored (still inside the
    # unit of work) it says so and waits to be killed, as a crash or a power cut would.
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from datetime import date
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from familyrecord.records.models import Correspondence
        from familyrecord.services import Services
        from tests.vault_access import vault_of
        services = Services.open(Path({str(vault_path)!r}), {PASSPHRASE!r})
        store = vault_of(services).attachments
        real_import = store.import_file
        count = []
        def import_and_hang(*args, **kwargs):
            result = real_import(*args, **kwargs)
            count.append(result)
            if len(count) == 2:
                Path({str(ready)!r}).write_text("stored")
                time.sleep(60)
            return result
        store.import_file = import_and_hang
        services.save_with_files(Correspondence(subject="Conference", dated=date(2026, 3, 2)),
                                 [Path(p) for p in {[str(f) for f in files]!r}])
    """)
    child = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": "."})
    try:
        for _ in range(600):
            if ready.exists() or child.poll() is not None:
                break
            subprocess.run(["sleep", "0.05"], check=True)
        assert ready.exists(), "the child never reached the second attachment"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
    reopened = Services.open(vault_path, PASSPHRASE)
    try:
        _nothing_of_the_letter(reopened)
        assert reopened.verify().ok
    finally:
        reopened.lock()
