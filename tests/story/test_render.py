from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

import storydesk
from storydesk.errors import ConfigError
from storydesk.ingest import read_articles
from storydesk.settings import Settings
from storydesk.story.pipeline import summarize_story
from storydesk.story.render import render, to_record
from storydesk.types import SCHEMA_VERSION, Story, Summary


@pytest.fixture
def summary(seed_dir: Path) -> Summary:
    return summarize_story(Story("seed", tuple(read_articles([seed_dir]))), Settings(words=150))


def test_render_text_has_markers_and_numbered_sources(summary: Summary) -> None:
    text = render(summary, "text")
    assert "[1]" in text and "[2]" in text
    assert "\nSources\n[1] " in text and "\n[2] 'Jessica Jones' season 2 update" in text


def test_render_json_holds_offsets_sources_and_removed_junk(summary: Summary) -> None:
    data = json.loads(render(summary, "json"))
    assert data["words"] == summary.words <= 150
    assert [s["number"] for s in data["sources"]] == [1, 2]
    texts = {a.id: a.text for a in summary.articles}
    for sentence in data["sentences"]:
        first = sentence["citations"][0]
        assert texts[first["document_id"]][first["start"] : first["end"]] == sentence["text"]
    kinds = {r["kind"] for r in data["removed"]}
    assert kinds, "the seed reports carry junk that cleaning removes"


def test_render_markdown_uses_footnotes(summary: Summary) -> None:
    md = render(summary, "md")
    assert "[^1]" in md and "\n[^1]: " in md


def test_render_html_is_one_self_contained_valid_page(summary: Summary) -> None:
    page = render(summary, "html")
    assert page.startswith("<!doctype html>")
    assert "http://" not in page and "https://" not in page
    HTMLParser().feed(page)
    assert 'href="#src-1"' in page and 'id="src-2"' in page


def test_to_record_is_the_batch_schema(summary: Summary) -> None:
    record = to_record(summary)
    assert set(record) == {"schema_version", "made_by", "id", "title", "summary", "sentences"}
    assert set(record["sentences"][0]) == {"text", "citations"}
    assert set(record["sentences"][0]["citations"][0]) == {"document_id", "start", "end"}


def test_render_unknown_format_is_a_config_error(summary: Summary) -> None:
    with pytest.raises(ConfigError, match="unknown output format 'pdf'"):
        render(summary, "pdf")


@pytest.mark.parametrize("emit", [to_record, lambda s: json.loads(render(s, "json"))])
def test_json_outputs_carry_schema_version_and_what_made_them(
    summary: Summary, emit: Callable[[Summary], dict[str, Any]]
) -> None:
    record = emit(summary)
    assert record["schema_version"] == SCHEMA_VERSION
    assert set(record["made_by"]) == {"version", "settings", "model"}
    assert record["made_by"]["version"] == storydesk.__version__


def test_every_format_shows_the_headline_outside_the_summary(summary: Summary) -> None:
    assert summary.title == "'Jessica Jones' season 2 update"
    for fmt in ("text", "md"):
        assert render(summary, fmt).splitlines()[0].endswith(summary.title)
    assert f"<h1>{escape(summary.title)}</h1>" in render(summary, "html")
    for record in (json.loads(render(summary, "json")), to_record(summary)):
        assert record["title"] == summary.title
        assert summary.title not in record["summary"]


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_every_format_says_the_summary_read_a_subset(seed_dir: Path, fmt: str) -> None:
    story = Story("seed", tuple(read_articles([seed_dir])))
    subset = summarize_story(story, Settings(words=150, story_max_articles=1))
    assert subset.notes, "a story above story_max_articles is summarized from a subset, said"
    out = render(subset, fmt)
    note = subset.notes[0]
    assert (str(escape(note)) if fmt == "html" else note) in out
