"""A desk regrouped whole each time it doubles, up to ``regroup_until`` articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.feed.cluster import Clusterer, ClusterTuning
from storydesk.feed.desk import Desk
from storydesk.feed.desk_regroup import regroup_due
from storydesk.types import Article


def groups(assignments: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for article, story in assignments.items():
        by_story.setdefault(story, set()).add(article)
    return {frozenset(members) for members in by_story.values()}


def raw_dev_real(shared_data: Path) -> list[Article]:
    """The raw dev feed without its junk pages and near copies (the desk's plan leaves them
    out of its context, so only these are compared with batch clustering)."""
    from storydesk.cli.cluster import stream_feed

    whole = list(stream_feed(str(shared_data / "feeds" / "multinews-raw-dev.jsonl.gz"), False))
    first = Clusterer().cluster(whole)
    return [a for a in whole if a.id not in first.junk and a.id not in first.duplicate_of]


@pytest.mark.parametrize(
    ("stored", "arriving", "due"),
    [
        (0, 1000, False),  # a fresh desk's first transaction is a batch clustering already
        (1000, 1000, True),  # past 1,500
        (2000, 1000, True),  # reaches 3,000
        (3000, 1000, False),  # between 3,000 and 6,000
        (5000, 1000, True),  # reaches 6,000
        (11500, 1000, True),  # past 12,000
        (1600, 1400, True),  # reaches 3,000 from above 1,500
        (1600, 100, False),  # between two steps
        (1500, 100, False),  # from a step to above it
        (2999, 1, True),
        (7, 1, False),  # 8 is below 3000 / 2**8 = 11.7
        (11, 1, True),
        (23500, 1000, True),  # past 24,000: the last regroup
        (24000, 24000, False),  # a desk of regroup_until articles is not regrouped again
    ],
)
def test_regroup_due_at_each_doubling_below_regroup_until(
    stored: int, arriving: int, due: bool
) -> None:
    assert regroup_due(stored, arriving, 3000, 24000) is due


def test_desk_regrouped_young_ends_with_the_batch_clustering(
    tmp_path: Path, shared_data: Path
) -> None:
    # Three transactions of the raw dev feed, its size as the floor's growth limit: the first
    # two were judged among 60 and 120 articles, with lower floors than all 174 get in batch.
    feed = raw_dev_real(shared_data)
    tuning = ClusterTuning(growth_until=len(feed))
    with Desk(tmp_path / "raw.sqlite", tuning, batch_size=60) as desk:
        desk.add(feed)
        found = desk.assignments()
        assert desk.check() == []
    assert groups(found) == groups(Clusterer(tuning).cluster(feed).assignments)


@pytest.mark.parametrize(("regroup_until", "batch"), [(10_000, True), (1, False)])
def test_desk_regrouped_past_growth_until_when_it_doubles(
    tmp_path: Path, shared_data: Path, regroup_until: int, batch: bool
) -> None:
    # The raw dev feed in transactions of 50 on a desk whose floor stops growing at a quarter of
    # it: doubling steps at a quarter, a half and all of it. Regrouped, the desk ends with the
    # batch clustering; never regrouped (regroup_until 1), its decisions stand and differ.
    usable = raw_dev_real(shared_data)
    feed = usable[: len(usable) // 4 * 4]
    tuning = ClusterTuning(growth_until=len(feed) // 4, regroup_until=regroup_until)
    with Desk(tmp_path / "raw.sqlite", tuning, batch_size=50) as desk:
        desk.add(feed)
        found = desk.assignments()
        assert desk.check() == []
    assert (groups(found) == groups(Clusterer(tuning).cluster(feed).assignments)) is batch


def test_desk_regroup_keeps_the_ids_of_stories_the_plan_keeps_whole(
    tmp_path: Path, feed: list[Article]
) -> None:
    real = [a for a in feed if not a.id.startswith(("crawl-", "tweet-", "cookies-"))]
    tuning = ClusterTuning(growth_until=len(real))
    with Desk(tmp_path / "d.sqlite", tuning, batch_size=len(real) - 1) as desk:
        desk.add(real[:-1])
        before = desk.assignments()
        desk.add(real[-1:])  # reaches growth_until: planned and regrouped whole
        after = desk.assignments()
        assert desk.check() == []
    same = groups(before) & groups(after)
    assert same  # this small feed's stories do not change with one more article
    for members in same:
        assert {before[a] for a in members} == {after[a] for a in members}


def test_desk_regroup_leads_each_emptied_story_to_where_its_articles_went(
    tmp_path: Path, shared_data: Path
) -> None:
    # The raw dev feed in two adds on a desk whose floor stops growing at a quarter of it: the
    # second add takes it to four times that and regroups it whole, emptying stories; each leads
    # to the live story holding most of its articles (ties: the lowest id), as a link should.
    from collections import Counter

    from storydesk.feed.desk_query import moved_story

    usable = raw_dev_real(shared_data)
    feed = usable[: len(usable) // 4 * 4]
    tuning = ClusterTuning(growth_until=len(feed) // 4)
    with Desk(tmp_path / "raw.sqlite", tuning, batch_size=50) as desk:
        desk.add(feed[:-10])
        before = desk.assignments()
        desk.add(feed[-10:])
        after = desk.assignments()
        emptied = set(before.values()) - set(after.values())
        assert emptied  # the regroup rebuilt some stories: the check below is not vacuous
        for old in emptied:
            went = Counter(after[a] for a, s in before.items() if s == old)
            assert moved_story(desk.conn_, old) == min(went, key=lambda s: (-went[s], int(s)))
        assert all(moved_story(desk.conn_, s) is None for s in set(after.values()))
        assert desk.check() == []
