"""An article above the configurable cap is refused with a clear message, without reading it all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydesk.cli import app
from storydesk.errors import InputError
from storydesk.ingest import read_feed
from storydesk.ingest.source import article_cap

runner = CliRunner()


def test_100_mb_article_is_refused_at_the_default_cap(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "ok", "text": "A short report on the bridge."}) + "\n")
        handle.write('{"id": "huge", "text": "' + "word " * (20 * 2**20) + '"}\n')
    items = read_feed(feed)
    assert next(items).id == "ok"
    with pytest.raises(InputError, match=r"line is too big .* MiB cap") as caught:
        next(items)
    assert caught.value.where == f"{feed}:2" and "max_article_mb" in (caught.value.hint or "")


@pytest.mark.parametrize("mb", [0.5, 1.0])
def test_article_cap_follows_the_setting(tmp_path: Path, mb: float) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "x" * int(0.75 * 2**20)}) + "\n")
    with article_cap(int(mb * 2**20)):
        if mb < 0.75:
            with pytest.raises(InputError, match="too big"):
                list(read_feed(feed))
        else:
            assert [a.id for a in read_feed(feed)] == ["a"]


def test_cli_refuses_an_article_over_max_article_mb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "big.txt"
    page.write_text("The bridge opened. " * 100_000, encoding="utf-8")
    monkeypatch.setenv("STORYDESK_MAX_ARTICLE_MB", "1")
    result = runner.invoke(app, ["summarize", str(page)])
    assert result.exit_code == 2
    assert "too big" in result.output and "max_article_mb" in result.output
