"""Renderings people read: text, Markdown, JSON, HTML (escaped, sides side by side)."""

from __future__ import annotations

import json

import pytest

from storydesk.comparison.pipeline import compare_story
from storydesk.comparison.render import render, with_section
from storydesk.errors import ConfigError

from .conftest import EXAMPLE, SETTINGS, folder_story, story_of


@pytest.fixture(scope="module")
def harbor():  # type: ignore[no-untyped-def]
    return compare_story(folder_story(EXAMPLE), SETTINGS)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_render_shows_both_sides_with_sources(harbor, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = render(harbor, fmt)
    for value in ("40 centimetres", "45 centimetres", "Vasquez", "Vazquez"):
        assert value in out
    assert ("[^2]" if fmt == "md" else "[2]") in out


def test_render_json_is_the_contract(harbor) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(render(harbor, "json")) == harbor.to_dict()


def test_render_html_places_sides_next_to_each_other(harbor) -> None:  # type: ignore[no-untyped-def]
    page = render(harbor, "html")
    assert page.count('class="side"') == 4
    assert "<mark>40 centimetres</mark>" in page


def test_render_html_escapes_article_text() -> None:
    comparison = compare_story(
        story_of(
            "Police said <script>x</script> Paul Ciancia opened fire in the terminal on Friday.",
            "Police said Paul Cianncia opened fire inside the terminal on Friday.",
        ),
        SETTINGS,
    )
    page = render(comparison, "html")
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_with_section_goes_inside_the_page(harbor) -> None:  # type: ignore[no-untyped-def]
    page = with_section("<html><body><p>summary</p></body></html>", harbor)
    assert page.index("sd-compare") < page.index("</body>")


def test_render_unknown_format() -> None:
    with pytest.raises(ConfigError):
        render(compare_story(folder_story(EXAMPLE), SETTINGS), "pdf")
