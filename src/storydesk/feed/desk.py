"""The incremental desk: articles arrive, each joins a live story or starts one, all in SQLite.

Vocabulary and IDF need no refitting: document frequencies are counted in the desk as articles
arrive (table ``terms``) and an article is weighed with the IDF known on its arrival, the same
sublinear TF-IDF as batch clustering. A new article is compared with the articles that share its
rarer terms (a kNN query over an in-memory inverted index of the live window, rebuilt from the
database on open); it joins the story with the best *average* cosine to it, if that reaches
``threshold`` and the story's dates stay within ``window_days`` (the batch merge rule with the new
article as a group of one). Near-identical copies join their original's story and are linked by
``duplicate_of``, not counted in its size; pages copied ``junk_min_copies`` times are junk, each a
story of its own, as in batch mode.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from storydesk.errors import ConfigError, InputError
from storydesk.feed.cluster import ClusterTuning, article_text, parse_published
from storydesk.feed.desk_lock import WriterLock
from storydesk.feed.desk_query import DeskStory, list_stories, load_story
from storydesk.feed.desk_state import AddReport, LiveStory, Vector, analyze, dot, tfidf_vector
from storydesk.feed.desk_store import connect, integrity_problems, store_error
from storydesk.feed.junk import page_junk_score, text_key
from storydesk.types import Article, Story


class Desk:
    """An SQLite-backed story desk. Use as a context manager, or call ``close``."""

    def __init__(
        self,
        path: Path | str,
        tuning: ClusterTuning | None = None,
        *,
        batch_size: int = 200,
        timeout: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if batch_size < 1:
            raise ConfigError(f"desk batch_size must be >= 1, got {batch_size}")
        self.path = Path(path)
        self.tuning = tuning or ClusterTuning()
        self.batch_size = batch_size
        self.clock = clock
        self.conn_ = connect(self.path, timeout=timeout)
        self.lock_ = WriterLock(self.path, timeout, self.conn_)  # notes the version _load reads
        self._load()

    # --- state -----------------------------------------------------------------------------
    def _load(self) -> None:
        """Rebuild the in-memory live window from the committed database."""
        try:
            c = self.conn_
            self.df_: Counter[str] = Counter(dict(c.execute("SELECT term, df FROM terms")))
            self.n_docs_ = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            newest = c.execute("SELECT max(last_seen) FROM stories").fetchone()[0] or 0.0
            cutoff = newest - 2 * self.tuning.window_days * 86400.0
            self.stories_: dict[int, LiveStory] = {}
            for sid, first, last, junk, vector, members in c.execute(
                "SELECT s.id, s.first_seen, s.last_seen, s.junk, s.vector, (SELECT count(*)"
                " FROM articles a WHERE a.story_id = s.id) FROM stories s WHERE s.last_seen >= ?",
                (cutoff,),
            ):
                self.stories_[sid] = LiveStory(members, json.loads(vector), first, last, bool(junk))
            self.vectors_: dict[int, Vector] = {}
            self.owner_: dict[int, tuple[str, int, bool]] = {}  # seq -> (id, story, junk)
            self.postings_: dict[str, list[int]] = {}
            self.aliases_: Counter[str] = Counter(
                dict(c.execute("SELECT original_id, count(*) FROM aliases GROUP BY original_id"))
            )
            for seq, aid, story, junk, vector in c.execute(
                "SELECT seq, id, story_id, junk, vector FROM articles WHERE seen >= ?", (cutoff,)
            ):
                self._index(seq, aid, story, bool(junk), json.loads(vector))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    def _index(self, seq: int, aid: str, story: int, junk: bool, vector: Vector) -> None:
        self.vectors_[seq] = vector
        self.owner_[seq] = (aid, story, junk)
        for term in vector:
            self.postings_.setdefault(term, []).append(seq)

    def _vector(self, article: Article) -> tuple[Vector, list[str]]:
        counts = Counter(analyze(article_text(article)))
        return tfidf_vector(counts, self.df_, self.n_docs_ + 1), list(counts)

    def _neighbours(self, vector: Vector) -> list[tuple[float, int]]:
        """(cosine, seq) of the nearest stored articles, found over the rarer shared terms."""
        cap = max(100, int(0.01 * self.n_docs_))
        hits: Counter[int] = Counter()
        for term in vector:
            posting = self.postings_.get(term)
            if posting and len(posting) <= cap:
                hits.update(posting)
        near = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[: self.tuning.neighbours]
        found = [(dot(vector, self.vectors_[seq]), seq) for seq, _ in near]
        return sorted(found, key=lambda x: (-x[0], x[1]))

    # --- writing ---------------------------------------------------------------------------
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
            for article in articles:
                outcome = self._add_one(article, aliases)
                tally[outcome] += 1
                pending += 1
                if pending >= self.batch_size:
                    self.conn_.execute("COMMIT")
                    self.conn_.execute("BEGIN IMMEDIATE")
                    pending = 0
            self.conn_.execute("COMMIT")
        except InputError:
            self.conn_.execute("COMMIT")  # everything before the bad article is good
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

    def _rollback(self) -> None:
        if self.conn_.in_transaction:
            self.conn_.execute("ROLLBACK")
        self._load()  # memory may hold articles of the batch that was rolled back

    def _add_one(self, article: Article, aliases: dict[str, str]) -> str:
        c = self.conn_
        if not article.text or not article.text.strip():
            raise InputError(f"article {article.id!r} has no text", where=article.origin)
        key = text_key(article.text)
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
        same = c.execute(
            "SELECT id, seq FROM articles WHERE text_hash = ? LIMIT 1", (key,)
        ).fetchone()
        if same is not None:
            # Identical text under a new id: no new article, but one more sighting of the page.
            c.execute("INSERT INTO aliases(id, original_id) VALUES (?, ?)", (article.id, same[0]))
            aliases[article.id] = same[0]
            self.aliases_[same[0]] += 1
            seen_times, root = self._copies_seen(same[0])
            if seen_times >= self.tuning.junk_min_copies and root in self.owner_:
                self._detach_as_junk(root)
            return "alias"
        vector, terms = self._vector(article)
        self.df_.update(terms)
        self.n_docs_ += 1
        c.executemany(
            "INSERT INTO terms(term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
            [(t,) for t in terms],
        )
        seen = parse_published(article.published) or self.clock()
        near = self._neighbours(vector)
        copies = [(s, seq) for s, seq in near if s >= self.tuning.duplicate_similarity]
        sightings = 1 + max(
            [len(copies)] + [self._copies_seen(self.owner_[seq][0])[0] for _, seq in copies]
        )
        junk = (
            sightings >= self.tuning.junk_min_copies
            or page_junk_score(article.text) >= self.tuning.junk_score
        )
        duplicate_of: str | None = None
        story: int | None = None
        if junk:
            for _, seq in copies:
                self._detach_as_junk(self._copies_seen(self.owner_[seq][0])[1])
                self._detach_as_junk(seq)
        elif copies and not self.owner_[copies[0][1]][2]:
            duplicate_of, story, _ = self.owner_[copies[0][1]]
        else:
            story = self._best_story(vector, near, seen)
        outcome = "junk" if junk else "copy" if duplicate_of else "joined"
        if story is None:
            outcome = "junk" if junk else "new"
            story = self._new_story(seen, junk)
        self._join(story, vector, seen, counted=duplicate_of is None)
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
                json.dumps(vector),
            ),
        )
        self._index(int(cur.lastrowid or 0), article.id, story, junk, vector)
        return outcome

    def _copies_seen(self, article_id: str) -> tuple[int, int]:
        """(sightings, seq of the original) of a page: original, near copies, and their aliases."""
        c = self.conn_
        root = c.execute(
            "SELECT coalesce(duplicate_of, id) FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        group = [
            r[0]
            for r in c.execute(
                "SELECT id FROM articles WHERE id = ? OR duplicate_of = ?", (root, root)
            )
        ]
        seq = c.execute("SELECT seq FROM articles WHERE id = ?", (root,)).fetchone()[0]
        return len(group) + sum(self.aliases_[a] for a in group), seq

    def _merge_bridged(self, sid: int, near: list[tuple[float, int]]) -> None:
        """Join stories the new article bridges, by the batch rule (average cosine, window)."""
        window = self.tuning.window_days * 86400.0
        for sim, seq in near:
            if sim < self.tuning.edge_threshold:
                break
            _, other, junk = self.owner_[seq]
            a, b = self.stories_.get(sid), self.stories_.get(other)
            if junk or other == sid or a is None or b is None or b.junk:
                continue
            if max(a.last, b.last) - min(a.first, b.first) > window:
                continue
            if dot(a.vector, b.vector) / (a.members * b.members) < self.tuning.threshold:
                continue
            a.members += b.members
            for t, w in b.vector.items():
                a.vector[t] = a.vector.get(t, 0.0) + w
            a.first, a.last = min(a.first, b.first), max(a.last, b.last)
            c = self.conn_
            moved = c.execute("SELECT seq FROM articles WHERE story_id = ?", (other,)).fetchall()
            c.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (sid, other))
            c.execute(
                "UPDATE stories SET size = size + (SELECT size FROM stories WHERE id = ?),"
                " first_seen = ?, last_seen = ?, vector = ? WHERE id = ?",
                (other, a.first, a.last, json.dumps(a.vector), sid),
            )
            c.execute("DELETE FROM stories WHERE id = ?", (other,))
            del self.stories_[other]
            for (member,) in moved:
                if member in self.owner_:
                    aid, _, is_junk = self.owner_[member]
                    self.owner_[member] = (aid, sid, is_junk)

    def _best_story(self, vector: Vector, near: list[tuple[float, int]], seen: float) -> int | None:
        window = self.tuning.window_days * 86400.0
        best: tuple[float, int] | None = None
        for sim, seq in near:
            if sim < self.tuning.edge_threshold:
                break
            _, sid, junk = self.owner_[seq]
            live = self.stories_.get(sid)
            if junk or live is None or live.junk:
                continue
            if max(live.last, seen) - min(live.first, seen) > window:
                continue
            score = dot(vector, live.vector) / live.members
            if score >= self.tuning.threshold and (
                best is None or (score, -sid) > (best[0], -best[1])
            ):
                best = (score, sid)
        return None if best is None else best[1]

    def _new_story(self, seen: float, junk: bool) -> int:
        cur = self.conn_.execute(
            "INSERT INTO stories(size, first_seen, last_seen, junk, vector)"
            " VALUES (0, ?, ?, ?, '{}')",
            (seen, seen, int(junk)),
        )
        sid = int(cur.lastrowid or 0)
        self.stories_[sid] = LiveStory(0, {}, seen, seen, junk)
        return sid

    def _join(self, sid: int, vector: Vector, seen: float, *, counted: bool) -> None:
        live = self.stories_[sid]
        live.members += 1
        for t, w in vector.items():
            live.vector[t] = live.vector.get(t, 0.0) + w
        live.first, live.last = min(live.first, seen), max(live.last, seen)
        self.conn_.execute(
            "UPDATE stories SET size = size + ?, first_seen = ?, last_seen = ?, vector = ?"
            " WHERE id = ?",
            (int(counted), live.first, live.last, json.dumps(live.vector), sid),
        )

    def _detach_as_junk(self, seq: int) -> None:
        """A page now known to be a template leaves its story for a junk story of its own."""
        aid, sid, junk = self.owner_[seq]
        if junk:
            return
        c = self.conn_
        counted = c.execute("SELECT duplicate_of IS NULL FROM articles WHERE seq = ?", (seq,))
        was_counted = bool(counted.fetchone()[0])
        live = self.stories_.get(sid)
        if live is not None:
            live.members -= 1
            for t, w in self.vectors_[seq].items():
                live.vector[t] = live.vector.get(t, 0.0) - w
            c.execute(
                "UPDATE stories SET size = size - ?, vector = ? WHERE id = ?",
                (int(was_counted), json.dumps(live.vector), sid),
            )
        seen = c.execute("SELECT seen FROM articles WHERE seq = ?", (seq,)).fetchone()[0]
        new = self._new_story(seen, True)
        self._join(new, self.vectors_[seq], seen, counted=True)
        c.execute(
            "UPDATE articles SET story_id = ?, junk = 1, duplicate_of = NULL WHERE seq = ?",
            (new, seq),
        )
        if live is not None and live.members == 0:
            c.execute("DELETE FROM stories WHERE id = ?", (sid,))
            del self.stories_[sid]
        self.owner_[seq] = (aid, new, True)
        # Near copies of a template page are template pages too.
        copies = c.execute("SELECT seq FROM articles WHERE duplicate_of = ?", (aid,)).fetchall()
        for (copy,) in copies:
            if copy in self.owner_:
                self._detach_as_junk(copy)

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
        return integrity_problems(self.conn_)

    def close(self) -> None:
        self.conn_.close()
        self.lock_.close()  # after the connection: see desk_lock

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_desk(path: Path | str, tuning: ClusterTuning | None = None, batch_size: int = 200) -> Desk:
    """Open (or create) the desk at ``path``."""
    return Desk(path, tuning, batch_size=batch_size)
