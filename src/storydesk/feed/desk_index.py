"""The desk's indexes, kept in SQLite in the same transaction as the articles they describe.

* ``story_terms``: each story under its ``STORY_TERMS`` heaviest terms. A new article's candidate
  stories are those sharing its rarer terms: one indexed lookup per term, newest stories first,
  so the cost does not grow with the desk (stories are indexed, not articles: a story's terms
  change little as it grows, and there are several articles per story).
* ``copy_keys``: ``COPY_BANDS`` min-hashes of each article's word 4-grams. Near-identical copies
  share one with high probability, unrelated articles almost never; the cosine then decides.
* The background sample: the ``BACKGROUND_SIZE`` articles of the last full block of arrivals
  (all articles while there are fewer), as one term -> weights-array table for fast cosines.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable

import numpy as np

from storydesk.feed.desk_codec import unpack_vectors
from storydesk.feed.desk_state import Vector
from storydesk.feed.desk_store import counted_problems
from storydesk.feed.similarity import Background, background

STORY_TERMS = 30  # terms a story is indexed under
QUERY_TERMS = 30  # rarest terms of an article used to look up candidate stories
PER_TERM = 20  # newest stories read per term
BACKGROUND_SIZE = 256
COPY_BANDS = 4
_WORD = re.compile(r"\w+")
_SEEDS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F)

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_terms (
    term TEXT NOT NULL, story_id INTEGER NOT NULL, PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_stats (   -- z-score sums of a story (see feed.similarity)
    story_id INTEGER PRIMARY KEY, members INTEGER NOT NULL, offset_sum REAL NOT NULL,
    scale_sum REAL NOT NULL, terms TEXT NOT NULL, scaled TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_stats (seq INTEGER PRIMARY KEY, offset REAL, scale REAL);
CREATE TABLE IF NOT EXISTS copy_keys (key INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS copy_keys_key ON copy_keys(key);
CREATE INDEX IF NOT EXISTS aliases_original ON aliases(original_id);
CREATE INDEX IF NOT EXISTS articles_duplicate ON articles(duplicate_of);
"""


def create_index_tables(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """The story index and statistics against the stories and articles they describe."""
    return counted_problems(
        conn,
        [
            (
                "SELECT count(*) FROM story_terms t LEFT JOIN stories s ON s.id = t.story_id"
                " WHERE s.id IS NULL",
                "{n} story index entries point to no story",
            ),
            (
                "SELECT count(*) FROM stories s LEFT JOIN story_stats t ON t.story_id = s.id"
                " WHERE t.story_id IS NULL",
                "{n} stories have no index statistics",
            ),
            # Story statistics are written once per batch (desk_stories): a batch committed
            # without them would leave members behind the articles.
            (
                "SELECT count(*) FROM story_stats t WHERE t.members !="
                " (SELECT count(*) FROM articles a WHERE a.story_id = t.story_id)",
                "{n} stories have statistics that do not match their articles",
            ),
        ],
    )


def top_terms(vector: Vector) -> list[str]:
    return sorted(vector, key=lambda t: (-vector[t], t))[:STORY_TERMS]


def reindex_story(
    conn: sqlite3.Connection, sid: int, old: Iterable[str], new: Iterable[str]
) -> None:
    old_set, new_set = set(old), set(new)
    conn.executemany(
        "DELETE FROM story_terms WHERE term = ? AND story_id = ?",
        [(t, sid) for t in sorted(old_set - new_set)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_terms(term, story_id) VALUES (?, ?)",
        [(t, sid) for t in sorted(new_set - old_set)],
    )


def candidate_stories(
    conn: sqlite3.Connection, vector: Vector, df: Counter[str], cap: int, limit: int
) -> list[int]:
    """Stories sharing the article's rarer terms, heaviest shared weight first (then newest).

    Ranked by the sum of the article's TF-IDF weights over the terms it shares with a story's
    index terms (a cheap stand-in for their cosine), not by how many it shares: a story sharing
    two rare names outranks one sharing three everyday words. The desk's context reads each
    arrival's first candidates before any second ones, so the first must be the likeliest
    (measured on the validation feed: the arrival's own story ranked first 6% more often;
    docs/notes/cluster.md, Session 7).
    """
    # The article itself is counted in ``df``: a term of df 1 is its alone and finds nothing.
    usable = [t for t in vector if 1 < df.get(t, 0) <= cap]
    rare = heapq.nsmallest(QUERY_TERMS, usable, key=lambda t: (df[t], t))
    if not rare:
        return []
    # One statement: the newest PER_TERM stories of each term, weighed and ranked in SQLite.
    per_term = (
        "SELECT story_id, ? AS weight FROM (SELECT story_id FROM story_terms WHERE term = ?"
        f" ORDER BY story_id DESC LIMIT {PER_TERM})"
    )
    rows = conn.execute(
        "SELECT story_id FROM (" + " UNION ALL ".join([per_term] * len(rare)) + ")"
        " GROUP BY story_id ORDER BY sum(weight) DESC, story_id DESC LIMIT ?",
        (*[value for term in rare for value in (vector[term], term)], limit),
    )
    return [sid for (sid,) in rows]


def copy_keys(text: str) -> list[int]:
    """Min-hashes of the word 4-grams: near-identical texts share one with high probability."""
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + 4]) for i in range(max(1, len(words) - 3))}
    hashes = np.array([zlib.crc32(g.encode("utf-8")) for g in grams], dtype=np.uint64)
    keys = []
    for band, seed in enumerate(_SEEDS[:COPY_BANDS]):
        mixed = ((hashes ^ np.uint64(seed)) * np.uint64(0x5BD1E995)) & np.uint64(0xFFFFFFFF)
        keys.append(band << 32 | int(mixed.min()))
    return keys


def copy_candidates(conn: sqlite3.Connection, keys: list[int]) -> list[int]:
    marks = ",".join("?" * len(keys))
    rows = conn.execute(f"SELECT DISTINCT seq FROM copy_keys WHERE key IN ({marks})", keys)
    return sorted(seq for (seq,) in rows)


class BackgroundSample:
    """Cosines of a new article with the background sample, as numpy sums over its terms."""

    def __init__(self) -> None:
        self.block_ = -1
        self.weights_: dict[str, np.ndarray] = {}
        self.size_ = 0

    def refresh(self, conn: sqlite3.Connection, n_articles: int) -> None:
        """Load the last full block of arrivals (or all of the first, growing) if it changed."""
        block = n_articles // BACKGROUND_SIZE
        if block == self.block_:
            return
        start = max(0, (block - 1) * BACKGROUND_SIZE)
        # Articles are never deleted, so ``seq`` counts arrivals from 1: a range, not an OFFSET
        # (which steps over every earlier row and made each refresh cost the size of the desk).
        rows = conn.execute(
            "SELECT vector FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (start, BACKGROUND_SIZE),
        ).fetchall()
        self.block_, self.weights_, self.size_ = block, {}, 0
        for (packed,) in rows:
            self.include(unpack_vectors(packed)[0])

    def include(self, vector: Vector) -> None:
        """Add one article to a sample that is not full yet (the desk's first block)."""
        if self.size_ >= BACKGROUND_SIZE:
            return
        for term, w in vector.items():
            column = self.weights_.get(term)
            if column is None:
                column = self.weights_[term] = np.zeros(BACKGROUND_SIZE, dtype=np.float64)
            column[self.size_] = w
        self.size_ += 1

    def of(self, vector: Vector) -> Background:
        cosines = np.zeros(BACKGROUND_SIZE, dtype=np.float64)
        for term, w in vector.items():
            column = self.weights_.get(term)
            if column is not None:
                cosines += w * column
        return background(cosines[: self.size_].tolist())
