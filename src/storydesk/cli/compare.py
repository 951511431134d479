"""`storydesk compare`: how the reports of one story agree and differ; or a batch of stories."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storydesk.cli.common import (
    format_for,
    is_batch,
    read_story,
    reports_errors,
    settings_from_flags,
    write_output,
)

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
        str | None,
        typer.Option(
            "--stories",
            help="Batch: a story-schema JSONL[.gz] file (with --dask, also an fsspec URL).",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, md, json, html (default: --out's suffix, else text); jsonl for --stories.",
        ),
    ] = None,
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
    fmt = format_for(fmt, out, "jsonl" if stories is not None else "text")
    if is_batch(inputs, stories, fmt, list(FORMATS)):
        assert stories is not None  # is_batch checked it
        _batch(stories, settings, out, limit, dask)
        return
    assert inputs  # is_batch checked them
    from storydesk.comparison.pipeline import compare_story
    from storydesk.comparison.render import render

    comparison = compare_story(read_story(inputs, settings), settings)
    write_output(render(comparison, fmt), out)


def _batch(
    path: str, settings: Settings, out: Path | None, limit: int | None, dask: str | None
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
