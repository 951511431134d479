"""How clustering is tuned (shared by batch clustering and the desk), and reading dates."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from storydesk.errors import ConfigError
from storydesk.settings import Settings
from storydesk.types import Article


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


def date_problems(articles: Iterable[Article]) -> list[str]:
    """One line per article whose ``published`` cannot be read; such articles are kept undated."""
    problems = []
    for number, article in enumerate(articles, start=1):
        if article.published and parse_published(article.published) is None:
            where = f"{article.origin}: " if article.origin else ""
            problems.append(
                f"{where}article {number} ({article.id!r}): unreadable date "
                f"{article.published!r}, kept without a date (use ISO 8601, e.g. 2024-05-01)"
            )
    return problems


_MAX_GROWTH = 700.0
COSINE_REFERENCE = 1000  # feed size at which two groups need an average cosine of min_cosine


@dataclass(frozen=True)
class ClusterTuning:
    """The tuning batch clustering and the desk share, range-checked once on construction.

    ``threshold``: average z-score (spreads above chance, see ``feed.similarity``) two groups need
    to join; ``edge_threshold``: weakest candidate link considered (z); ``neighbours``: candidates
    per article; ``duplicate_similarity``: cosine of near-identical copies; ``junk_min_copies``:
    copies that make a page junk; ``junk_score``: cue-phrase score that makes a page junk;
    ``min_cosine``: average plain cosine two groups also need in a feed of 1,000 articles (short
    pieces score high z-scores on few shared words); ``cosine_growth``: how much that floor rises
    per e-fold more articles in the feed (or desk), up to ``growth_until`` articles (see
    ``cosine_needed``); ``regroup_until``: the largest desk regrouped whole (a batch clustering of
    everything it holds) each time it doubles (see ``feed.desk_regroup``); ``recurrence_days``:
    the gap between two groups' dates at which the z they need grows e-fold;
    ``window_days``: if set, the widest date span of a story (a hard cut).

    ``short_terms``: the most distinct terms per article (on average over a group) that make a
    group one of short pieces; ``short_growth_until``: between two such groups the floor keeps
    growing up to this many articles (see ``cosine_needed``); ``crowd_factor``: how many times
    their articles' mean crowd level a join of short pieces needs in average z (each article's z
    with its ``neighbours``-th candidate, ``feed.similarity.crowd_levels``; 0 turns it off),
    unless their average cosine reaches ``crowd_cosine``.

    Why the crowd: a piece on a recurring subject (polls, a bill) has many strangers close by,
    and a link that does not stand out from them is one more of them. Measured on the
    validation pieces: as a pair test, z minus the crowd level ranks right links above wrong
    ones with AUC 0.931 against 0.909 for z (0.850 / 0.782 among links with cosines of
    0.10-0.25); as the gate, B-cubed F1 0.774 -> 0.784 (P 0.815 -> 0.868, R 0.736 -> 0.716),
    and on 41,798 Multi-News train pieces never tuned on 0.711 -> 0.730, while a fixed bar at
    twice the median crowd level gives 0.776. Full-length articles keep the rule off (in DUC
    2003 a story's tenth nearest is often its own article), and so do links of cosine 0.25 or
    more: short DUC articles of one large story, mixed into the validation pieces, linked at
    0.27-0.28 under their crowd (docs/notes/cluster.md, Session 9).
    """

    threshold: float = 4.5
    edge_threshold: float = 1.5
    neighbours: int = 10
    duplicate_similarity: float = 0.8
    junk_min_copies: int = 5
    junk_score: float = 0.5
    min_cosine: float = 0.11
    cosine_growth: float = 0.025
    growth_until: int = 3000
    regroup_until: int = 24000
    recurrence_days: float = 730.0
    window_days: float | None = None
    group_growth: float = 0.05
    loner_margin: float = 0.5
    short_terms: float = 100.0
    short_growth_until: int = 16000
    crowd_factor: float = 2.0
    crowd_cosine: float = 0.25

    def __post_init__(self) -> None:
        shares = {
            "duplicate_similarity": self.duplicate_similarity,
            "min_cosine": self.min_cosine,
            "junk_score": self.junk_score,
            "cosine_growth": self.cosine_growth,
            "group_growth": self.group_growth,
            "loner_margin": self.loner_margin,
            "crowd_cosine": self.crowd_cosine,
        }
        for name, value in shares.items():
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"cluster {name} must be in [0, 1], got {value}")
        if not 0.0 < self.threshold <= 100.0 or not 0.0 <= self.edge_threshold <= 100.0:
            raise ConfigError(
                f"cluster threshold must be in (0, 100] (a z-score), got {self.threshold}",
                hint="the default is 4.5: spreads above chance similarity",
            )
        if min(self.neighbours, self.growth_until, self.regroup_until) < 1:
            raise ConfigError(
                "cluster neighbours, growth_until and regroup_until must be >= 1, got "
                f"{self.neighbours}, {self.growth_until} and {self.regroup_until}"
            )
        if self.junk_min_copies < 2:
            raise ConfigError(f"cluster junk_min_copies must be >= 2, got {self.junk_min_copies}")
        if self.window_days is not None and self.window_days <= 0:
            raise ConfigError(f"cluster window_days must be > 0, got {self.window_days}")
        if self.recurrence_days <= 0:
            raise ConfigError(f"cluster recurrence_days must be > 0, got {self.recurrence_days}")
        if not 0.0 <= self.crowd_factor <= 10.0:
            raise ConfigError(f"cluster crowd_factor must be in [0, 10], got {self.crowd_factor}")
        if self.short_terms < 0 or self.short_growth_until < 1:
            raise ConfigError(
                f"cluster short_terms must be >= 0 and short_growth_until >= 1, got "
                f"{self.short_terms} and {self.short_growth_until}"
            )

    def cosine_needed(self, articles: int, *, short_groups: bool = False) -> float:
        """The average plain cosine two groups need when ``articles`` compete for each link.

        The more articles a feed holds, the closer its nearest article from another story comes
        (measured, median over articles: cosine 0.10 among 174 articles, 0.11 among 624, 0.12
        among 2,842, 0.17 among 15,317), so the floor rises with the log of the feed's size:
        ``min_cosine`` at 1,000 articles, ``cosine_growth`` more per e-fold, held constant past
        ``growth_until`` articles, clipped to [0, 1]. Held from 3,000: growing to the 15,317
        short validation pieces (0.18) split full-length newswire stories inside a large feed
        (DUC 2003 mixed into the validation feed: F1 0.833, against 0.882 with the floor held
        at 3,000 and 0.886 with a fixed 0.12; docs/notes/cluster.md, Session 3).

        ``short_groups``: the join of two *groups* (two articles or more each) of short pieces
        (``short_terms`` distinct terms per article or fewer), for which the floor keeps growing
        up to ``short_growth_until`` (16,000: the largest feed measured; 0.179 there). Such
        groups share few words, and in a large feed the few topic words of a recurring subject
        (polls, a health-care bill) carry groups of different stories to the held floor:
        measured on the validation pieces mixed with DUC 2003 and raw dev (16,115 articles),
        of the joins the held floor allowed and the grown one would refuse, those of two groups
        of short pieces were right 17 times in 402, those of two groups of full-length articles
        11 times in 15, a short piece joining a group 441 times in 1,158 (docs/notes/cluster.md,
        Session 8). Grown for those joins only, the validation feed scores 0.774 (0.760 held).
        """
        until = self.short_growth_until if short_groups else self.growth_until
        counted = min(max(articles, 1), until)
        floor = self.min_cosine + self.cosine_growth * math.log(counted / COSINE_REFERENCE)
        return min(1.0, max(0.0, floor))

    def group_factor(self, size1: int, size2: int) -> float:
        """How many times the pairwise bar two groups of these sizes need: grows with the log of
        the smaller group's size, 1 when either is a single article.

        An average over many pairs is no longer noise: two large groups of related stories on
        one topic (a crisis and its diplomatic aftermath) average a steady z just above the bar
        a single pair needs, where two halves of one story sit well above it (measured on DUC
        2003: wrong merges of groups of 8 and more at z 4.6-4.8, right ones of groups of 3 and
        more from 5.2; docs/notes/cluster.md, Session 6).
        """
        return 1.0 + self.group_growth * math.log(max(1, min(size1, size2)))

    def time_needed(
        self, span1: tuple[float, float] | None, span2: tuple[float, float] | None
    ) -> float:
        """The average z two groups with these date spans (seconds) need; inf if never."""
        if span1 is None or span2 is None:
            return self.threshold
        lo, hi = min(span1[0], span2[0]), max(span1[1], span2[1])
        if self.window_days is not None and hi - lo > self.window_days * 86400.0:
            return float("inf")
        gap_days = max(0.0, max(span1[0], span2[0]) - min(span1[1], span2[1])) / 86400.0
        growth = (gap_days / self.recurrence_days) ** 2
        # past e**700 (dates ~50 years apart at the default) no similarity is enough, and
        # math.exp would overflow
        return self.threshold * math.exp(growth) if growth < _MAX_GROWTH else math.inf


def tuning_from(settings: Settings) -> ClusterTuning:
    """The clusterer's and desk's tuning from Settings (``window_days`` 0 means no hard cut)."""
    return ClusterTuning(
        threshold=settings.cluster_threshold,
        window_days=settings.window_days or None,
        min_cosine=settings.cluster_min_cosine,
        cosine_growth=settings.cluster_cosine_growth,
        growth_until=settings.cluster_growth_until,
        regroup_until=settings.cluster_regroup_until,
    )
