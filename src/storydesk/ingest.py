"""Read articles and stories from text, HTML and JSONL files, folders and stdin.

Every reader checks its input the same way (missing, empty, binary, too big,
undecodable, corrupt gzip, malformed line) and says what, where and how to fix
it in an ``InputError``. Article texts are kept exactly as decoded, so the
offsets later stages compute index the text as read.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from storydesk.errors import InputError
from storydesk.types import Article, Story

MAX_TEXT_BYTES = 50 * 1024 * 1024  # per article text (and per plain file)
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
READABLE = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
ARTICLE_FIELDS = ("title", "url", "source", "published", "author")

_HEADLINE_END = re.compile(r"[.!?,;:]['\"’”)]?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# --- bytes and text -------------------------------------------------------


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError("input not found", where=str(path), hint="check the path and its spelling")
    if not path.is_file():
        raise InputError("not a regular file", where=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("file is empty (0 bytes)", where=str(path), hint="give a file with text")
    if size > MAX_TEXT_BYTES and not path.name.lower().endswith(".gz"):
        raise InputError(
            f"file is too big ({size / 1e6:.0f} MB > {MAX_TEXT_BYTES / 1e6:.0f} MB)",
            where=str(path),
            hint="split it into one article per file, or use JSONL (one article per line)",
        )


def decode(data: bytes, where: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else cp1252, else latin-1 with replacement."""
    if b"\x00" in data[:65536]:
        raise InputError(
            "binary file (contains NUL bytes)", where=where, hint="give a text, HTML or JSONL file"
        )
    text: str | None = None
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    if text is None:
        text = data.decode("latin-1", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise InputError(
            "binary file (mostly non-text bytes)",
            where=where,
            hint="give a text, HTML or JSONL file",
        )
    return text


def _read_text(path: Path) -> str:
    _check_file(path)
    text = decode(path.read_bytes(), str(path))
    if not text.strip():
        raise InputError(
            "file holds only whitespace", where=str(path), hint="give a file with text"
        )
    return text


def _open_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, decoded line) of a JSONL or JSONL.gz file, streamed."""
    _check_file(path)
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open
    got_any = False
    try:
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if len(raw) > MAX_TEXT_BYTES:
                    raise InputError(
                        f"line is too big ({len(raw) / 1e6:.0f} MB)",
                        where=f"{path}:{number}",
                        hint=f"articles are capped at {MAX_TEXT_BYTES // 2**20} MB of text",
                    )
                line = decode(raw, f"{path}:{number}")
                if line.strip():
                    got_any = True
                    yield number, line
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(
            f"cannot read compressed file: {exc}",
            where=str(path),
            hint="the gzip file is corrupt or truncated; compress it again",
        ) from exc
    if not got_any:
        raise InputError("file holds no JSON lines", where=str(path), hint="one JSON object a line")


# --- one record to an Article ----------------------------------------------


def _field_str(record: dict[str, Any], name: str, where: str, required: bool) -> str | None:
    value = record.get(name)
    if value is None:
        if required:
            raise InputError(f'missing field "{name}"', where=where, hint=_schema_hint(name))
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(
            f'field "{name}" must be a string, got {type(value).__name__}', where=where
        )
    return str(value)


def _schema_hint(name: str) -> str:
    if name in ("documents", "summaries"):
        return 'story lines look like {"id": "s1", "documents": [{"id": "d1", "text": "..."}]}'
    return 'article lines look like {"id": "a1", "text": "...", "title": "..."}'


def _require_object(record: Any, where: str, kind: str) -> None:
    if not isinstance(record, dict):
        raise InputError(
            f"expected a JSON object, got {type(record).__name__}",
            where=where,
            hint=_schema_hint(kind),
        )


def _article_from_record(record: Any, where: str, origin: str) -> Article:
    _require_object(record, where, "")
    article_id = _field_str(record, "id", where, required=True)
    text = record.get("text")
    if not isinstance(text, str):
        problem = 'missing field "text"' if text is None else 'field "text" must be a string'
        raise InputError(problem, where=where, hint=_schema_hint("text"))
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(f'field "text" is too big ({len(text) / 1e6:.0f} MB)', where=where)
    extra = {name: _field_str(record, name, where, required=False) for name in ARTICLE_FIELDS}
    assert article_id is not None
    return Article(id=article_id, text=text, origin=origin, **extra)


def _parse_line(line: str, where: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON ({exc.msg} at column {exc.colno})",
            where=where,
            hint="each line must be one complete JSON object",
        ) from exc


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
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = _read_text(path)
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
            where=str(path),
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
        origin=str(path),
    )


# --- public readers -----------------------------------------------------------


def _folder_files(folder: Path) -> list[Path]:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and _suffix(p) in READABLE
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
        yield _article_from_record(_parse_line(line, where), where, origin)


def _read_file(path: Path, taken: set[str]) -> list[Article]:
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        articles = []
        for number, line in _open_lines(path):
            where = f"{path}:{number}"
            article = _article_from_record(_parse_line(line, where), where, str(path))
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
    return [_text_article(article_id, _read_text(path), str(path))]


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
        elif _suffix(path) in READABLE or not path.suffix:
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
            if _suffix(file) in JSONL_SUFFIXES:
                yield from _feed_lines(_open_lines(file), str(file), taken, skip_bad)
            else:
                yield from _read_file(file, taken)
        return
    yield from _feed_lines(_open_lines(path), str(path), set(), skip_bad)


def _feed_lines(
    lines: Iterable[tuple[int, str]], origin: str, taken: set[str], skip_bad: bool
) -> Iterator[Article | InputError]:
    for number, line in lines:
        where = f"{origin}:{number}"
        try:
            article = _article_from_record(_parse_line(line, where), where, origin)
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
    for number, line in _open_lines(file):
        where = f"{file}:{number}"
        try:
            story = _story_from_record(_parse_line(line, where), where, str(file))
        except InputError as error:
            if not skip_bad:
                yield error
            continue
        yield story


def _story_from_record(record: Any, where: str, origin: str) -> Story:
    _require_object(record, where, "documents")
    story_id = _field_str(record, "id", where, required=True)
    assert story_id is not None
    documents = record.get("documents")
    if not isinstance(documents, list) or not documents:
        problem = (
            'missing field "documents"'
            if documents is None
            else 'field "documents" must be a non-empty list'
        )
        raise InputError(problem, where=where, hint=_schema_hint("documents"))
    articles: list[Article] = []
    seen: set[str] = set()
    for index, document in enumerate(documents, start=1):
        doc_where = f"{where} documents[{index - 1}]"
        if isinstance(document, str):
            document = {"id": f"d{index}", "text": document}
        article = _article_from_record(document, doc_where, origin)
        if article.id in seen:
            raise InputError(f"duplicate document id {article.id!r}", where=doc_where)
        seen.add(article.id)
        articles.append(article)
    summaries = record.get("summaries", [])
    if isinstance(summaries, str):
        summaries = [summaries]
    if not isinstance(summaries, list) or not all(isinstance(s, str) for s in summaries):
        raise InputError('field "summaries" must be a list of strings', where=where)
    return Story(id=story_id, articles=tuple(articles), references=tuple(summaries))
