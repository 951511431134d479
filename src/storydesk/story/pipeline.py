"""Run the stages for one story: clean → segment → represent → rank → select → cite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from storydesk.errors import InputError, StorydeskError
from storydesk.settings import Settings, load_settings
from storydesk.story.cite import cite
from storydesk.story.clean import Cleaned, clean, junk_page_score
from storydesk.story.compose import compose
from storydesk.story.headline import headline_for
from storydesk.story.provenance import made_by
from storydesk.story.rank import ranker_for, sentence_features
from storydesk.story.rank.rankers import Ranker
from storydesk.story.represent import Representation, represent
from storydesk.story.segment import segment
from storydesk.story.select import Budget, order_for_reading, select
from storydesk.types import Article, Junk, Sentence, Story, Summary

JUNK_PAGE = 0.5  # an article scoring above this is a boilerplate page, not a report

R = TypeVar("R")


@dataclass(frozen=True)
class Prepared:
    """A story's articles cleaned and cut into sentences (grouped by article, in order)."""

    story: Story
    sentences: tuple[Sentence, ...]
    removed: tuple[Junk, ...]

    @property
    def article_index(self) -> dict[str, int]:
        return {article.id: i for i, article in enumerate(self.story.articles)}


def _stage(story: Story, name: str, work: Callable[[], R]) -> R:
    """Run one stage; an unexpected failure is reported with the story and stage it hit."""
    try:
        return work()
    except StorydeskError as error:
        if error.where is None:
            error.where = f"story {story.id}, {name}"
        raise
    except (ValueError, IndexError, KeyError, TypeError, MemoryError) as error:
        raise StorydeskError(
            f"{name} failed: {type(error).__name__}: {error}", where=f"story {story.id}"
        ) from error


def _clean_article(article: Article, settings: Settings, junk_page: bool) -> Cleaned:
    if junk_page:
        junk = Junk(article.id, 0, len(article.text), "junk-page", article.text)
        return Cleaned(article, (), (junk,))
    if not settings.clean:
        stripped = article.text.strip()
        if not stripped:
            return Cleaned(article, (), ())
        start = article.text.index(stripped)
        return Cleaned(article, ((start, start + len(stripped)),), ())
    return clean(article)


def _junk_pages(story: Story, settings: Settings) -> list[bool]:
    """Which articles are boilerplate pages (crawl notices, cookie walls), not reports.

    When every article looks like one there is nothing better to summarise, so none is dropped.
    """
    if not settings.clean:
        return [False] * len(story.articles)
    flags = [junk_page_score(a.text) > JUNK_PAGE for a in story.articles]
    return [False] * len(flags) if all(flags) else flags


def prepare(story: Story, settings: Settings | None = None) -> Prepared:
    """Clean and segment every article of the story."""
    settings = settings or load_settings()
    if not story.articles:
        raise InputError("the story has no articles", where=f"story {story.id}")
    ids = [article.id for article in story.articles]
    if len(set(ids)) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(
            f"article ids repeat: {', '.join(repeated)}",
            where=f"story {story.id}",
            hint="give every article its own id",
        )

    def run() -> Prepared:
        sentences: list[Sentence] = []
        removed: list[Junk] = []
        for article, junk_page in zip(story.articles, _junk_pages(story, settings), strict=True):
            cleaned = _clean_article(article, settings, junk_page)
            removed.extend(cleaned.removed)
            sentences.extend(segment(cleaned))
        return Prepared(story, tuple(sentences), tuple(removed))

    return _stage(story, "clean/segment", run)


def analyse(prepared: Prepared, ranker: Ranker) -> tuple[Representation, np.ndarray, np.ndarray]:
    """Represent the sentences and score them: (representation, features, scores)."""
    story = prepared.story
    index = prepared.article_index
    article_of = [index[s.article_id] for s in prepared.sentences]
    idf, default_idf = ranker.background()
    rep = _stage(
        story,
        "represent",
        lambda: represent(
            [s.text for s in prepared.sentences], article_of, len(story.articles), idf=idf
        ),
    )
    features = _stage(
        story,
        "features",
        lambda: sentence_features(prepared.sentences, rep, len(story.articles), idf, default_idf),
    )
    scores = _stage(story, "rank", lambda: np.asarray(ranker.score(features)))
    return rep, features, scores


def _compose(
    prepared: Prepared, scores: np.ndarray, rep: Representation, settings: Settings
) -> list[int]:
    """Discourse units, the lead first, one reading order (order = "story")."""
    budget = Budget(
        settings.words,
        settings.sentences,
        settings.redundancy,
        settings.fill,
        settings.min_sentence_words,
        settings.max_sentence_words,
    )
    return compose(
        prepared.sentences,
        scores,
        rep.evidence,
        rep.bigrams,
        budget,
        prepared.article_index,
        settings.score_weight,
    )


def ordered_for(chosen: list[int], prepared: Prepared, settings: Settings) -> list[int]:
    if settings.order == "story":
        return chosen  # compose already put them in reading order
    return order_for_reading(chosen, prepared.sentences, prepared.article_index, settings.order)


def representative_subset(story: Story, cap: int) -> tuple[Story, tuple[str, ...]]:
    """At most ``cap`` articles: exact repeats of a text dropped, the rest spread evenly over the
    story's order; with a note saying so. Bounds the time and memory a huge story takes."""
    if len(story.articles) <= cap:
        return story, ()
    seen: set[str] = set()
    distinct: list[Article] = []
    for article in story.articles:
        if article.text not in seen:
            seen.add(article.text)
            distinct.append(article)
    step = len(distinct) / cap
    chosen = distinct if len(distinct) <= cap else [distinct[int(i * step)] for i in range(cap)]
    note = (
        f"summarized from {len(chosen)} of {len(story.articles)} articles, repeats dropped and "
        f"the rest spread evenly over the story (story_max_articles = {cap})"
    )
    return Story(story.id, tuple(chosen), story.references), (note,)


def summarize_story(
    story: Story, settings: Settings | None = None, ranker: Ranker | None = None
) -> Summary:
    """The cited summary of one story under the settings' budget."""
    settings = settings or load_settings()
    story, notes = representative_subset(story, settings.story_max_articles)
    return summarize_prepared(prepare(story, settings), settings, ranker, notes)


def summarize_prepared(
    prepared: Prepared,
    settings: Settings,
    ranker: Ranker | None = None,
    notes: tuple[str, ...] = (),
) -> Summary:
    """The cited summary of a story already cleaned and segmented (so that its comparison
    can reuse the same ``Prepared``)."""
    story = prepared.story
    ranker = ranker or ranker_for(settings)
    if not prepared.sentences:
        raise InputError(
            "no sentences left after cleaning: the articles hold no readable text",
            where=f"story {story.id}",
        )
    rep, _features, scores = analyse(prepared, ranker)
    sentences = prepared.sentences
    # Normal limits first; when every sentence is shorter than min_sentence_words (a one-line
    # report), take the best that fits rather than return nothing.
    normal = (settings.min_sentence_words, settings.max_sentence_words, settings.fill)
    chosen: list[int] = []
    if settings.order == "story" and settings.selector == "coverage":
        chosen = _stage(story, "compose", lambda: _compose(prepared, scores, rep, settings))
    for min_words, max_words, fill in () if chosen else (normal, (1, 10**9, 1.0)):
        chosen = _stage(
            story,
            "select",
            lambda: select(
                sentences,
                scores,
                rep.evidence,
                words=settings.words,
                selector=settings.selector,
                bigrams=rep.bigrams,
                score_weight=settings.score_weight,
                max_sentences=settings.sentences,
                redundancy=settings.redundancy,
                fill=fill,  # noqa: B023 - called at once, inside this iteration
                min_words=min_words,  # noqa: B023
                max_words=max_words,  # noqa: B023
            ),
        )
        if chosen:
            break
    sources = {article.id: article.text for article in story.articles}
    ordered = ordered_for(chosen, prepared, settings)
    summary_sentences = tuple(
        cite(i, sentences, rep, support=settings.support, score=float(scores[i]), sources=sources)
        for i in ordered
    )
    return Summary(
        story_id=story.id,
        sentences=summary_sentences,
        articles=story.articles,
        removed=prepared.removed,
        method=ranker.name,
        budget_words=None if settings.sentences else settings.words,
        budget_sentences=settings.sentences or None,
        made_by=made_by(settings, ranker.name),
        title=headline_for(story.articles, [s.text for s in summary_sentences]),
        notes=notes,
    )
