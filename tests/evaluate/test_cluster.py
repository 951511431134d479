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


def _gold_of(feed: list[Article]) -> dict[str, str]:
    """The fixture's true stories: the id prefix (volcano-2021 is a story of its own)."""
    return {a.id: a.id if a.id == "volcano-2021" else a.id.split("-")[0] for a in feed}


@pytest.mark.parametrize("mode", ["batch", "incremental"])
def test_evaluate_feed_scores_a_ready_feed_against_its_gold(feed: list[Article], mode: str) -> None:
    from storydesk.evaluate.cluster import evaluate_feed

    gold = _gold_of(feed)
    real = [a for a in feed if a.id.split("-")[0] in ("volcano", "mars", "transfer")]
    score = evaluate_feed(real, gold, mode=mode, name="fixture")
    assert (score.name, score.articles, score.true_stories) == ("fixture", 11, 4)
    assert score.f1 == pytest.approx(1.0)


def test_evaluate_feed_names_an_article_missing_from_the_gold(feed: list[Article]) -> None:
    from storydesk.evaluate.cluster import evaluate_feed

    with pytest.raises(InputError, match="not in the gold map"):
        evaluate_feed(feed, {"volcano-1": "v"})


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "not JSON"), ("[1, 2]", "must map article ids"), (None, "not found")],
)
def test_read_gold_says_what_is_wrong(tmp_path: Path, content: str | None, message: str) -> None:
    from storydesk.evaluate.cluster import read_gold

    path = tmp_path / "x.gold.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_gold(path)


def test_cli_eval_cluster_takes_a_feed_with_gold_and_a_story_file_in_one_table(
    tmp_path: Path, feed: list[Article], fixtures: Path
) -> None:
    from typer.testing import CliRunner

    from storydesk.cli import app

    gold = tmp_path / "fixture.gold.json"
    gold.write_text(json.dumps(_gold_of(feed)), encoding="utf-8")
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        "".join(
            json.dumps(
                {"id": s.id, "documents": [{"id": a.id, "text": a.text} for a in s.articles]}
            )
            + "\n"
            for s in stories_from(fixtures)
        ),
        encoding="utf-8",
    )
    feed_file = fixtures / "cluster_feed.jsonl"
    result = CliRunner().invoke(
        app, ["eval-cluster", str(feed_file), str(stories), "--gold", str(gold)]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].split()[:2] == ["feed", "mode"]
    assert [line.split()[0] for line in lines[1:]] == ["cluster_feed.jsonl", "stories.jsonl"]


@pytest.mark.parametrize(("feed_name", "floor"), [("duc2003", 0.85), ("multinews-raw-dev", 0.83)])
def test_evaluate_feed_real_feeds_hold_with_the_default(
    shared_data: Path, feed_name: str, floor: float
) -> None:
    from storydesk.evaluate.cluster import evaluate_feed, read_gold
    from storydesk.ingest import read_feed

    path = shared_data / "feeds" / f"{feed_name}.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    articles = [a for a in read_feed(path) if isinstance(a, Article)]
    score = evaluate_feed(articles, read_gold(path.with_name(f"{feed_name}.gold.json")))
    assert score.f1 >= floor
