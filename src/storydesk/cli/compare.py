"""`storydesk compare`: how the reports of one story agree and differ; or a batch of stories."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storydesk.cli.common import reports_errors, settings_from_flags, write_output
from storydesk.errors import InputError

if TYPE_CHECKING:
    from storydesk.settings import Settings

FORMATS = ("text", "md", "json", "html")


@reports_errors
def compare_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Reports: files (.txt .html .jsonl[.gz]), folders, or - for stdin."),
    ] = None,
    stories: Annotated[
        Path | None, typer.Option("--stories", help="Batch: a story-schema JSONL[.gz] file.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, md, json, html; jsonl for --stories.")
    ] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] = None,
    skip_bad: Annotated[
        bool | None, typer.Option("--skip-bad", help="Skip malformed JSONL lines.")
    ] = None,
    jobs: Annotated[int | None, typer.Option(help="Worker processes for --stories.")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N stories.")] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run --stories on Dask: a scheduler address, or local[:N] for N local workers.",
        ),
    ] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
) -> None:
    """Compare reports of one story: conflicts, agreement, exclusives, quotes, timeline."""
    settings = settings_from_flags(config, skip_bad=skip_bad, jobs=jobs)
    if stories is not None:
        if inputs:
            raise InputError("give either input files or --stories, not both")
        if fmt not in ("jsonl", "json"):
            raise InputError(f"--stories writes jsonl, not {fmt!r}", hint="use --format jsonl")
        _batch(stories, settings, out, limit, dask)
        return
    if not inputs:
        raise InputError("no input given", hint="pass files, a folder, or - to read stdin")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    from storydesk.comparison.pipeline import compare_story
    from storydesk.comparison.render import render
    from storydesk.ingest import read_articles
    from storydesk.ingest.source import article_cap
    from storydesk.types import Story

    with article_cap(settings.max_article_bytes):
        articles = read_articles(inputs, stdin=sys.stdin)
    comparison = compare_story(Story("story", tuple(articles)), settings)
    write_output(render(comparison, fmt), out)


def _batch(
    path: Path, settings: Settings, out: Path | None, limit: int | None, dask: str | None
) -> None:
    from storydesk.batch.compare import compare_one, compare_stories
    from storydesk.cli.batch import run_batch

    run_batch(
        path,
        settings,
        out,
        limit,
        dask,
        verb="comparing",
        local=compare_stories,
        worker=compare_one,
    )
