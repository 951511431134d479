"""Summarize many stories: one record per story, a failing story never stops the rest."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from storydesk.errors import InputError, StorydeskError
from storydesk.settings import Settings
from storydesk.story.pipeline import summarize_story
from storydesk.story.rank import make_ranker, ranker_for
from storydesk.story.rank.rankers import Ranker
from storydesk.story.render import to_record
from storydesk.story.segment import load_sentence_splitter
from storydesk.types import SCHEMA_VERSION, Story

CHUNK = 4  # stories per hand-out to a worker: small enough to keep two workers evenly busy

_worker_settings: Settings | None = None
_worker_ranker: Ranker | None = None


def error_record(story_id: str | None, error: StorydeskError) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "id": story_id, "error": error.to_dict()}


def summarize_one(story: Story | InputError, settings: Settings, ranker: Ranker) -> dict[str, Any]:
    """The batch record of one story, or its error record."""
    if isinstance(story, InputError):
        return error_record(None, story)
    try:
        return to_record(summarize_story(story, settings, ranker))
    except StorydeskError as error:
        return error_record(story.id, error)


@lru_cache(maxsize=4)
def process_ranker(name: str, model: str, centroid_weight: float) -> Ranker:
    """A ranker loaded once per process (a Dask worker keeps it for every chunk it runs)."""
    return make_ranker(name, model or None, centroid_weight=centroid_weight)


def summarize_record(story: Story, settings: Settings) -> dict[str, Any]:
    """The per-story worker function of ``summarize --stories`` for any runner (e.g. Dask)."""
    ranker = process_ranker(settings.ranker, settings.model, settings.centroid_weight)
    return summarize_one(story, settings, ranker)


def _init_worker(settings: Settings, ranker: Ranker | None) -> None:
    """Set a worker up: under fork it inherits the parent's loaded ranker (``ranker``), under
    spawn it loads its own."""
    global _worker_settings, _worker_ranker
    _worker_settings = settings
    _worker_ranker = ranker if ranker is not None else loaded_ranker(settings)


def _work(story: Story | InputError) -> dict[str, Any]:
    assert _worker_settings is not None and _worker_ranker is not None
    return summarize_one(story, _worker_settings, _worker_ranker)


def loaded_ranker(settings: Settings) -> Ranker:
    """The settings' ranker with its model already read (and checked), so that a batch pays
    for the load once, before the first story, and forked workers share the loaded pages."""
    ranker = ranker_for(settings)
    ranker.background()  # reads the model file, if the ranker has one
    return ranker


def summarize_stories(
    stories: Iterable[Story | InputError], settings: Settings
) -> Iterator[dict[str, Any]]:
    """Records in input order; with ``settings.jobs`` > 1, stories run in worker processes."""
    ranker = loaded_ranker(settings)
    if settings.jobs <= 1:
        for story in stories:
            yield summarize_one(story, settings, ranker)
        return
    import gc
    import multiprocessing  # only here: a one-process batch does not pay for its import

    load_sentence_splitter()  # before the fork, as the ranker's model: loaded once, shared

    # fork after the load: workers start at once and share the model's pages; spawn elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    inherited = ranker if method == "fork" else None
    # What is loaded so far (modules, model, patterns) lives as long as the workers: frozen
    # during the fork, their collections never walk it, nor write to its shared pages (the gc
    # module's advice for fork; ~15% fewer page copies in the workers). The parent thaws it.
    gc.freeze()
    try:
        pool = context.Pool(settings.jobs, initializer=_init_worker, initargs=(settings, inherited))
    finally:
        gc.unfreeze()
    with pool:
        yield from pool.imap(_work, stories, chunksize=CHUNK)
