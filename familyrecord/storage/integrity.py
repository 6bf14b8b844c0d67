"""verify(): is the vault whole and unaltered?

Checks, in order: every encrypted page's authentication code (SQLCipher), SQLite's own
structure check, the journal's hash chain, that each record's current content is the
content the journal last recorded for it, and every attachment's SHA-256 and size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from familyrecord.progress import Progress
from familyrecord.storage import journal
from familyrecord.storage.errors import VaultCorrupt, translate_sqlite_error
from familyrecord.storage.vault import Vault


@dataclass
class VerifyReport:
    pages_ok: bool = True
    structure_ok: bool = True
    chain_break: journal.ChainBreak | None = None
    records_changed_outside_journal: list[str] = field(default_factory=list)
    attachments_damaged: list[str] = field(default_factory=list)
    journal_entries: int = 0
    records: int = 0
    attachments: int = 0
    head_hash: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(vault: Vault, progress: Progress | None = None) -> VerifyReport:
    report = VerifyReport()
    conn = vault.connection
    try:
        bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if bad_pages:
            report.pages_ok = False
            report.problems.append(f"{len(bad_pages)} encrypted page(s) failed their check "
                                   f"(first: {bad_pages[0][0]})")
            return report
        structure = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if structure != ["ok"]:
            report.structure_ok = False
            report.problems.append(f"database structure damaged: {structure[0]}")
            return report

        report.chain_break = journal.check_chain(conn)
        if report.chain_break is not None:
            report.problems.append(report.chain_break.reason)
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
            if latest.get(row["id"]) != journal.sha256_text(row["body"]):
                report.records_changed_outside_journal.append(row["id"])
        if report.records_changed_outside_journal:
            report.problems.append(f"{len(report.records_changed_outside_journal)} record(s) "
                                   "differ from what the journal recorded")

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
            report.problems.append("attachment(s) changed since import: "
                                   + ", ".join(report.attachments_damaged))
    except VaultCorrupt as exc:
        report.pages_ok = False
        report.problems.append(f"the file is damaged: {exc.detail}")
    except Exception as exc:
        known = translate_sqlite_error(exc)
        if known is None:
            raise
        report.pages_ok = False
        report.problems.append(f"the file is damaged: {exc}")
    return report
