"""A huge story is summarized from a bounded, representative subset, and says so."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from storydesk.settings import load_settings
from storydesk.story.pipeline import representative_subset, summarize_story
from storydesk.story.render import render, to_record
from storydesk.types import Article, Story

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"


def _huge_story(count: int) -> Story:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    articles = tuple(
        Article(id=f"a{n}", text=f"{texts[n % 3]}\n\nUpdate {n}: officials repeated the plan.")
        for n in range(count)
    )
    return Story("huge", articles)


def _peak_kib(story: Story, cap: int) -> float:
    settings = load_settings(story_max_articles=cap)
    tracemalloc.start()
    summarize_story(story, settings)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def test_summarize_story_of_10000_articles_uses_a_bounded_subset_and_says_so() -> None:
    story = _huge_story(10_000)
    settings = load_settings(story_max_articles=50)
    summary = summarize_story(story, settings)
    assert len(summary.articles) == 50
    assert summary.notes and "50 of 10000 articles" in summary.notes[0]
    assert "50 of 10000 articles" in render(summary, "text")
    assert "50 of 10000 articles" in to_record(summary)["notes"][0]
    # Memory follows the subset, not the story: 10,000 articles cost what 100 do.
    assert _peak_kib(story, 50) < 2 * _peak_kib(_huge_story(100), 50) + 512


def test_representative_subset_spreads_over_the_story_and_drops_repeats() -> None:
    articles = tuple(Article(id=f"a{n}", text=f"text {n // 2}") for n in range(40))
    subset, notes = representative_subset(Story("s", articles), 5)
    ids = [a.id for a in subset.articles]
    assert ids == ["a0", "a8", "a16", "a24", "a32"]  # every other one is a repeat
    assert len(notes) == 1


def test_small_story_is_untouched_and_has_no_note() -> None:
    story = _huge_story(3)
    assert representative_subset(story, 200) == (story, ())
    assert "notes" not in to_record(summarize_story(story))
