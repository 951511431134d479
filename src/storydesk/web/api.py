"""The JSON API under /api: thin adapters over the desk service (the CLI's library calls)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request

from storydesk.feed.desk_query import DeskStory
from storydesk.types import SCHEMA_VERSION
from storydesk.web.schemas import (
    ArticlesIn,
    ArticlesOut,
    ErrorOut,
    HealthOut,
    StoriesOut,
    StoryOut,
    SummarizeIn,
    SummaryOut,
)
from storydesk.web.service import DeskService

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": meaning}
    for code, meaning in {
        400: "Malformed JSON, or input storydesk cannot use",
        401: "Token missing or wrong",
        403: "The desk is served read-only",
        404: "No such story or article",
        413: "Request body too large",
        422: "Missing or invalid fields",
        500: "Server fault (logged)",
        503: "The desk database is unavailable",
    }.items()
}

router = APIRouter(prefix="/api", responses=ERRORS)

MAX_PAGE = 100


def service(request: Request) -> DeskService:
    desk: DeskService = request.app.state.desk
    return desk


def story_entry(story: DeskStory) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.label.title,
        "size": story.size,
        "sources": list(story.sources),
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "label": list(story.label.keywords()),
    }


def story_payload(desk: DeskService, story_id: str) -> dict[str, Any]:
    entry = desk.story_entry(story_id)
    story = desk.story(story_id)
    summary, error = desk.summary_or_error(story_id)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": entry.id,
        "title": (summary or {}).get("title") or entry.label.title,  # the headline, if summarized
        "summary": summary,
        "summary_error": error,
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "published": a.published,
            }
            for a in story.articles
        ],
        "compare": desk.comparison(story),
    }


@router.get("/health", response_model=HealthOut)
def health(request: Request) -> dict[str, Any]:
    """Liveness, what serves, and how much the desk holds."""
    return service(request).health()


@router.get("/stories", response_model=StoriesOut)
def stories(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    q: Annotated[str, Query(max_length=500, description="Full-text search")] = "",
) -> dict[str, Any]:
    """Stories, newest activity first; with ``q``, those whose articles or summary match."""
    page = service(request).page(limit=limit, offset=offset, query=q)
    return {
        "schema_version": SCHEMA_VERSION,
        "stories": [story_entry(s) for s in page.stories],
        "total": page.total,
    }


@router.get("/stories/{story_id}", response_model=StoryOut)
def story(request: Request, story_id: str) -> dict[str, Any]:
    """One story: its cited summary (as ``summarize --format json``), articles, comparison."""
    return story_payload(service(request), story_id)


@router.post("/summarize", response_model=SummaryOut)
def summarize(request: Request, body: SummarizeIn) -> dict[str, Any]:
    """The cited summary of the given reports; nothing is stored."""
    articles = [a.article(origin="request") for a in body.articles]
    return service(request).summarize(articles, body.words)


def writable(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Refuse before reading the body: read-only mode, or a token set and not given."""
    service(request).check_write(bearer(authorization), request.app.state.token)


@router.post("/articles", response_model=ArticlesOut, dependencies=[Depends(writable)])
def add_articles(request: Request, body: ArticlesIn) -> dict[str, Any]:
    """Store articles in the desk (idempotent): added, linked as a copy, or already there.

    Needs ``Authorization: Bearer <token>`` when the server was started with --token."""
    desk = service(request)
    outcome = desk.add([a.article(origin="request") for a in body.articles])
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": list(outcome.articles),
        "stories": list(outcome.stories),
        "counts": outcome.counts,
    }


def bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None
