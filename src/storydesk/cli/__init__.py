"""The storydesk command line: thin adapters over the library's public functions."""

from __future__ import annotations

import copy
import gc
import os
import sys
from typing import Annotated

import typer

from storydesk import regex_cache
from storydesk.cli.cluster import (
    add_command,
    cluster_command,
    digest_command,
    eval_cluster_command,
    show_command,
    stories_command,
)
from storydesk.cli.compare import compare_command
from storydesk.cli.evaluate import eval_command, gate_command
from storydesk.cli.serve import serve_command
from storydesk.cli.summarize import summarize_command
from storydesk.cli.train import train_command

app = typer.Typer(
    name="storydesk",
    help="Many news reports in, one faithful, cited story out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich help formatting alone costs ~0.1 s of imports at every --help.
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from storydesk import __version__

        typer.echo(f"storydesk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Many news reports in, one faithful, cited story out."""


# The explicit list of commands: nothing registers itself by being imported.
app.command("summarize")(summarize_command)
app.command("compare")(compare_command)
app.command("train")(train_command)
app.command("eval")(eval_command)
app.command("gate")(gate_command)
app.command("cluster")(cluster_command)
app.command("add")(add_command)
app.command("stories")(stories_command)
app.command("show")(show_command)
app.command("digest")(digest_command)
app.command("eval-cluster")(eval_cluster_command)
app.command("serve")(serve_command)


def _one_command_app(name: str) -> typer.Typer | None:
    """The app with the root options and only the command ``name`` (None: no such command).
    Click builds every registered command's parameters at each start (~30 ms for all twelve);
    a run needs the one it runs, and its help and errors read the same."""
    for info in app.registered_commands:
        if info.name == name:
            single = copy.copy(app)
            single.registered_commands = [info]
            return single
    return None


# Commands whose matrices are one story's sentences: BLAS threads only cost them.
_PER_STORY_COMMANDS = frozenset({"summarize", "compare"})


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name in _PER_STORY_COMMANDS:
        # OpenBLAS starts a thread per core when NumPy is imported (~0.04 s of CPU here) for
        # products of a few hundred rows. A user's own setting wins.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # Start-up imports ~50,000 objects that live as long as the process; the default
    # collection every 700 new ones walks them again and again (~35 ms of each start) and
    # finds nothing to free. Collections still run, every 50,000.
    gc.set_threshold(50_000, 10, 10)
    try:
        (_one_command_app(name) or app)()
    finally:
        # Patterns compiled for the first time are kept for the next run, beside the bytecode.
        regex_cache.save_if_new()
