"""Hostile HTML made harmless before it is parsed: no entity declarations, no absurd nesting.

lxml (under trafilatura) does not expand entities an HTML page declares, but a page that opens with
an XML declaration and a DOCTYPE full of ``<!ENTITY>`` lines ("billion laughs") loses its text, and
a page nested thousands of tags deep is cut by the parser's depth limit, text and all. Both are
read here instead: declarations are dropped, and past ``MAX_DEPTH`` levels only the tags that carry
paragraph structure are kept. Linear time, a few regular expressions, no recursion.
"""

from __future__ import annotations

import re

MAX_DEPTH = 200  # lxml stops at 256 levels

_DECLARATIONS = re.compile(
    r"<\?xml[^>]*>|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|<!ENTITY[^>]*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_STRUCTURE = frozenset(
    [
        "html",
        "head",
        "title",
        "body",
        "article",
        "main",
        "p",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
    ]
)


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements, counted over opening and closing tags."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def defuse_html(html: str) -> str:
    """The page without entity declarations, flattened when nested deeper than ``MAX_DEPTH``."""
    html = _DECLARATIONS.sub("", html)
    if nesting_depth(html) <= MAX_DEPTH:
        return html
    return _TAG.sub(lambda m: m.group(0) if m.group(2).lower() in _STRUCTURE else "", html)
