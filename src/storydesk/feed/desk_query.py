"""Reading the desk: stories with labels for listing, and one story's articles for summarizing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storydesk.errors import StoreError
from storydesk.feed.desk_store import store_error
from storydesk.feed.label import StoryLabel, story_label
from storydesk.types import Article, Story


@dataclass(frozen=True)
class DeskStory:
    """A story as ``storydesk stories`` lists it."""

    id: str
    size: int
    copies: int
    sources: tuple[str, ...]
    first_seen: str
    last_seen: str
    label: StoryLabel
    junk: bool = False


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")


def list_stories(
    conn: sqlite3.Connection, path: Path, *, limit: int | None = None, junk: bool = False
) -> list[DeskStory]:
    """Stories, largest first (then oldest), junk pages left out unless asked for."""
    try:
        rows = conn.execute(
            "SELECT id, size, first_seen, last_seen, junk, vector FROM stories WHERE size > 0"
            + ("" if junk else " AND junk = 0")
            + " ORDER BY size DESC, id LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        out = []
        for sid, size, first, last, is_junk, vector in rows:
            articles = load_story(conn, path, str(sid)).articles
            weights: dict[str, float] = json.loads(vector)
            terms = sorted(weights, key=lambda t: (-weights[t], t))[:5]
            copies = conn.execute(
                "SELECT count(*) FROM articles WHERE story_id = ? AND duplicate_of IS NOT NULL",
                (sid,),
            ).fetchone()[0]
            label = story_label(articles, terms)
            sources = tuple(
                dict.fromkeys(a.source or a.url or "" for a in articles if a.source or a.url)
            )
            out.append(
                DeskStory(
                    str(sid), size, copies, sources, _iso(first), _iso(last), label, bool(is_junk)
                )
            )
        return out
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None


def load_story(conn: sqlite3.Connection, path: Path, story_id: str) -> Story:
    """A stored story with its articles (copies left out), oldest first."""
    try:
        rows = conn.execute(
            "SELECT id, text, title, source, url, published, author FROM articles"
            " WHERE story_id = ? AND duplicate_of IS NULL ORDER BY seen, seq",
            (story_id,),
        ).fetchall()
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    if not rows:
        moved = moved_story(conn, story_id)
        raise StoreError(
            f"no story {story_id!r} in the desk",
            where=str(path),
            hint="list stories with `storydesk stories --db ...`"
            if moved is None
            else f"a regroup moved its articles: show story {moved}",
        )
    articles = tuple(
        Article(
            id=r[0],
            text=r[1],
            title=r[2],
            source=r[3],
            url=r[4],
            published=r[5],
            author=r[6],
            origin=str(path),
        )
        for r in rows
    )
    return Story(id=str(story_id), articles=articles)


def moved_story(conn: sqlite3.Connection, story_id: str, hops: int = 64) -> str | None:
    """The live story that a story emptied by regroups or merges went to, if any.

    Followed through later moves (at most ``hops``); None for an id that never moved, a desk
    written before moves were kept, or a chain that ends nowhere.
    """
    try:
        current = int(story_id)
    except ValueError:
        return None
    try:
        for _ in range(hops):
            row = conn.execute("SELECT new_id FROM story_moves WHERE old_id = ?", (current,))
            found = row.fetchone()
            if found is None:
                return None
            current = int(found[0])
            if conn.execute("SELECT 1 FROM stories WHERE id = ?", (current,)).fetchone():
                return str(current)
    except sqlite3.OperationalError:  # no such table: a desk from before moves were kept
        return None
    return None
