"""Browsing the desk: stories newest activity first, full-text search, activity, cached summaries.

The search tables (``articles_fts``, ``summaries_fts``) are kept by triggers (desk_store); this
module only reads them, and writes the summary cache the web desk fills as stories are read.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydesk.feed.desk_query import DeskStory, _iso
from storydesk.feed.desk_store import store_error, transaction
from storydesk.feed.label import story_label
from storydesk.types import Article

MAX_QUERY_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class StoryPage:
    """One page of the story list and how many stories match in all."""

    stories: tuple[DeskStory, ...]
    total: int


def match_expression(query: str) -> str | None:
    """A safe FTS5 expression: every word of the query, each quoted, all required.

    Quoting each word means no user text is read as FTS syntax (NEAR, *, column filters ...),
    so any query string is valid; a query without words is no query.
    """
    words = _WORD.findall(query)[:MAX_QUERY_TERMS]
    return " ".join(f'"{w}"' for w in words) or None


def _matching_stories_sql(expression: str) -> tuple[str, tuple[str, str]]:
    return (
        "SELECT a.story_id FROM articles_fts f JOIN articles a ON a.seq = f.rowid"
        " WHERE articles_fts MATCH ? UNION"
        " SELECT m.story_id FROM summaries_fts g JOIN summaries m ON m.story_id = g.rowid"
        " WHERE summaries_fts MATCH ?",
        (expression, expression),
    )


Described = dict[tuple[int, int, float], DeskStory]


def story_page(
    conn: sqlite3.Connection,
    path: Path,
    *,
    limit: int,
    offset: int,
    query: str = "",
    memo: Described | None = None,
) -> StoryPage:
    """Stories newest activity first (junk pages left out), those matching ``query`` if given.

    ``memo`` keeps story descriptions between calls, keyed by (id, size, last seen): a story
    that has not changed is not described again."""
    where, params = "size > 0 AND junk = 0", tuple[str, ...]()
    expression = match_expression(query)
    if query.strip() and expression is None:
        return StoryPage((), 0)
    try:
        if expression is not None:
            sql, params = _matching_stories_sql(expression)
            where += f" AND id IN ({sql})"
        total = conn.execute(f"SELECT count(*) FROM stories WHERE {where}", params).fetchone()[0]
        rows = conn.execute(
            f"SELECT id, size, first_seen, last_seen, vector FROM stories WHERE {where}"
            " ORDER BY last_seen DESC, id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return StoryPage(tuple(_remembered(conn, row, memo) for row in rows), total)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None


def _remembered(
    conn: sqlite3.Connection, row: tuple[int, int, float, float, str], memo: Described | None
) -> DeskStory:
    if memo is None:
        return _describe(conn, *row)
    key = (row[0], row[1], row[3])
    found = memo.get(key)
    if found is None:
        found = memo[key] = _describe(conn, *row)
    return found


def _describe(
    conn: sqlite3.Connection, sid: int, size: int, first: float, last: float, vector: str
) -> DeskStory:
    articles = story_articles(conn, sid)
    weights: dict[str, float] = json.loads(vector)
    terms = sorted(weights, key=lambda t: (-weights[t], t))[:5]
    copies = conn.execute(
        "SELECT count(*) FROM articles WHERE story_id = ? AND duplicate_of IS NOT NULL", (sid,)
    ).fetchone()[0]
    label = story_label(articles, terms)
    sources = tuple(dict.fromkeys(a.source or a.url or "" for a in articles if a.source or a.url))
    return DeskStory(str(sid), size, copies, sources, _iso(first), _iso(last), label)


def story_articles(conn: sqlite3.Connection, story_id: int | str) -> tuple[Article, ...]:
    rows = conn.execute(
        "SELECT id, text, title, source, url, published, author FROM articles"
        " WHERE story_id = ? AND duplicate_of IS NULL ORDER BY seen, seq",
        (story_id,),
    ).fetchall()
    return tuple(Article(*row) for row in rows)


def describe_story(
    conn: sqlite3.Connection, path: Path, story_id: str, memo: Described | None = None
) -> DeskStory | None:
    """The list entry of one story, or None when the desk has no such story."""
    if not story_id.isdigit():
        return None
    try:
        row = conn.execute(
            "SELECT id, size, first_seen, last_seen, vector FROM stories WHERE id = ? AND size > 0",
            (int(story_id),),
        ).fetchone()
        return None if row is None else _remembered(conn, row, memo)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None


def activity(conn: sqlite3.Connection, story_id: str, buckets: int = 12) -> list[int]:
    """Articles per equal slice of the story's time span (at least a day), oldest first.

    A story whose articles all came within the day shows as one bar at the start."""
    seen = [r[0] for r in conn.execute("SELECT seen FROM articles WHERE story_id = ?", (story_id,))]
    if not seen:
        return [0] * buckets
    low = min(seen)
    span = max(max(seen) - low, 86400.0)
    counts = [0] * buckets
    for t in seen:
        counts[min(buckets - 1, int((t - low) / span * buckets))] += 1
    return counts


def find_article(
    conn: sqlite3.Connection, path: Path, article_id: str
) -> tuple[Article, str] | None:
    """A stored article (or the original an alias names) and its story id; None if unknown."""
    try:
        original = conn.execute(
            "SELECT original_id FROM aliases WHERE id = ?", (article_id,)
        ).fetchone()
        row = conn.execute(
            "SELECT id, text, title, source, url, published, author, story_id FROM articles"
            " WHERE id = ?",
            (original[0] if original else article_id,),
        ).fetchone()
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    return None if row is None else (Article(*row[:7]), str(row[7]))


def cached_summary(conn: sqlite3.Connection, story_id: str, made_by: str) -> dict[str, Any] | None:
    """The cached summary JSON of a story, if made by the same code and settings since the
    story last changed."""
    row = conn.execute(
        "SELECT m.json FROM summaries m JOIN stories s ON s.id = m.story_id WHERE m.story_id = ?"
        " AND m.made_by = ? AND m.size = s.size AND m.last_seen = s.last_seen",
        (story_id, made_by),
    ).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def store_summary(
    conn: sqlite3.Connection, path: Path, story_id: str, made_by: str, summary: dict[str, Any]
) -> None:
    """Cache a story's summary (and make its text searchable)."""
    with transaction(conn, path):
        conn.execute(
            "INSERT OR REPLACE INTO summaries(story_id, made_by, size, last_seen, text, json)"
            " SELECT id, ?, size, last_seen, ?, ? FROM stories WHERE id = ?",
            (made_by, summary["summary"], json.dumps(summary), story_id),
        )
