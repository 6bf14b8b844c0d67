"""verify(): is the vault whole and unaltered?

Checks, in order: every encrypted page's authentication code (SQLCipher), SQLite's own
structure check, the journal's hash chain, that each record's current content is the
content the journal last recorded for it, every attachment's SHA-256 and size, that every
receipt the record gave still matches its history, that the search index is true to the record,
and the key file's slots and integrity check. Each finding is one sentence in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlcipher3 import dbapi2 as sqlcipher

from familyrecord.formatting import plural
from familyrecord.progress import Progress
from familyrecord.storage import journal, receipts, search_audit
from familyrecord.storage.errors import VaultCorrupt, translate_sqlite_error
from familyrecord.storage.vault import Vault


@dataclass
class VerifyReport:
    pages_ok: bool = True
    structure_ok: bool = True
    chain_break: journal.ChainBreak | None = None
    records_changed_outside_journal: list[str] = field(default_factory=list)
    attachments_damaged: list[str] = field(default_factory=list)
    receipts_broken: list[str] = field(default_factory=list)
    search: search_audit.SearchAudit | None = None
    key_file_problems: list[str] = field(default_factory=list)
    journal_entries: int = 0
    records: int = 0
    attachments: int = 0
    head_hash: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def search_ok(self) -> bool:
        return self.search is None or self.search.ok


def verify(vault: Vault, progress: Progress | None = None) -> VerifyReport:
    report = VerifyReport()
    report.key_file_problems = vault.key_file_problems()
    try:
        if _file_whole(vault, report):
            _history(vault, report)
            _attachments(vault, report, progress)
            report.search = search_audit.audit(vault.connection)
            report.problems.extend(report.search.findings())
    except VaultCorrupt as exc:
        report.pages_ok = False
        report.problems.append(f"The record file is damaged: {exc.detail}.")
    except sqlcipher.Error as exc:
        if translate_sqlite_error(exc) is None:
            raise
        report.pages_ok = False
        report.problems.append(f"The record file is damaged: {exc}.")
    report.problems.extend(report.key_file_problems)
    return report


def _file_whole(vault: Vault, report: VerifyReport) -> bool:
    conn = vault.connection
    bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    if bad_pages:
        report.pages_ok = False
        report.problems.append(f"Part of the record file is damaged: {plural(len(bad_pages), 'page')} "
                               f"failed the check that proves it unchanged (first: {bad_pages[0][0]}).")
        return False
    structure = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if structure != ["ok"]:
        report.structure_ok = False
        report.problems.append(f"The record file's inner structure is damaged ({structure[0]}).")
        return False
    return True


def _history(vault: Vault, report: VerifyReport) -> None:
    conn = vault.connection
    report.chain_break = journal.check_chain(conn)
    if report.chain_break is not None:
        report.problems.append(f"The history has been changed: {report.chain_break.reason}.")
    report.journal_entries = int(conn.execute("SELECT count(*) FROM journal").fetchone()[0])
    report.head_hash = journal.head_hash(conn)
    latest = {
        r["entity_id"]: r["content_hash"]
        for r in conn.execute(
            "SELECT entity_id, content_hash FROM journal j WHERE seq = "
            "(SELECT max(seq) FROM journal WHERE entity_id = j.entity_id "
            " AND action IN ('create', 'update'))"
        )
    }
    for row in conn.execute("SELECT id, body FROM records"):
        report.records += 1
        body = row["body"]
        if not isinstance(body, str) or latest.get(row["id"]) != journal.sha256_text(body):
            report.records_changed_outside_journal.append(row["id"])
    if report.records_changed_outside_journal:
        report.problems.append(f"{plural(len(report.records_changed_outside_journal), 'entry', 'entries')}"
                               " differ from what the history recorded: they were changed outside "
                               "FamilyRecord.")
    if report.chain_break is None:
        report.receipts_broken = receipts.given_but_broken(conn)
        report.problems.extend(report.receipts_broken)


def _attachments(vault: Vault, report: VerifyReport, progress: Progress | None) -> None:
    attachments = vault.attachments.list()
    total = sum(a.size for a in attachments)
    done = 0

    def hashed(length: int) -> None:
        nonlocal done
        done += length
        if progress is not None:
            progress(done, total)

    for attachment in attachments:
        report.attachments += 1
        if not vault.attachments.check(attachment.id, hashed):
            report.attachments_damaged.append(f"{attachment.file_name} ({attachment.id})")
    if report.attachments_damaged:
        report.problems.append("These files have changed since they were added: "
                               + ", ".join(report.attachments_damaged) + ".")
