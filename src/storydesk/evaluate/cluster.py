"""Score a clustering against known stories: B-cubed, adjusted Rand index, speed.

``evaluate_clustering`` turns story-schema data into a shuffled flat feed whose article ids say
nothing of their story, clusters it in batch or incremental (desk) mode, and scores the result.
``evaluate_feed`` does the same for a ready feed and its gold map ``{article_id: story_id}``.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from storydesk.errors import ConfigError, InputError
from storydesk.feed.cluster import Clusterer, ClusterTuning
from storydesk.feed.desk import Desk
from storydesk.types import Article, Story


@dataclass(frozen=True)
class ClusterScore:
    """How well found stories match the true ones."""

    mode: str
    articles: int
    true_stories: int
    found_stories: int
    precision: float
    recall: float
    f1: float
    ari: float
    seconds: float
    skipped_empty: int = 0
    name: str = ""

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")


def bcubed(found: Mapping[str, str], true: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items of ``true`` (all must be in ``found``)."""
    missing = [item for item in true if item not in found]
    if missing:
        raise InputError(f"{len(missing)} items have no found cluster, e.g. {missing[0]!r}")
    if not true:
        raise InputError("nothing to score: no items")
    pairs = Counter((found[i], true[i]) for i in true)
    found_sizes = Counter(found[i] for i in true)
    true_sizes = Counter(true.values())
    n = len(true)
    precision = sum(c * c / found_sizes[f] for (f, _), c in pairs.items()) / n
    recall = sum(c * c / true_sizes[t] for (_, t), c in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(found: Mapping[str, str], true: Mapping[str, str]) -> float:
    items = list(true)
    return float(adjusted_rand_score([true[i] for i in items], [found[i] for i in items]))


def stories_to_feed(
    stories: Iterable[Story], *, seed: int = 0
) -> tuple[list[Article], dict[str, str], int]:
    """A shuffled feed with opaque ids, its true story of each id, and how many empty were left."""
    pool: list[tuple[Article, str]] = []
    empty = 0
    for story in stories:
        for article in story.articles:
            if article.text.strip():
                pool.append((article, story.id))
            else:
                empty += 1
    random.Random(seed).shuffle(pool)
    feed: list[Article] = []
    truth: dict[str, str] = {}
    width = len(str(len(pool)))
    for number, (article, story_id) in enumerate(pool):
        opaque = f"a{number:0{width}d}"
        feed.append(
            Article(
                id=opaque,
                text=article.text,
                title=article.title,
                source=article.source,
                url=article.url,
                published=article.published,
            )
        )
        truth[opaque] = story_id
    return feed, truth, empty


def cluster_batch(feed: Sequence[Article], tuning: ClusterTuning | None) -> dict[str, str]:
    return dict(Clusterer(tuning).cluster(feed).assignments)


def cluster_incremental(feed: Sequence[Article], tuning: ClusterTuning | None) -> dict[str, str]:
    """Feed the articles one by one into a fresh desk in a temporary folder."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Desk(Path(folder) / "eval.sqlite", tuning) as desk,
    ):
        report = desk.add(feed)
        found = desk.assignments()
        junk = {aid for (aid,) in desk.conn_.execute("SELECT id FROM articles WHERE junk = 1")}
    for alias, original in report.aliases.items():
        # An identical copy of a junk page is a junk page: a story of its own, as in batch mode.
        found[alias] = f"junk:{alias}" if original in junk else found[original]
    return found


MODES = {"batch": cluster_batch, "incremental": cluster_incremental}


def evaluate_clustering(
    stories: Iterable[Story],
    *,
    mode: str = "batch",
    seed: int = 0,
    tuning: ClusterTuning | None = None,
    name: str = "",
) -> ClusterScore:
    """Hide the story ids, shuffle, cluster, and score against the truth."""
    if mode not in MODES:
        raise ConfigError(f"unknown cluster mode {mode!r}", hint=f"known: {sorted(MODES)}")
    feed, truth, empty = stories_to_feed(stories, seed=seed)
    if not feed:
        raise InputError("no article with text to cluster", hint="check the stories file")
    return _scored(feed, truth, mode, tuning, name, skipped_empty=empty)


def read_gold(path: Path) -> dict[str, str]:
    """A gold map ``{article_id: story_id}`` from a JSON file, checked."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("gold file not found", where=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            f"gold file is not JSON ({exc})",
            where=str(path),
            hint='it maps article ids to story ids: {"a1": "s1", "a2": "s1"}',
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, (str, int)) for k, v in data.items()
    ):
        raise InputError(
            "gold file must map article ids to story ids",
            where=str(path),
            hint='e.g. {"a1": "s1", "a2": "s1"}',
        )
    return {k: str(v) for k, v in data.items()}


def evaluate_feed(
    feed: Sequence[Article],
    gold: Mapping[str, str],
    *,
    mode: str = "batch",
    tuning: ClusterTuning | None = None,
    name: str = "",
) -> ClusterScore:
    """Cluster a ready feed and score it against ``gold``, which must cover every article."""
    if mode not in MODES:
        raise ConfigError(f"unknown cluster mode {mode!r}", hint=f"known: {sorted(MODES)}")
    if not feed:
        raise InputError("empty feed: no article to score", hint="check the feed file")
    missing = [a.id for a in feed if a.id not in gold]
    if missing:
        raise InputError(
            f"{len(missing)} articles of the feed are not in the gold map, e.g. {missing[0]!r}",
            hint="the gold map must name the story of every article",
        )
    truth = {a.id: gold[a.id] for a in feed}
    return _scored(feed, truth, mode, tuning, name)


def _scored(
    feed: Sequence[Article],
    truth: Mapping[str, str],
    mode: str,
    tuning: ClusterTuning | None,
    name: str,
    *,
    skipped_empty: int = 0,
) -> ClusterScore:
    """Cluster ``feed`` in ``mode``, timed, and score it against ``truth``."""
    start = time.perf_counter()
    found = MODES[mode](feed, tuning)
    seconds = time.perf_counter() - start
    precision, recall, f1 = bcubed(found, truth)
    return ClusterScore(
        mode=mode,
        articles=len(feed),
        true_stories=len(set(truth.values())),
        found_stories=len({found[i] for i in truth}),
        precision=precision,
        recall=recall,
        f1=f1,
        ari=adjusted_rand(found, truth),
        seconds=seconds,
        skipped_empty=skipped_empty,
        name=name,
    )
