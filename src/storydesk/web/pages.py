"""The HTML pages: front page, story, article, summarize and add (server-rendered, Jinja2)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from storydesk.errors import InputError, StorydeskError
from storydesk.web import views
from storydesk.web.api import service, story_entry
from storydesk.web.service import Refused
from storydesk.web.uploads import jsonl_articles, pasted_articles, uploaded_articles

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 20
MAX_UPLOADS = 20


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    page = templates.get_template(template).render(
        request=request, read_only=service(request).read_only, **context
    )
    return HTMLResponse(page, status_code=status)


@router.get("/")
def front(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> HTMLResponse:
    desk = service(request)
    page = desk.page(limit=PAGE_SIZE, offset=offset, query=q)
    stories = [
        {**story_entry(s), "spark": views.sparkline(desk.activity(s.id))} for s in page.stories
    ]
    return render(
        request,
        "index.html",
        stories=stories,
        total=page.total,
        q=q,
        pages=views.pages(page.total, PAGE_SIZE, offset),
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> HTMLResponse:
    desk = service(request)
    entry = desk.story_entry(story_id)
    story = desk.story(story_id)
    summary, error = desk.summary_or_error(story_id)
    articles = {a.id: a for a in story.articles}
    sources = (
        views.named_sources(summary, articles) if summary else views.sources_of(story.articles)
    )
    compare = desk.comparison(story)
    return render(
        request,
        "story.html",
        story={**story_entry(entry), "title": (summary or {}).get("title") or entry.label.title},
        summary=summary,
        summary_error=error,
        sentences=views.cited_sentences(summary, articles) if summary else [],
        sources=sources,
        compare=views.compared(compare, sources, articles) if compare else None,
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    desk = service(request)
    article, story_id = desk.article(article_id)
    summary, _error = desk.summary_or_error(story_id)  # none for a story without readable text
    spans = views.cited_spans(summary, article.id) if summary else []
    return render(
        request,
        "article.html",
        article=article,
        name=views.display_name(article),
        link=views.safe_url(article.url),
        story_id=story_id,
        segments=views.highlighted(article.text, spans),
        cited=len(spans),
    )


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the app's own OpenAPI schema: no CDN, no script."""
    return render(request, "docs.html", schema=request.app.openapi())


@router.get("/summarize")
def summarize_form(request: Request) -> HTMLResponse:
    return render(request, "summarize.html", reports=["", "", ""], words="")


@router.post("/summarize")
def summarize_submit(
    request: Request,
    reports: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies defaults
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006
    words: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    """Summarize pasted reports and uploaded files; nothing is stored."""
    shown = [*reports, ""] if len(reports) < 3 else reports
    try:
        articles = pasted_articles(reports)
        uploads = [f for f in files if f.filename][:MAX_UPLOADS]
        for n, upload in enumerate(uploads, start=1):
            articles += uploaded_articles(upload.filename or "", upload.file.read(), n)
        budget = _words(words)
        summary = service(request).summarize(articles, budget)
    except StorydeskError as error:
        return render(
            request, "summarize.html", 400, reports=shown, words=words, error=error.to_dict()
        )
    by_id = {a.id: a for a in articles}
    return render(
        request,
        "summarize.html",
        reports=shown,
        words=words,
        summary=summary,
        sentences=views.cited_sentences(summary, by_id),
        sources=views.named_sources(summary, by_id),
    )


def _words(words: str) -> int | None:
    if not words.strip():
        return None
    if not words.strip().isdigit() or not 1 <= int(words) <= 2000:
        raise InputError(f"word budget {words!r} is not a number from 1 to 2000", where="words")
    return int(words)


@router.get("/add")
def add_form(request: Request) -> HTMLResponse:
    return render(request, "add.html", needs_token=request.app.state.token is not None)


@router.post("/add")
def add_submit(
    request: Request,
    feed: Annotated[UploadFile, File()],
    token: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    """Add an uploaded JSONL feed to the desk (refused read-only, or without the token)."""
    desk = service(request)
    needs_token = request.app.state.token is not None
    try:
        desk.check_write(token or None, request.app.state.token)
        name = (feed.filename or "feed.jsonl").replace("\\", "/").rsplit("/", 1)[-1][:200]
        from storydesk.ingest.source import decode

        articles = jsonl_articles(decode(feed.file.read(), name), name)
        outcome = desk.add(articles)
    except Refused as refused:
        error: dict[str, str | None] = {
            "type": "Refused",
            "message": refused.message,
            "hint": refused.hint,
        }
        return render(request, "add.html", refused.status, needs_token=needs_token, error=error)
    except StorydeskError as failure:
        return render(request, "add.html", 400, needs_token=needs_token, error=failure.to_dict())
    return render(request, "add.html", needs_token=needs_token, outcome=outcome)
