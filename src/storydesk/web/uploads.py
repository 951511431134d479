"""Uploaded and pasted reports to Articles, in memory: no name from a request reaches the disk.

The upload's file name serves only to tell its kind (.txt, .html, .jsonl) and to name errors.
"""

from __future__ import annotations

from collections.abc import Iterable

from storydesk.errors import InputError
from storydesk.ingest.read import headline, html_article
from storydesk.ingest.records import article_from_record, parse_line
from storydesk.ingest.source import decode
from storydesk.types import Article

KINDS = (".txt", ".html", ".htm", ".jsonl")


def _kind(name: str) -> str:
    lowered = name.lower()
    for kind in KINDS:
        if lowered.endswith(kind):
            return kind
    raise InputError(
        "cannot tell what kind of file this is",
        where=name,
        hint=f"upload files ending in {', '.join(KINDS)}",
    )


def jsonl_articles(text: str, origin: str) -> list[Article]:
    """Articles of a JSONL feed, one per non-blank line; a bad line is an error naming it."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            where = f"{origin}:{number}"
            found.append(article_from_record(parse_line(line, where), where, origin))
    if not found:
        raise InputError("no article in the feed", where=origin, hint="one JSON object a line")
    return found


def uploaded_articles(name: str, data: bytes, number: int) -> list[Article]:
    """The articles in one uploaded file (``number`` makes ids unique among uploads)."""
    shown = name.replace("\\", "/").rsplit("/", 1)[-1][:200] or f"upload-{number}"
    kind = _kind(shown)
    text = decode(data, shown)
    if not text.strip():
        raise InputError("the file is empty", where=shown, hint="upload a file with text")
    if kind == ".jsonl":
        return jsonl_articles(text, shown)
    if kind in (".html", ".htm"):
        return [html_article(f"u{number}", text, shown)]
    return [Article(id=f"u{number}", text=text, title=headline(text), origin=shown)]


def pasted_articles(texts: Iterable[str]) -> list[Article]:
    return [
        Article(id=f"p{n}", text=text, title=headline(text), origin=f"report {n}")
        for n, text in enumerate((t for t in texts if t.strip()), start=1)
    ]
