"""The desk's story storage: batched writes committed with their articles, eviction, stale
stories left unread, and desks written before vectors were packed."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from storydesk.feed import desk_stories
from storydesk.feed.cluster import ClusterTuning, article_text
from storydesk.feed.desk import Desk
from storydesk.feed.desk_codec import unpack_pair, unpack_vectors
from storydesk.feed.desk_index import copy_candidates, copy_keys, index_problems, top_terms
from storydesk.feed.desk_state import add_into, analyze, dot
from storydesk.feed.desk_stories import StoryOutline, z_ceiling
from storydesk.feed.similarity import group_z
from storydesk.types import Article

DAY = 86400.0


def fixed_clock() -> float:
    return 1_700_000_000.0


def events(count: int, seed: int = 0, year: int = 2001) -> list[Article]:
    """Articles on made-up events: each draws words from its event's own vocabulary."""
    rng = random.Random(seed)
    common = [f"word{i}" for i in range(300)]
    out = []
    for i in range(count):
        event = rng.randrange(max(1, count // 5))
        own = [f"event{event}term{j}" for j in range(12)]
        words = rng.sample(own, 8) + rng.sample(common, 25)
        rng.shuffle(words)
        day = 1 + (event * 7 + rng.randrange(5)) % 28
        out.append(Article(f"y{year}n{i}", " ".join(words) + ".", published=f"{year}-03-{day:02d}"))
    return out


def stored_problems(conn: sqlite3.Connection) -> list[str]:
    """Committed state against its articles: statistics, sums, index terms, frequencies."""
    problems = index_problems(conn)
    articles: dict[int, list[dict[str, float]]] = {}
    df: Counter[str] = Counter()
    for sid, packed, text, title in conn.execute(
        "SELECT story_id, vector, text, title FROM articles"
    ):
        articles.setdefault(sid, []).append(unpack_vectors(packed)[0])
        df.update(set(analyze(article_text(Article("x", text, title=title)))))
    for sid, members, packed, terms, junk in conn.execute(
        "SELECT t.story_id, t.members, t.scaled, t.terms, s.junk FROM story_stats t"
        " JOIN stories s ON s.id = t.story_id"
    ):
        _, raw = unpack_pair(packed)
        expected: dict[str, float] = {}
        for vector in articles.get(sid, []):
            add_into(expected, vector)
        if members != len(articles.get(sid, [])) or any(
            abs(raw.get(t, 0.0) - w) > 1e-9 for t, w in expected.items()
        ):
            problems.append(f"story {sid}: sums do not match its articles")
        if not junk and json.loads(terms) != top_terms(raw):
            problems.append(f"story {sid}: index terms are not its top terms")
    if dict(conn.execute("SELECT term, df FROM terms")) != dict(df):
        problems.append("document frequencies do not match the articles")
    return problems


def test_desk_every_committed_batch_holds_its_stories_index_and_frequencies(
    tmp_path: Path,
) -> None:
    db = tmp_path / "d.sqlite"
    feed = events(120)
    seen: list[list[str]] = []

    def watched() -> Iterator[Article]:
        for n, article in enumerate(feed):
            if n and n % 7 == 0:  # the desk has just committed 7 articles
                with closing(sqlite3.connect(db)) as probe:
                    assert probe.execute("SELECT count(*) FROM articles").fetchone()[0] == n
                    seen.append(stored_problems(probe))
            yield article

    with Desk(db, batch_size=7, clock=fixed_clock) as desk:
        desk.add(watched())
        assert desk.check() == []
    assert len(seen) == 17 and all(problems == [] for problems in seen)


def _stored_stories(desk: Desk) -> dict[int, tuple]:
    rows = desk.conn_.execute(
        "SELECT s.id, s.size, t.members, t.offset_sum, t.scale_sum, t.scaled FROM stories s"
        " JOIN story_stats t ON t.story_id = s.id"
    )
    return {r[0]: (*r[1:5], unpack_pair(r[5])) for r in rows}


@pytest.mark.parametrize("live", [1, 3])
def test_desk_evicting_unwritten_stories_writes_them_first(tmp_path: Path, live: int) -> None:
    feed = events(150, seed=1)
    with Desk(tmp_path / "roomy.sqlite", batch_size=1000, clock=fixed_clock) as roomy:
        roomy.add(feed)
        expected = (roomy.assignments(), _stored_stories(roomy))
    # One transaction for the whole feed: an evicted story is read back before any commit.
    with Desk(
        tmp_path / "tight.sqlite", batch_size=1000, clock=fixed_clock, live_stories=live
    ) as tight:
        tight.add(feed)
        assert len(tight.stories_) <= live
        assert (tight.assignments(), _stored_stories(tight)) == expected
        assert tight.check() == []


def test_desk_does_not_read_stories_too_old_to_join(tmp_path: Path) -> None:
    old, new = events(40, seed=2, year=2001), events(40, seed=5, year=2010)
    # A desk past the size it is regrouped up to (a regroup reads every story once:
    # feed.desk_regroup).
    grown = ClusterTuning(growth_until=len(old), regroup_until=len(old))
    with Desk(tmp_path / "d.sqlite", grown, clock=fixed_clock, live_stories=1) as desk:
        desk.add(old)
        old_stories = set(desk.assignments().values())
        read: list[int] = []
        reader = desk._story

        def spy(sid: int) -> object:
            read.append(sid)
            return reader(sid)

        desk._story = spy  # type: ignore[method-assign]
        desk.add(new)
        joined = {desk.assignments()[a.id] for a in new}
    assert read and not {str(sid) for sid in read} & old_stories
    assert not joined & old_stories  # nine years on: new stories, as before


def test_z_ceiling_bounds_the_z_of_every_article_with_every_story(
    tmp_path: Path, feed: list[Article]
) -> None:
    with Desk(tmp_path / "d.sqlite", clock=fixed_clock) as desk:
        desk.add(feed + events(60, seed=3))
        c = desk.conn_
        articles = c.execute(
            "SELECT a.vector, s.offset, s.scale FROM articles a JOIN article_stats s USING (seq)"
        ).fetchall()
        stories = c.execute(
            "SELECT t.members, t.offset_sum, t.scale_sum, t.scaled FROM story_stats t"
            " WHERE t.members > 0"
        ).fetchall()
    checked = 0
    for packed, offset, scale in articles:
        scaled = {t: w * scale for t, w in unpack_vectors(packed)[0].items()}
        for members, offsets, scales, sums in stories:
            story = StoryOutline(members, 0.0, 0.0, False, offsets, scales)
            z = group_z(
                dot(scaled, unpack_pair(sums)[0]), offset, scale, 1, offsets, scales, members
            )
            assert z <= z_ceiling(offset, scale, story)
            checked += 1
    assert checked > 1000


def _to_json(db: Path) -> None:
    """Rewrite a desk's vectors as the JSON text desks held before vectors were packed."""
    with closing(sqlite3.connect(db)) as conn, conn:
        for sid, packed in conn.execute("SELECT story_id, scaled FROM story_stats").fetchall():
            scaled, raw = unpack_pair(packed)
            conn.execute(
                "UPDATE story_stats SET scaled = ? WHERE story_id = ?", (json.dumps(scaled), sid)
            )
            conn.execute("UPDATE stories SET vector = ? WHERE id = ?", (json.dumps(raw), sid))
        for seq, packed in conn.execute("SELECT seq, vector FROM articles").fetchall():
            text = json.dumps(unpack_vectors(packed)[0])
            conn.execute("UPDATE articles SET vector = ? WHERE seq = ?", (text, seq))


def test_desk_goes_on_from_a_desk_written_with_json_vectors(tmp_path: Path) -> None:
    feed = events(300, seed=4)
    with Desk(tmp_path / "one.sqlite", clock=fixed_clock) as desk:
        desk.add(feed)
        expected = desk.assignments()
    old = tmp_path / "old.sqlite"
    with Desk(old, clock=fixed_clock) as desk:
        desk.add(feed[:150])
    _to_json(old)
    with Desk(old, clock=fixed_clock, live_stories=5) as desk:
        desk.add(feed[150:])
        assert desk.assignments() == expected
        assert desk.check() == []
        assert [s.label.terms for s in desk.stories()] == [
            s.label.terms for s in Desk(tmp_path / "one.sqlite").stories()
        ]


def template_pages(count: int) -> list[Article]:
    """Near copies of one page template (each leaves out another word): junk from the fifth."""
    words = [f"tmplword{i}" for i in range(40)]
    return [
        Article(f"page{n}", " ".join(words[:n] + words[n + 1 :]) + ".", published="2001-03-01")
        for n in range(count)
    ]


class ReadsEveryCopy(Desk):
    """The desk as it was: every stored near copy of an arrival read and compared."""

    def _copies(self, vector: dict[str, float], keys: list[int]) -> list:  # type: ignore[override]
        found = []
        for seq in copy_candidates(self.conn_, keys):
            aid, sid, junk, packed = self.conn_.execute(
                "SELECT id, story_id, junk, vector FROM articles WHERE seq = ?", (seq,)
            ).fetchone()
            sim = dot(vector, unpack_vectors(packed)[0])
            if sim >= self.tuning.duplicate_similarity:
                found.append((sim, seq, aid, sid, bool(junk)))
        return sorted(found, key=lambda x: (-x[0], x[1]))


@pytest.mark.parametrize("in_slice", [500, 2])  # 2: every IN list read in several slices
def test_desk_reads_only_enough_junk_copies_to_know_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_slice: int
) -> None:
    monkeypatch.setattr(desk_stories, "_IN_SLICE", in_slice)
    pages = template_pages(14)
    feed = events(60, seed=4) + pages[:12]
    with Desk(tmp_path / "d.sqlite", clock=fixed_clock, batch_size=7) as desk:
        desk.add(feed)
        vector, terms = desk._vector(pages[13])
        keys = copy_keys(pages[13].text)
        copies = desk._copies(vector, keys)
        stored = len(copy_candidates(desk.conn_, keys))
        desk.add(pages[12:])
        cut = (desk.assignments(), _stored_stories(desk))
    assert stored >= 10 and all(junk for *_, junk in copies)
    assert len(copies) == desk.tuning.junk_min_copies - 1  # not one per earlier sighting
    with ReadsEveryCopy(tmp_path / "e.sqlite", clock=fixed_clock, batch_size=7) as reference:
        reference.add(feed)
        reference.add(pages[12:])
        assert (reference.assignments(), _stored_stories(reference)) == cut  # same decisions
