"""What every command shares: error reporting, settings from flags, output files."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from storydesk.errors import InputError, StorydeskError
from storydesk.settings import Settings, load_settings
from storydesk.types import Story

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")


@functools.cache
def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


class _LazyConsole:
    """rich's stderr Console, made on first use: importing rich costs start-up time that a
    command which writes nothing to stderr (a batch into a file) need not pay."""

    def __getattr__(self, name: str) -> Any:
        return getattr(stderr_console(), name)


stderr: Console = _LazyConsole()  # type: ignore[assignment]

EXIT_ERROR = 2


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn storydesk errors into one line on stderr and exit code 2: never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except StorydeskError as error:
            from rich.markup import escape

            # Escaped: a message may hold brackets (paths, 'pip install "storydesk[dask]"').
            stderr.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, markup=True)
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            stderr.print("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly.
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper


def settings_from_flags(config: Path | None, **flags: Any) -> Settings:
    """The CLI only maps flags onto Settings; None means "not given"."""
    return load_settings(config=config, **flags)


def write_output(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise StorydeskError(f"cannot write output: {error.strerror}", where=str(out)) from None


# What an --out file's name says about its format, for commands given no --format.
SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".txt": "text",
}


def format_for(fmt: str | None, out: Path | None, default: str) -> str:
    """--format when given, else the one --out's name ends in ("summary.html"), else ``default``."""
    if fmt is not None:
        return fmt
    if out is not None:
        return SUFFIX_FORMATS.get(out.suffix.lower(), default)
    return default


def is_batch(
    inputs: list[str] | None, stories: str | None, fmt: str, formats: Sequence[str]
) -> bool:
    """Whether a command runs a batch (--stories) or one story (inputs), with the format checked
    for that mode: the one rule `summarize` and `compare` share."""
    if stories is not None:
        if inputs:
            raise InputError("give either input files or --stories, not both")
        if fmt not in ("jsonl", "json"):
            raise InputError(f"--stories writes jsonl, not {fmt!r}", hint="use --format jsonl")
        return True
    if not inputs:
        raise InputError("no input given", hint="pass files, a folder, or - to read stdin")
    if fmt not in formats:
        raise InputError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(formats)}")
    return False


def read_story(inputs: list[str], settings: Settings) -> Story:
    """The reports named on the command line (files, folders, "-" for stdin) as one story,
    each article held to the settings' size cap."""
    from storydesk.ingest import read_articles
    from storydesk.ingest.source import article_cap

    with article_cap(settings.max_article_bytes):
        articles = read_articles(inputs, stdin=sys.stdin)
    return Story("story", tuple(articles))
