"""The batch loop `summarize --stories` and `compare --stories` share: stories in, one JSON line
per story out, on local workers (--jobs) or on Dask (--dask), with a progress bar on a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storydesk.cli.common import stderr, stderr_console
from storydesk.errors import InputError

if TYPE_CHECKING:
    from storydesk.settings import Settings
    from storydesk.types import Story

Record = dict[str, Any]
LocalRunner = Callable[[Iterable["Story | InputError"], "Settings"], Iterator[Record]]
StoryWorker = Callable[["Story", "Settings"], Record]


def _is_url(path: str) -> bool:
    from storydesk.batch.chunks import is_url

    return is_url(path)


def run_batch(
    path: str,
    settings: Settings,
    out: Path | None,
    limit: int | None,
    dask: str | None,
    *,
    verb: str,
    local: LocalRunner,
    worker: StoryWorker,
) -> None:
    """Write one record per story of ``path``; a malformed line stops the run with its
    file:line unless ``settings.skip_bad``; a failing story is an error record, the rest run."""
    from storydesk.ingest import read_stories
    from storydesk.ingest.source import article_cap

    # is_url's module (Dask's chunking) is imported only for a path that may be a URL.
    if dask is None and "://" in path and _is_url(path):
        raise InputError(
            "a URL is read only by Dask workers",
            where=path,
            hint="add --dask local (or --dask ADDRESS), or download the file and pass its path",
        )

    def limited() -> Iterator[Story | InputError]:
        for n, item in enumerate(read_stories(Path(path), skip_bad=settings.skip_bad)):
            if limit is not None and n >= limit:
                return
            if isinstance(item, InputError) and not settings.skip_bad:
                raise item
            yield item

    def on_dask(spec: str) -> Iterator[Record]:
        from storydesk.batch.dask_runner import run_on_dask

        for n, item in enumerate(run_on_dask(path, worker, settings, spec)):
            if limit is not None and n >= limit:
                return
            if isinstance(item, InputError):
                raise item
            yield item

    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    failures = 0
    try:
        with (
            article_cap(settings.max_article_bytes),
            _progress(verb) as advance,
        ):
            records = local(limited(), settings) if dask is None else on_dask(dask)
            for record in records:
                failures += "error" in record
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                advance()
    finally:
        if out:
            sink.close()
    if failures:
        stderr.print(f"{failures} stories failed; see their error records")


@contextmanager
def _progress(verb: str) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal (advance() per story); nothing at all otherwise, so that a
    batch writing to a pipe or file does not import rich's progress machinery."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        TextColumn("{task.completed} stories"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("stories", total=None)
        yield lambda: progress.advance(task)
