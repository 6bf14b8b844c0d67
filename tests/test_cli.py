"""The command line: the same verbs as the app, with plain messages and no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from familyrecord.cli import main


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", "cli passphrase 1")
    return "cli passphrase 1"


def test_demo_then_verify(tmp_path: Path, env_passphrase: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.frvault"
    assert main(["demo", "--path", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Check: intact" in out and "recovery code" in out
    assert main(["verify", "--path", str(path)]) == 0
    assert "Intact:" in capsys.readouterr().out
    assert main(["search", "--path", str(path), "nursery"]) == 0
    assert "Nursery place for Leo" in capsys.readouterr().out


def test_init_add_list_show_history(tmp_path: Path, env_passphrase: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.frvault"
    assert main(["init", "--path", str(path), "--family-name", "The Testers"]) == 0
    capsys.readouterr()
    assert main(["add", "person", "--path", str(path), "--name", "Tom Price", "--role",
                 "social_worker", "--allocated-from", "2026-02-01"]) == 0
    person_id = capsys.readouterr().out.strip()
    assert main(["add", "meeting", "--path", str(path), "--meeting-type", "core_group",
                 "--starts-at", "2026-03-01T10:00", "--own-notes", "Talked about school",
                 "--recording-announced", "yes"]) == 0
    meeting_id = capsys.readouterr().out.strip()
    assert main(["add", "contact-session", "--path", str(path), "--session-date", "2026-03-04",
                 "--status", "no_show"]) == 0
    capsys.readouterr()
    assert main(["list", "--path", str(path), "person"]) == 0
    assert "Tom Price" in capsys.readouterr().out
    assert main(["show", "--path", str(path), meeting_id]) == 0
    assert "Talked about school" in capsys.readouterr().out
    assert main(["history", "--path", str(path), person_id]) == 0
    assert "create" in capsys.readouterr().out
    letter = tmp_path / "letter.txt"
    letter.write_text("An important letter about the panel date")
    assert main(["attach", "--path", str(path), meeting_id, str(letter)]) == 0
    capsys.readouterr()
    assert main(["search", "--path", str(path), "panel"]) == 0
    assert meeting_id in capsys.readouterr().out


def test_bad_values_are_explained(tmp_path: Path, env_passphrase: str) -> None:
    path = tmp_path / "mine.frvault"
    main(["init", "--path", str(path)])
    with pytest.raises(SystemExit, match="expected YYYY-MM-DD"):
        main(["add", "event", "--path", str(path), "--title", "x", "--occurred-on", "tuesday"])
    with pytest.raises(SystemExit, match="Please give the date"):
        main(["add", "event", "--path", str(path), "--title", "x"])


def test_wrong_passphrase_and_corruption_give_messages_not_tracebacks(
        tmp_path: Path, env_passphrase: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.frvault"
    main(["demo", "--path", str(path)])
    capsys.readouterr()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", "nope")
    assert main(["verify", "--path", str(path)]) == 2
    assert "did not open" in capsys.readouterr().err
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", env_passphrase)
    original = path.read_bytes()
    # A flipped byte in the first page: the record cannot be opened at all (exit 2).
    data = bytearray(original)
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    assert main(["verify", "--path", str(path)]) == 2
    captured = capsys.readouterr()
    assert "damaged" in captured.err and "Traceback" not in captured.err
    # A flipped byte in a later page: it opens, and verify reports the damage (exit 1).
    data = bytearray(original)
    data[-100] ^= 0x01
    path.write_bytes(bytes(data))
    assert main(["verify", "--path", str(path)]) == 1
    captured = capsys.readouterr()
    assert "Part of the record file is damaged" in captured.out + captured.err
    assert "Traceback" not in captured.err


def test_passwd_recover_backup_restore(tmp_path: Path, env_passphrase: str,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.frvault"
    main(["init", "--path", str(path)])
    out = capsys.readouterr().out
    code = next(line.strip() for line in out.splitlines() if line.count("-") == 5)
    monkeypatch.setenv("FAMILYRECORD_NEW_PASSPHRASE", "second passphrase")
    assert main(["passwd", "--path", str(path)]) == 0
    assert main(["unlock", "--path", str(path)]) == 2
    monkeypatch.setenv("FAMILYRECORD_RECOVERY_CODE", code)
    monkeypatch.setenv("FAMILYRECORD_NEW_PASSPHRASE", env_passphrase)
    assert main(["recover", "--path", str(path)]) == 0
    assert main(["unlock", "--path", str(path)]) == 0
    assert main(["backup", "--path", str(path), str(tmp_path / "b.frvault")]) == 0
    assert main(["restore", str(tmp_path / "b.frvault"), str(tmp_path / "again.frvault")]) == 0
    assert "intact" in capsys.readouterr().out


def test_module_entry_point_runs() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "familyrecord", "--version"],
                            capture_output=True, text=True, check=True)
    assert "familyrecord" in result.stdout
