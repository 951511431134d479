"""A comparison as text, Markdown, JSON or HTML (Jinja2, autoescaped), for people to read.

Each claim carries source markers ([1], [2] …) numbered like the summary's source list; the
HTML shows the two sides of a conflict side by side, each with its sources.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storydesk.comparison.types import Claim, Comparison, Conflict
from storydesk.errors import ConfigError, StorydeskError
from storydesk.templating import environment, safe_url
from storydesk.types import Article, Citation

WIDTH = 100
_HEADINGS = {"number": "Numbers", "name": "Names", "date": "Dates", "age": "Ages",
             "place": "Places", "other": "Other"}  # fmt: skip


def _numbers(comparison: Comparison, citations: Sequence[Citation]) -> list[int]:
    return sorted({comparison.source_number(c.document_id) for c in citations})


def _markers(comparison: Comparison, citations: Sequence[Citation], md: bool = False) -> str:
    return "".join(f"[^{n}]" if md else f"[{n}]" for n in _numbers(comparison, citations))


def source_name(article: Article) -> str:
    parts = [article.title or article.id]
    parts += [x for x in (article.source, article.published, article.url) if x and x not in parts]
    return " — ".join(parts)


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent + "  "
    )


def _is_empty(comparison: Comparison) -> bool:
    return not (
        comparison.conflicts
        or comparison.refinements
        or comparison.agreement
        or comparison.exclusives
        or comparison.quotes
        or comparison.timeline
    )


def _conflict_lines(comparison: Comparison, title: str, items: Sequence[Conflict]) -> list[str]:
    if not items:
        return []
    lines = [f"{title} ({len(items)})"]
    for number, conflict in enumerate(items, start=1):
        lines.append(f"  {number}. {conflict.kind}: {conflict.topic}")
        for claim in conflict.claims:
            marks = _markers(comparison, claim.citations)
            lines.append(_wrap(f"{marks} “{claim.value}”: {claim.text}", "     "))
    return [*lines, ""]


def render_text(comparison: Comparison) -> str:
    c = comparison
    lines = [f"Comparison of {len(c.articles)} reports: {c.story_id}", ""]
    if _is_empty(c):
        lines += ["Nothing to compare." if len(c.articles) < 2 else "No differences found.", ""]
    lines += _conflict_lines(c, "Conflicts", c.conflicts)
    lines += _conflict_lines(c, "Refinements (one report more precise)", c.refinements)
    for title, claims in (("Most reports agree", c.agreement), ("Only one report", c.exclusives)):
        if claims:
            lines.append(title)
            lines += [_wrap(f"- {x.text} {_markers(c, x.citations)}", "  ") for x in claims]
            lines.append("")
    if c.quotes:
        lines.append("Quotes")
        for quote in c.quotes:
            who = quote.speaker or "unattributed"
            lines.append(_wrap(f"- {who}: “{quote.text}” {_markers(c, quote.citations)}", "  "))
            for variant in quote.variants:
                marks = _markers(c, variant.citations)
                lines.append(_wrap(f"also worded: “{variant.text}” {marks}", "      "))
        lines.append("")
    if c.timeline:
        lines.append("Timeline")
        for entry in c.timeline:
            lines.append(
                _wrap(f"{entry.date:<10} {entry.text} {_markers(c, entry.citations)}", "  ")
            )
        lines.append("")
    lines.append("Sources")
    lines += [f"  [{n}] {source_name(a)}" for n, a in enumerate(c.articles, start=1)]
    if c.notes:
        lines += ["", "Notes", *[f"  - {note}" for note in c.notes]]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("[", "\\[").replace("]", "\\]").replace("*", "\\*")


def _md_conflicts(c: Comparison, title: str, items: Sequence[Conflict]) -> list[str]:
    if not items:
        return []
    lines = [f"### {title}", ""]
    for conflict in items:
        lines.append(f"- **{conflict.kind}**: {_md(conflict.topic)}")
        for claim in conflict.claims:
            marks = _markers(c, claim.citations, md=True)
            lines.append(f"  - **{_md(claim.value or '')}**{marks}: {_md(claim.text)}")
    return [*lines, ""]


def render_markdown(comparison: Comparison) -> str:
    c = comparison
    lines = [f"## Comparison: {_md(c.story_id)}", ""]
    if _is_empty(c):
        lines += ["_Nothing to compare._" if len(c.articles) < 2 else "_No differences found._", ""]
    lines += _md_conflicts(c, "Conflicts", c.conflicts)
    lines += _md_conflicts(c, "Refinements", c.refinements)
    for title, claims in (("Most reports agree", c.agreement), ("Only one report", c.exclusives)):
        if claims:
            lines += [f"### {title}", ""]
            lines += [f"- {_md(x.text)}{_markers(c, x.citations, md=True)}" for x in claims]
            lines.append("")
    if c.quotes:
        lines += ["### Quotes", ""]
        for quote in c.quotes:
            who = _md(quote.speaker or "unattributed")
            marks = _markers(c, quote.citations, md=True)
            lines.append(f"- **{who}**: “{_md(quote.text)}”{marks}")
            for variant in quote.variants:
                marks = _markers(c, variant.citations, md=True)
                lines.append(f"  - also worded: “{_md(variant.text)}”{marks}")
        lines.append("")
    if c.timeline:
        lines += ["### Timeline", ""]
        for entry in c.timeline:
            marks = _markers(c, entry.citations, md=True)
            lines.append(f"- **{entry.date}** {_md(entry.text)}{marks}")
        lines.append("")
    lines += [f"[^{n}]: {_md(source_name(a))}" for n, a in enumerate(c.articles, start=1)]
    if c.notes:
        lines += ["", *[f"> {_md(note)}" for note in c.notes]]
    return "\n".join(lines) + "\n"


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class _Side:
    """One side of a conflict for the HTML table: the text split around its value."""

    value: str
    before: str
    marked: str
    after: str
    sources: list[tuple[int, str]]


def _side(c: Comparison, claim: Claim) -> _Side:
    value = claim.value or ""
    at = claim.text.find(value) if value else -1
    before, marked, after = (
        (claim.text[:at], value, claim.text[at + len(value) :]) if at >= 0 else (claim.text, "", "")
    )
    sources = [(n, source_name(c.articles[n - 1])) for n in _numbers(c, claim.citations)]
    return _Side(value, before, marked, after, sources)


def _html_context(comparison: Comparison, anchor: str) -> dict[str, Any]:
    c = comparison

    def numbers(citations: Sequence[Citation]) -> list[int]:
        return _numbers(c, citations)

    return {
        "c": c,
        "anchor": anchor,
        "empty": _is_empty(c),
        "conflicts": [(x, [_side(c, claim) for claim in x.claims]) for x in c.conflicts],
        "refinements": [(x, [_side(c, claim) for claim in x.claims]) for x in c.refinements],
        "numbers": numbers,
        "sources": [
            (n, source_name(a), safe_url(a.url)) for n, a in enumerate(c.articles, start=1)
        ],
        "headings": _HEADINGS,
    }


def render_section(comparison: Comparison, anchor: str = "compare") -> str:
    """The comparison as an HTML fragment (a <section>) to place inside another page."""
    template = environment().get_template("compare_section.html.j2")
    return str(template.render(**_html_context(comparison, anchor)))


def render_html(comparison: Comparison) -> str:
    from markupsafe import Markup

    template = environment().get_template("compare.html.j2")
    section = Markup(render_section(comparison))  # already escaped by its own template
    return str(template.render(c=comparison, section=section))


def with_section(page: str, comparison: Comparison) -> str:
    """Another page (a summary's) with the comparison's section placed before its end."""
    section = render_section(comparison)
    at = page.rfind("</body>")
    return page[:at] + section + page[at:] if at >= 0 else page + section


def conflicts_html(comparison: Comparison, anchor: str) -> str:
    """Only the conflicts and refinements, side by side (for a digest's story)."""
    template = environment().get_template("compare_conflicts.html.j2")
    return str(template.render(**_html_context(comparison, anchor)))


def comparison_record(comparison: Comparison | StorydeskError) -> dict[str, Any]:
    """The JSON contract, or the error that stopped the comparison (the summary stands)."""
    if isinstance(comparison, StorydeskError):
        return {"error": comparison.to_dict()}
    return comparison.to_dict()


RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}


def render(comparison: Comparison, fmt: str = "text") -> str:
    if fmt not in RENDERERS:
        raise ConfigError(
            f"unknown output format {fmt!r}", hint=f"choose one of: {', '.join(RENDERERS)}"
        )
    return RENDERERS[fmt](comparison)
