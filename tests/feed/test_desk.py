"""The SQLite desk: assignment, idempotence, copies, junk, faults, and a kill in mid-run."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from storydesk.errors import InputError, StoreError
from storydesk.feed.cluster import Clusterer, ClusterTuning
from storydesk.feed.desk import Desk
from storydesk.types import Article


def fixed_clock() -> float:
    return 1_700_000_000.0


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    with Desk(tmp_path / "desk.sqlite", clock=fixed_clock) as opened:
        yield opened  # type: ignore[misc]


def groups(assignments: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for article, story in assignments.items():
        by_story.setdefault(story, set()).add(article)
    return {frozenset(members) for members in by_story.values()}


def test_desk_assigns_articles_as_batch_clustering_does(desk: Desk, feed: list[Article]) -> None:
    report = desk.add(feed)
    assert report.added + report.unchanged == len(feed)
    batch = Clusterer().cluster(feed).assignments
    # Identical copies of a page are aliases in the desk, so only pages with their own text count.
    real = {a.id for a in feed if not a.id.startswith("crawl-")}
    assert groups({a: s for a, s in desk.assignments().items() if a in real}) == groups(
        {a: s for a, s in batch.items() if a in real}
    )
    assert desk.check() == []


def test_desk_adding_the_same_feed_again_changes_nothing(desk: Desk, feed: list[Article]) -> None:
    desk.add(feed)
    before = (desk.assignments(), [vars(s) for s in desk.stories(junk=True)])
    again = desk.add(feed)
    assert again.added == 0 and again.unchanged == len(feed)
    assert (desk.assignments(), [vars(s) for s in desk.stories(junk=True)]) == before


def test_desk_identical_text_under_a_new_id_adds_no_article(
    desk: Desk, feed: list[Article]
) -> None:
    desk.add(feed[:3])
    report = desk.add([replace(feed[0], id="volcano-1-again")])
    assert report.added == 0 and report.aliases == {"volcano-1-again": "volcano-1"}
    assert desk.stories()[0].size == 3


def test_desk_links_a_near_copy_without_counting_it(desk: Desk, feed: list[Article]) -> None:
    desk.add([a for a in feed if a.id.startswith("volcano-") and a.id != "volcano-2021"])
    story = desk.stories()[0]
    assert (story.size, story.copies) == (3, 1)
    row = desk.conn_.execute("SELECT duplicate_of FROM articles WHERE id = 'volcano-3-copy'")
    assert row.fetchone()[0] == "volcano-3"


def test_desk_turns_a_page_seen_five_times_into_junk(desk: Desk, feed: list[Article]) -> None:
    desk.add(feed)
    junk = dict(desk.conn_.execute("SELECT id, junk FROM articles WHERE id LIKE 'crawl-%'"))
    assert junk == {"crawl-0": 1, "crawl-1": 1}
    assert all(s.size == 1 for s in desk.stories(junk=True) if s.junk)
    assert not any("crawl" in s.label.title for s in desk.stories())


def test_desk_keeps_stories_apart_beyond_the_window(tmp_path: Path, feed: list[Article]) -> None:
    mars = [a for a in feed if a.id.startswith("mars-")]
    late = [replace(mars[2], published="2022-09-10T12:00:00+00:00")]
    with Desk(tmp_path / "w.sqlite", ClusterTuning(window_days=7)) as desk:
        desk.add(mars[:2] + late)
        assert sorted(s.size for s in desk.stories()) == [1, 2]


def test_desk_same_id_other_text_fails_naming_it_and_keeps_earlier_articles(
    tmp_path: Path, feed: list[Article]
) -> None:
    path = tmp_path / "d.sqlite"
    with Desk(path, batch_size=100) as desk, pytest.raises(InputError, match="'mars-1'"):
        desk.add(feed[:5] + [replace(feed[3], text="Something else entirely.")])
    with Desk(path) as desk:
        assert set(desk.assignments()) == {a.id for a in feed[:5]}
        assert desk.check() == []


def test_desk_story_returns_articles_for_summarizing(desk: Desk, feed: list[Article]) -> None:
    desk.add(feed)
    story_id = desk.stories()[0].id
    story = desk.story(story_id)
    assert {a.id for a in story.articles} == {"volcano-1", "volcano-2", "volcano-3"}
    with pytest.raises(StoreError, match="no story"):
        desk.story("99999")


def test_desk_reopened_goes_on_where_it_stopped(tmp_path: Path, feed: list[Article]) -> None:
    path = tmp_path / "r.sqlite"
    with Desk(path, clock=fixed_clock) as desk:
        desk.add(feed[:6])
    with Desk(path, clock=fixed_clock) as desk:
        desk.add(feed[6:])
        split = desk.assignments()
    with Desk(tmp_path / "one.sqlite", clock=fixed_clock) as desk:
        desk.add(feed)
        assert groups(split) == groups(desk.assignments())


def test_desk_rejects_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"this is not an sqlite database at all" * 100)
    with pytest.raises(StoreError, match="corrupt or not a storydesk database"):
        Desk(path)


def test_desk_reports_a_locked_database(tmp_path: Path, feed: list[Article]) -> None:
    path = tmp_path / "locked.sqlite"
    Desk(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"), Desk(path, timeout=0.1) as desk:
            desk.add(feed)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Desk(path) as desk:
        assert desk.assignments() == {}


def test_desk_refuses_another_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite"
    Desk(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Desk(path)


def synthetic_feed(count: int, seed: int = 0) -> list[dict[str, str]]:
    """Many articles over many made-up events: words drawn from each event's own vocabulary."""
    rng = random.Random(seed)
    common = [f"word{i}" for i in range(400)]
    records = []
    for i in range(count):
        event = rng.randrange(count // 4)
        own = [f"event{event}term{j}" for j in range(12)]
        words = rng.sample(own, 8) + rng.sample(common, 30)
        rng.shuffle(words)
        records.append({"id": f"n{i}", "text": " ".join(words) + "."})
    return records


ADD_SCRIPT = """
import json, sys
from storydesk.feed.desk import Desk
from storydesk.types import Article
with open(sys.argv[2]) as f:
    articles = [Article(**json.loads(line)) for line in f]
with Desk(sys.argv[1], batch_size=25) as desk:
    desk.add(articles)
"""


def test_desk_killed_mid_add_loses_no_committed_article(tmp_path: Path) -> None:
    feed_path, db = tmp_path / "feed.jsonl", tmp_path / "kill.sqlite"
    records = synthetic_feed(6000)
    feed_path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    Desk(db).close()
    child = subprocess.Popen([sys.executable, "-c", ADD_SCRIPT, str(db), str(feed_path)])
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            with sqlite3.connect(db) as probe:
                if probe.execute("SELECT count(*) FROM articles").fetchone()[0] >= 100:
                    break
            time.sleep(0.05)
        assert child.poll() is None, "the add finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    with Desk(db) as desk:
        assert desk.check() == []
        stored = desk.assignments()
        assert len(stored) % 25 == 0 and 100 <= len(stored) < len(records)
        assert list(stored) == [r["id"] for r in records[: len(stored)]]
        report = desk.add([Article(**r) for r in records])
        assert report.unchanged == len(stored)
        assert len(desk.assignments()) == len(records)
        assert desk.check() == []


def test_desk_joins_two_stories_an_article_bridges(desk: Desk) -> None:
    shared_a = " ".join(f"alpha{i}" for i in range(10))
    shared_c = " ".join(f"gamma{i}" for i in range(10))
    first = Article("first", f"{shared_a} " + " ".join(f"only{i}" for i in range(10)))
    last = Article("last", f"{shared_c} " + " ".join(f"else{i}" for i in range(10)))
    bridge = Article("bridge", f"{shared_a} {shared_c}")
    desk.add([first, last])
    assert len(desk.stories()) == 2
    desk.add([bridge])
    assert [s.size for s in desk.stories()] == [3]
    assert desk.check() == []
    assert groups(desk.assignments()) == groups(
        Clusterer().cluster([first, last, bridge]).assignments
    )


@pytest.mark.parametrize(
    ("tuning", "message"),
    [({"threshold": -1.0}, "threshold must be in"), ({"window_days": 0}, "window_days")],
)
def test_desk_rejects_tuning_out_of_range(tmp_path: Path, tuning: dict, message: str) -> None:
    from storydesk.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        Desk(tmp_path / "bad.sqlite", ClusterTuning(**tuning))
    assert not (tmp_path / "bad.sqlite").exists()


def test_desk_with_one_live_story_in_memory_assigns_as_with_many(
    tmp_path: Path, feed: list[Article]
) -> None:
    # Stories evicted from memory come back from SQLite through the index: same result.
    with Desk(tmp_path / "a.sqlite", clock=fixed_clock) as roomy:
        roomy.add(feed)
        expected = groups(roomy.assignments())
    with Desk(tmp_path / "b.sqlite", clock=fixed_clock, live_stories=1) as tight:
        tight.add(feed)
        assert len(tight.stories_) == 1
        assert groups(tight.assignments()) == expected
        assert tight.check() == []


def test_desk_indexes_each_real_story_under_its_terms(desk: Desk, feed: list[Article]) -> None:
    desk.add(feed)
    indexed = {sid for (sid,) in desk.conn_.execute("SELECT DISTINCT story_id FROM story_terms")}
    real = {int(s.id) for s in desk.stories()}
    junk = {int(s.id) for s in desk.stories(junk=True)} - real
    assert real <= indexed and not (junk & indexed)


def test_desk_check_reports_an_index_entry_without_a_story(desk: Desk, feed: list[Article]) -> None:
    desk.add(feed[:3])
    desk.conn_.execute("INSERT INTO story_terms(term, story_id) VALUES ('ghost', 999)")
    assert desk.check() == ["1 story index entries point to no story"]
