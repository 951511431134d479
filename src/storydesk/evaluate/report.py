"""A self-contained HTML page of an eval run: inline CSS and SVG, no external resource."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from storydesk.evaluate.rouge import METRICS, SHORT
from storydesk.evaluate.runner import EvalResult, StoryResult, SystemResult

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:1200px;color:#1d2430;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #dde;
padding-bottom:.3rem}.meta{color:#5a6475;font-size:.9rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:1rem 0}
th,td{padding:.35rem .45rem;border-bottom:1px solid #e4e7ee;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f3f5f9}
tr.ours td{font-weight:600;background:#f2f8ff}
.charts{display:flex;flex-wrap:wrap;gap:1.2rem}.chart{border:1px solid #e4e7ee;
border-radius:6px;padding:.6rem}.chart h3{margin:.1rem 0 .4rem;font-size:1rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.6rem 0 1.4rem}
.pair div{background:#f7f8fb;border:1px solid #e4e7ee;border-radius:6px;padding:.6rem .8rem;
font-size:.92rem}.pair h4{margin:.1rem 0 .4rem;font-size:.85rem;color:#5a6475}
.story h3{font-size:1rem;margin-bottom:0}.scores{color:#5a6475;font-size:.85rem}
"""

_COLORS = ("#2f6fdf", "#e07b39", "#3aa675", "#b04fc6", "#d14b5a", "#6c7a89", "#c9a227", "#2bb0c2")


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _color(index: int) -> str:
    return _COLORS[index % len(_COLORS)]


def _table(result: EvalResult, ours: str | None) -> str:
    head = "".join(f"<th>{SHORT[m]} F1</th>" for m in METRICS)
    head += "".join(f"<th>{SHORT[m]} R</th>" for m in METRICS)
    rows = []
    for system in result.systems:
        cells = "".join(f"<td>{_fmt(system.mean_f1(m))}</td>" for m in METRICS)
        cells += "".join(f"<td>{_fmt(system.mean_recall(m))}</td>" for m in METRICS)
        lengths = system.lengths
        mean_words = sum(lengths) / len(lengths) if lengths else 0.0
        speed = f"{system.stories_per_second:.1f}" if system.seconds > 0 else "–"
        css = ' class="ours"' if system.label == ours else ""
        readable = system.readability
        rows.append(
            f"<tr{css}><td>{escape(system.label)}</td>{cells}<td>{mean_words:.0f}</td>"
            f"<td>{speed}</td><td>{readable.orphan_pct:.1f}</td>"
            f"<td>{readable.speakerless_pct:.1f}</td><td>{readable.off_news_pct:.1f}</td>"
            f"<td>{readable.fragment_pct:.1f}</td><td>{readable.mojibake}</td></tr>"
        )
    return (
        f'<table id="results"><thead><tr><th>system</th>{head}<th>words</th>'
        "<th>stories/s</th><th>orphan %</th><th>speakerless quotation %</th>"
        "<th>not opening on the news %</th><th>fragment %</th><th>mojibake</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _bar_chart(title: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """Horizontal bars, one per system, on a 0..max scale."""
    # Labels such as "storydesk:centroid" must not be clipped: size the column to them.
    label_w = 12 + 7 * max((len(label) for label in labels), default=8)
    width, bar_h, gap = label_w + 260, 18, 6
    top = max(values, default=0.0) or 1.0
    height = len(values) * (bar_h + gap) + gap
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(title)}">']
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = gap + index * (bar_h + gap)
        length = (width - label_w - 50) * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" '
            f'fill="{_color(index)}"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + bar_h - 5}" font-size="12">'
            f"{_fmt(value)}</text>"
        )
    parts.append("</svg>")
    return f'<div class="chart"><h3>{escape(title)}</h3>{"".join(parts)}</div>'


def _histogram(system: SystemResult, budget: int, index: int) -> str:
    """Output lengths in words, ten bins from 0 to the budget (longer ones in the last)."""
    bins = 10
    step = max(budget / bins, 1.0)
    counts = [0] * bins
    for words in system.lengths:
        counts[min(int(words / step), bins - 1)] += 1
    width, height, pad = 260, 120, 22
    top = max(counts, default=0) or 1
    bar_w = (width - 2 * pad) / bins
    parts = [
        f'<svg width="{width}" height="{height + pad}" '
        f'role="img" aria-label="lengths of {escape(system.label)}">'
    ]
    for b, count in enumerate(counts):
        h = (height - pad) * count / top
        x = pad + b * bar_w
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
            f'fill="{_color(index)}"><title>{b * step:.0f}–{(b + 1) * step:.0f} words: '
            f"{count}</title></rect>"
        )
    parts.append(
        f'<text x="{pad}" y="{height + 14}" font-size="11">0</text>'
        f'<text x="{width - pad}" y="{height + 14}" font-size="11" text-anchor="end">'
        f"{budget} words</text></svg>"
    )
    return f'<div class="chart"><h3>{escape(system.label)}</h3>{"".join(parts)}</div>'


def _story_quality(story: StoryResult) -> float:
    return story.f1["rouge1"] + story.f1["rouge2"] + story.f1["rougeL"]


def _story_block(story: StoryResult, references: Sequence[str]) -> str:
    refs = "".join(f"<p>{escape(r)}</p>" for r in references)
    output = "".join(f"<p>{escape(s)}</p>" for s in story.output) or "<p><em>(empty)</em></p>"
    scores = ", ".join(f"{SHORT[m]} {_fmt(story.f1[m])}" for m in METRICS)
    return (
        f'<section class="story"><h3>{escape(story.story_id)}</h3>'
        f'<p class="scores">F1: {escape(scores)}; {story.words} words'
        f"{'; error: ' + escape(story.error) if story.error else ''}</p>"
        f'<div class="pair"><div><h4>reference</h4>{refs}</div>'
        f"<div><h4>output</h4>{output}</div></div></section>"
    )


def _focus(result: EvalResult) -> SystemResult | None:
    """The system whose best and worst stories are shown: storydesk if it ran."""
    for system in result.systems:
        if system.label.split(":")[0] == "storydesk":
            return system
    candidates = [s for s in result.systems if s.label != "oracle"]
    return candidates[0] if candidates else None


def render_html(result: EvalResult, *, title: str = "storydesk eval") -> str:
    """The whole report as one HTML string."""
    focus = _focus(result)
    ours = focus.label if focus else None
    labels = [s.label for s in result.systems]
    charts = "".join(
        _bar_chart(f"{SHORT[m]} F1 ×100", labels, [s.mean_f1(m) for s in result.systems])
        for m in METRICS
    )
    histograms = "".join(
        _histogram(system, result.cut or result.words, index)
        for index, system in enumerate(result.systems)
    )
    cut = f", outputs cut to their first {result.cut} words" if result.cut else ""
    meta = (
        f"{escape(result.source)} · {result.stories} stories · word budget {result.words}{cut}"
        + (f" · sha256 {escape(result.sha256[:16])}…" if result.sha256 else "")
        + (f" · {len(result.skipped)} skipped" if result.skipped else "")
    )
    stories = ""
    if focus is not None and focus.stories:
        ranked = sorted(focus.stories, key=lambda s: (-_story_quality(s), s.story_id))
        best, worst = ranked[:5], list(reversed(ranked[-5:]))
        stories = (
            f"<h2>{escape(focus.label)}: five best stories</h2>"
            + "".join(_story_block(s, result.references[s.story_id]) for s in best)
            + f"<h2>{escape(focus.label)}: five worst stories</h2>"
            + "".join(_story_block(s, result.references[s.story_id]) for s in worst)
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="meta">{meta}</p>'
        '<p class="meta">ROUGE with rouge-score conventions (Porter stemming; ROUGE-Lsum with '
        "one sentence per line), ×100, mean over references per story then over stories. "
        "Every system gets the same sentences and word budget.</p>"
        '<p class="meta">Readability (definitions in storydesk.evaluate.readability): orphan % '
        "of sentences lean on a predecessor (he, but, however, lower case, a continued "
        "quotation) that is not right before them; speakerless quotation % of sentences are "
        "mostly quoted with no speaker in or next to them; not opening on the news % of "
        "summaries start on a quotation, an orphan or a question; fragment % of sentences do "
        "not end as one (cut off, a heading, a lead-in); mojibake counts U+FFFD and "
        "mis-decoded sequences.</p>"
        f"<h2>Results</h2>{_table(result, ours)}"
        f'<h2>F1 by metric</h2><div class="charts">{charts}</div>'
        f'<h2>Output length (words)</h2><div class="charts">{histograms}</div>'
        f"{stories}</body></html>"
    )
