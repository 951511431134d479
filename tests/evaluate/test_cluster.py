"""B-cubed, ARI, hidden-id feeds, and the end-to-end scorer on a hand-written story file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydesk.errors import ConfigError, InputError
from storydesk.evaluate.cluster import adjusted_rand, bcubed, evaluate_clustering, stories_to_feed
from storydesk.types import Article, Story

TRUE = {"a": "x", "b": "x", "c": "y", "d": "y"}


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ({"a": "1", "b": "1", "c": "2", "d": "2"}, (1.0, 1.0, 1.0)),
        ({"a": "1", "b": "1", "c": "1", "d": "1"}, (0.5, 1.0, 2 / 3)),
        ({"a": "1", "b": "2", "c": "3", "d": "4"}, (1.0, 0.5, 2 / 3)),
    ],
)
def test_bcubed_known_cases(found: dict[str, str], expected: tuple[float, float, float]) -> None:
    assert bcubed(found, TRUE) == pytest.approx(expected)


def test_bcubed_needs_every_item_found() -> None:
    with pytest.raises(InputError, match="no found cluster"):
        bcubed({"a": "1"}, TRUE)


def test_adjusted_rand_is_one_for_a_relabelled_perfect_match() -> None:
    assert adjusted_rand({"a": "q", "b": "q", "c": "r", "d": "r"}, TRUE) == pytest.approx(1.0)


def stories_from(fixtures: Path) -> list[Story]:
    groups: dict[str, list[Article]] = {}
    for line in (fixtures / "cluster_feed.jsonl").read_text(encoding="utf-8").splitlines():
        article = Article(**json.loads(line))
        groups.setdefault(article.id.split("-")[0], []).append(article)
    return [Story(name, tuple(articles)) for name, articles in groups.items()]


def test_stories_to_feed_hides_story_ids_and_shuffles_reproducibly(fixtures: Path) -> None:
    stories = stories_from(fixtures) + [Story("empty", (Article("e1", "  "),))]
    feed, truth, empty = stories_to_feed(stories, seed=3)
    again, _, _ = stories_to_feed(stories, seed=3)
    assert feed == again and empty == 1
    assert all(a.id.startswith("a") and a.id not in {"volcano-1", "mars-1"} for a in feed)
    assert sorted(truth.values()).count("mars") == 3
    assert [a.text for a in feed] != [a.text for s in stories for a in s.articles if a.text.strip()]


@pytest.mark.parametrize("mode", ["batch", "incremental"])
def test_evaluate_clustering_scores_the_fixture_feed(fixtures: Path, mode: str) -> None:
    score = evaluate_clustering(stories_from(fixtures), mode=mode)
    assert score.articles == 18 and score.true_stories == 6
    # Junk pages are split into singletons on purpose, so recall stays below 1.
    assert score.precision == pytest.approx(1.0)
    assert 0.5 < score.recall < 1.0
    assert score.articles_per_second > 0


def test_evaluate_clustering_rejects_unknown_mode(fixtures: Path) -> None:
    with pytest.raises(ConfigError, match="unknown cluster mode"):
        evaluate_clustering(stories_from(fixtures), mode="online")
