"""The SQLite file behind the desk: schema, connection, transactions, and clear errors.

WAL mode, one writer: a batch is one transaction, so a killed process loses only the batch it was
writing and leaves the last committed state intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storydesk.errors import StoreError

SCHEMA_VERSION = 2  # 2: full-text search tables (SEARCH_SCHEMA); a version-1 desk migrates

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,          -- articles, syndicated copies not counted
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    junk INTEGER NOT NULL DEFAULT 0,
    vector TEXT NOT NULL            -- JSON {term: summed weight} of its articles
);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,        -- arrival order
    id TEXT NOT NULL UNIQUE,
    text_hash TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    duplicate_of TEXT,              -- id of the article this one is a near-identical copy of
    junk INTEGER NOT NULL DEFAULT 0,
    seen REAL NOT NULL,             -- publication time if given, else arrival time
    title TEXT, source TEXT, url TEXT, published TEXT, author TEXT,
    text TEXT NOT NULL,
    vector TEXT NOT NULL            -- JSON {term: weight}, unit length, as weighed on arrival
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS stories_last_seen ON stories(last_seen);
CREATE TABLE IF NOT EXISTS aliases (   -- identical text under another id: not stored twice
    id TEXT PRIMARY KEY,
    original_id TEXT NOT NULL REFERENCES articles(id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_moves (   -- a story a regroup or merge emptied: where it went
    old_id INTEGER PRIMARY KEY,
    new_id INTEGER NOT NULL
);
"""

# Full-text search (FTS5) over article titles and texts, and over summaries the web desk caches.
# Triggers keep the indexes in the same transaction as the rows they index, whatever code path
# writes them: a killed writer leaves text and index consistent.
_FTS_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS {t}_fts_insert AFTER INSERT ON {t} BEGIN
  INSERT INTO {t}_fts(rowid, {cols}) VALUES (new.{key}, {new}); END;
CREATE TRIGGER IF NOT EXISTS {t}_fts_delete AFTER DELETE ON {t} BEGIN
  INSERT INTO {t}_fts({t}_fts, rowid, {cols}) VALUES ('delete', old.{key}, {old}); END;
CREATE TRIGGER IF NOT EXISTS {t}_fts_update AFTER UPDATE OF {cols} ON {t} BEGIN
  INSERT INTO {t}_fts({t}_fts, rowid, {cols}) VALUES ('delete', old.{key}, {old});
  INSERT INTO {t}_fts(rowid, {cols}) VALUES (new.{key}, {new}); END;
"""
SEARCH_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text,"
    " content='articles', content_rowid='seq', tokenize='porter unicode61')",
    "CREATE TABLE IF NOT EXISTS summaries (story_id INTEGER PRIMARY KEY, made_by TEXT NOT NULL,"
    " size INTEGER NOT NULL, last_seen REAL NOT NULL, text TEXT NOT NULL, json TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS summaries_fts USING fts5(text,"
    " content='summaries', content_rowid='story_id', tokenize='porter unicode61')",
    *_FTS_TRIGGERS.format(
        t="articles",
        key="seq",
        cols="title, text",
        new="new.title, new.text",
        old="old.title, old.text",
    ).split(" END;")[:-1],
    *_FTS_TRIGGERS.format(
        t="summaries", key="story_id", cols="text", new="new.text", old="old.text"
    ).split(" END;")[:-1],
]


def store_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """Translate a sqlite3 error into a StoreError that says what to do."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(
            "the desk database is locked by another process",
            where=str(path),
            hint="wait for the other storydesk command to finish, raise desk_busy_timeout "
            "(config file or STORYDESK_DESK_BUSY_TIMEOUT), or use another --db",
        )
    if "disk is full" in text or "disk I/O error" in text:
        return StoreError(
            f"cannot write the desk: the disk is full or a file-size limit was reached ({text})",
            where=str(path),
            hint="free some space and run the command again: what was committed before is kept",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError(
            f"cannot open the desk for writing: read-only, no permission or no folder ({text})",
            where=str(path),
            hint="check the file, its folder and their permissions, or use another --db",
        )
    if isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return StoreError(
            f"the desk database is corrupt or not a storydesk database ({text})",
            where=str(path),
            hint="restore it from a backup or start a new desk with another --db",
        )
    return StoreError(f"database error: {text}", where=str(path))


def connect(path: Path | str, *, timeout: float = 5.0) -> sqlite3.Connection:
    """Open (creating if needed) a desk database and check its schema version."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise StoreError("the desk database path is a folder", where=str(path), hint="give a file")
    try:
        conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        with transaction(conn, path):
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            for statement in SEARCH_SCHEMA:
                conn.execute(statement + (" END" if "TRIGGER" in statement else ""))
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is not None and row[0] == "1":  # version 1 had no search: index what it holds
                conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
                conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", ("2",))
                row = ("2",)
            if row is None:
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif row[0] != str(SCHEMA_VERSION):
                raise StoreError(
                    f"desk schema version {row[0]}, this storydesk reads version {SCHEMA_VERSION}",
                    where=str(path),
                    hint="use the storydesk version that wrote it, or start a new desk",
                )
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path | str) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error; sqlite errors become StoreError."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise store_error(exc, path) from None


def counted_problems(conn: sqlite3.Connection, checks: Sequence[tuple[str, str]]) -> list[str]:
    """For each (query counting what is wrong, message with ``{n}``), the message when the
    count is not zero."""
    problems = []
    for query, message in checks:
        count = conn.execute(query).fetchone()[0]
        if count:
            problems.append(message.format(n=count))
    return problems


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's integrity check plus the desk's own invariants; empty when all is well."""
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    problems += counted_problems(
        conn,
        [
            (
                "SELECT count(*) FROM articles a LEFT JOIN stories s ON a.story_id = s.id"
                " WHERE s.id IS NULL",
                "{n} articles point to no story",
            ),
            (
                "SELECT count(*) FROM stories s WHERE size != (SELECT count(*) FROM articles a"
                " WHERE a.story_id = s.id AND a.duplicate_of IS NULL)",
                "{n} stories have a size that does not match their articles",
            ),
        ],
    )
    for table in ("articles_fts", "summaries_fts"):
        try:
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"the search index {table} does not match its table ({exc})")
    return problems
