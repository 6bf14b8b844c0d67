"""Numbered schema migrations keyed on `PRAGMA user_version`.

Each migration runs in its own transaction together with the version bump, so a failure
leaves the vault at the previous version. The vault takes an encrypted copy of the file
before migrating (see vault.py). A vault newer than LATEST_VERSION is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from familyrecord.storage.connection import Connection


def _run_script(conn: Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1_core(conn: Connection) -> None:
    _run_script(conn, """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            summary TEXT NOT NULL,
            sort_date TEXT,
            archived INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX records_by_kind_date ON records (kind, archived, sort_date, created_at);
        CREATE INDEX records_by_kind_all_dates ON records (kind, sort_date, created_at);
        CREATE INDEX records_by_update ON records (archived, updated_at);
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            chunk_count INTEGER NOT NULL,
            text_content TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE attachment_chunks (
            attachment_id TEXT NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (attachment_id, seq)
        );
        CREATE TABLE record_attachments (
            record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            attachment_id TEXT NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
            PRIMARY KEY (record_id, attachment_id)
        );
        CREATE INDEX record_attachments_by_attachment ON record_attachments (attachment_id);
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            content TEXT,
            prev_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL
        );
        CREATE INDEX journal_by_entity ON journal (entity_id, seq);
        CREATE TABLE transcripts (
            id TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            attachment_id TEXT REFERENCES attachments (id) ON DELETE SET NULL,
            engine TEXT NOT NULL,
            model TEXT NOT NULL,
            language TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX transcripts_by_meeting ON transcripts (meeting_id);
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            transcript_id TEXT NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start_s REAL NOT NULL,
            end_s REAL NOT NULL,
            text TEXT NOT NULL,
            original_text TEXT NOT NULL,
            speaker TEXT NOT NULL DEFAULT '',
            disputed INTEGER NOT NULL DEFAULT 0,
            important INTEGER NOT NULL DEFAULT 0,
            UNIQUE (transcript_id, idx)
        );
    """)


def _v2_search(conn: Connection) -> None:
    """Full-text search, filled from what the vault already holds."""
    from familyrecord.storage import search

    conn.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        " title, body, record_id UNINDEXED, source UNINDEXED,"
        " tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    search.rebuild(conn)


def _v3_jobs(conn: Connection) -> None:
    """Background jobs (transcription) that survive restarts."""
    _run_script(conn, """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            meeting_id TEXT REFERENCES records (id) ON DELETE CASCADE,
            attachment_id TEXT REFERENCES attachments (id) ON DELETE CASCADE,
            options TEXT NOT NULL DEFAULT '{}',
            progress REAL NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX jobs_by_state ON jobs (state, created_at);
    """)


def _v4_journal_groups(conn: Connection) -> None:
    """Entries written by one unit of work share a group (the seq of its first entry)."""
    conn.execute("ALTER TABLE journal ADD COLUMN group_seq INTEGER")


def _v5_receipts(conn: Connection) -> None:
    """Receipts given to the family (see receipts.py): which journal entry each one vouches for."""
    _run_script(conn, """
        CREATE TABLE receipts (
            code TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            entry_hash TEXT NOT NULL,
            given_at TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT ''
        );
    """)


def _v6_readings(conn: Connection) -> None:
    """Text read by the computer from pictures and scanned pages (see readings.py), per page:
    what the family corrected it to, and the machine's own reading, kept for ever."""
    _run_script(conn, """
        CREATE TABLE readings (
            attachment_id TEXT NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
            page INTEGER NOT NULL,
            text TEXT NOT NULL,
            original_text TEXT NOT NULL,
            boxes TEXT NOT NULL DEFAULT '{}',
            engine TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (attachment_id, page)
        );
    """)


Migration = Callable[[Connection], None]

# Index i holds the migration that takes the schema from version i to i + 1.
MIGRATIONS: tuple[Migration, ...] = (_v1_core, _v2_search, _v3_jobs, _v4_journal_groups,
                                     _v5_receipts, _v6_readings)
LATEST_VERSION = len(MIGRATIONS)


def user_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int = LATEST_VERSION) -> list[int]:
    """Bring the schema up to `target`; returns the versions reached, in order."""
    reached: list[int] = []
    current = user_version(conn)
    while current < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
        reached.append(current)
    return reached
