"""`storydesk summarize`: one story from files, folders or stdin; or a batch of stories."""

from __future__ import annotations

import json
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
from storydesk.story.render import RENDERERS, render
from storydesk.types import Story

if TYPE_CHECKING:
    from storydesk.settings import Settings
    from storydesk.story.pipeline import Prepared
    from storydesk.types import Summary


@reports_errors
def summarize_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files (.txt .html .jsonl[.gz]), folders, or - for stdin."),
    ] = None,
    stories: Annotated[
        str | None,
        typer.Option(
            "--stories",
            help="Batch: a story-schema JSONL[.gz] file (with --dask, also an fsspec URL).",
        ),
    ] = None,
    words: Annotated[int | None, typer.Option(help="Word budget (default 250).")] = None,
    sentences: Annotated[int | None, typer.Option(help="Sentence budget instead of words.")] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, md, html (default: --out's suffix, else text); jsonl for --stories.",
        ),
    ] = None,
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
    fmt = format_for(fmt, out, "jsonl" if stories is not None else "text")
    if is_batch(inputs, stories, fmt, list(RENDERERS)):
        assert stories is not None  # is_batch checked it
        _batch(stories, settings, out, limit, dask)
        return
    assert inputs  # is_batch checked them
    from storydesk.story.pipeline import prepare, representative_subset, summarize_prepared

    story = read_story(inputs, settings)
    part, notes = representative_subset(story, settings.story_max_articles)
    prepared = prepare(part, settings)
    summary = summarize_prepared(prepared, settings, notes=notes)
    if fmt in ("json", "html"):  # these carry the comparison of the sources too
        # The comparison reuses the summary's cleaning, unless the summary read a subset.
        shared = prepared if part is story else None
        write_output(_with_comparison(summary, story, settings, fmt, shared), out)
        return
    write_output(render(summary, fmt), out)


def _with_comparison(
    summary: Summary, story: Story, settings: Settings, fmt: str, prepared: Prepared | None
) -> str:
    """The summary's JSON with the comparison under "compare", or its page with a section."""
    from storydesk.comparison.pipeline import compare_story
    from storydesk.comparison.render import comparison_record, with_section
    from storydesk.comparison.types import Comparison
    from storydesk.errors import StorydeskError
    from storydesk.story.render import to_dict

    comparison: Comparison | StorydeskError
    try:
        comparison = compare_story(story, settings, prepared)
    except StorydeskError as error:  # the summary stands without its comparison
        comparison = error
    if fmt == "json":
        record = {**to_dict(summary), "compare": comparison_record(comparison)}
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    page = render(summary, fmt)
    return page if isinstance(comparison, StorydeskError) else with_section(page, comparison)


def _batch(
    path: str, settings: Settings, out: Path | None, limit: int | None, dask: str | None = None
) -> None:
    from storydesk.batch.local import summarize_record, summarize_stories
    from storydesk.cli.batch import run_batch

    run_batch(
        path,
        settings,
        out,
        limit,
        dask,
        verb="summarizing",
        local=summarize_stories,
        worker=summarize_record,
    )
