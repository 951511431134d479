"""Batch comparison: records in order; a failing story yields its error record."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.batch.compare import compare_stories
from storydesk.errors import InputError
from storydesk.settings import load_settings
from storydesk.types import Article, Story

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"


@pytest.mark.parametrize("jobs", [1, 2])
def test_compare_stories_errors_do_not_stop_the_rest(jobs: int) -> None:
    harbor = Story(
        "harbor",
        tuple(Article(id=p.stem, text=p.read_text("utf-8")) for p in sorted(EXAMPLE.glob("*.txt"))),
    )
    empty = Story("empty", (Article("a", " "), Article("b", "\n")))
    bad_line = InputError("not JSON", where="stories.jsonl:2")
    records = list(compare_stories([harbor, bad_line, empty, harbor], load_settings(jobs=jobs)))
    assert [r["id"] for r in records] == ["harbor", None, "empty", "harbor"]
    assert "error" in records[1] and "error" in records[2]
    assert records[0] == records[3] and len(records[0]["conflicts"]) == 2
