"""`familyrecord export`, `export-chronology` and `verify-export` from the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from familyrecord.cli import main
from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from tests.conftest import PASSPHRASE
from tests.vault_access import vault_of


@pytest.fixture
def cli_env(demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> Services:
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    store = vault_of(demo_services).attachments
    letter = vault_of(demo_services).repo(Correspondence).list()[0]
    store.import_stream(io.BytesIO(b"%PDF-1.4 not really a pdf"), "broken.pdf", link_to=letter.id)
    return demo_services


def test_export_and_verify(cli_env: Services, vault_path: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bundle.pdf"
    code = main(["export", "--path", str(vault_path), "--out", str(out), "--child", "Mia Carter",
                 "--redact", "Tom Price", "--from", "2000-01-01", "--types", "meeting,correspondence"])
    printed = capsys.readouterr()
    assert code == 0 and "Bundle saved to" in printed.out
    assert "confidential" in printed.err
    # With names redacted a PDF goes in as text; this one has none, so it is listed instead.
    assert "Not included: broken.pdf (names could not be redacted from it)" in printed.out
    reader = PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Tom" not in text and "T.P." in text
    assert main(["verify-export", "--path", str(vault_path), str(out)]) == 0
    assert "matches the record" in capsys.readouterr().out
    att = next(a for a in vault_of(cli_env).attachments.list() if a.file_name == "section47-letter.txt")
    with vault_of(cli_env).transaction() as conn:
        conn.execute("UPDATE attachment_chunks SET data = ? WHERE attachment_id = ?", (b"changed", att.id))
    assert main(["verify-export", "--path", str(vault_path), str(out)]) == 1
    assert "PROBLEM" in capsys.readouterr().out


def test_export_password_from_environment(cli_env: Services, vault_path: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAMILYRECORD_BUNDLE_PASSWORD", "a long bundle password")
    out = tmp_path / "locked.pdf"
    assert main(["export", "--path", str(vault_path), "--out", str(out), "--password"]) == 0
    assert PdfReader(out).is_encrypted
    assert main(["verify-export", "--path", str(vault_path), str(out), "--password"]) == 0


def test_export_chronology_csv_and_docx(cli_env: Services, vault_path: Path, tmp_path: Path) -> None:
    assert main(["export-chronology", "--path", str(vault_path), "--out", str(tmp_path / "c.csv")]) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["No.", "Date", "What happened"] and len(rows) > 20
    logged = cli_env.recent_changes(1)[0]
    assert logged.action == "export" and logged.kind == "chronology"
    assert main(["export-chronology", "--path", str(vault_path), "--out", str(tmp_path / "c.docx"),
                 "--types", "meeting"]) == 0
    from docx import Document

    table = Document(str(tmp_path / "c.docx")).tables[0]
    assert 3 < len(table.rows) < len(rows)


def test_unknown_child_is_a_clear_error(cli_env: Services, vault_path: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no child"):
        main(["export", "--path", str(vault_path), "--out", str(tmp_path / "b.pdf"), "--child", "Nobody"])
