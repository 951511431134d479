"""The incremental desk: articles arrive, each joins a live story or starts one, all in SQLite.

Vocabulary and IDF need no refitting: document frequencies are counted in the desk as articles
arrive (table ``terms``) and an article is weighed with the IDF known on its arrival, the same
sublinear TF-IDF as batch clustering, and scored as a z-score against the desk's background
sample (``feed.similarity``). Candidate stories come from the story index in SQLite (``feed.
desk_index``), never from a scan; the new article joins the candidate with the best *average* z
to it if that reaches the threshold its dates need (the batch merge rule with the new article as
a group of one), and candidate stories it bridges merge by the same rule. Near-identical copies
join their original's story and are linked by ``duplicate_of``, not counted in its size; pages
copied ``junk_min_copies`` times are junk, each a story of its own, as in batch mode.

Memory holds the document frequencies, the background sample and at most ``live_stories``
stories (least recently used leave first); everything else is read from SQLite when needed, and
the indexes are written in the same transaction as the articles, so a killed writer leaves them
consistent.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

from storydesk.errors import ConfigError, InputError
from storydesk.feed.cluster import Clusterer, ClusterTuning, parse_published
from storydesk.feed.desk_chunk import DeskChunks, chunks, same_chunk
from storydesk.feed.desk_codec import pack_vectors
from storydesk.feed.desk_index import (
    BACKGROUND_SIZE,
    BackgroundSample,
    copy_keys,
    create_index_tables,
    index_problems,
)
from storydesk.feed.desk_lock import WriterLock
from storydesk.feed.desk_query import DeskStory, list_stories, load_story
from storydesk.feed.desk_state import (
    AddReport,
    LiveStory,
    add_into,
    dot,
)
from storydesk.feed.desk_store import connect, integrity_problems, store_error, transaction
from storydesk.feed.junk import page_junk_score, text_key
from storydesk.feed.similarity import group_z
from storydesk.types import Article, Story

CACHE_KIB = 128 * 1024
CHECKPOINT_PAGES = 8000  # 32 MB of WAL (default 1000 pages)


class Desk(DeskChunks):
    """An SQLite-backed story desk. Use as a context manager, or call ``close``."""

    def __init__(
        self,
        path: Path | str,
        tuning: ClusterTuning | None = None,
        *,
        batch_size: int = 1000,
        timeout: float = 5.0,
        clock: Callable[[], float] = time.time,
        live_stories: int = 2000,
    ) -> None:
        if batch_size < 1 or live_stories < 1:
            raise ConfigError(f"desk batch_size and live_stories must be >= 1, got {batch_size}")
        self.path = Path(path)
        self.tuning = tuning or ClusterTuning()
        self.batch_size = batch_size
        self.live_stories = live_stories
        self._start_chunk([], Clusterer(self.tuning))
        self.clock = clock
        self.conn_ = connect(self.path, timeout=timeout)
        # The writer's working set (indexes, stories, terms) outgrows SQLite's 2 MB default page
        # cache by 10k articles; fewer, larger WAL checkpoints write each hot page less often.
        self.conn_.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        self.conn_.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        try:
            with transaction(self.conn_, self.path):
                create_index_tables(self.conn_)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self.lock_ = WriterLock(self.path, timeout, self.conn_)  # notes the version _load reads
        self._load()

    # --- state -----------------------------------------------------------------------------
    def _load(self) -> None:
        """Rebuild the in-memory state from the committed database."""
        try:
            c = self.conn_
            self.df_: Counter[str] = Counter(dict(c.execute("SELECT term, df FROM terms")))
            self.df_changed_: set[str] = set()  # written with the batch (``_commit``)
            self.dirty_: dict[int, int] = {}
            self.n_docs_ = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            self.stories_: OrderedDict[int, LiveStory] = OrderedDict()
            self.background_ = BackgroundSample()
            self.background_.refresh(c, self.n_docs_)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    def add(self, articles: Iterable[Article]) -> AddReport:
        """``_add_locked`` as the one writer (see desk_lock), on state reloaded if it changed."""
        with self.lock_.holding(reload=self._load):
            return self._add_locked(articles)

    def _add_locked(self, articles: Iterable[Article]) -> AddReport:
        """Store articles and assign each to a story, committing every ``batch_size`` articles.

        Same id and text, or identical text under another id, changes nothing. The same id with
        another text raises InputError naming it, after committing every article before it.
        """
        tally: Counter[str] = Counter()
        aliases: dict[str, str] = {}
        pending = 0
        try:
            self.conn_.execute("BEGIN IMMEDIATE")
            for chunk in chunks(articles, self.batch_size):  # see desk_chunk
                self._start_chunk(chunk, Clusterer(self.tuning))
                for article in chunk:
                    outcome = self._add_one(article, aliases)
                    if outcome in ("unchanged", "alias"):  # its group follows the stored one
                        self._placed(article.id, aliases.get(article.id, article.id))
                    tally[outcome] += 1
                    pending += 1
                    if pending >= self.batch_size:
                        self._commit()
                        self.conn_.execute("BEGIN IMMEDIATE")
                        pending = 0
            self._commit()
        except InputError:
            self._commit()  # everything before the bad article is good
            raise
        except sqlite3.Error as exc:
            self._rollback()
            raise store_error(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise
        return AddReport(
            added=tally["joined"] + tally["new"] + tally["copy"] + tally["junk"],
            unchanged=tally["unchanged"] + tally["alias"],
            copies=tally["copy"],
            junk=tally["junk"],
            new_stories=tally["new"] + tally["junk"],
            aliases=aliases,
        )

    def _commit(self) -> None:
        """Write what the batch changed in memory (stories, document frequencies), then commit."""
        self._flush()
        self.conn_.executemany(
            "INSERT INTO terms(term, df) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            [(t, self.df_[t]) for t in sorted(self.df_changed_)],
        )
        self.df_changed_.clear()
        self.conn_.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn_.in_transaction:
            self.conn_.execute("ROLLBACK")
        self._load()  # memory may hold articles of the batch that was rolled back

    def _known(self, article: Article, key: str, aliases: dict[str, str]) -> str | None:
        """'unchanged' or 'alias' if the article (or its exact text) is stored already."""
        c = self.conn_
        row = c.execute("SELECT text_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None:
            if row[0] == key:
                return "unchanged"
            raise InputError(
                f"duplicate article id {article.id!r} with different text from the stored one",
                where=article.origin,
                hint="give every article its own id",
            )
        alias = c.execute("SELECT original_id FROM aliases WHERE id = ?", (article.id,)).fetchone()
        if alias is not None:
            aliases[article.id] = alias[0]
            return "unchanged"
        same = c.execute("SELECT id FROM articles WHERE text_hash = ? LIMIT 1", (key,)).fetchone()
        if same is None:
            return None
        # Identical text under a new id: no new article, but one more sighting of the page.
        c.execute("INSERT INTO aliases(id, original_id) VALUES (?, ?)", (article.id, same[0]))
        aliases[article.id] = same[0]
        seen_times, root = self._copies_seen(same[0])
        if seen_times >= self.tuning.junk_min_copies:
            self._detach_as_junk(root)
        return "alias"

    def _add_one(self, article: Article, aliases: dict[str, str]) -> str:
        c = self.conn_
        if not article.text or not article.text.strip():
            raise InputError(f"article {article.id!r} has no text", where=article.origin)
        key = text_key(article.text)
        known = self._known(article, key, aliases)
        if known is not None:
            return known
        vector, terms = self._vector(article)
        self.df_.update(terms)
        self.df_changed_.update(terms)
        self.n_docs_ += 1
        chance = self.background_.of(vector)
        scaled = {t: w * chance.scale for t, w in vector.items()}
        seen = parse_published(article.published) or self.clock()
        keys = copy_keys(article.text)
        copies = self._copies(vector, keys)
        junk = (
            self._template(copies)
            or page_junk_score(article.text) >= self.tuning.junk_score
            or article.id in self.plan_.junk
        )
        duplicate_of: str | None = None
        story: int | None = None
        near: list[int] = []
        if junk:
            for _, seq, aid, _, was_junk in copies:
                if was_junk:  # a junk page is its own original: nothing to detach
                    continue
                self._detach_as_junk(self._copies_seen(aid)[1])
                self._detach_as_junk(seq)
        elif copies and not copies[0][4]:
            _, _, duplicate_of, story, _ = copies[0]
        else:
            story, near = self._decide(article, vector, scaled, chance.offset, chance.scale, seen)
        outcome = "junk" if junk else "copy" if duplicate_of else "joined"
        if story is None:
            outcome = "junk" if junk else "new"
            story = self._new_story(seen, junk)
            self.chunk_stories_.add(story)
        self._join(
            story, vector, scaled, chance.offset, chance.scale, seen, counted=duplicate_of is None
        )
        if not junk:
            self._merge_bridged(story, near)
        cur = c.execute(
            "INSERT INTO articles(id, text_hash, story_id, duplicate_of, junk, seen, title, source,"
            " url, published, author, text, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                key,
                story,
                duplicate_of,
                int(junk),
                seen,
                article.title,
                article.source,
                article.url,
                article.published,
                article.author,
                article.text,
                pack_vectors(vector),
            ),
        )
        seq = int(cur.lastrowid or 0)
        if not junk:
            self._placed(article.id, article.id)
        c.execute(
            "INSERT INTO article_stats(seq, offset, scale) VALUES (?, ?, ?)",
            (seq, chance.offset, chance.scale),
        )
        c.executemany("INSERT INTO copy_keys(key, seq) VALUES (?, ?)", [(k, seq) for k in keys])
        if self.n_docs_ // BACKGROUND_SIZE != self.background_.block_:
            self.background_.refresh(c, self.n_docs_)
        else:
            self.background_.include(vector)
        return outcome

    def _merge_bridged(self, sid: int, near: list[int]) -> None:
        """Join stories the new article bridges, by the batch rule (average z, dates).

        Only stories the article could join alone are tried: a bridge links to both sides.
        """
        for other in near:
            a, b = self._story(sid), self._story(other)
            if other == sid or a is None or b is None or b.junk or b.members == 0:
                continue
            if same_chunk(self, sid, other):  # the chunk's batch clustering kept them apart
                continue
            needed = self.tuning.time_needed((a.first, a.last), (b.first, b.last))
            needed *= self.tuning.group_factor(a.members, b.members)
            score = group_z(
                dot(a.vector, b.vector),
                a.offsets,
                a.scales,
                a.members,
                b.offsets,
                b.scales,
                b.members,
            )
            cosine = dot(a.raw, b.raw) / (a.members * b.members)
            if score < needed or cosine < self.tuning.cosine_needed(self.n_docs_):
                continue
            a.members += b.members
            a.offsets += b.offsets
            a.scales += b.scales
            add_into(a.vector, b.vector)
            add_into(a.raw, b.raw)
            a.first, a.last = min(a.first, b.first), max(a.last, b.last)
            c = self.conn_
            moved = self._size(other)
            c.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (sid, other))
            self._save(sid, a, moved)
            self._delete_story(other, b, moved_to=sid)

    # --- reading ---------------------------------------------------------------------------
    def assignments(self, *, aliases: bool = True) -> dict[str, str]:
        """Article id -> story id of every stored article, and of aliases (their original's)."""
        rows = self.conn_.execute("SELECT id, story_id FROM articles ORDER BY seq")
        found = {aid: str(sid) for aid, sid in rows}
        if aliases:
            for aid, original in self.conn_.execute("SELECT id, original_id FROM aliases"):
                found[aid] = found[original]
        return found

    def stories(self, *, limit: int | None = None, junk: bool = False) -> list[DeskStory]:
        """Stories, largest first (then oldest), junk pages left out unless asked for."""
        return list_stories(self.conn_, self.path, limit=limit, junk=junk)

    def story(self, story_id: str) -> Story:
        """A stored story with its articles (copies left out), ready to summarize."""
        return load_story(self.conn_, self.path, story_id)

    def check(self) -> list[str]:
        """Integrity problems of the database; empty when it is consistent."""
        return integrity_problems(self.conn_) + index_problems(self.conn_)

    def close(self) -> None:
        self.conn_.close()
        self.lock_.close()  # after the connection: see desk_lock

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_desk(
    path: Path | str, tuning: ClusterTuning | None = None, batch_size: int = 1000
) -> Desk:
    """Open (or create) the desk at ``path``."""
    return Desk(path, tuning, batch_size=batch_size)
