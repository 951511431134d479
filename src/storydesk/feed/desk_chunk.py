"""The desk decides like the batch clusterer: each chunk of arrivals is re-clustered locally.

Deciding one article at a time, the desk depends on arrival order (the first article of a story
may join a neighbour the later ones would have kept it from) and judges each article alone, where
batch clustering takes the strongest links first and compares whole groups. So ``Desk.add``
takes its articles in chunks (one committed transaction each) and clusters each chunk in batch,
*together with the stored articles of its candidate stories* (the context: candidate stories
from the story index, at most ``CONTEXT_PER_STORY`` recent articles each and ``CONTEXT_SHARE``
times the chunk in all). The plan's chance cosines are learned against a sample spread over
the whole desk (``_background_articles``), not the context: candidate stories are more alike
than the desk, and their higher chance cosines split stories batch clustering keeps whole (DUC
2003 in transactions of 50 with the regroup below: F1 0.839 against the context, 0.851 with the
desk's sample). The local clustering is the plan. First, the stored stories it read whole
(fewer than ``CONTEXT_PER_STORY`` articles) and clustered with an arrival are regrouped by it
(``feed.desk_regroup``): batch clustering re-decides old articles when new ones come, and a
desk that keeps its stored stories does not (validation pieces: the first 13,000 of the feed in
one desk scored as batch, 0.783 against 0.784, but after 2,317 more in transactions batch
clustering of all of them put the first 13,000 together with precision 0.824, the desk 0.808;
with this regroup the desk ends 0.004 below batch on the whole feed, 0.012 without it;
docs/notes/cluster.md, Session 9). Then, article by article as before:

* a new article clustered with stored articles joins the story of the stored article its
  cluster holds most of (followed through later merges) if it also passes, against that whole
  stored story, the rule an article decided alone is held to (``_fit``): the local clustering
  sees at most ``CONTEXT_PER_STORY`` of the story's articles and an order the batch clusterer
  never has (a stored story may hold an early wrong merge the batch's strongest-first linking
  would have kept out); an article that fails starts a story of its own. The other stored
  stories in the cluster are merged into its story if they pass the batch merge rule
  (``_merge_bridged``);
* new articles clustered only among themselves start a story of their own (the batch clustering
  of the chunk and its context kept them apart from everything else);
* a new article clustered with nothing may belong to a candidate story the context had no room
  for (it fills within the first round on short pieces): the candidate stories the index ranks
  above every story the plan saw are tried, as for an article decided alone; below one the plan
  saw and kept it apart from, half such joins were wrong (docs/notes/cluster.md, Session 5);
* pages the plan finds junk are junk in the desk too.

While the desk holds fewer than ``regroup_until`` articles, a transaction that doubles it (past
``growth_until`` * 2**k articles) is planned with the whole desk as its context, and the stored
articles are regrouped by the plan (``feed.desk_regroup``): the planned joins then need no
whole-story check, and no article the plan left alone is tried elsewhere.

A feed added to a fresh desk in one chunk is thus clustered exactly as in batch mode. The extra
work per article is a batch clustering of a bounded local set (chunk plus context), one index
lookup per article (as before) and reading the context: a fixed cost per article, independent of
the desk's size. If planning fails, each article is decided alone against its candidate stories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, takewhile
from math import inf

from storydesk.errors import StorydeskError
from storydesk.feed.cluster import (
    BACKGROUND_SAMPLE,
    Clusterer,
    article_text,
    parse_published,
)
from storydesk.feed.desk_index import BackgroundSample, candidate_stories
from storydesk.feed.desk_regroup import DeskRegroup, regroup_due
from storydesk.feed.desk_state import Vector, analyze, dot, tfidf_vector
from storydesk.feed.desk_stories import z_ceiling
from storydesk.feed.similarity import group_z
from storydesk.types import Article

CONTEXT_PER_STORY = 20  # most recent stored articles of a candidate story read into the context
CONTEXT_SHARE = 2  # the context holds at most this many times the chunk's articles ...
CONTEXT_MIN = 400  # ... or this many, for small chunks


@dataclass(frozen=True)
class ChunkPlan:
    """How the local batch clustering groups a chunk's new articles.

    ``group``: new article id -> its local cluster; ``anchors``: cluster -> stored article ids it
    holds, most common story first (the cluster follows the first one's story).
    """

    group: dict[str, int] = field(default_factory=dict)
    anchors: dict[int, tuple[str, ...]] = field(default_factory=dict)
    junk: frozenset[str] = frozenset()
    seen: frozenset[int] = frozenset()  # the stored stories the plan saw (its context's)
    alone: frozenset[str] = frozenset()  # new articles the plan clustered with no other
    whole: bool = False  # the context was the whole desk (desk_regroup)
    stored: dict[str, int] = field(default_factory=dict)  # stored article id -> its cluster


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of ``size`` (the last one shorter)."""
    stream = iter(articles)
    while chunk := list(islice(stream, size)):
        yield chunk


def round_robin(ranked: Sequence[Sequence[int]]) -> Iterator[int]:
    """Every list's first item (in list order), then every list's second, and so on."""
    for rank in range(max((len(r) for r in ranked), default=0)):
        for items in ranked:
            if rank < len(items):
                yield items[rank]


def plan_chunk(
    chunk: Sequence[Article],
    context: Sequence[tuple[Article, int]],
    clusterer: Clusterer,
    competitors: int | None = None,
    *,
    whole: bool = False,
    background: Sequence[Article] = (),
) -> ChunkPlan:
    """Batch-cluster the chunk's usable articles with the stored ``(article, story)`` context.

    ``competitors``: the articles of the desk with this chunk (the cosine floor's feed size);
    ``whole``: the context is the whole desk; ``background``: a sample of the desk the chance
    cosines are learned against (``Clusterer.fit``).
    """
    stored = {a.id: story for a, story in context}
    usable = [a for a, _ in context]
    seen = set(stored)
    for article in chunk:
        if article.id not in seen and article.text and article.text.strip():
            seen.add(article.id)
            usable.append(article)
    if len(usable) - len(stored) < 1:
        return ChunkPlan()
    try:
        clusterer.fit(
            usable, known_clean=len(stored), competitors=competitors, background=background
        )
    except StorydeskError:  # a plan is a hint: without one the desk decides article by article
        return ChunkPlan()
    labels = clusterer.labels_.tolist()
    held: dict[int, Counter[int]] = {}
    first: dict[tuple[int, int], str] = {}
    for article, label in zip(usable, labels, strict=True):
        if article.id in stored:
            held.setdefault(label, Counter())[stored[article.id]] += 1
            first.setdefault((label, stored[article.id]), article.id)
    anchors = {
        label: tuple(first[label, sid] for sid, _ in sorted(c.items(), key=lambda kv: -kv[1]))
        for label, c in held.items()
    }
    junk = clusterer.junk_.tolist()
    sizes = Counter(labels)
    return ChunkPlan(
        group={a.id: label for a, label in zip(usable, labels, strict=True) if a.id not in stored},
        anchors=anchors,
        junk=frozenset(a.id for a, j in zip(usable, junk, strict=True) if j and a.id not in stored),
        seen=frozenset(stored.values()),
        alone=frozenset(
            a.id
            for a, label in zip(usable, labels, strict=True)
            if sizes[label] == 1 and a.id not in stored
        ),
        whole=whole,
        stored={a.id: label for a, label in zip(usable, labels, strict=True) if a.id in stored},
    )


class DeskChunks(DeskRegroup):
    """Chunk plans and decisions of the desk; ``Desk`` sets the attributes declared here."""

    df_: Counter[str]
    n_docs_: int
    background_: BackgroundSample
    plan_: ChunkPlan
    anchors_: dict[int, str]  # cluster -> a stored article whose story the cluster follows
    chunk_stories_: set[int]  # stories started in the current chunk
    counts_: dict[str, Counter[str]]  # term counts of the chunk's articles, read once
    ranked_: dict[str, list[int]]  # candidate stories of the chunk's articles, looked up once
    clock: Callable[[], float]

    def _vector(self, article: Article) -> tuple[Vector, list[str]]:
        counts = self.counts_.pop(article.id, None)
        if counts is None:
            counts = Counter(analyze(article_text(article)))
        return tfidf_vector(counts, self.df_, self.n_docs_ + 1), list(counts)

    def _candidates(self, vector: Vector) -> list[int]:
        cap = max(100, int(0.01 * self.n_docs_))
        return candidate_stories(self.conn_, vector, self.df_, cap, self.tuning.neighbours)

    def _start_chunk(self, chunk: Sequence[Article], clusterer: Clusterer) -> None:
        self.counts_ = {}
        self.ranked_ = {}
        if chunk:
            # A desk past a doubling step: planned and regrouped whole (desk_regroup).
            tuning = self.tuning
            whole = regroup_due(self.n_docs_, len(chunk), tuning.growth_until, tuning.regroup_until)
            context, held_whole = (self._whole_context(), None) if whole else self._context(chunk)
            self.plan_ = plan_chunk(
                chunk,
                context,
                clusterer,
                self.n_docs_ + len(chunk),
                whole=whole,
                background=self._background_articles(),
            )
            if self.plan_.stored:
                self._regroup(self._regroupable(context, held_whole), self.plan_.stored)
        else:
            self.plan_ = ChunkPlan()
        self.anchors_ = {g: ids[0] for g, ids in self.plan_.anchors.items()}
        self.chunk_stories_ = set()

    def _background_articles(self) -> list[Article]:
        """Stored articles spread evenly over the desk's arrivals, ``BACKGROUND_SAMPLE`` of them
        (copies and junk pages left out), once the desk holds twice as many: the sample a plan's
        chance cosines are learned against (``Clusterer.fit``). Below that a chunk's context
        holds most of the desk."""
        if self.n_docs_ < 2 * BACKGROUND_SAMPLE:
            return []
        last = self.conn_.execute("SELECT max(seq) FROM articles").fetchone()[0] or 0
        spread = sorted(
            {round(1 + i * (last - 1) / (BACKGROUND_SAMPLE - 1)) for i in range(BACKGROUND_SAMPLE)}
        )
        rows = self.conn_.execute(
            "SELECT id, text, title FROM articles WHERE junk = 0 AND duplicate_of IS NULL"
            f" AND seq IN ({','.join('?' * len(spread))}) ORDER BY seq",
            spread,
        )
        return [Article(id=i, text=t, title=title) for i, t, title in rows]

    def _regroupable(
        self, context: list[tuple[Article, int]], held_whole: set[int] | None
    ) -> list[tuple[Article, int]]:
        """The stored articles the plan regroups: all of a whole-desk plan's; else those of the
        stories it read whole (``held_whole``) and clustered, in part at least, with an arrival."""
        if held_whole is None:
            return context
        arrived = set(self.plan_.group.values())
        touched = {s for a, s in context if s in held_whole and self.plan_.stored[a.id] in arrived}
        return [(a, s) for a, s in context if s in touched]

    def _context(self, chunk: Sequence[Article]) -> tuple[list[tuple[Article, int]], set[int]]:
        """Stored articles of the chunk's candidate stories, each arrival's best ones first, and
        the stories read whole (fewer than ``CONTEXT_PER_STORY`` articles).

        Taken round by round: every arrival's first candidate, then every arrival's second, and
        so on until the context is full. Ranking stories by how many arrivals name them instead
        left out the one story most short pieces belong to once the desk held thousands of small
        stories (measured: see docs/notes/cluster.md, Session 3). Each arrival's candidates
        are kept (``ranked_``) for ``_decide``.
        """
        ranked: list[list[int]] = []
        for article in chunk:
            if article.text and article.text.strip():
                counts = Counter(analyze(article_text(article)))
                vector = tfidf_vector(counts, self.df_, self.n_docs_ + 1)
                self.df_.update(counts.keys())  # counted while it looks, as when it is added
                ranked.append(self._candidates(vector))
                self.df_.subtract(counts.keys())
                self.counts_.setdefault(article.id, counts)
                self.ranked_.setdefault(article.id, ranked[-1])
        context: list[tuple[Article, int]] = []
        limit = max(CONTEXT_SHARE * len(chunk), CONTEXT_MIN)
        times = [parse_published(a.published) or self.clock() for a in chunk]
        span = (min(times), max(times)) if times else None
        taken: set[int] = set()
        held_whole: set[int] = set()
        for sid in round_robin(ranked):
            if len(context) >= limit:
                break
            if sid in taken:
                continue
            taken.add(sid)
            outline = self._outline(sid)
            if (
                outline is None
                or self.tuning.time_needed((outline.first, outline.last), span) == inf
            ):
                continue  # no article of the chunk may join it (window, decades apart): not read
            rows = self.conn_.execute(
                "SELECT id, text, title, published FROM articles WHERE story_id = ? AND junk = 0"
                " AND duplicate_of IS NULL ORDER BY seq DESC LIMIT ?",
                (sid, CONTEXT_PER_STORY),
            )
            read = [
                (Article(id=i, text=t, title=title, published=p), sid) for i, t, title, p in rows
            ]
            if len(read) < CONTEXT_PER_STORY:
                held_whole.add(sid)
            context.extend(read)
        return context, held_whole

    def _placed(self, article_id: str, stored_id: str) -> None:
        """The article's cluster follows the story of ``stored_id`` from now on."""
        group = self.plan_.group.get(article_id)
        if group is not None:
            self.anchors_.setdefault(group, stored_id)

    def _story_of(self, article_id: str) -> int | None:
        """The live, non-junk story a stored article is in now."""
        row = self.conn_.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        found = row.fetchone()
        live = None if found is None else self._story(found[0])
        return None if live is None or live.junk else int(found[0])

    def _decide(
        self,
        article: Article,
        vector: Vector,
        scaled: Vector,
        offset: float,
        scale: float,
        seen: float,
    ) -> tuple[int | None, list[int]]:
        """The story the article joins (None: a new one) and stories it may bridge to it."""
        group = self.plan_.group.get(article.id)
        candidates: list[int] | None = None
        planned: set[int] | frozenset[int] = set()
        if group is not None:
            anchor = self.anchors_.get(group)
            story = None if anchor is None else self._story_of(anchor)
            if story is not None:
                if (
                    not self.plan_.whole
                    and story not in self.chunk_stories_
                    and self._fit(story, vector, scaled, offset, scale, seen) is None
                ):
                    story = None  # the plan's stored story, whole, does not hold it
                others = (self._story_of(a) for a in self.plan_.anchors.get(group, ())[1:])
                return story, [s for s in others if s is not None and s != story]
            # Stories the plan started in this chunk: it kept them apart.
            planned = self.chunk_stories_
            if anchor is not None:
                pass  # its stored story became junk: decided alone, below
            elif article.id in self.plan_.alone and not self.plan_.whole:
                # The plan clustered it with nothing, but saw only the context: the candidate
                # stories the index ranks above every one the plan saw (and kept it apart
                # from) had no room there, and are tried here, as for an article alone.
                ranked = self.ranked_.get(article.id, [])
                candidates = list(takewhile(lambda sid: sid not in self.plan_.seen, ranked))
            else:  # clustered among new articles only: a new story, as the plan says
                return None, []
        # No plan (or its story became junk, or none seen): the article alone against its
        # candidate stories.
        best: tuple[float, int] | None = None
        qualified: list[int] = []
        if candidates is None:
            candidates = self._candidates(vector)
        for sid in candidates:
            if sid in planned:
                continue
            score = self._fit(sid, vector, scaled, offset, scale, seen)
            if score is None:
                continue
            qualified.append(sid)
            if best is None or (score, -sid) > (best[0], -best[1]):
                best = (score, sid)
        return (None if best is None else best[1]), qualified

    def _fit(
        self, sid: int, vector: Vector, scaled: Vector, offset: float, scale: float, seen: float
    ) -> float | None:
        """The article's average z with story ``sid`` if it may join it alone, else None.

        The batch rule for one article against a group: average z at least what the time
        between them needs, and average cosine at least the floor for the desk's size.
        """
        outline = self._outline(sid)
        if outline is None or outline.junk or outline.members == 0:
            return None
        needed = self.tuning.time_needed((outline.first, outline.last), (seen, seen))
        if z_ceiling(offset, scale, outline) < needed:
            return None  # cannot reach it whatever the vectors: not read
        live = self._story(sid)
        assert live is not None
        score = group_z(
            dot(scaled, live.vector), offset, scale, 1, live.offsets, live.scales, live.members
        )
        cosine = dot(vector, live.raw) / live.members
        if score < needed or cosine < self.tuning.cosine_needed(self.n_docs_):
            return None
        return score


def same_chunk(desk: DeskChunks, a: int, b: int) -> bool:
    """Both stories started in the current chunk, whose plan kept them apart."""
    return bool(desk.plan_.group) and a in desk.chunk_stories_ and b in desk.chunk_stories_
