"""`storydesk cluster | add | stories | show | digest | eval-cluster`: feeds into stories."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storydesk.cli.common import (
    SUFFIX_FORMATS,
    reports_errors,
    settings_from_flags,
    stderr,
    write_output,
)
from storydesk.errors import InputError
from storydesk.story.render import RENDERERS
from storydesk.types import Article, Story

if TYPE_CHECKING:
    from storydesk.evaluate.cluster import ClusterScore
    from storydesk.feed.cluster import Clustering, ClusterTuning
    from storydesk.feed.desk import DeskStory

# Digest formats by name (the digest's renderers load when one is written).
DIGEST_FORMATS = ("html", "md", "json", "text")

FeedArg = Annotated[str, typer.Argument(help="A JSONL[.gz] feed of articles, a folder, or -.")]
DbOpt = Annotated[Path, typer.Option("--db", help="The desk's SQLite file.")]
SkipOpt = Annotated[bool, typer.Option("--skip-bad", help="Skip malformed lines.")]
WindowOpt = Annotated[
    float | None,
    typer.Option("--window-days", help="Widest date span of a story (default: no hard cut)."),
]
RankerOpt = Annotated[str | None, typer.Option(help="Sentence ranker: learned, centroid, lead.")]
ThresholdOpt = Annotated[
    float | None, typer.Option(help="Average z-score an article needs to join a story.")
]


def stream_feed(source: str, skip_bad: bool) -> Iterator[Article]:
    """Articles of a feed; the first bad line stops with its file:line unless skipped."""
    from storydesk.ingest import read_feed

    empty = True
    for item in read_feed(source, skip_bad=skip_bad):
        if isinstance(item, InputError):
            raise item
        empty = False
        yield item
    if empty:
        raise InputError("empty feed: no article found", where=source, hint="check the input")


def warn_dates(articles: list[Article]) -> None:
    """Say on stderr which articles carry an unreadable date (they are kept, undated)."""
    from storydesk.feed.cluster_tuning import date_problems

    for line in date_problems(articles):
        stderr.print(f"warning: {line}", highlight=False, markup=False)


ConfigOpt = Annotated[Path | None, typer.Option(help="A TOML settings file.")]


def _tuning(
    config: Path | None, threshold: float | None, window_days: float | None
) -> ClusterTuning:
    """Clusterer/desk tuning from Settings (defaults < config < env < these flags)."""
    from storydesk.feed.cluster_tuning import tuning_from

    return tuning_from(
        settings_from_flags(config, cluster_threshold=threshold, window_days=window_days)
    )


def clustering_records(clustering: Clustering) -> list[dict[str, object]]:
    return [
        {
            "story_id": s.id,
            "size": s.size,
            "copies": s.copies,
            "junk": s.junk,
            "title": s.label.title,
            "names": list(s.label.names),
            "terms": list(s.label.terms),
            "sources": list(s.sources),
            "first_published": s.first_published,
            "last_published": s.last_published,
            "article_ids": list(s.article_ids),
        }
        for s in clustering.stories
    ]


@reports_errors
def cluster_command(
    feed: FeedArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or text.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
    threshold: ThresholdOpt = None,
    window_days: WindowOpt = None,
    config: ConfigOpt = None,
    skip_bad: SkipOpt = False,
) -> None:
    """Group a feed of articles into stories; junk pages stay stories of their own."""
    from storydesk.feed.cluster import Clusterer

    if fmt not in ("jsonl", "json", "text"):
        raise InputError(f"unknown format {fmt!r}", hint="choose jsonl, json or text")
    articles = list(stream_feed(feed, skip_bad))
    warn_dates(articles)
    clustering = Clusterer(_tuning(config, threshold, window_days)).cluster(articles)
    if fmt == "jsonl":
        lines = [
            json.dumps({"article_id": a.id, "story_id": clustering.assignments[a.id]})
            for a in articles
        ]
        write_output("\n".join(lines) + "\n", out)
    elif fmt == "json":
        write_output(
            json.dumps(clustering_records(clustering), ensure_ascii=False, indent=2) + "\n", out
        )
    else:
        lines = []
        for s in clustering.stories:
            tag = " [junk]" if s.junk else ""
            lines.append(f"{s.id}  {s.size} article(s){tag}  {s.label.title}")
            if s.label.names or s.label.terms:
                lines.append(f"    {', '.join(s.label.names + s.label.terms)}")
            if s.sources:
                lines.append(f"    sources: {', '.join(s.sources)}")
        write_output("\n".join(lines) + "\n", out)


@reports_errors
def add_command(
    feed: FeedArg,
    db: DbOpt = Path("desk.sqlite"),
    threshold: ThresholdOpt = None,
    window_days: WindowOpt = None,
    config: ConfigOpt = None,
    batch_size: Annotated[
        int | None, typer.Option(help="Articles per committed transaction.")
    ] = None,
    skip_bad: SkipOpt = False,
) -> None:
    """Store a feed's articles in the desk, each joining a live story or starting one."""
    from storydesk.feed.desk import Desk
    from storydesk.ingest.source import article_cap

    settings = settings_from_flags(config, desk_batch_size=batch_size)
    tuning = _tuning(config, threshold, window_days)
    batch, busy = settings.desk_batch_size, settings.desk_busy_timeout
    with (
        Desk(db, tuning, batch_size=batch, timeout=busy) as desk,
        article_cap(settings.max_article_bytes),
    ):
        report = desk.add(stream_feed(feed, skip_bad))
    stderr.print(
        f"added {report.added} article(s) ({report.copies} syndicated copies linked, "
        f"{report.junk} junk pages), {report.new_stories} new stories, "
        f"{report.unchanged} already stored (same id, or the same text under another id)",
        highlight=False,
    )


def _story_record(s: DeskStory) -> dict[str, object]:
    return {
        "story_id": s.id,
        "size": s.size,
        "copies": s.copies,
        "sources": list(s.sources),
        "first_seen": s.first_seen,
        "last_seen": s.last_seen,
        "title": s.label.title,
        "names": list(s.label.names),
        "terms": list(s.label.terms),
        "junk": s.junk,
    }


@reports_errors
def stories_command(
    db: DbOpt = Path("desk.sqlite"),
    limit: Annotated[int | None, typer.Option(help="Only the N largest stories.")] = 50,
    junk: Annotated[bool, typer.Option("--junk", help="List junk pages too.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List the desk's stories, largest first: size, sources, first/last seen, label."""
    from storydesk.feed.desk import open_desk

    if not db.exists():
        raise InputError("no desk database here", where=str(db), hint="run `storydesk add` first")
    with open_desk(db) as desk:
        found = desk.stories(limit=limit, junk=junk)
    if fmt == "json":
        write_output(json.dumps([_story_record(s) for s in found], indent=2) + "\n", None)
        return
    lines = []
    for s in found:
        lines.append(
            f"{s.id:>6}  {s.size:>3} article(s)  {s.first_seen} … {s.last_seen}  {s.label.title}"
        )
        extra = ", ".join(s.label.keywords())
        lines.append(
            f"        {extra}" + (f"  | sources: {', '.join(s.sources)}" if s.sources else "")
        )
    write_output("\n".join(lines) + ("\n" if lines else "no stories yet\n"), None)


@reports_errors
def show_command(
    story_id: Annotated[str, typer.Argument(help="A story id from `storydesk stories`.")],
    db: DbOpt = Path("desk.sqlite"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json, md, html.")] = "text",
    words: Annotated[int | None, typer.Option(help="Word budget.")] = None,
    ranker: RankerOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
) -> None:
    """Print the cited summary of one stored story."""
    from storydesk.feed.desk import open_desk
    from storydesk.story.pipeline import summarize_story
    from storydesk.story.render import render

    if fmt not in RENDERERS:
        raise InputError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(RENDERERS)}")
    if not db.exists():
        raise InputError("no desk database here", where=str(db), hint="run `storydesk add` first")
    settings = settings_from_flags(config, words=words, ranker=ranker)
    with open_desk(db) as desk:
        story: Story = desk.story(story_id)
    write_output(render(summarize_story(story, settings), fmt), out)


@reports_errors
def digest_command(
    feed: FeedArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="digest.html, .md, .json or .txt")],
    limit: Annotated[int, typer.Option(help="How many stories, largest first.")] = 20,
    words: Annotated[int | None, typer.Option(help="Word budget per story.")] = None,
    ranker: RankerOpt = None,
    threshold: ThresholdOpt = None,
    window_days: WindowOpt = None,
    skip_bad: SkipOpt = False,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
) -> None:
    """Cluster a feed, then summarize each story with citations: one page to read."""
    fmt = SUFFIX_FORMATS.get(out.suffix.lower(), out.suffix[1:])
    if fmt not in DIGEST_FORMATS:
        raise InputError(
            f"cannot tell the format from {out.name!r}",
            hint="end --out with .html, .md, .json or .txt",
        )
    # after the cheap check: a mistyped --out is answered before seconds of imports
    from storydesk.feed.cluster import Clusterer
    from storydesk.feed.digest import build_digest, render_digest

    settings = settings_from_flags(config, words=words, ranker=ranker)
    articles = list(stream_feed(feed, skip_bad))
    clusterer = Clusterer(_tuning(config, threshold, window_days))
    digest = build_digest(articles, settings, limit=limit, clusterer=clusterer)
    write_output(render_digest(digest, fmt), out)
    stderr.print(f"{len(digest.entries)} stories written to {out}", highlight=False)


def score_line(score: ClusterScore) -> str:
    return (
        f"{score.name[:28]:<28} {score.mode:<12} {score.articles:>7} {score.seconds:>8.1f} "
        f"{score.articles_per_second:>9.0f} {score.precision:>6.3f} {score.recall:>6.3f} "
        f"{score.f1:>6.3f} {score.ari:>6.3f} {score.found_stories:>7}/{score.true_stories}"
    )


SCORE_HEADER = (
    f"{'feed':<28} {'mode':<12} {'articles':>7} {'seconds':>8} {'art/s':>9} {'B3-P':>6} "
    f"{'B3-R':>6} {'B3-F1':>6} {'ARI':>6} {'found/true':>12}"
)


def gold_beside(path: Path) -> Path | None:
    """``X.gold.json`` next to a feed ``X.jsonl[.gz]``, if there is one."""
    stem = path.name.removesuffix(".gz").removesuffix(".jsonl")
    gold = path.with_name(f"{stem}.gold.json")
    return gold if gold.exists() else None


def _stories(file: Path, limit: int | None, skip_bad: bool) -> list[Story]:
    from storydesk.ingest import read_stories

    stories: list[Story] = []
    for item in read_stories(file, skip_bad=skip_bad):
        if isinstance(item, InputError):
            raise item
        if limit is not None and len(stories) >= limit:
            break
        stories.append(item)
    return stories


@reports_errors
def eval_cluster_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Story-schema JSONL[.gz] files, or feeds with a gold map."),
    ],
    gold: Annotated[
        list[Path] | None,
        typer.Option(
            help="Gold map {article_id: story_id} of a feed, one per feed in order; "
            "default: X.gold.json beside a feed X.jsonl[.gz], else the file is a story file."
        ),
    ] = None,
    mode: Annotated[str, typer.Option(help="batch, incremental or both.")] = "batch",
    limit: Annotated[int | None, typer.Option(help="Only the first N stories.")] = None,
    seed: Annotated[int, typer.Option(help="Shuffle seed.")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    threshold: ThresholdOpt = None,
    window_days: WindowOpt = None,
    config: ConfigOpt = None,
    skip_bad: SkipOpt = False,
) -> None:
    """Cluster feeds with known stories and score them (B-cubed, ARI, speed) in one table."""
    from storydesk.evaluate.cluster import evaluate_clustering, evaluate_feed, read_gold

    if mode not in ("batch", "incremental", "both"):
        raise InputError(f"unknown mode {mode!r}", hint="choose batch, incremental or both")
    modes = ["batch", "incremental"] if mode == "both" else [mode]
    tuning = _tuning(config, threshold, window_days)
    golds = list(gold or [])
    scores = []
    for file in files:
        gold_file = golds.pop(0) if golds else gold_beside(file)
        if gold_file is not None:
            feed = list(stream_feed(str(file), skip_bad))
            truth = read_gold(gold_file)
            scores += [
                evaluate_feed(feed, truth, mode=m, tuning=tuning, name=file.name) for m in modes
            ]
        else:
            stories = _stories(file, limit, skip_bad)
            scores += [
                evaluate_clustering(stories, mode=m, seed=seed, tuning=tuning, name=file.name)
                for m in modes
            ]
    if golds:
        raise InputError(f"{len(golds)} --gold file(s) left over", hint="give one gold per feed")
    if fmt == "json":
        records = [dict(vars(s), articles_per_second=s.articles_per_second) for s in scores]
        write_output(json.dumps(records, indent=2) + "\n", None)
        return
    write_output("\n".join([SCORE_HEADER, *map(score_line, scores)]) + "\n", None)
