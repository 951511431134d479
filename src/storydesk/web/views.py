"""What the templates show, computed from the JSON the API returns: citation passages, highlighted
article text, sparklines, safe links. Plain data; escaping is the templates' (autoescape) job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storydesk.feed.label import headline
from storydesk.templating import safe_url
from storydesk.types import Article

SPARK_WIDTH, SPARK_HEIGHT = 84, 20


@dataclass(frozen=True)
class Marker:
    number: int
    article_id: str
    start: int
    end: int
    passage: str
    source: str


@dataclass(frozen=True)
class Segment:
    text: str
    cited: bool
    start: int


PARAGRAPH_SENTENCES = 3  # a story page paragraph holds at least this many sentences


def display_name(article: Article) -> str:
    """What to call a report: its title, else the start of its first sentence."""
    return headline(article, words=12) or article.source or article.id


def named_sources(summary: dict[str, Any], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """The summary's sources with a readable name and a safe link each, then the story's other
    reports (a summary of a huge story reads a subset; its comparison cites them all)."""
    named = [
        {
            **s,
            "name": display_name(articles[s["id"]]) if s["id"] in articles else s["id"],
            "link": safe_url(s.get("url")),
        }
        for s in summary["sources"]
    ]
    listed = {s["id"] for s in named}
    rest = [a for a in articles.values() if a.id not in listed]
    for entry in sources_of(tuple(rest)):
        article = articles[entry["id"]]
        named.append(
            {
                **entry,
                "number": len(named) + 1,
                "name": display_name(article),
                "link": safe_url(article.url),
            }
        )
    return named


def sources_of(articles: tuple[Article, ...]) -> list[dict[str, Any]]:
    """The source list of a story without a summary, shaped like a summary's ``sources``."""
    return [
        {
            "number": n,
            "id": a.id,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "published": a.published,
        }
        for n, a in enumerate(articles, start=1)
    ]


def cited_sentences(summary: dict[str, Any], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """Each summary sentence with its citation markers and the exact passage each one cites."""
    names = {s["id"]: display_name(a) for s in summary["sources"] if (a := articles.get(s["id"]))}
    out: list[dict[str, Any]] = []
    previous = None
    in_paragraph = 0
    for sentence in summary["sentences"]:
        markers = []
        for c in sentence["citations"]:
            article = articles.get(c["document_id"])
            passage = article.text[c["start"] : c["end"]] if article else ""
            markers.append(
                Marker(
                    c["source"],
                    c["document_id"],
                    c["start"],
                    c["end"],
                    passage,
                    names.get(c["document_id"], ""),
                )
            )
        origin = sentence["citations"][0]["document_id"] if sentence["citations"] else None
        # A paragraph of a few sentences, broken only where the source changes: sentences that
        # lean on each other come from one report, so a break never parts them.
        new_paragraph = in_paragraph >= PARAGRAPH_SENTENCES and origin != previous
        in_paragraph = 1 if new_paragraph else in_paragraph + 1
        out.append(
            {
                "text": sentence["text"],
                "markers": sorted(markers, key=lambda m: m.number),
                "new_paragraph": new_paragraph,
            }
        )
        previous = origin
    return out


def compared(
    compare: dict[str, Any], sources: list[dict[str, Any]], articles: dict[str, Article]
) -> dict[str, Any]:
    """The comparison's sections with every citation turned into a marker (number, passage),
    numbered like the story page's source list."""
    numbers = {s["id"]: s["number"] for s in sources}
    names = {a_id: display_name(a) for a_id, a in articles.items()}

    def markers(citations: list[dict[str, Any]]) -> list[Marker]:
        found = []
        for c in citations:
            article = articles.get(c["document_id"])
            passage = article.text[c["start"] : c["end"]] if article else ""
            number = numbers.get(c["document_id"], 0)
            found.append(
                Marker(
                    number,
                    c["document_id"],
                    c["start"],
                    c["end"],
                    passage,
                    names.get(c["document_id"], ""),
                )
            )
        return sorted(found, key=lambda m: m.number)

    def claim(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "markers": markers(item.get("citations", []))}

    return {
        "agreement": [claim(c) for c in compare.get("agreement", [])],
        "exclusives": [claim(c) for c in compare.get("exclusives", [])],
        "conflicts": [
            {**c, "claims": [claim(x) for x in c["claims"]]} for c in compare.get("conflicts", [])
        ],
        "refinements": [
            {**c, "claims": [claim(x) for x in c["claims"]]} for c in compare.get("refinements", [])
        ],
        "quotes": [
            {**claim(q), "variants": [claim(v) for v in q.get("variants", [])]}
            for q in compare.get("quotes", [])
        ],
        "timeline": [claim(t) for t in compare.get("timeline", [])],
        "notes": list(compare.get("notes", [])),
    }


def highlighted(text: str, spans: list[tuple[int, int]]) -> list[Segment]:
    """The text cut into plain and cited segments (overlapping citations merged)."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, at = [], 0
    for start, end in merged:
        if start > at:
            segments.append(Segment(text[at:start], False, at))
        segments.append(Segment(text[start:end], True, start))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:], False, at))
    return segments


def cited_spans(summary: dict[str, Any], article_id: str) -> list[tuple[int, int]]:
    return [
        (c["start"], c["end"])
        for s in summary["sentences"]
        for c in s["citations"]
        if c["document_id"] == article_id
    ]


def sparkline(counts: list[int]) -> list[dict[str, float]]:
    """SVG bars (x, y, width, height) for articles over time: numbers only, no input text."""
    if not counts:
        return []
    top = max(counts) or 1
    step = SPARK_WIDTH / len(counts)
    bars = []
    for i, n in enumerate(counts):
        height = 1.0 if n == 0 else 3.0 + (n / top) * (SPARK_HEIGHT - 4)
        bars.append(
            {
                "x": round(i * step + 0.5, 1),
                "y": round(SPARK_HEIGHT - height, 1),
                "width": round(step - 1.5, 1),
                "height": round(height, 1),
                "n": n,
            }
        )
    return bars


def pages(total: int, limit: int, offset: int) -> dict[str, int | None]:
    return {
        "previous": max(0, offset - limit) if offset > 0 else None,
        "next": offset + limit if offset + limit < total else None,
        "first": offset + 1 if total else 0,
        "last": min(total, offset + limit),
    }
