"""The desk's chunk plans: each chunk of arrivals is clustered in batch with its stored context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from storydesk.feed import desk_chunk
from storydesk.feed.cluster import Clusterer
from storydesk.feed.desk import Desk
from storydesk.feed.desk_chunk import chunks, plan_chunk, round_robin
from storydesk.types import Article


def fixed_clock() -> float:
    return 1_700_000_000.0


def groups(assignments: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for article, story in assignments.items():
        by_story.setdefault(story, set()).add(article)
    return {frozenset(members) for members in by_story.values()}


def by_id(feed: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in feed}


def test_chunks_yields_each_chunk_before_reading_the_next(feed: list[Article]) -> None:
    # A live feed (stdin) must be stored chunk by chunk, not read to its end first.
    def stream() -> Iterator[Article]:
        yield from feed[:3]
        raise RuntimeError("read past the first chunk")

    first = next(chunks(stream(), 3))
    assert [a.id for a in first] == [a.id for a in feed[:3]]


@pytest.mark.parametrize("story", ["volcano", "mars", "transfer"])
def test_plan_chunk_anchors_a_new_article_to_the_stored_story_it_clusters_with(
    feed: list[Article], story: str
) -> None:
    articles = by_id(feed)
    stored = [(articles[f"{story}-1"], 7), (articles[f"{story}-2"], 7)]
    others = [(articles[f"{s}-1"], 8 + n) for n, s in enumerate(["volcano", "mars", "transfer"])]
    context = stored + [pair for pair in others if pair[0].id != f"{story}-1"]
    plan = plan_chunk([articles[f"{story}-3"], articles["tweet-1"]], context, Clusterer())
    group = plan.group[f"{story}-3"]
    assert plan.anchors[group][0] in {f"{story}-1", f"{story}-2"}
    assert plan.anchors.get(plan.group["tweet-1"]) is None  # a junk page anchors nowhere
    assert "tweet-1" in plan.junk


def test_plan_chunk_notes_the_stories_it_saw_and_the_articles_it_left_alone(
    feed: list[Article],
) -> None:
    articles = by_id(feed)
    context = [(articles["mars-1"], 7), (articles["mars-2"], 7)]
    plan = plan_chunk([articles["mars-3"], articles["volcano-1"]], context, Clusterer())
    assert plan.seen == {7}
    assert "volcano-1" in plan.alone  # no stored article nor arrival of its story
    assert "mars-3" not in plan.alone  # clustered with the stored mars articles


def test_desk_follows_the_plan_across_chunks(tmp_path: Path, feed: list[Article]) -> None:
    # One article per chunk: each new one is planned with the stored articles of its candidates.
    real = [a for a in feed if not a.id.startswith(("crawl-", "tweet-", "cookies-"))]
    with Desk(tmp_path / "d.sqlite", clock=fixed_clock, batch_size=1) as desk:
        desk.add(real)
        found = groups(desk.assignments())
    assert found == groups(Clusterer().cluster(real).assignments)


def test_desk_adds_a_real_feed_as_batch_clustering_does(tmp_path: Path, shared_data: Path) -> None:
    # Deciding article by article, the desk scored 0.80 B-cubed F1 here where batch scored 0.88.
    from storydesk.cli.cluster import stream_feed

    feed = list(stream_feed(str(shared_data / "feeds" / "multinews-raw-dev.jsonl.gz"), False))
    with Desk(tmp_path / "raw.sqlite") as desk:
        report = desk.add(feed)
        found = desk.assignments()
    for alias, original in report.aliases.items():
        found[alias] = found[original]
    batch = Clusterer().cluster(feed)
    junk = batch.junk
    real = {a.id for a in feed} - junk  # identical junk pages are aliases in the desk
    assert groups({a: s for a, s in found.items() if a in real}) == groups(
        {a: s for a, s in batch.assignments.items() if a in real}
    )


def test_desk_context_leaves_out_stories_no_arrival_may_join(
    feed: list[Article], tmp_path: Path
) -> None:
    mars = [a for a in feed if a.id.startswith("mars-")]
    old = [replace(a, published="1950-01-05") for a in mars[:2]]
    new = [replace(a, id=f"{a.id}-2020", published="2020-01-05") for a in mars[2:3]]
    with Desk(tmp_path / "desk.sqlite", clock=fixed_clock) as desk:
        desk.add(old)
        assert desk._context(new) == ([], set())  # seventy years apart: not read
        desk.add(new)
        found = desk.assignments()
    assert found[new[0].id] != found[old[0].id]


def test_round_robin_takes_every_lists_first_item_before_any_second() -> None:
    assert list(round_robin([[1, 2, 3], [4], [], [5, 6]])) == [1, 4, 5, 2, 6, 3]


def test_desk_context_holds_each_arrivals_best_story_before_a_shared_runner_up(
    tmp_path: Path, feed: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two arrivals, each nearest its own stored story, both second-nearest a third one: with room
    # for two stories the context holds their own stories (ranked by how many arrivals name a
    # story, it held the shared runner-up and only one of them).
    articles = by_id(feed)
    with Desk(tmp_path / "c.sqlite", clock=fixed_clock) as desk:
        desk.add([articles["mars-1"], articles["transfer-1"], articles["volcano-1"]])
        story = {aid: int(sid) for aid, sid in desk.assignments().items()}
        mars, transfer, volcano = story["mars-1"], story["transfer-1"], story["volcano-1"]
        ranked = iter([[mars, volcano], [transfer, volcano]])
        monkeypatch.setattr(desk, "_candidates", lambda vector: next(ranked))
        monkeypatch.setattr(desk_chunk, "CONTEXT_MIN", 2)
        monkeypatch.setattr(desk_chunk, "CONTEXT_SHARE", 1)
        monkeypatch.setattr(desk_chunk, "CONTEXT_PER_STORY", 1)
        context, _ = desk._context([articles["mars-2"], articles["transfer-2"]])
    assert {sid for _, sid in context} == {mars, transfer}


@pytest.mark.parametrize(
    ("arrival", "planned_with", "joins"),
    [
        ("mars-3", "mars-1", True),  # the plan and the whole stored story agree
        ("mars-3", "volcano-1", False),  # the plan grouped it with a story that does not hold it
        ("transfer-2", "volcano-1", False),
    ],
)
def test_desk_joins_a_planned_stored_story_only_if_the_whole_story_holds_the_article(
    tmp_path: Path,
    feed: list[Article],
    monkeypatch: pytest.MonkeyPatch,
    arrival: str,
    planned_with: str,
    joins: bool,
) -> None:
    # The local plan sees at most a few of a stored story's articles, in an order batch
    # clustering never has: a join it plans must pass the rule a lone article is held to.
    articles = by_id(feed)
    with Desk(tmp_path / "v.sqlite", clock=fixed_clock) as desk:
        desk.add([articles[i] for i in ("mars-1", "mars-2", "volcano-1", "volcano-2")])
        before = desk.assignments()
        plan = desk_chunk.ChunkPlan(group={arrival: 0}, anchors={0: (planned_with,)})
        monkeypatch.setattr(desk_chunk, "plan_chunk", lambda *args, **kwargs: plan)
        desk.add([articles[arrival]])
        found = desk.assignments()
    assert (found[arrival] == before[planned_with]) is joins
    if not joins:
        assert found[arrival] not in set(before.values())  # a story of its own


@pytest.mark.parametrize(
    ("alone", "ranked", "seen", "joins"),
    [
        (True, ("mars", "volcano"), (), True),  # its best story had no room in the context
        (True, ("mars", "volcano"), ("volcano",), True),  # ranked above the one the plan saw
        (True, ("mars", "volcano"), ("mars",), False),  # the plan saw it and kept them apart
        (True, ("volcano", "mars"), ("volcano",), False),  # the plan saw a better-ranked one
        (False, ("mars", "volcano"), (), False),  # grouped with new articles only: a new story
    ],
)
def test_desk_tries_stories_left_out_of_the_context_for_an_article_the_plan_left_alone(
    tmp_path: Path,
    feed: list[Article],
    monkeypatch: pytest.MonkeyPatch,
    alone: bool,
    ranked: tuple[str, ...],
    seen: tuple[str, ...],
    joins: bool,
) -> None:
    # The context holds a few stories per arrival: an arrival clustered with nothing may belong
    # to a candidate story the context had no room for, decided by the lone-article rule.
    articles = by_id(feed)
    with Desk(tmp_path / "a.sqlite", clock=fixed_clock) as desk:
        desk.add([articles[i] for i in ("mars-1", "mars-2", "volcano-1", "volcano-2")])
        before = desk.assignments()
        story = {name: int(before[f"{name}-1"]) for name in ("mars", "volcano")}
        monkeypatch.setattr(desk, "_candidates", lambda vector: [story[n] for n in ranked])
        plan = desk_chunk.ChunkPlan(
            group={"mars-3": 0},
            seen=frozenset(story[n] for n in seen),
            alone=frozenset({"mars-3"} if alone else set()),
        )
        monkeypatch.setattr(desk_chunk, "plan_chunk", lambda *args, **kwargs: plan)
        desk.add([articles["mars-3"]])
        found = desk.assignments()
    assert (found["mars-3"] == before["mars-1"]) is joins
    if not joins:
        assert found["mars-3"] not in set(before.values())


@pytest.mark.parametrize("local_regroup", [True, False])
def test_desk_regroups_the_stories_a_plan_saw_whole_with_an_arrival(
    tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch, local_regroup: bool
) -> None:
    # The raw dev feed in transactions of 50 on a desk never regrouped whole (regroup_until 1):
    # each transaction re-decides the stored stories its plan read whole and clustered with an
    # arrival. Measured: B-cubed F1 0.869 against 0.860 when stored stories stand
    # (``_regroupable`` returning nothing, the parametrization that shows the check can fail).
    import json

    from storydesk.cli.cluster import stream_feed
    from storydesk.evaluate.cluster import bcubed
    from storydesk.feed.cluster import ClusterTuning

    path = shared_data / "feeds" / "multinews-raw-dev.jsonl.gz"
    gold = json.loads(path.with_name("multinews-raw-dev.gold.json").read_text(encoding="utf-8"))
    if not local_regroup:
        monkeypatch.setattr(
            desk_chunk.DeskChunks,
            "_regroupable",
            lambda self, context, held_whole: context if held_whole is None else [],
        )
    tuning = ClusterTuning(regroup_until=1)
    with Desk(tmp_path / "raw.sqlite", tuning, batch_size=50) as desk:
        desk.add(stream_feed(str(path), False))
        found = desk.assignments()
        assert desk.check() == []
    assert (bcubed(found, gold)[2] >= 0.865) is local_regroup


def test_desk_background_articles_spread_over_the_desk_once_it_holds_enough(
    tmp_path: Path,
) -> None:
    import random

    rng = random.Random(3)
    words = [f"w{i}" for i in range(2000)]
    feed = [
        Article(f"n{i:04d}", " ".join(rng.sample(words, 40)) + ".", published="2001-03-01")
        for i in range(2 * desk_chunk.BACKGROUND_SAMPLE + 40)
    ]
    with Desk(tmp_path / "d.sqlite", clock=fixed_clock) as desk:
        desk.add(feed[:100])
        assert desk._background_articles() == []  # a context holds most of a small desk
        desk.add(feed[100:])
        sample = desk._background_articles()
    numbers = [int(a.id[1:]) for a in sample]
    assert len(sample) == desk_chunk.BACKGROUND_SAMPLE
    assert numbers == sorted(numbers) and numbers[0] == 0 and numbers[-1] == len(feed) - 1
    assert all(a.text == feed[n].text for a, n in zip(sample, numbers, strict=True))
