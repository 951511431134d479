"""Desks as older storydesk releases wrote them, for migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storydesk.feed.desk import Desk
from storydesk.types import Article


def version_1_desk(path: Path, feed: list[Article]) -> None:
    """A desk as storydesk wrote it before search: no FTS tables, schema_version 1."""
    with Desk(path) as desk:
        desk.add(feed)
    with sqlite3.connect(path) as conn:
        for name in ("articles", "summaries"):
            for kind in ("insert", "delete", "update"):
                conn.execute(f"DROP TRIGGER {name}_fts_{kind}")
            conn.execute(f"DROP TABLE {name}_fts")
        conn.execute("DROP TABLE summaries")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
