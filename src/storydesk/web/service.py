"""The desk behind the web: the same library functions the CLI calls, safe to share by threads.

Reads use one SQLite connection per thread (WAL: readers never wait for the writer); writes go
through a fresh :class:`~storydesk.feed.desk.Desk` under a lock, as ``storydesk add`` does.
Story summaries are cached in the desk (and so searchable), keyed by what made them; comparisons
in memory, by the story's articles.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydesk.errors import BudgetError, InputError, StorydeskError
from storydesk.feed import desk_search
from storydesk.feed.cluster_tuning import tuning_from
from storydesk.feed.desk import Desk
from storydesk.feed.desk_query import DeskStory, load_story, moved_story
from storydesk.feed.desk_store import connect
from storydesk.settings import Settings
from storydesk.story.pipeline import summarize_story
from storydesk.story.provenance import made_by
from storydesk.story.rank import ranker_for
from storydesk.story.render import to_dict
from storydesk.types import SCHEMA_VERSION, Article, Story

log = logging.getLogger("storydesk.web")

COMPARISONS_KEPT = 256  # a comparison is a few kB of JSON; the busiest stories stay warm


class NotFound(Exception):
    """A story or article the desk does not hold (HTTP 404)."""

    def __init__(self, message: str, where: str, moved_to: str | None = None) -> None:
        super().__init__(message)
        self.message, self.where, self.moved_to = message, where, moved_to


class Refused(Exception):
    """A write the server is not allowed to do: read-only (403) or without the token (401)."""

    def __init__(self, message: str, status: int, hint: str) -> None:
        super().__init__(message)
        self.message, self.status, self.hint = message, status, hint


@dataclass(frozen=True)
class AddOutcome:
    """What ``POST /api/articles`` did to each article, and the stories it touched."""

    articles: tuple[dict[str, str | None], ...]
    stories: tuple[str, ...]
    counts: dict[str, int]


class DeskService:
    """One desk file, opened for the web; stores settings only, connects on first use."""

    def __init__(self, db: Path, settings: Settings, *, read_only: bool = False) -> None:
        self.db = db
        self.settings = settings
        self.read_only = read_only
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._ranker = ranker_for(settings)
        self._described: desk_search.Described = {}  # story descriptions, by (id, size, last)
        # comparisons by (story, its article ids): a story page or API call does not redo one
        self._compared: OrderedDict[tuple[str, ...], dict[str, Any] | None] = OrderedDict()
        self._compared_lock = threading.Lock()
        who = made_by(settings, settings.ranker)
        self.made_by_key = f"{who.version}/{who.settings}/{who.model}"

    def open(self) -> None:
        """Create or migrate the desk file now, so that a bad --db fails at start-up."""
        connect(self.db).close()

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.db), timeout=10.0, isolation_level=None)
            conn.execute("PRAGMA query_only=ON" if self.read_only else "PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    # --- reading ---------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        stories = self.conn.execute("SELECT count(*) FROM stories WHERE size > 0").fetchone()[0]
        articles = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        version, settings, model = self.made_by_key.split("/")
        return {
            "schema_version": SCHEMA_VERSION,
            "status": "ok",
            "made_by": {"version": version, "settings": settings, "model": model},
            "stories": stories,
            "articles": articles,
            "read_only": self.read_only,
        }

    def page(self, *, limit: int, offset: int, query: str = "") -> desk_search.StoryPage:
        if len(self._described) > 10_000:
            self._described.clear()
        return desk_search.story_page(
            self.conn, self.db, limit=limit, offset=offset, query=query, memo=self._described
        )

    def story_entry(self, story_id: str) -> DeskStory:
        entry = desk_search.describe_story(self.conn, self.db, story_id, self._described)
        if entry is None:
            moved = moved_story(self.conn, story_id)
            if moved is not None:
                raise NotFound(
                    f"story {story_id!r} was regrouped: its articles are in story {moved}",
                    where=f"story {story_id}",
                    moved_to=moved,
                )
            raise NotFound(f"no story {story_id!r} in the desk", where=f"story {story_id}")
        return entry

    def activity(self, story_id: str) -> list[int]:
        return desk_search.activity(self.conn, story_id)

    def story(self, story_id: str) -> Story:
        self.story_entry(story_id)  # 404 for unknown and junk-free empty ids alike
        return load_story(self.conn, self.db, story_id)

    def summary(self, story_id: str) -> dict[str, Any]:
        """The story's summary as ``summarize --format json`` prints it, cached in the desk."""
        cached = desk_search.cached_summary(self.conn, story_id, self.made_by_key)
        if cached is not None:
            return cached
        summary = to_dict(summarize_story(self.story(story_id), self.settings, self._ranker))
        if not self.read_only:
            desk_search.store_summary(self.conn, self.db, story_id, self.made_by_key, summary)
        return summary

    def summary_or_error(
        self, story_id: str
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(summary, None), or (None, the error) for a story with nothing to summarize (its
        articles hold no readable text): the story is still shown, without a summary."""
        try:
            return self.summary(story_id), None
        except (InputError, BudgetError) as error:
            return None, error.to_dict()

    def article(self, article_id: str) -> tuple[Article, str]:
        found = desk_search.find_article(self.conn, self.db, article_id)
        if found is None:
            raise NotFound(f"no article {article_id!r} in the desk", where=f"article {article_id}")
        return found

    def comparison(self, story: Story) -> dict[str, Any] | None:
        """The source comparison as ``compare --format json`` gives it; None when the story's
        reports cannot be compared (no readable text), as a summary-less story shows none."""
        from storydesk.comparison.pipeline import compare_story

        key = (story.id, *(a.id for a in story.articles))
        with self._compared_lock:
            if key in self._compared:
                self._compared.move_to_end(key)
                return self._compared[key]
        try:
            compared: dict[str, Any] | None = dict(compare_story(story, self.settings).to_dict())
        except StorydeskError:
            compared = None
        with self._compared_lock:
            self._compared[key] = compared
            while len(self._compared) > COMPARISONS_KEPT:
                self._compared.popitem(last=False)
        return compared

    # --- summarizing without storing ------------------------------------------------------------
    def summarize(self, articles: Sequence[Article], words: int | None) -> dict[str, Any]:
        if not articles:
            raise InputError("no articles given", where="articles", hint="send at least one")
        ids = [a.id for a in articles]
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            raise InputError(
                f"article ids repeat: {', '.join(repeated)}",
                where="articles",
                hint="give every article its own id",
            )
        settings = self.settings.with_overrides(words=words)
        return to_dict(summarize_story(Story("story", tuple(articles)), settings, self._ranker))

    # --- writing -------------------------------------------------------------------------------
    def check_write(self, token_given: str | None, token: str | None) -> None:
        import hmac

        if self.read_only:
            raise Refused(
                "this desk is served read-only",
                403,
                "restart `storydesk serve` without --read-only",
            )
        if token is not None and not hmac.compare_digest(
            (token_given or "").encode("utf-8"), token.encode("utf-8")
        ):
            raise Refused(
                "a valid token is required to add articles",
                401,
                "send the token as 'Authorization: Bearer <token>'",
            )

    @contextmanager
    def _desk(self) -> Iterator[Desk]:
        tuning = tuning_from(self.settings)
        with (
            self._write_lock,
            Desk(self.db, tuning, batch_size=self.settings.desk_batch_size) as desk,
        ):
            yield desk

    def add(self, articles: Sequence[Article]) -> AddOutcome:
        """Store articles (idempotent): each is added, linked (a copy) or already there."""
        if not articles:
            raise InputError("no articles given", where="articles", hint="send at least one")
        ids = [a.id for a in articles]
        with self._desk() as desk:
            before = set(desk.assignments())
            report = desk.add(articles)
            after = desk.assignments()
            rows = dict(
                desk.conn_.execute(
                    "SELECT id, duplicate_of IS NOT NULL OR junk FROM articles WHERE id IN"
                    f" ({','.join('?' * len(ids))})",
                    ids,
                ).fetchall()
            )
        states: list[dict[str, str | None]] = []
        for aid in dict.fromkeys(ids):
            status = (
                "already there"
                if aid in before
                else "linked"
                if aid not in rows or rows[aid]
                else "added"
            )
            states.append({"id": aid, "status": status, "story_id": after.get(aid)})
        touched = sorted(
            {s["story_id"] for s in states if s["status"] != "already there" and s["story_id"]},
            key=int,
        )
        counts = {
            "added": report.added,
            "unchanged": report.unchanged,
            "copies": report.copies,
            "junk": report.junk,
            "new_stories": report.new_stories,
        }
        return AddOutcome(tuple(states), tuple(str(s) for s in touched), counts)
