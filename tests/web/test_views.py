"""What the pages compute: safe links, highlighted segments, sparkline bars, paragraphs."""

from __future__ import annotations

import pytest

from storydesk.types import Article
from storydesk.web.views import cited_sentences, highlighted, safe_url, sparkline


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("/etc/passwd", None),
        (None, None),
    ],
)
def test_safe_url_links_only_http(url: str | None, link: str | None) -> None:
    assert safe_url(url) == link


def test_highlighted_merges_overlapping_citations_and_keeps_all_text() -> None:
    text = "one two three four five six"
    segments = highlighted(text, [(4, 13), (8, 18), (24, 27), (30, 40)])
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.cited) for s in segments] == [
        ("one ", False),
        ("two three four", True),
        (" five ", False),
        ("six", True),
    ]


def test_sparkline_bars_scale_to_the_busiest_slice() -> None:
    bars = sparkline([4, 0, 2])
    assert [b["n"] for b in bars] == [4, 0, 2]
    assert bars[0]["height"] > bars[2]["height"] > bars[1]["height"]
    assert all(b["y"] + b["height"] == pytest.approx(20) for b in bars)


@pytest.mark.parametrize(
    ("docs", "breaks"),
    [
        ("aaab", [False, False, False, True]),  # a full paragraph, then another report
        ("aab", [False, False, False]),  # too short to break
        ("aaabba", [False, False, False, True, False, False]),  # the next one is still short
        ("abab", [False, False, False, True]),
    ],
)
def test_cited_sentences_break_paragraphs_only_where_the_report_changes(
    docs: str, breaks: list[bool]
) -> None:
    articles = {
        "a": Article("a", "Alpha one said this. Alpha two."),
        "b": Article("b", "Beta one said that."),
    }
    spans = {"a": (0, 20), "b": (0, 19)}

    def sentence(doc: str) -> dict[str, object]:
        start, end = spans[doc]
        cite = {"document_id": doc, "source": 1 if doc == "a" else 2, "start": start, "end": end}
        return {"text": articles[doc].text[start:end], "citations": [cite]}

    summary = {"sources": [{"id": "a"}, {"id": "b"}], "sentences": [sentence(d) for d in docs]}
    shown = cited_sentences(summary, articles)
    assert [s["new_paragraph"] for s in shown] == breaks
    assert shown[docs.index("b")]["markers"][0].passage == "Beta one said that."
