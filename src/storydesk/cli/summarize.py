"""`storydesk summarize`: one story from files, folders or stdin; or a batch of stories."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from storydesk.cli.common import reports_errors, settings_from_flags, stderr, write_output
from storydesk.errors import InputError
from storydesk.story.render import RENDERERS, render
from storydesk.types import Story

if TYPE_CHECKING:
    from storydesk.settings import Settings


@reports_errors
def summarize_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files (.txt .html .jsonl[.gz]), folders, or - for stdin."),
    ] = None,
    stories: Annotated[
        Path | None, typer.Option("--stories", help="Batch: a story-schema JSONL[.gz] file.")
    ] = None,
    words: Annotated[int | None, typer.Option(help="Word budget (default 250).")] = None,
    sentences: Annotated[int | None, typer.Option(help="Sentence budget instead of words.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, json, md, html; jsonl for --stories.")
    ] = "text",
    ranker: Annotated[
        str | None, typer.Option(help="Sentence ranker: learned, centroid, lead.")
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="A ranker model from `storydesk train`.")
    ] = None,
    selector: Annotated[
        str | None,
        typer.Option(help="coverage (score plus bigrams reports share) or score (score alone)."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] = None,
    skip_bad: Annotated[
        bool | None, typer.Option("--skip-bad", help="Skip malformed JSONL lines.")
    ] = None,
    jobs: Annotated[int | None, typer.Option(help="Worker processes for --stories.")] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run --stories on Dask: a scheduler address, or local[:N] for N local workers.",
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N stories.")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
) -> None:
    """Summarize reports of one story with citations, or a batch with --stories."""
    settings = settings_from_flags(
        config,
        words=words,
        sentences=sentences,
        ranker=ranker,
        model=str(model) if model else None,
        selector=selector,
        skip_bad=skip_bad,
        jobs=jobs,
    )
    if stories is not None:
        if inputs:
            raise InputError("give either input files or --stories, not both")
        if fmt not in ("jsonl", "json"):
            raise InputError(f"--stories writes jsonl, not {fmt!r}", hint="use --format jsonl")
        _batch(stories, settings, out, limit, dask)
        return
    if not inputs:
        raise InputError("no input given", hint="pass files, a folder, or - to read stdin")
    if fmt not in RENDERERS:
        raise InputError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(RENDERERS)}")
    from storydesk.ingest import read_articles
    from storydesk.ingest.source import article_cap
    from storydesk.story.pipeline import summarize_story

    with article_cap(settings.max_article_bytes):
        articles = read_articles(inputs, stdin=sys.stdin)
    summary = summarize_story(Story("story", tuple(articles)), settings)
    write_output(render(summary, fmt), out)


def _batch(
    path: Path, settings: Settings, out: Path | None, limit: int | None, dask: str | None = None
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from storydesk.batch.local import summarize_record, summarize_stories
    from storydesk.ingest import read_stories

    def limited() -> Iterator[Story | InputError]:
        for n, item in enumerate(read_stories(path, skip_bad=settings.skip_bad)):
            if limit is not None and n >= limit:
                return
            if isinstance(item, InputError) and not settings.skip_bad:
                raise item
            yield item

    def on_dask(spec: str) -> Iterator[dict[str, Any]]:
        from storydesk.batch.dask_runner import run_on_dask

        for n, item in enumerate(run_on_dask(str(path), summarize_record, settings, spec)):
            if limit is not None and n >= limit:
                return
            if isinstance(item, InputError):
                raise item
            yield item

    from storydesk.ingest.source import article_cap

    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    failures = 0
    try:
        with (
            article_cap(settings.max_article_bytes),
            Progress(
                TextColumn("[bold]summarizing"),
                BarColumn(),
                TextColumn("{task.completed} stories"),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
                disable=not stderr.is_terminal,
            ) as progress,
        ):
            task = progress.add_task("stories", total=None)
            records = summarize_stories(limited(), settings) if dask is None else on_dask(dask)
            for record in records:
                failures += "error" in record
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if out:
            sink.close()
    if failures:
        stderr.print(f"{failures} stories failed; see their error records")
