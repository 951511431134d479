"""The Python API: ``storydesk.summarize(articles, words=250)``, ``storydesk.compare(articles)``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storydesk.comparison.pipeline import compare_story
from storydesk.comparison.types import Comparison
from storydesk.errors import InputError
from storydesk.ingest import read_articles
from storydesk.settings import Settings, load_settings
from storydesk.story.pipeline import summarize_story
from storydesk.types import Article, Story, Summary

ArticleLike = str | Article | os.PathLike[str]


def _as_articles(items: Iterable[ArticleLike]) -> list[Article]:
    """Articles from Article objects, paths (Path objects) and texts (plain strings)."""
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, os.PathLike):
            articles.extend(read_articles([Path(item)]))
        elif isinstance(item, str):
            articles.append(Article(id=f"a{len(articles) + 1}", text=item))
        else:
            raise InputError(
                f"cannot summarize an item of type {type(item).__name__}",
                hint="pass strings (article texts), Article objects or pathlib.Path objects",
            )
    taken: set[str] = set()
    unique: list[Article] = []
    for article in articles:
        new_id, n = article.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{article.id}-{n}"
        taken.add(new_id)
        unique.append(article if new_id == article.id else _renamed(article, new_id))
    return unique


def _renamed(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)


def summarize(
    articles: ArticleLike | Iterable[ArticleLike],
    words: int | None = None,
    *,
    sentences: int | None = None,
    settings: Settings | None = None,
    story_id: str = "story",
    **overrides: Any,
) -> Summary:
    """One cited summary of the given reports of one story.

    ``articles``: texts (str), :class:`Article` objects or :class:`pathlib.Path` objects (files
    or folders), or a single one of those. Other settings (``ranker``, ``redundancy`` …) may be
    passed by name.
    """
    if isinstance(articles, (str, Article, os.PathLike)):
        articles = [articles]
    base = settings or load_settings()
    settings = base.with_overrides(words=words, sentences=sentences, **overrides)
    items = _as_articles(articles)
    if not items:
        raise InputError("no articles given", hint="pass at least one article text or path")
    return summarize_story(Story(story_id, tuple(items)), settings)


def compare(
    articles: ArticleLike | Iterable[ArticleLike],
    *,
    settings: Settings | None = None,
    story_id: str = "story",
    **overrides: Any,
) -> Comparison:
    """What the given reports of one story agree on, state alone, and disagree on.

    Takes the same inputs as :func:`summarize`; one report gives an empty comparison.
    ``Comparison.to_dict()`` is the JSON contract (agreement, exclusives, conflicts,
    refinements, quotes, timeline), every claim cited with offsets into the texts as given.
    """
    if isinstance(articles, (str, Article, os.PathLike)):
        articles = [articles]
    settings = (settings or load_settings()).with_overrides(**overrides)
    items = _as_articles(articles)
    if not items:
        raise InputError("no articles given", hint="pass at least one article text or path")
    return compare_story(Story(story_id, tuple(items)), settings)
