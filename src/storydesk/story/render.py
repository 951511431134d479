"""Summaries as text, JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from storydesk.errors import ConfigError
from storydesk.templating import render_template
from storydesk.types import SCHEMA_VERSION, Summary


def _markers(summary: Summary, index: int) -> list[int]:
    return sorted(summary.source_number(c.document_id) for c in summary.sentences[index].citations)


def _source_line(summary: Summary, number: int) -> str:
    article = summary.articles[number - 1]
    parts = [article.title or article.id]
    for extra in (article.source, article.published, article.url):
        if extra and extra not in parts:
            parts.append(extra)
    if article.origin and not article.url and article.origin not in parts:
        parts.append(article.origin)
    return " — ".join(parts)


def made_by(summary: Summary) -> dict[str, Any]:
    """The versioned header every JSON object starts with: schema and what made it."""
    who = summary.made_by
    return {"schema_version": SCHEMA_VERSION, "made_by": who and dict(vars(who))}


def to_dict(summary: Summary) -> dict[str, Any]:
    """The whole structure: sentences with offsets and scores, sources, removed junk."""
    return {
        **made_by(summary),
        "id": summary.story_id,
        "title": summary.title,
        "summary": summary.text,
        "words": summary.words,
        "method": summary.method,
        "budget": {"words": summary.budget_words, "sentences": summary.budget_sentences},
        "sentences": [
            {
                "text": s.text,
                "score": round(s.score, 6),
                "citations": [
                    {
                        "document_id": c.document_id,
                        "source": summary.source_number(c.document_id),
                        "start": c.start,
                        "end": c.end,
                    }
                    for c in s.citations
                ],
            }
            for s in summary.sentences
        ],
        "sources": [
            {
                "number": n,
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "published": a.published,
                "author": a.author,
                "origin": a.origin,
            }
            for n, a in enumerate(summary.articles, start=1)
        ],
        "removed": [
            {
                "document_id": j.article_id,
                "start": j.start,
                "end": j.end,
                "kind": j.kind,
                "text": j.text,
            }
            for j in summary.removed
        ],
        **({"notes": list(summary.notes)} if summary.notes else {}),
    }


def to_record(summary: Summary) -> dict[str, Any]:
    """The compact batch record: one JSON line per story."""
    return {
        **made_by(summary),
        "id": summary.story_id,
        "title": summary.title,
        "summary": summary.text,
        "sentences": [
            {
                "text": s.text,
                "citations": [
                    {"document_id": c.document_id, "start": c.start, "end": c.end}
                    for c in s.citations
                ],
            }
            for s in summary.sentences
        ],
        **({"notes": list(summary.notes)} if summary.notes else {}),
    }


def _cited_numbers(summary: Summary) -> list[int]:
    return sorted({n for i in range(len(summary.sentences)) for n in _markers(summary, i)})


def render_text(summary: Summary) -> str:
    body = " ".join(
        s.text + " " + "".join(f"[{n}]" for n in _markers(summary, i))
        for i, s in enumerate(summary.sentences)
    )
    lines = ([summary.title, ""] if summary.title else []) + [body, "", "Sources"]
    lines += [f"[{n}] {_source_line(summary, n)}" for n in range(1, len(summary.articles) + 1)]
    lines += [f"Note: {note}" for note in summary.notes]
    return "\n".join(lines) + "\n"


def render_markdown(summary: Summary) -> str:
    def escape(text: str) -> str:
        return text.replace("[", "\\[").replace("]", "\\]")

    body = " ".join(
        escape(s.text) + "".join(f"[^{n}]" for n in _markers(summary, i))
        for i, s in enumerate(summary.sentences)
    )
    lines = [f"## {escape(summary.title or summary.story_id)}", "", body, ""]
    lines += [f"[^{n}]: {escape(_source_line(summary, n))}" for n in _cited_numbers(summary)]
    lines += [f"\n_Note: {escape(note)}_" for note in summary.notes]
    return "\n".join(lines) + "\n"


def render_html(summary: Summary) -> str:
    """One self-contained page (templates/summary.html.j2, autoescaped)."""
    excerpts: dict[int, list[str]] = {}
    for s in summary.sentences:
        for c in s.citations:
            n = summary.source_number(c.document_id)
            excerpts.setdefault(n, []).append(summary.articles[n - 1].text[c.start : c.end])
    return render_template(
        "summary.html.j2",
        title=summary.title or summary.story_id,
        meta=(
            f"{summary.words} words from {len(summary.articles)} reports · ranker {summary.method}"
        ),
        sentences=[
            {"text": s.text, "markers": _markers(summary, i)}
            for i, s in enumerate(summary.sentences)
        ],
        sources=[
            {"number": n, "line": _source_line(summary, n), "excerpts": excerpts.get(n, [])}
            for n in range(1, len(summary.articles) + 1)
        ],
        removed=summary.removed,
        notes=summary.notes,
    )


def render_json(summary: Summary) -> str:
    return json.dumps(to_dict(summary), ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[Summary], str]] = {
    "text": render_text,
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
}


def render(summary: Summary, fmt: str = "text") -> str:
    if fmt not in RENDERERS:
        raise ConfigError(
            f"unknown output format {fmt!r}", hint=f"choose one of: {', '.join(RENDERERS)}"
        )
    return RENDERERS[fmt](summary)
