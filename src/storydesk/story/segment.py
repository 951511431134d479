"""Paragraphs, then sentences: Sentence views whose offsets index the article text as given."""

from __future__ import annotations

import re

import nupunkt

from storydesk.story.clean import Cleaned
from storydesk.types import Sentence

# A sentence must carry at least one letter; spans of only punctuation or digits are debris.
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _paragraph_numbers(text: str, kept: tuple[tuple[int, int], ...]) -> list[int]:
    """Number kept spans by paragraph: a new paragraph starts after any line break."""
    numbers: list[int] = []
    paragraph = -1
    previous_end = 0
    for start, _end in kept:
        if paragraph < 0 or "\n" in text[previous_end:start]:
            paragraph += 1
        numbers.append(paragraph)
        previous_end = _end
    return numbers


def segment(cleaned: Cleaned) -> list[Sentence]:
    """Split each kept span into sentences with nupunkt; strip whitespace at both ends."""
    article = cleaned.article
    text = article.text
    sentences: list[Sentence] = []
    paragraphs = _paragraph_numbers(text, cleaned.kept)
    for (span_start, span_end), paragraph in zip(cleaned.kept, paragraphs, strict=True):
        piece = text[span_start:span_end]
        for rel_start, rel_end in nupunkt.sent_spans(piece):
            raw = piece[rel_start:rel_end]
            stripped = raw.strip()
            if not stripped or not _HAS_LETTER.search(stripped):
                continue
            start = span_start + rel_start + (len(raw) - len(raw.lstrip()))
            end = start + len(stripped)
            sentences.append(
                Sentence(
                    article_id=article.id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    paragraph=paragraph,
                    position=len(sentences),
                )
            )
    return sentences
