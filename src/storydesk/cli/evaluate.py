"""``storydesk eval`` and ``storydesk gate``: thin typer adapters over storydesk.evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storydesk.cli.common import reports_errors
from storydesk.evaluate.defaults import DEFAULT_FLOORS, DEFAULT_SYSTEMS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from storydesk.evaluate.gate import GateReport
    from storydesk.evaluate.runner import EvalResult


def _stdout() -> Console:
    from rich.console import Console

    # Piped output (CI logs, files) would be squeezed to 80 columns and cut the numbers.
    console = Console()
    return console if console.is_terminal else Console(width=max(console.width, 160))


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def results_table(result: EvalResult) -> Table:
    """The terminal table: F1 and recall ×100 per metric, length and speed per system."""
    from rich import box
    from rich.table import Table

    from storydesk.evaluate.rouge import METRICS, SHORT

    cut = f", outputs cut to {result.cut} words" if result.cut else ""
    table = Table(
        title=(
            f"{result.source}: {result.stories} stories, {result.words}-word budget{cut} "
            "(ROUGE F1 and recall ×100)"
        ),
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    table.add_column("system", no_wrap=True)
    for metric in METRICS:
        table.add_column(f"{SHORT[metric]}\nF1", justify="right", no_wrap=True)
    for metric in METRICS:
        table.add_column(f"{SHORT[metric]}\nrecall", justify="right", no_wrap=True)
    table.add_column("mean\nwords", justify="right", no_wrap=True)
    table.add_column("stories\n/s", justify="right", no_wrap=True)
    readability_headings = ("orphan\n%", "speaker-\nless %", "off-news\nopen %", "frag-\nment %")
    for heading in (*readability_headings, "moji-\nbake"):
        table.add_column(heading, justify="right", no_wrap=True)
    for system in result.systems:
        lengths = system.lengths
        mean_words = sum(lengths) / len(lengths) if lengths else 0.0
        speed = f"{system.stories_per_second:.1f}" if system.seconds > 0 else "-"
        readable = system.readability
        table.add_row(
            system.label + (f" ({system.failures} failed)" if system.failures else ""),
            *[f"{system.mean_f1(m):.2f}" for m in METRICS],
            *[f"{system.mean_recall(m):.2f}" for m in METRICS],
            f"{mean_words:.0f}",
            speed,
            f"{readable.orphan_pct:.1f}",
            f"{readable.speakerless_pct:.1f}",
            f"{readable.off_news_pct:.1f}",
            f"{readable.fragment_pct:.1f}",
            str(readable.mojibake),
        )
    return table


@reports_errors
def eval_command(
    file: Annotated[
        str,
        typer.Argument(help="Story-schema JSONL (.jsonl or .jsonl.gz); with --dask, also a URL."),
    ],
    words: Annotated[int, typer.Option(help="Word budget for every system.")] = 250,
    cut: Annotated[
        int | None, typer.Option(help="Cut every output to its first N words before scoring.")
    ] = None,
    systems: Annotated[
        str,
        typer.Option(
            help="Comma list; storydesk:centroid, storydesk:score or storydesk:centroid+score "
            "pick a ranker, a selector or both."
        ),
    ] = DEFAULT_SYSTEMS,
    limit: Annotated[int | None, typer.Option(help="Only the first N stories.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write a self-contained HTML report.")] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write every number as JSON.")
    ] = None,
    skip_bad: Annotated[bool, typer.Option(help="Skip malformed lines.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask", help="Run on Dask: a scheduler address, or local[:N] for N local workers."
        ),
    ] = None,
) -> None:
    """Measure storydesk and its peers with ROUGE on the same stories, sentences and budget."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from storydesk.evaluate.report import render_html
    from storydesk.evaluate.runner import count_stories, run_eval
    from storydesk.evaluate.systems import make_systems
    from storydesk.settings import load_settings

    settings = load_settings(words=words)
    chosen = make_systems(systems, settings)
    from storydesk.batch.chunks import is_url

    total = None if is_url(file) or not Path(file).exists() else count_stories(Path(file), limit)
    err = _stderr()
    with Progress(
        TextColumn("[bold]eval[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("stories", total=total)
        result = run_eval(
            file,
            chosen,
            words=words,
            cut=cut,
            limit=limit,
            settings=settings,
            skip_bad=skip_bad,
            on_story=lambda done: progress.update(task, completed=done),
            dask=dask,
        )
    _stdout().print(results_table(result))
    if result.skipped:
        err.print(f"skipped {len(result.skipped)} stories (first: {result.skipped[0]})")
    if out is not None:
        out.write_text(render_html(result), encoding="utf-8")
        err.print(f"wrote {out}")
    if json_path is not None:
        json_path.write_text(json.dumps(result.to_dict(), indent=1) + "\n", encoding="utf-8")
        err.print(f"wrote {json_path}")


def gate_table(report: GateReport) -> Table:
    from rich.table import Table

    from storydesk.evaluate.rouge import SHORT

    table = Table(title="quality gate (F1 ×100)")
    for column in ("slice", "system", "metric", "value", "floor", ""):
        table.add_column(column, justify="left" if column in ("slice", "system") else "right")
    for check in report.checks:
        floor = "-" if check.floor is None else f"{check.floor:.2f}"
        status = "ok" if check.ok else "[red]DROP[/]"
        if check.floor is None:
            status = "no floor"
        if check.failures:
            status += f" ({check.failures} {'story' if check.failures == 1 else 'stories'} failed)"
        table.add_row(
            check.slice, check.system, SHORT[check.metric], f"{check.value:.2f}", floor, status
        )
    return table


@reports_errors
def gate_command(
    floors: Annotated[Path, typer.Option(help="Floors file with pinned data digests.")] = (
        DEFAULT_FLOORS
    ),
    data: Annotated[
        Path | None, typer.Option(help="Data root (default: ../shared/data beside the repo).")
    ] = None,
    systems: Annotated[
        str, typer.Option(help="Extra systems to measure (comma list), e.g. to add floors.")
    ] = "",
    only: Annotated[str, typer.Option(help="Only these slices (comma list).")] = "",
    update: Annotated[
        bool, typer.Option("--update-floors", help="Raise floors to the measured values.")
    ] = False,
    allow_lower: Annotated[
        bool, typer.Option(help="With --update-floors: also lower floors (needs --reason).")
    ] = False,
    reason: Annotated[str | None, typer.Option(help="Why a floor may be lowered.")] = None,
) -> None:
    """Fail (exit 1) if storydesk scores below a floor on the pinned slices."""
    from storydesk.evaluate.gate import run_gate, update_floors

    err = _stderr()
    if allow_lower and not update:
        err.print("--allow-lower only makes sense with --update-floors")
        raise typer.Exit(2)
    report = run_gate(
        floors,
        data_root=data,
        systems=[s for s in systems.split(",") if s.strip()],
        slices=[s for s in only.split(",") if s.strip()],
        on_slice=lambda name: err.print(f"gate: {name}"),
    )
    _stdout().print(gate_table(report))
    if update:
        changes = update_floors(floors, report, allow_lower=allow_lower, reason=reason)
        for change in changes:
            err.print(f"floor {change}")
        if not changes:
            err.print("no floor changed")
        return
    if not report.ok:
        err.print(f"[red]quality dropped below {len(report.failures)} floor(s)[/]")
        raise typer.Exit(1)
