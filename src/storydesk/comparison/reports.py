"""One story's reports, cleaned and cut into sentences once, with the word views every rule
of the comparison reads (words seen in lower case, sentence tokens, paragraph spans)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from storydesk.story.represent import STOPWORDS
from storydesk.types import Article, Junk, Sentence, Story

# Removed pieces that are still the outlet's own words about the story: a photo caption often
# holds the only other spelling of a name or place.
CAPTION_KINDS = frozenset({"caption", "dateline", "byline"})

_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-zß-öø-ÿ][a-zß-öø-ÿ]*(?:['’][a-z]+)?(?![^\W\d_])")
# Letters only, with an inner apostrophe (O'Brien) kept; digits and punctuation split words.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def plain_words(text: str) -> list[str]:
    """Lower-case words of a text, apostrophes kept (for context overlap, not for ROUGE)."""
    return WORD.findall(text.lower())


def content_words(text: str) -> frozenset[str]:
    """Lower-case words that carry content: no function words, no single letters."""
    return frozenset(w for w in plain_words(text) if w not in STOPWORDS and len(w) > 2)


@dataclass(frozen=True)
class Reports:
    """A story's articles and their kept sentences (grouped by article, in reading order)."""

    story: Story
    sentences: tuple[Sentence, ...]
    removed: tuple[Junk, ...] = ()

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.story.articles

    @cached_property
    def by_article(self) -> dict[str, list[int]]:
        """Sentence indices per article id, in reading order."""
        groups: dict[str, list[int]] = {a.id: [] for a in self.story.articles}
        for index, sentence in enumerate(self.sentences):
            groups[sentence.article_id].append(index)
        return groups

    @cached_property
    def pieces(self) -> tuple[Sentence, ...]:
        """The kept sentences, then captions and datelines as extra pieces of text (their
        ``position`` is -1): evidence for names, never shown as a claim of their own."""
        extra = tuple(
            Sentence(j.article_id, j.start, j.end, j.text, paragraph=-1, position=-1)
            for j in self.removed
            if j.kind in CAPTION_KINDS
        )
        return self.sentences + extra

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """Words written in lower case somewhere in the story: common words, not names."""
        joined = "\n".join(s.text for s in self.sentences)
        return frozenset(_LOWER_WORD.findall(joined))

    @cached_property
    def sentence_words(self) -> tuple[frozenset[str], ...]:
        return tuple(content_words(s.text) for s in self.sentences)

    @cached_property
    def paragraphs(self) -> tuple[tuple[str, int, int], ...]:
        """(article id, start, end) of each kept paragraph: from its first sentence to its last."""
        spans: dict[tuple[str, int], list[int]] = {}
        for sentence in self.sentences:
            key = (sentence.article_id, sentence.paragraph)
            if key in spans:
                spans[key][1] = sentence.end
            else:
                spans[key] = [sentence.start, sentence.end]
        return tuple((article_id, s, e) for (article_id, _), (s, e) in spans.items())

    def text_of(self, article_id: str) -> str:
        return self.story.article(article_id).text
