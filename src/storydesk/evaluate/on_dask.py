"""``storydesk eval --dask``: every system runs on Dask workers, story by story; scored here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from storydesk.batch.dask_runner import run_on_dask
from storydesk.errors import InputError
from storydesk.evaluate.runner import _default_preparer, story_outputs
from storydesk.evaluate.system import System
from storydesk.settings import Settings
from storydesk.types import Story


def eval_story(
    story: Story, settings: Settings, *, systems: Sequence[System], words: int, cut: int | None
) -> dict[str, Any]:
    """The per-story worker function of ``eval``: every system's output for one story."""
    return story_outputs(story, systems, words=words, cut=cut, prepare=_default_preparer(settings))


def dask_runs(
    path: Path | str,
    systems: Sequence[System],
    settings: Settings,
    spec: str,
    limit: int | None,
    words: int = 250,
    cut: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Run records of the first ``limit`` stories in input order; a bad line stops the run."""
    work = partial(eval_story, systems=tuple(systems), words=words, cut=cut)
    for count, item in enumerate(run_on_dask(str(path), work, settings, spec)):
        if limit is not None and count >= limit:
            return
        if isinstance(item, InputError):
            raise item
        yield item
