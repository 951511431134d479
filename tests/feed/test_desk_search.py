"""Desk search: FTS5 tables kept by triggers, a version-1 desk migrated on open, safe queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storydesk.feed.desk import Desk
from storydesk.feed.desk_search import match_expression, story_page
from storydesk.feed.desk_store import SCHEMA_VERSION, connect
from storydesk.types import Article
from tests.feed.desk_versions import version_1_desk


def test_version_1_desk_is_migrated_on_open_keeping_its_data(
    tmp_path: Path, feed: list[Article]
) -> None:
    path = tmp_path / "old.sqlite"
    version_1_desk(path, feed)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT id, story_id, text FROM articles ORDER BY seq").fetchall()
    with Desk(path) as desk:
        assert desk.check() == []
        version = desk.conn_.execute("SELECT value FROM meta WHERE key='schema_version'")
        assert version.fetchone()[0] == str(SCHEMA_VERSION) == "2"
        after = desk.conn_.execute("SELECT id, story_id, text FROM articles ORDER BY seq")
        assert after.fetchall() == before
        page = story_page(desk.conn_, path, limit=10, offset=0, query="Perseverance")
    assert page.total == 1


def test_search_index_follows_inserts_and_moves(tmp_path: Path, feed: list[Article]) -> None:
    with Desk(tmp_path / "d.sqlite") as desk:
        desk.add(feed[:3])
        assert story_page(desk.conn_, desk.path, limit=5, offset=0, query="Bellingham").total == 0
        desk.add(feed)
        assert story_page(desk.conn_, desk.path, limit=5, offset=0, query="Bellingham").total == 1
        assert desk.check() == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    from storydesk.errors import StoreError

    path = tmp_path / "new.sqlite"
    connect(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        connect(path)


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("lava flows", '"lava" "flows"'),
        ('"NEAR(a b)" OR title:x*', '"NEAR" "a" "b" "OR" "title" "x"'),
        ("   ", None),
        ("---", None),
    ],
)
def test_match_expression_quotes_every_word(query: str, expression: str | None) -> None:
    assert match_expression(query) == expression
