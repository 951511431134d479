"""A self-contained HTML page of an eval run: inline CSS and SVG, no external resource.

This module computes what the page shows (a small typed view model: table rows, bar and
histogram geometry, story blocks); ``templates/eval_report.html.j2`` lays it out, escaping
every text that comes from data (labels, story ids, references, outputs, errors, the source).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storydesk.evaluate.rouge import METRICS, SHORT
from storydesk.evaluate.runner import EvalResult, StoryResult, SystemResult
from storydesk.templating import render_template

_COLORS = ("#2f6fdf", "#e07b39", "#3aa675", "#b04fc6", "#d14b5a", "#6c7a89", "#c9a227", "#2bb0c2")
# Bar charts: the value column is this wide after the label column; bars and gaps in px.
_BAR_AREA, _BAR_HEIGHT, _BAR_GAP = 260, 18, 6
# Histograms: ten bins from 0 to the word budget, in a box of this size (px).
_BINS, _HIST_WIDTH, _HIST_HEIGHT, _HIST_PAD = 10, 260, 120, 22
_SHOWN_STORIES = 5


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _color(index: int) -> str:
    return _COLORS[index % len(_COLORS)]


@dataclass(frozen=True)
class ResultsRow:
    """One system's ROUGE, length and speed numbers, already formatted."""

    label: str
    ours: bool
    f1: tuple[str, ...]
    recall: tuple[str, ...]
    words: str
    speed: str


@dataclass(frozen=True)
class ReadabilityRow:
    """One system's readability counts, already formatted."""

    label: str
    ours: bool
    orphan: str
    speakerless: str
    off_news: str
    fragment: str
    mojibake: str


@dataclass(frozen=True)
class Bar:
    """One system's bar in a chart: label at the left, bar, value right after it."""

    label: str
    value: str
    color: str
    y: int
    text_y: int
    length: float


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Bin:
    """One histogram bar and its tooltip."""

    x: float
    y: float
    width: float
    height: float
    tooltip: str


@dataclass(frozen=True)
class Histogram:
    label: str
    color: str
    width: int
    height: int
    pad: int
    budget: int
    bins: tuple[Bin, ...]


@dataclass(frozen=True)
class StoryBlock:
    """One story of the focus system: its scores, references and output side by side."""

    story_id: str
    scores: str
    words: int
    error: str | None
    references: tuple[str, ...]
    output: tuple[str, ...]


@dataclass(frozen=True)
class ReportView:
    """Everything the template shows; every string in it is plain text, escaped on rendering."""

    title: str
    meta: str
    metrics: tuple[str, ...]
    results: tuple[ResultsRow, ...]
    readability: tuple[ReadabilityRow, ...]
    charts: tuple[BarChart, ...]
    histograms: tuple[Histogram, ...]
    focus: str | None
    best: tuple[StoryBlock, ...]
    worst: tuple[StoryBlock, ...]


def _results_row(system: SystemResult, ours: bool) -> ResultsRow:
    lengths = system.lengths
    mean_words = sum(lengths) / len(lengths) if lengths else 0.0
    return ResultsRow(
        label=system.label,
        ours=ours,
        f1=tuple(_fmt(system.mean_f1(m)) for m in METRICS),
        recall=tuple(_fmt(system.mean_recall(m)) for m in METRICS),
        words=f"{mean_words:.0f}",
        speed=f"{system.stories_per_second:.1f}" if system.seconds > 0 else "–",
    )


def _readability_row(system: SystemResult, ours: bool) -> ReadabilityRow:
    readable = system.readability
    return ReadabilityRow(
        label=system.label,
        ours=ours,
        orphan=f"{readable.orphan_pct:.1f}",
        speakerless=f"{readable.speakerless_pct:.1f}",
        off_news=f"{readable.off_news_pct:.1f}",
        fragment=f"{readable.fragment_pct:.1f}",
        mojibake=str(readable.mojibake),
    )


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float]) -> BarChart:
    """Horizontal bars, one per system, on a 0..max scale."""
    # Labels such as "storydesk:centroid" must not be clipped: size the column to them.
    label_width = 12 + 7 * max((len(label) for label in labels), default=8)
    width = label_width + _BAR_AREA
    top = max(values, default=0.0) or 1.0
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = _BAR_GAP + index * (_BAR_HEIGHT + _BAR_GAP)
        bars.append(
            Bar(
                label=label,
                value=_fmt(value),
                color=_color(index),
                y=y,
                text_y=y + _BAR_HEIGHT - 5,
                # 50 px stay free right of the longest bar for its value.
                length=(width - label_width - 50) * value / top,
            )
        )
    return BarChart(
        title=title,
        width=width,
        height=len(bars) * (_BAR_HEIGHT + _BAR_GAP) + _BAR_GAP,
        label_width=label_width,
        bar_height=_BAR_HEIGHT,
        bars=tuple(bars),
    )


def histogram(system: SystemResult, budget: int, index: int) -> Histogram:
    """Output lengths in words, ten bins from 0 to the budget (longer ones in the last)."""
    step = max(budget / _BINS, 1.0)
    counts = [0] * _BINS
    for words in system.lengths:
        counts[min(int(words / step), _BINS - 1)] += 1
    top = max(counts, default=0) or 1
    bar_width = (_HIST_WIDTH - 2 * _HIST_PAD) / _BINS
    bins = []
    for number, count in enumerate(counts):
        height = (_HIST_HEIGHT - _HIST_PAD) * count / top
        bins.append(
            Bin(
                x=_HIST_PAD + number * bar_width,
                y=_HIST_HEIGHT - height,
                width=bar_width - 2,
                height=height,
                tooltip=f"{number * step:.0f}–{(number + 1) * step:.0f} words: {count}",
            )
        )
    return Histogram(
        label=system.label,
        color=_color(index),
        width=_HIST_WIDTH,
        height=_HIST_HEIGHT,
        pad=_HIST_PAD,
        budget=budget,
        bins=tuple(bins),
    )


def _story_quality(story: StoryResult) -> float:
    return story.f1["rouge1"] + story.f1["rouge2"] + story.f1["rougeL"]


def _story_block(story: StoryResult, references: Sequence[str]) -> StoryBlock:
    return StoryBlock(
        story_id=story.story_id,
        scores=", ".join(f"{SHORT[m]} {_fmt(story.f1[m])}" for m in METRICS),
        words=story.words,
        error=story.error,
        references=tuple(references),
        output=tuple(story.output),
    )


def _focus(result: EvalResult) -> SystemResult | None:
    """The system whose best and worst stories are shown: storydesk if it ran."""
    for system in result.systems:
        if system.label.split(":")[0] == "storydesk":
            return system
    candidates = [s for s in result.systems if s.label != "oracle"]
    return candidates[0] if candidates else None


def _meta(result: EvalResult) -> str:
    cut = f", outputs cut to their first {result.cut} words" if result.cut else ""
    return (
        f"{result.source} · {result.stories} stories · word budget {result.words}{cut}"
        + (f" · sha256 {result.sha256[:16]}…" if result.sha256 else "")
        + (f" · {len(result.skipped)} skipped" if result.skipped else "")
    )


def report_view(result: EvalResult, *, title: str = "storydesk eval") -> ReportView:
    """What the page shows, computed; ``render_html`` lays it out."""
    focus = _focus(result)
    ours = focus.label if focus else None
    labels = [s.label for s in result.systems]
    best: list[StoryBlock] = []
    worst: list[StoryBlock] = []
    if focus is not None and focus.stories:
        ranked = sorted(focus.stories, key=lambda s: (-_story_quality(s), s.story_id))
        best = [_story_block(s, result.references[s.story_id]) for s in ranked[:_SHOWN_STORIES]]
        worst = [
            _story_block(s, result.references[s.story_id])
            for s in reversed(ranked[-_SHOWN_STORIES:])
        ]
    return ReportView(
        title=title,
        meta=_meta(result),
        metrics=tuple(SHORT[m] for m in METRICS),
        results=tuple(_results_row(s, s.label == ours) for s in result.systems),
        readability=tuple(_readability_row(s, s.label == ours) for s in result.systems),
        charts=tuple(
            bar_chart(f"{SHORT[m]} F1 ×100", labels, [s.mean_f1(m) for s in result.systems])
            for m in METRICS
        ),
        histograms=tuple(
            histogram(system, result.cut or result.words, index)
            for index, system in enumerate(result.systems)
        ),
        focus=ours if best else None,
        best=tuple(best),
        worst=tuple(worst),
    )


def render_html(result: EvalResult, *, title: str = "storydesk eval") -> str:
    """The whole report as one HTML string (templates/eval_report.html.j2, autoescaped)."""
    return render_template("eval_report.html.j2", report=report_view(result, title=title))
