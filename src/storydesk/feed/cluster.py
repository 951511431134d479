"""Group a feed of articles into stories.

Method (measured in benchmarks/bench_cluster.py):

1. Boilerplate sentences repeated across many pages of the feed are dropped, then each article
   (title counted twice, then text) becomes a sublinear TF-IDF vector.
2. Junk pages (web-archive notices, tweet-location text, cookie walls) are found by cue phrases
   and by repetition across the feed (see ``cluster_junk``); each stays a story of its own.
3. Every article gets its ``neighbours`` most similar articles: sparse matrix products in blocks
   over the rarer terms, then the exact cosine of each candidate pair.
4. Candidate links are taken strongest first. Near-identical copies (syndication) always join;
   otherwise two groups join only if their *average* pairwise cosine (computed exactly from
   summed vectors) reaches ``threshold``. Average linkage stops the chaining that connected
   components suffer from. Groups whose publication dates would span more than ``window_days``
   never join.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from storydesk.errors import ConfigError, InputError
from storydesk.feed.junk import (
    page_junk_score,
    repeated_groups,
    strip_repeated_sentences,
    text_key,
)
from storydesk.feed.label import StoryLabel, label_story
from storydesk.types import Article

TOKEN_PATTERN = r"(?u)\b[^\W_][\w'-]*[^\W_]\b|\b[^\W\d_]\b"


@dataclass(frozen=True)
class FoundStory:
    """A story found in a feed: its articles, whether it is a junk page, and a label."""

    id: str
    article_ids: tuple[str, ...]
    label: StoryLabel
    sources: tuple[str, ...] = ()
    first_published: str | None = None
    last_published: str | None = None
    junk: bool = False
    copies: int = 0  # near-identical syndicated copies among article_ids, not counted in size

    @property
    def size(self) -> int:
        return len(self.article_ids) - self.copies


@dataclass(frozen=True)
class Clustering:
    """Every article of a feed assigned to a story; stories largest first."""

    stories: tuple[FoundStory, ...]
    assignments: dict[str, str] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)

    @property
    def junk(self) -> frozenset[str]:
        return frozenset(a for s in self.stories if s.junk for a in s.article_ids)


def parse_published(value: str | None) -> float | None:
    """Seconds since the epoch of an ISO date or date-time, or None when absent or unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def article_text(article: Article) -> str:
    """The text a story is recognised by: the title weighs double."""
    title = (article.title or "").strip()
    return f"{title}. {title}. {article.text}" if title else article.text


def check_unique(articles: Sequence[Article]) -> None:
    """Raise InputError naming the id when one id comes with two different texts."""
    seen: dict[str, str] = {}
    for article in articles:
        key = text_key(article.text)
        if article.id in seen and seen[article.id] != key:
            raise InputError(
                f"duplicate article id {article.id!r} with different text",
                where=article.origin,
                hint="give every article its own id",
            )
        seen[article.id] = key


@dataclass(frozen=True)
class ClusterTuning:
    """The tuning batch clustering and the desk share, range-checked once on construction.

    ``threshold``: average cosine two groups need to join; ``edge_threshold``: weakest candidate
    link considered; ``neighbours``: candidates per article; ``duplicate_similarity``: cosine of
    near-identical copies; ``junk_min_copies``: copies that make a page junk; ``junk_score``:
    cue-phrase score that makes a page junk; ``window_days``: widest date span of a story.
    """

    threshold: float = 0.2
    edge_threshold: float = 0.1
    neighbours: int = 10
    duplicate_similarity: float = 0.8
    junk_min_copies: int = 5
    junk_score: float = 0.5
    window_days: float = 7.0

    def __post_init__(self) -> None:
        shares = {
            "threshold": self.threshold,
            "edge_threshold": self.edge_threshold,
            "duplicate_similarity": self.duplicate_similarity,
            "junk_score": self.junk_score,
        }
        for name, value in shares.items():
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"cluster {name} must be in [0, 1], got {value}")
        if self.neighbours < 1 or self.junk_min_copies < 2:
            raise ConfigError("cluster neighbours must be >= 1 and junk_min_copies >= 2")
        if self.window_days <= 0:
            raise ConfigError(f"cluster window_days must be > 0, got {self.window_days}")


class Clusterer:
    """TF-IDF + kNN + average-linkage clustering of a feed (see the module notes)."""

    def __init__(
        self,
        tuning: ClusterTuning | None = None,
        *,
        boilerplate_min_docs: int = 3,
        block_size: int = 1000,
    ) -> None:
        self.tuning = tuning or ClusterTuning()
        self.boilerplate_min_docs = boilerplate_min_docs
        self.block_size = block_size

    def _check(self) -> None:
        if self.block_size < 1:
            raise ConfigError(f"cluster block_size must be >= 1, got {self.block_size}")

    def fit(self, articles: Sequence[Article]) -> Clusterer:
        """Cluster ``articles``: sets ``labels_``, ``junk_``, ``duplicate_of_`` and ``vectors_``."""
        self._check()
        if not articles:
            raise InputError("empty feed: no article to cluster", hint="check the input")
        n = len(articles)
        texts = strip_repeated_sentences(
            [article_text(a) for a in articles], max(self.boilerplate_min_docs, 2)
        )
        vectorizer = TfidfVectorizer(
            sublinear_tf=True,
            stop_words="english",
            max_df=0.5 if n >= 50 else 1.0,
            token_pattern=TOKEN_PATTERN,
            dtype=np.float32,
        )
        try:
            vectors = vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # every text empty or made only of stop words
            vectors = sp.csr_matrix((n, 1), dtype=np.float32)
        self.vectorizer_ = vectorizer
        self.vectors_ = vectors
        rows, cols, sims = self._neighbours(vectors)
        copies = sims >= self.tuning.duplicate_similarity
        group = repeated_groups(n, zip(rows[copies].tolist(), cols[copies].tolist(), strict=True))
        self.junk_ = np.array(
            [
                g >= self.tuning.junk_min_copies
                or page_junk_score(a.text) >= self.tuning.junk_score
                for g, a in zip(group, articles, strict=True)
            ],
            dtype=bool,
        )
        times = [parse_published(a.published) for a in articles]
        self.labels_, self.duplicate_of_ = self._link(vectors, rows, cols, sims, times)
        return self

    def _neighbours(self, vectors: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Top-k candidate pairs (i, j, cosine), i != j, found over the rarer terms."""
        n = vectors.shape[0]
        k = min(int(self.tuning.neighbours), n - 1)
        if k < 1:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        # Frequent terms make the product dense but rarely decide who is a neighbour.
        df = np.bincount(vectors.indices, minlength=vectors.shape[1])
        rare = np.flatnonzero(df <= max(100, int(0.01 * n)))
        candidates = vectors[:, rare].tocsr()
        found = np.zeros((n, k), dtype=np.int64)
        for start in range(0, n, self.block_size):
            block = (candidates[start : start + self.block_size] @ candidates.T).toarray()
            size = block.shape[0]
            block[np.arange(size), np.arange(start, start + size)] = -1.0
            found[start : start + size] = np.argpartition(-block, k - 1, axis=1)[:, :k]
        rows = np.repeat(np.arange(n), k)
        cols = found.ravel()
        sims = np.asarray(vectors[rows].multiply(vectors[cols]).sum(axis=1)).ravel()
        return rows, cols, sims.astype(np.float32)

    def _link(
        self,
        vectors: sp.csr_matrix,
        rows: np.ndarray,
        cols: np.ndarray,
        sims: np.ndarray,
        times: list[float | None],
    ) -> tuple[np.ndarray, dict[int, int]]:
        n = vectors.shape[0]
        parent = list(range(n))
        size = [1] * n
        span: list[tuple[float, float] | None] = [(t, t) if t is not None else None for t in times]
        sums: list[dict[int, float] | None] = [
            dict(
                zip(
                    vectors.indices[vectors.indptr[i] : vectors.indptr[i + 1]].tolist(),
                    vectors.data[vectors.indptr[i] : vectors.indptr[i + 1]].tolist(),
                    strict=True,
                )
            )
            for i in range(n)
        ]
        window = self.tuning.window_days * 86400.0
        duplicate_of: dict[int, int] = {}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        # Strongest first; ties by position so that the result does not depend on sort internals.
        order = np.lexsort((cols, rows, -sims))
        for e in order.tolist():
            sim = float(sims[e])
            if sim < self.tuning.edge_threshold:
                break
            i, j = int(rows[e]), int(cols[e])
            if self.junk_[i] or self.junk_[j]:
                continue
            copy = sim >= self.tuning.duplicate_similarity
            if copy and i not in duplicate_of and j not in duplicate_of:
                duplicate_of[max(i, j)] = min(i, j)
            a, b = find(i), find(j)
            if a == b:
                continue
            sa, sb = span[a], span[b]
            if sa is not None and sb is not None and max(sa[1], sb[1]) - min(sa[0], sb[0]) > window:
                continue
            da, db = sums[a], sums[b]
            assert da is not None and db is not None
            if not copy:
                small, large = (da, db) if len(da) <= len(db) else (db, da)
                dot = sum(w * large.get(t, 0.0) for t, w in small.items())
                if dot / (size[a] * size[b]) < self.tuning.threshold:
                    continue
            if size[a] < size[b] or (size[a] == size[b] and b < a):
                a, b, da, db = b, a, db, da
            parent[b] = a
            size[a] += size[b]
            for t, w in db.items():
                da[t] = da.get(t, 0.0) + w
            sums[b] = None
            if sa is None or sb is None:
                span[a] = sa or sb
            else:
                span[a] = (min(sa[0], sb[0]), max(sa[1], sb[1]))
        return np.array([find(i) for i in range(n)], dtype=np.int64), duplicate_of

    def cluster(self, articles: Sequence[Article]) -> Clustering:
        """Fit, then describe each story: labels, sources, dates; largest stories first."""
        check_unique(articles)
        unique: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            if article.id not in seen:
                seen.add(article.id)
                unique.append(article)
        self.fit(unique)
        return build_clustering(
            unique,
            self.labels_,
            self.junk_,
            self.duplicate_of_,
            self.vectors_,
            self.vectorizer_.get_feature_names_out()
            if self.vectors_.shape[1] > 1
            else np.array([""]),
        )


def build_clustering(
    articles: Sequence[Article],
    labels: np.ndarray,
    junk: np.ndarray,
    duplicate_of: dict[int, int],
    vectors: sp.csr_matrix,
    terms: np.ndarray,
) -> Clustering:
    """Stories from cluster labels; ids ``story-N`` numbered by size, then first appearance."""
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(i)
    groups = sorted(members.values(), key=lambda m: (-(len(m)), m[0]))
    stories: list[FoundStory] = []
    assignments: dict[str, str] = {}
    width = max(4, len(str(len(groups))))
    same_story: dict[int, int] = {i: j for i, j in duplicate_of.items() if labels[i] == labels[j]}
    for number, group in enumerate(groups, start=1):
        story_id = f"story-{number:0{width}d}"
        chosen = [articles[i] for i in group]
        for article in chosen:
            assignments[article.id] = story_id
        dates = sorted(a.published for a in chosen if a.published and parse_published(a.published))
        sources = tuple(dict.fromkeys(a.source or a.url or "" for a in chosen if a.source or a.url))
        stories.append(
            FoundStory(
                id=story_id,
                article_ids=tuple(a.id for a in chosen),
                label=label_story(chosen, vectors[group], terms),
                sources=sources,
                first_published=dates[0] if dates else None,
                last_published=dates[-1] if dates else None,
                junk=bool(junk[group].all()),
                copies=sum(1 for i in group if i in same_story),
            )
        )
    dup = {articles[i].id: articles[j].id for i, j in sorted(same_story.items())}
    return Clustering(tuple(stories), assignments, dup)


CLUSTERERS: dict[str, type[Clusterer]] = {"tfidf-avglink": Clusterer}


def cluster_articles(
    articles: Iterable[Article],
    *,
    method: str = "tfidf-avglink",
    tuning: ClusterTuning | None = None,
) -> Clustering:
    """Cluster a feed with a clusterer chosen by name and the given tuning."""
    if method not in CLUSTERERS:
        raise ConfigError(f"unknown cluster method {method!r}", hint=f"known: {sorted(CLUSTERERS)}")
    return CLUSTERERS[method](tuning).cluster(list(articles))
