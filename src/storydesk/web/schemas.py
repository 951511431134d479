"""The JSON contract of the HTTP API as pydantic models: they validate requests and document
responses in the OpenAPI schema (/openapi.json, /docs), which the fuzzing tests check against."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from storydesk.types import Article

MAX_WORDS = 2000


class ErrorDetail(BaseModel):
    type: str
    message: str
    where: str | None
    hint: str | None


class ErrorOut(BaseModel):
    schema_version: int
    error: ErrorDetail


class MadeBy(BaseModel):
    version: str
    settings: str
    model: str


class ArticleIn(BaseModel):
    """One report, as a feed line holds it."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=500)
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None

    def article(self, origin: str) -> Article:
        return Article(
            id=self.id,
            text=self.text,
            title=self.title,
            source=self.source,
            url=self.url,
            published=self.published,
            author=self.author,
            origin=origin,
        )


class SummarizeIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1)
    words: int | None = Field(default=None, ge=1, le=MAX_WORDS)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1)


class CitationOut(BaseModel):
    document_id: str
    source: int
    start: int
    end: int


class SentenceOut(BaseModel):
    text: str
    score: float
    citations: list[CitationOut]


class SourceOut(BaseModel):
    number: int
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    author: str | None
    origin: str | None


class RemovedOut(BaseModel):
    document_id: str
    start: int
    end: int
    kind: str
    text: str


class SummaryOut(BaseModel):
    """Exactly what ``storydesk summarize --format json`` prints."""

    schema_version: int
    made_by: MadeBy | None
    id: str
    title: str
    summary: str
    words: int
    method: str
    budget: dict[str, int | None]
    sentences: list[SentenceOut]
    sources: list[SourceOut]
    removed: list[RemovedOut]


class StoryEntry(BaseModel):
    id: str
    title: str
    size: int
    sources: list[str]
    first_seen: str
    last_seen: str
    label: list[str]


class StoriesOut(BaseModel):
    schema_version: int
    stories: list[StoryEntry]
    total: int


class StoryArticle(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None


class StoryOut(BaseModel):
    schema_version: int
    id: str
    title: str
    summary: SummaryOut | None
    summary_error: ErrorDetail | None = None  # why there is no summary (no readable text)
    articles: list[StoryArticle]
    compare: dict[str, Any] | None = None


class ArticleState(BaseModel):
    id: str
    status: Literal["added", "linked", "already there"]
    story_id: str | None


class ArticlesOut(BaseModel):
    schema_version: int
    articles: list[ArticleState]
    stories: list[str]
    counts: dict[str, int]


class HealthOut(BaseModel):
    schema_version: int
    status: Literal["ok"]
    made_by: MadeBy
    stories: int
    articles: int
    read_only: bool
