"""`storydesk compare`: how the reports of one story agree and differ; or a batch of stories."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storydesk.cli.common import reports_errors, settings_from_flags, stderr, write_output
from storydesk.errors import InputError

if TYPE_CHECKING:
    from storydesk.settings import Settings
    from storydesk.types import Story

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
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
) -> None:
    """Compare reports of one story: conflicts, agreement, exclusives, quotes, timeline."""
    settings = settings_from_flags(config, skip_bad=skip_bad, jobs=jobs)
    if stories is not None:
        if inputs:
            raise InputError("give either input files or --stories, not both")
        if fmt not in ("jsonl", "json"):
            raise InputError(f"--stories writes jsonl, not {fmt!r}", hint="use --format jsonl")
        _batch(stories, settings, out, limit)
        return
    if not inputs:
        raise InputError("no input given", hint="pass files, a folder, or - to read stdin")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    from storydesk.comparison.pipeline import compare_story
    from storydesk.comparison.render import render
    from storydesk.ingest import read_articles
    from storydesk.types import Story

    articles = read_articles(inputs, stdin=sys.stdin)
    comparison = compare_story(Story("story", tuple(articles)), settings)
    write_output(render(comparison, fmt), out)


def _batch(path: Path, settings: Settings, out: Path | None, limit: int | None) -> None:
    from storydesk.batch.compare import compare_stories
    from storydesk.ingest import read_stories

    def limited() -> Iterator[Story | InputError]:
        for n, item in enumerate(read_stories(path, skip_bad=settings.skip_bad)):
            if limit is not None and n >= limit:
                return
            if isinstance(item, InputError) and not settings.skip_bad:
                raise item
            yield item

    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    failures = 0
    try:
        for record in compare_stories(limited(), settings):
            failures += "error" in record
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    if failures:
        stderr.print(f"{failures} stories failed; see their error records")
