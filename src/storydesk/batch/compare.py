"""Compare many stories: one record per story, a failing story never stops the rest.

The same shape as ``batch.local.summarize_stories`` so a distributed runner can map
``compare_one`` over stories just as it maps ``summarize_one``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from storydesk.batch.local import error_record
from storydesk.comparison.pipeline import compare_story
from storydesk.errors import InputError, StorydeskError
from storydesk.settings import Settings
from storydesk.types import Story

_worker_settings: Settings | None = None


def compare_one(story: Story | InputError, settings: Settings) -> dict[str, Any]:
    """The comparison record of one story (the JSON contract), or its error record."""
    if isinstance(story, InputError):
        return error_record(None, story)
    try:
        return compare_story(story, settings).to_dict()
    except StorydeskError as error:
        return error_record(story.id, error)


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _work(story: Story | InputError) -> dict[str, Any]:
    assert _worker_settings is not None
    return compare_one(story, _worker_settings)


def compare_stories(
    stories: Iterable[Story | InputError], settings: Settings
) -> Iterator[dict[str, Any]]:
    """Records in input order; with ``settings.jobs`` > 1, stories run in worker processes."""
    if settings.jobs <= 1:
        for story in stories:
            yield compare_one(story, settings)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(settings.jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_work, stories, chunksize=8)
