"""The data storydesk passes between stages: small, typed, frozen records.

Text is never copied into derived records without its coordinates: a Sentence
is an offset view into its Article (``article.text[start:end]``), and every
Citation names a document and the exact character range that supports a
summary sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

# The version of every JSON object storydesk emits (CLI, batch records, to_dict, HTTP).
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Article:
    """One news report, its text exactly as it was given."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str | None = None  # the file (or "stdin") it was read from

    @property
    def label(self) -> str:
        """A short human name for the source list."""
        return self.title or self.source or self.url or self.origin or self.id


@dataclass(frozen=True)
class Junk:
    """A span of an article removed by cleaning, and why."""

    article_id: str
    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence as a view into its article: ``text == repair(article.text[start:end])``
    (story.repair: mojibake fixed, nothing else changed)."""

    article_id: str
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph inside the article
    position: int  # index of the sentence among the article's kept sentences

    @cached_property
    def words(self) -> int:  # counted once: selection asks for it many times per sentence
        return len(self.text.split())


@dataclass(frozen=True)
class Citation:
    """Where a summary sentence, or words that say the same, stand in a source."""

    document_id: str
    start: int
    end: int


@dataclass(frozen=True)
class SummarySentence:
    """One summary sentence: the repaired verbatim text of ``citations[0]``
    (``repair(source[start:end])``), supported by all citations."""

    text: str
    citations: tuple[Citation, ...]
    score: float = 0.0

    @property
    def origin(self) -> Citation:
        return self.citations[0]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Story:
    """Articles that report one event, with reference summaries when known."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...] = ()

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)


@dataclass(frozen=True)
class MadeBy:
    """What made an output: storydesk's version and short digests of the settings and model."""

    version: str
    settings: str
    model: str


@dataclass(frozen=True)
class Summary:
    """The cited summary of one story."""

    story_id: str
    sentences: tuple[SummarySentence, ...]
    articles: tuple[Article, ...]
    removed: tuple[Junk, ...] = ()
    method: str = ""
    budget_words: int | None = None
    budget_sentences: int | None = None
    notes: tuple[str, ...] = field(default=())
    made_by: MadeBy | None = None
    title: str = ""  # the headline: a real title of its reports, else a phrase of its lead

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    def __iter__(self) -> Iterator[SummarySentence]:
        return iter(self.sentences)

    def source_number(self, document_id: str) -> int:
        """1-based number of a document in the source list."""
        for number, article in enumerate(self.articles, start=1):
            if article.id == document_id:
                return number
        raise KeyError(document_id)
