"""Read articles and stories from text, HTML and JSONL files, folders and stdin.

Every reader checks its input the same way (missing, empty, binary, too big,
undecodable, corrupt gzip, malformed line) and says what, where and how to fix
it in an ``InputError``. Article texts are kept exactly as decoded, so the
offsets later stages compute index the text as read.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from storydesk.errors import InputError
from storydesk.ingest.html_guard import defuse_html
from storydesk.ingest.records import article_from_record, parse_line, story_from_record
from storydesk.ingest.source import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    READABLE,
    open_lines,
    read_text,
    suffix_of,
)
from storydesk.types import Article, Story

_HEADLINE_END = re.compile(r"[.!?,;:]['\"’”)]?$")

# --- plain text and HTML -----------------------------------------------------


def headline(text: str) -> str | None:
    """The first line if it reads like a headline: short, title-ish, no final punctuation."""
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    first = first.strip()
    if not newline or not rest.strip() or not first or len(first) > 150:
        return None
    words = first.split()
    if not 2 <= len(words) <= 16 or _HEADLINE_END.search(first):
        return None
    if not (first[0].isupper() or first[0].isdigit() or first[0] in "'\"‘“"):
        return None
    return first


def _text_article(article_id: str, text: str, origin: str) -> Article:
    return Article(id=article_id, text=text, title=headline(text), origin=origin)


def _html_article(article_id: str, path: Path) -> Article:
    return html_article(article_id, read_text(path), str(path))


def html_article(article_id: str, html: str, origin: str) -> Article:
    """The article in an HTML page's text (a file's, or an upload's)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = defuse_html(html)
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    data: dict[str, Any] = {}
    if document is not None:
        data = document if isinstance(document, dict) else document.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(
            "no article text found in the HTML page",
            where=origin,
            hint="save the article page itself, or paste its text into a .txt file",
        )
    return Article(
        id=article_id,
        text=text,
        title=data.get("title") or None,
        source=data.get("sitename") or data.get("hostname") or None,
        url=data.get("url") or None,
        published=data.get("date") or None,
        author=data.get("author") or None,
        origin=origin,
    )


# --- public readers -----------------------------------------------------------


def _folder_files(folder: Path) -> list[Path]:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and suffix_of(p) in READABLE
    )
    if not files:
        raise InputError(
            "folder holds no readable files",
            where=str(folder),
            hint=f"put {', '.join(READABLE)} files in it (subfolders are not read)",
        )
    return files


def _unique(base: str, taken: set[str]) -> str:
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    return name


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip().partition("\n")[0].strip()
    if not (first.startswith("{") and first.endswith("}")):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _jsonl_articles(lines: Iterable[tuple[int, str]], origin: str) -> Iterator[Article]:
    for number, line in lines:
        where = f"{origin}:{number}"
        yield article_from_record(parse_line(line, where), where, origin)


def _read_file(path: Path, taken: set[str]) -> list[Article]:
    suffix = suffix_of(path)
    if suffix in JSONL_SUFFIXES:
        articles = []
        for number, line in open_lines(path):
            where = f"{path}:{number}"
            article = article_from_record(parse_line(line, where), where, str(path))
            if article.id in taken:
                raise InputError(
                    f"duplicate article id {article.id!r}",
                    where=where,
                    hint="give every article in the inputs its own id",
                )
            taken.add(article.id)
            articles.append(article)
        return articles
    article_id = _unique(path.name[: -len(suffix)] if suffix else path.name, taken)
    taken.add(article_id)
    if suffix in HTML_SUFFIXES:
        return [_html_article(article_id, path)]
    return [_text_article(article_id, read_text(path), str(path))]


def read_articles(inputs: Sequence[str | Path], *, stdin: TextIO | None = None) -> list[Article]:
    """Articles from .txt/.html/.htm/.jsonl/.jsonl.gz files, folders and "-" (stdin).

    A folder contributes its readable files sorted by name, not its subfolders or
    hidden files. File articles are named by their stem, made unique with "-2", "-3"
    in input order; JSONL articles keep their "id", and a repeated one is an error.
    """
    if not inputs:
        raise InputError("no inputs given", hint="pass files, a folder, or - for stdin")
    articles: list[Article] = []
    taken: set[str] = set()
    for item in inputs:
        if str(item) == "-":
            articles.extend(_read_stdin(stdin if stdin is not None else sys.stdin, taken))
            continue
        path = Path(item)
        if not path.exists():
            raise InputError(
                "input not found", where=str(path), hint="check the path and its spelling"
            )
        if path.is_dir():
            for file in _folder_files(path):
                articles.extend(_read_file(file, taken))
        elif suffix_of(path) in READABLE or not path.suffix:
            articles.extend(_read_file(path, taken))
        else:
            raise InputError(
                f"unsupported file type {path.suffix!r}",
                where=str(path),
                hint=f"use one of {', '.join(READABLE)}",
            )
    return articles


def _read_stdin(stream: TextIO, taken: set[str]) -> list[Article]:
    text = stream.read()
    if not text.strip():
        raise InputError("stdin is empty", where="stdin", hint="pipe an article's text or JSONL in")
    if _looks_like_jsonl(text):
        lines = ((n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip())
        articles = []
        for article in _jsonl_articles(lines, "stdin"):
            if article.id in taken:
                raise InputError(f"duplicate article id {article.id!r}", where="stdin")
            taken.add(article.id)
            articles.append(article)
        return articles
    article_id = _unique("stdin", taken)
    taken.add(article_id)
    return [_text_article(article_id, text, "stdin")]


def read_feed(
    source: str | Path, *, skip_bad: bool = False, stdin: TextIO | None = None
) -> Iterator[Article | InputError]:
    """Stream flat articles from a JSONL(.gz) file, a folder, or "-" (stdin).

    A malformed line or a repeated id yields an ``InputError`` in place and the
    stream goes on; with ``skip_bad`` such lines are left out silently. Problems
    with the whole input (missing, empty, corrupt gzip) raise.
    """
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin
        lines: Iterable[tuple[int, str]] = (
            (n, line) for n, line in enumerate(stream, 1) if line.strip()
        )
        yield from _feed_lines(lines, "stdin", set(), skip_bad)
        return
    path = Path(source)
    if path.is_dir():
        taken: set[str] = set()
        for file in _folder_files(path):
            if suffix_of(file) in JSONL_SUFFIXES:
                yield from _feed_lines(open_lines(file), str(file), taken, skip_bad)
            else:
                yield from _read_file(file, taken)
        return
    yield from _feed_lines(open_lines(path), str(path), set(), skip_bad)


def _feed_lines(
    lines: Iterable[tuple[int, str]], origin: str, taken: set[str], skip_bad: bool
) -> Iterator[Article | InputError]:
    for number, line in lines:
        where = f"{origin}:{number}"
        try:
            article = article_from_record(parse_line(line, where), where, origin)
            if article.id in taken:
                raise InputError(
                    f"duplicate article id {article.id!r}", where=where, hint="ids must be unique"
                )
        except InputError as error:
            if not skip_bad:
                yield error
            continue
        taken.add(article.id)
        yield article


def read_stories(path: str | Path, *, skip_bad: bool = False) -> Iterator[Story | InputError]:
    """Stream stories from story-schema JSONL(.gz): {"id", "documents", "summaries"?}.

    Documents are objects with "id" and "text" (and optional article fields) or
    plain strings (named d1, d2, ...). A malformed line yields an ``InputError``
    whose ``where`` is "file:line"; with ``skip_bad`` it is left out silently.
    """
    file = Path(path)
    for number, line in open_lines(file):
        where = f"{file}:{number}"
        try:
            story = story_from_record(parse_line(line, where), where, str(file))
        except InputError as error:
            if not skip_bad:
                yield error
            continue
        yield story
