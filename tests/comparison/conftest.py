"""Helpers for the comparison tests: small hand-written stories and the bundled example."""

from __future__ import annotations

from pathlib import Path

from storydesk.comparison.reports import Reports
from storydesk.settings import load_settings
from storydesk.story.pipeline import prepare
from storydesk.types import Article, Story

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"
SETTINGS = load_settings()


def story_of(*texts: str, published: str | None = None) -> Story:
    articles = tuple(
        Article(id=f"r{n}", text=text, published=published) for n, text in enumerate(texts, 1)
    )
    return Story("fixture", articles)


def folder_story(folder: Path) -> Story:
    return Story(
        folder.name,
        tuple(Article(id=p.stem, text=p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))),
    )


def reports_of(story: Story) -> Reports:
    prepared = prepare(story, SETTINGS)
    return Reports(story, prepared.sentences, prepared.removed)
