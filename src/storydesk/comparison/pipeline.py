"""Compare one story's reports: clean and segment them (the summarizer's own stages), then
find conflicts, refinements, agreement, exclusives, quotes and the timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from storydesk.comparison.claims import (
    AGREEMENT_SUPPORT,
    agreement,
    exclusives,
    importance,
    represent_reports,
)
from storydesk.comparison.names import name_conflicts
from storydesk.comparison.numbers import number_conflicts
from storydesk.comparison.quotes import quotes
from storydesk.comparison.reports import Reports, plain_words
from storydesk.comparison.timeline import date_differences, dated_sentences, timeline
from storydesk.comparison.types import KINDS, Comparison, Conflict
from storydesk.errors import InputError, StorydeskError
from storydesk.settings import Settings, load_settings
from storydesk.story.pipeline import Prepared, prepare
from storydesk.story.represent import STOPWORDS
from storydesk.types import Story

R = TypeVar("R")

# A report whose words are less than this share English function words is not in English
# (English news runs at 40-50 %); the rules read English, so the comparison says so.
ENGLISH_FUNCTION_WORDS = 0.15


def _stage(story: Story, name: str, work: Callable[[], R]) -> R:
    """Run one step; an unexpected failure names the story and the step it hit."""
    try:
        return work()
    except StorydeskError as error:
        if error.where is None:
            error.where = f"story {story.id}, compare {name}"
        raise
    except (ValueError, IndexError, KeyError, TypeError, MemoryError, RecursionError) as error:
        raise StorydeskError(
            f"compare {name} failed: {type(error).__name__}: {error}", where=f"story {story.id}"
        ) from error


def _check_size(story: Story, settings: Settings) -> None:
    size = sum(len(a.text) for a in story.articles)
    if size > settings.compare_max_chars:
        raise InputError(
            f"the reports hold {size:,} characters, more than compare_max_chars "
            f"({settings.compare_max_chars:,})",
            where=f"story {story.id}",
            hint="compare fewer or shorter reports, or raise compare_max_chars",
        )


def _notes(reports: Reports) -> list[str]:
    notes: list[str] = []
    texts: dict[str, str] = {}
    for article in reports.articles:
        same = texts.get(article.text.strip())
        if same is not None:
            notes.append(f"reports {same} and {article.id} are identical")
        texts.setdefault(article.text.strip(), article.id)
    for article in reports.articles:
        words = plain_words(article.text)
        if words and sum(w in STOPWORDS for w in words) / len(words) < ENGLISH_FUNCTION_WORDS:
            notes.append(
                f"report {article.id} does not look like English: the rules read English, "
                "so its agreement with the others is not measured"
            )
    return notes


def _ordered(conflicts: list[Conflict]) -> list[Conflict]:
    """Kinds in their fixed order, then the conflicts more reports take part in."""

    def reports_in(conflict: Conflict) -> int:
        return len({c.document_id for claim in conflict.claims for c in claim.citations})

    return sorted(conflicts, key=lambda c: (KINDS.index(c.kind), -reports_in(c)))


def compare_prepared(prepared: Prepared, settings: Settings) -> Comparison:
    """The comparison of a story already cleaned and segmented (e.g. for its summary)."""
    story = prepared.story
    reports = Reports(story, prepared.sentences, prepared.removed)
    if not reports.sentences:
        raise InputError(
            "no sentences left after cleaning: the reports hold no readable text",
            where=f"story {story.id}",
        )
    if len(story.articles) < 2:
        return Comparison(story.id, story.articles, notes=("one report: nothing to compare",))
    names = _stage(story, "names", lambda: name_conflicts(reports))
    numbers, number_refinements = _stage(story, "numbers", lambda: number_conflicts(reports))
    dated = _stage(story, "dates", lambda: dated_sentences(reports))
    date_conflicts, date_refinements = _stage(
        story, "dates", lambda: date_differences(reports, dated)
    )
    aliases = {
        claim.value: conflict.claims[0].value
        for conflict in names
        for claim in conflict.claims[1:]
        if claim.value and conflict.claims[0].value
    }
    rep = _stage(story, "represent", lambda: represent_reports(reports))
    scores = importance(reports, rep)
    agreed = _stage(
        story,
        "agreement",
        lambda: agreement(
            reports, rep, scores, support=AGREEMENT_SUPPORT, limit=settings.compare_agreement
        ),
    )
    alone = _stage(
        story,
        "exclusives",
        lambda: exclusives(reports, rep, scores, limit=settings.compare_exclusives),
    )
    said = _stage(story, "quotes", lambda: quotes(reports, aliases))
    events = _stage(story, "timeline", lambda: timeline(reports, dated, settings.compare_timeline))
    return Comparison(
        story_id=story.id,
        articles=story.articles,
        agreement=tuple(agreed),
        exclusives=tuple(alone),
        conflicts=tuple(_ordered(names + numbers + date_conflicts)),
        refinements=tuple(_ordered(number_refinements + date_refinements)),
        quotes=tuple(said),
        timeline=tuple(events),
        notes=tuple(_notes(reports)),
    )


def compare_story(
    story: Story, settings: Settings | None = None, prepared: Prepared | None = None
) -> Comparison:
    """What the reports of one story agree on, state alone, and disagree on, all cited.
    ``prepared``: the story already cleaned and segmented (by its summary), not done again."""
    settings = settings or load_settings()
    _check_size(story, settings)
    return compare_prepared(prepared or prepare(story, settings), settings)
