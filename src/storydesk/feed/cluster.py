"""Group a feed of articles into stories.

Method (measured in benchmarks/bench_cluster.py):

1. Boilerplate sentences repeated across many pages of the feed are dropped, then each article
   (title counted twice, then text) becomes a sublinear TF-IDF vector.
2. Junk pages (web-archive notices, tweet-location text, cookie walls) are found by cue phrases
   and by repetition across the feed (see ``cluster_junk``); each stays a story of its own.
3. Each article's chance-level cosine (mean and spread against a background sample of the feed)
   turns cosines into length-independent z-scores (see ``feed.similarity``).
4. Every article gets its ``neighbours`` most similar articles: sparse matrix products in blocks
   over the rarer terms, then the exact score of each candidate pair.
5. Candidate links are taken strongest first. Near-identical copies (syndication) always join;
   otherwise two groups join only if their *average* pairwise z-score (exact from summed
   vectors) reaches ``threshold`` and their average cosine a floor that rises with the log of
   the feed's size (``ClusterTuning.cosine_needed``: more articles, closer chance neighbours
   from other stories; held from 3,000 articles, except between two groups of short pieces,
   which share few words and keep needing more up to 16,000); the z they need
   grows with the time between the groups (``time_needed``): weeks cost little, a year 1.3
   times, two years 2.7 times, three years 5 times, so a story that keeps being reported stays
   one story across gaps, and next year's event is a new story unless it reads like a copy.
   Two groups need more the larger the smaller of them is (``ClusterTuning.group_factor``:
   related stories on one topic average a steady z just above the pairwise bar).
   Two groups of short pieces under ``crowd_cosine`` also need an average z of ``crowd_factor``
   times their articles' mean *crowd level* (z with the ``neighbours``-th candidate): a link
   that does not stand out from the strangers near a piece is one more of them (why, measured:
   ``ClusterTuning``).
   With ``window_days`` set, groups spanning more never join.
6. An article left alone joins the story it clearly prefers over every other candidate, by the
   z its dates need, without the cosine floor (``feed.cluster_loners``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from storydesk.errors import ConfigError, InputError
from storydesk.feed.cluster_loners import attach_loners
from storydesk.feed.cluster_tuning import ClusterTuning, parse_published
from storydesk.feed.junk import (
    page_junk_score,
    repeated_groups,
    strip_repeated_sentences,
    text_key,
)
from storydesk.feed.label import StoryLabel, label_story
from storydesk.feed.similarity import background_arrays, crowd_levels, group_z, same_ids
from storydesk.types import Article

BACKGROUND_SAMPLE = 256  # articles each article is compared with to learn its chance cosine
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

    def fit(
        self,
        articles: Sequence[Article],
        *,
        known_clean: int = 0,
        competitors: int | None = None,
        background: Sequence[Article] = (),
    ) -> Clusterer:
        """Cluster ``articles``: sets ``labels_``, ``junk_``, ``duplicate_of_`` and ``vectors_``.

        The first ``known_clean`` articles are known not to be junk by their cue phrases (the
        desk's stored context), so their cue scoring is skipped; repetition still counts.
        ``competitors``: how many articles the feed holds, for the cosine floor (default: these;
        the desk passes its own size when it clusters a chunk with its context).
        ``background``: the articles chance-level cosines are learned against, if not a sample
        of these (the desk's sample of its store: a chunk's context, its candidate stories, is
        more alike than the feed, and its chance cosines split stories batch keeps whole).
        """
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
        self.vectorizer_, self.vectors_ = vectorizer, vectors
        rows, cols, sims = self._neighbours(vectors)
        copies = sims >= self.tuning.duplicate_similarity
        group = repeated_groups(n, zip(rows[copies].tolist(), cols[copies].tolist(), strict=True))
        self.junk_ = np.array(
            [
                g >= self.tuning.junk_min_copies
                or (i >= known_clean and page_junk_score(a.text) >= self.tuning.junk_score)
                for i, (g, a) in enumerate(zip(group, articles, strict=True))
            ],
            dtype=bool,
        )
        times = [parse_published(a.published) for a in articles]
        counted = n if competitors is None else competitors
        self.min_cosine_ = self.tuning.cosine_needed(counted)
        self.short_cosine_ = self.tuning.cosine_needed(counted, short_groups=True)
        self.mean_, self.sd_ = self._backgrounds(vectors, articles, background)
        labels, self.duplicate_of_ = self._link(vectors, rows, cols, sims, times)
        self.labels_ = attach_loners(
            labels, self.junk_, vectors, (self.mean_, self.sd_), (rows, cols), times, self.tuning
        )
        return self

    def _backgrounds(
        self, vectors: sp.csr_matrix, articles: Sequence[Article], background: Sequence[Article]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each article's chance-level cosine against ``background``, or a spread sample."""
        n = vectors.shape[0]
        if background and hasattr(self.vectorizer_, "vocabulary_"):
            given = self.vectorizer_.transform([article_text(a) for a in background])
            is_self = same_ids([a.id for a in articles], [a.id for a in background])
            return background_arrays((vectors @ given.T).toarray(), is_self)
        sample = np.unique(np.linspace(0, n - 1, min(n, BACKGROUND_SAMPLE)).astype(np.int64))
        cosines = (vectors @ vectors[sample].T).toarray()
        is_self = np.arange(n)[:, None] == sample[None, :]
        return background_arrays(cosines, is_self)

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
        scale = 1.0 / np.sqrt(self.sd_)
        offset = self.mean_ * scale
        z = sims * scale[rows] * scale[cols] - 0.5 * (
            offset[rows] * scale[cols] + offset[cols] * scale[rows]
        )
        parent = list(range(n))
        size = [1] * n
        terms = np.diff(vectors.indptr).astype(np.float64).tolist()  # summed over each group
        a_sum = offset.tolist()
        b_sum = scale.tolist()
        span: list[tuple[float, float] | None] = [(t, t) if t is not None else None for t in times]
        sums = _row_dicts(vectors, scale)
        raw = _row_dicts(vectors, np.ones(n))
        # each article's z with its ``neighbours``-th candidate, summed over each group
        crowd = crowd_levels(z, rows, n, self.tuning.neighbours).tolist()
        duplicate_of: dict[int, int] = {}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        # Strongest first; ties by position so that the result does not depend on sort internals.
        order = np.lexsort((cols, rows, -z))
        for e in order.tolist():
            score = float(z[e])
            if score < self.tuning.edge_threshold:
                break
            i, j = int(rows[e]), int(cols[e])
            if self.junk_[i] or self.junk_[j]:
                continue
            copy = float(sims[e]) >= self.tuning.duplicate_similarity
            if copy and i not in duplicate_of and j not in duplicate_of:
                duplicate_of[max(i, j)] = min(i, j)
            a, b = find(i), find(j)
            if a == b:
                continue
            sa, sb = span[a], span[b]
            needed = self.tuning.time_needed(sa, sb)
            if needed == float("inf"):
                continue
            needed *= self.tuning.group_factor(size[a], size[b])
            da, db, ra, rb = sums[a], sums[b], raw[a], raw[b]
            assert da is not None and db is not None and ra is not None and rb is not None
            if not copy:
                small, large = (da, db) if len(da) <= len(db) else (db, da)
                dot = sum(w * large.get(t, 0.0) for t, w in small.items())
                average = group_z(dot, a_sum[a], b_sum[a], size[a], a_sum[b], b_sum[b], size[b])
                if average < needed:
                    continue
                small, large = (ra, rb) if len(ra) <= len(rb) else (rb, ra)
                cosine = sum(w * large.get(t, 0.0) for t, w in small.items()) / (size[a] * size[b])
                short = max(terms[a] / size[a], terms[b] / size[b]) <= self.tuning.short_terms
                floor = (
                    self.short_cosine_ if short and min(size[a], size[b]) > 1 else self.min_cosine_
                )
                if cosine < floor:
                    continue
                crowded = self.tuning.crowd_factor * (crowd[a] + crowd[b]) / (size[a] + size[b])
                if short and cosine < self.tuning.crowd_cosine and average < crowded:
                    continue
            if size[a] < size[b] or (size[a] == size[b] and b < a):
                a, b, da, db, ra, rb = b, a, db, da, rb, ra
            parent[b] = a
            size[a] += size[b]
            terms[a] += terms[b]
            crowd[a] += crowd[b]
            a_sum[a] += a_sum[b]
            b_sum[a] += b_sum[b]
            for t, w in db.items():
                da[t] = da.get(t, 0.0) + w
            for t, w in rb.items():
                ra[t] = ra.get(t, 0.0) + w
            sums[b] = raw[b] = None
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


def _row_dicts(vectors: sp.csr_matrix, weights: np.ndarray) -> list[dict[int, float] | None]:
    """Each row of ``vectors`` times its weight as ``{term: value}`` (summed per group in _link)."""
    ptr, cols, data = vectors.indptr, vectors.indices, vectors.data
    return [
        dict(zip(cols[s:e].tolist(), (data[s:e] * w).tolist(), strict=True))
        for s, e, w in zip(ptr[:-1], ptr[1:], weights, strict=True)  # w: numpy scalar, float64
    ]


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
