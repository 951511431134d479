"""The digest (cluster, then summarize each story) and the cluster commands end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import escape
from typer.testing import CliRunner

from storydesk.cli import app
from storydesk.errors import ConfigError
from storydesk.feed.digest import build_digest, render_digest
from storydesk.settings import load_settings
from storydesk.types import Article

# The unsupervised ranker keeps these tests about clustering and layout, not the shipped model.
SETTINGS = load_settings(ranker="centroid")


def test_build_digest_summarizes_real_stories_largest_first(feed: list[Article]) -> None:
    digest = build_digest(feed, SETTINGS, limit=3)
    assert [len(e.story.article_ids) for e in digest.entries] == [4, 3, 3]
    assert digest.junk == 7 and digest.articles == len(feed)
    first = digest.entries[0]
    assert first.summary is not None and first.summary.sentences
    # Every summary sentence is cited to an article of its own story.
    for entry in digest.entries:
        assert entry.summary is not None
        ids = set(entry.story.article_ids)
        assert all(c.document_id in ids for s in entry.summary for c in s.citations)


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("html", '<sup><a href="#story-1-src-1">'),
        ("md", "[^1-1]"),
        ("text", "[1]"),
        ("json", '"story_id"'),
    ],
)
def test_render_digest_formats_carry_citations(feed: list[Article], fmt: str, marker: str) -> None:
    page = render_digest(build_digest(feed, SETTINGS, limit=2), fmt)
    assert marker in page
    assert "Grindavik" in page or "grindavik" in page


def test_render_digest_rejects_unknown_format(feed: list[Article]) -> None:
    with pytest.raises(ConfigError, match="unknown digest format"):
        render_digest(build_digest(feed, SETTINGS, limit=1), "pdf")


runner = CliRunner()


def test_cli_cluster_writes_one_line_per_article(fixtures: Path) -> None:
    result = runner.invoke(app, ["cluster", str(fixtures / "cluster_feed.jsonl")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 18 and set(rows[0]) == {"article_id", "story_id"}


def test_cli_cluster_json_has_labels_sizes_and_sources(fixtures: Path) -> None:
    result = runner.invoke(
        app, ["cluster", str(fixtures / "cluster_feed.jsonl"), "--format", "json"]
    )
    stories = json.loads(result.stdout)
    assert stories[0]["size"] == 3 and stories[0]["sources"] and stories[0]["terms"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "'a'"),
        ('{"id": "a"}\n', "text"),
        (b'{"id": "a", "text": "\x00\x01\x02"}\n', "binary"),
    ],
)
def test_cli_cluster_bad_feed_fails_clearly(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = runner.invoke(app, ["cluster", str(path)])
    assert result.exit_code != 0
    assert "error" in result.output and message in result.output


def test_cli_add_stories_show_round_trip(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "desk.sqlite"
    added = runner.invoke(app, ["add", str(fixtures / "cluster_feed.jsonl"), "--db", str(db)])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["stories", "--db", str(db), "--format", "json"])
    stories = json.loads(listed.stdout)
    assert stories[0]["size"] == 3 and stories[0]["first_seen"] <= stories[0]["last_seen"]
    shown = runner.invoke(
        app, ["show", stories[0]["story_id"], "--db", str(db), "--ranker", "centroid"]
    )
    assert shown.exit_code == 0, shown.output
    assert "Grindavik" in shown.stdout


def test_cli_add_to_a_corrupt_database_fails_clearly(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "desk.sqlite"
    db.write_bytes(b"garbage" * 500)
    result = runner.invoke(app, ["add", str(fixtures / "cluster_feed.jsonl"), "--db", str(db)])
    assert result.exit_code != 0 and "corrupt" in result.output
    assert db.read_bytes() == b"garbage" * 500


def test_cli_digest_writes_an_html_page(tmp_path: Path, fixtures: Path) -> None:
    out = tmp_path / "digest.html"
    result = runner.invoke(
        app,
        ["digest", str(fixtures / "cluster_feed.jsonl"), "--out", str(out), "--ranker", "centroid"],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<section") == 4


def test_cli_eval_cluster_reports_scores(tmp_path: Path, feed: list[Article]) -> None:
    stories = tmp_path / "stories.jsonl"
    groups: dict[str, list[dict[str, str]]] = {}
    for article in feed:
        groups.setdefault(article.id.split("-")[0], []).append(
            {"id": article.id, "text": article.text}
        )
    stories.write_text(
        "".join(json.dumps({"id": k, "documents": v}) + "\n" for k, v in groups.items())
    )
    result = runner.invoke(
        app, ["eval-cluster", str(stories), "--mode", "both", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert [s["mode"] for s in scores] == ["batch", "incremental"]
    assert all(s["precision"] == 1.0 and s["true_stories"] == 6 for s in scores)


def test_digest_shows_each_story_conflicts() -> None:
    example = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples"
    articles = [
        Article(id=p.stem, text=p.read_text("utf-8"))
        for p in sorted((example / "harbor-bridge").glob("*.txt"))
    ]
    digest = build_digest(articles, SETTINGS, limit=1)
    (entry,) = digest.entries
    assert entry.comparison is not None and len(entry.comparison.conflicts) == 2
    text = render_digest(digest, "text")
    assert "Where the reports disagree:" in text and "“45 centimetres” [2]" in text
    assert "<mark>Vazquez</mark>" in render_digest(digest, "html")
    record = json.loads(render_digest(digest, "json"))
    assert len(record["digest"][0]["compare"]["conflicts"]) == 2


@pytest.mark.parametrize("fmt", ["html", "md", "text", "json"])
def test_render_digest_headlines_are_the_summaries_titles(feed: list[Article], fmt: str) -> None:
    digest = build_digest(feed, SETTINGS, limit=2)
    page = render_digest(digest, fmt)
    for entry in digest.entries:
        assert entry.summary is not None and entry.summary.title
        title = entry.summary.title
        assert (str(escape(title)) if fmt == "html" else title) in page


@pytest.mark.parametrize(
    ("url", "linked"), [("javascript:alert(3)", False), ("https://example.org/pier", True)]
)
def test_render_digest_html_escapes_text_and_links_only_http(url: str, linked: bool) -> None:
    hostile = Article(
        id="evil",
        title="<script>alert(1)</script> Harbour council closes the ferry pier",
        text=(
            "The harbour council voted on Tuesday to close the old ferry pier for repairs. "
            "<script>alert(2)</script> Council members said the pier had rusted badly. "
            "The repairs will cost about two million pounds, the council said."
        ),
        url=url,
    )
    page = render_digest(build_digest([hostile], SETTINGS, limit=1), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert (f'href="{url}"' in page) is linked
