"""One JSON record to an Article or a Story, each field checked; errors name file:line, field."""

from __future__ import annotations

import json
import re
from typing import Any

from storydesk.errors import InputError
from storydesk.ingest import source
from storydesk.ingest.source import ARTICLE_FIELDS
from storydesk.types import Article, Story

# JSON may escape a lone UTF-16 surrogate ("\ud800") that no UTF-8 output can hold; each becomes
# U+FFFD, one code point for one, so every offset into the text stays the same.
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def field_str(record: dict[str, Any], name: str, where: str, required: bool) -> str | None:
    value = record.get(name)
    if value is None:
        if required:
            raise InputError(f'missing field "{name}"', where=where, hint=schema_hint(name))
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(
            f'field "{name}" must be a string, got {type(value).__name__}', where=where
        )
    return without_surrogates(str(value))


def schema_hint(name: str) -> str:
    if name in ("documents", "summaries"):
        return 'story lines look like {"id": "s1", "documents": [{"id": "d1", "text": "..."}]}'
    return 'article lines look like {"id": "a1", "text": "...", "title": "..."}'


def require_object(record: Any, where: str, kind: str) -> None:
    if not isinstance(record, dict):
        raise InputError(
            f"expected a JSON object, got {type(record).__name__}",
            where=where,
            hint=schema_hint(kind),
        )


def article_from_record(record: Any, where: str, origin: str) -> Article:
    require_object(record, where, "")
    article_id = field_str(record, "id", where, required=True)
    text = record.get("text")
    if not isinstance(text, str):
        problem = 'missing field "text"' if text is None else 'field "text" must be a string'
        raise InputError(problem, where=where, hint=schema_hint("text"))
    if len(text) > source.max_text_bytes():
        raise source.too_big(len(text), where, 'field "text"')
    extra = {name: field_str(record, name, where, required=False) for name in ARTICLE_FIELDS}
    assert article_id is not None
    return Article(id=article_id, text=without_surrogates(text), origin=origin, **extra)


def parse_line(line: str, where: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON ({exc.msg} at column {exc.colno})",
            where=where,
            hint="each line must be one complete JSON object",
        ) from exc


def story_from_record(record: Any, where: str, origin: str) -> Story:
    require_object(record, where, "documents")
    story_id = field_str(record, "id", where, required=True)
    assert story_id is not None
    documents = record.get("documents")
    if not isinstance(documents, list) or not documents:
        problem = (
            'missing field "documents"'
            if documents is None
            else 'field "documents" must be a non-empty list'
        )
        raise InputError(problem, where=where, hint=schema_hint("documents"))
    articles: list[Article] = []
    seen: set[str] = set()
    for index, document in enumerate(documents, start=1):
        doc_where = f"{where} documents[{index - 1}]"
        if isinstance(document, str):
            document = {"id": f"d{index}", "text": document}
        article = article_from_record(document, doc_where, origin)
        if article.id in seen:
            raise InputError(f"duplicate document id {article.id!r}", where=doc_where)
        seen.add(article.id)
        articles.append(article)
    summaries = record.get("summaries", [])
    if isinstance(summaries, str):
        summaries = [summaries]
    if not isinstance(summaries, list) or not all(isinstance(s, str) for s in summaries):
        raise InputError('field "summaries" must be a list of strings', where=where)
    references = tuple(without_surrogates(s) for s in summaries)
    return Story(id=story_id, articles=tuple(articles), references=references)
