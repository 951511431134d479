"""The desk's story index: candidate stories for a new article."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from storydesk.feed.desk_index import candidate_stories, reindex_story


@pytest.fixture
def index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE story_terms (term TEXT NOT NULL, story_id INTEGER NOT NULL,"
        " PRIMARY KEY (term, story_id)) WITHOUT ROWID"
    )
    # Story 1 shares two rare names with the article, story 2 three everyday words.
    reindex_story(conn, 1, [], ["ocalan", "kurdish", "prison"])
    reindex_story(conn, 2, [], ["government", "said", "week", "prison"])
    return conn


@pytest.mark.parametrize(
    ("weights", "first"),
    [
        ({"ocalan": 0.6, "kurdish": 0.5, "government": 0.2, "said": 0.1, "week": 0.1}, 1),
        ({"ocalan": 0.1, "kurdish": 0.1, "government": 0.5, "said": 0.4, "week": 0.4}, 2),
    ],
)
def test_candidate_stories_ranks_by_shared_weight_not_shared_count(
    index: sqlite3.Connection, weights: dict[str, float], first: int
) -> None:
    df = Counter({"ocalan": 2, "kurdish": 3, "government": 40, "said": 60, "week": 50})
    ranked = candidate_stories(index, weights, df, cap=100, limit=10)
    assert ranked[0] == first
    assert set(ranked) == {1, 2}


def test_candidate_stories_leaves_out_terms_only_the_article_has(
    index: sqlite3.Connection,
) -> None:
    # df 1: the article alone holds the term (it is counted in df), so nothing is looked up.
    df = Counter({"ocalan": 1, "kurdish": 1})
    assert candidate_stories(index, {"ocalan": 0.7, "kurdish": 0.7}, df, cap=100, limit=10) == []
