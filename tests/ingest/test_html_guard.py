"""Hostile HTML pages are read safely: no entity expansion, deep nesting does not lose the text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storydesk.errors import InputError
from storydesk.ingest import read_articles
from storydesk.ingest.html_guard import MAX_DEPTH, defuse_html, nesting_depth

SENTENCE = "The council approved the harbor bridge budget on Monday night after a long debate."


def _billion_laughs() -> str:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><html><body><article>'
        f"<p>{SENTENCE}</p><p>&lol9;</p></article></body></html>"
    )


PAGES = {
    "entity expansion": _billion_laughs(),
    "deeply nested": "<html><body>" + "<div>" * 50_000 + f"<p>{SENTENCE}</p>" + "</div>" * 50_000,
    "unclosed tags": "<html><body>" + "<b><i><span>" * 20_000 + SENTENCE + "</body></html>",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_html_is_read_safely_with_its_text(tmp_path: Path, name: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGES[name], encoding="utf-8")
    started = time.perf_counter()
    (article,) = read_articles([page])  # an InputError before the guard: the text was lost
    assert time.perf_counter() - started < 60
    assert SENTENCE in article.text
    assert "lollol" not in article.text and len(article.text) < 1000  # nothing expanded


@pytest.mark.parametrize(
    ("html", "depth"), [("<p>a<br>b</p>", 1), ("<div><div><img/></div></div>", 2), ("</x></y>", 0)]
)
def test_nesting_depth(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


def test_defuse_html_keeps_ordinary_pages_unchanged() -> None:
    page = f"<html><body><div><p>{SENTENCE}</p></div></body></html>"
    assert defuse_html(page) == page
    assert nesting_depth(defuse_html(PAGES["deeply nested"])) <= MAX_DEPTH


def test_empty_hostile_page_is_an_input_error(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<div>" * 10_000, encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_articles([page])
