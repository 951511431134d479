"""Paragraphs, then sentences: Sentence views whose offsets index the article text as given."""

from __future__ import annotations

import re

import nupunkt

from storydesk.story.clean import Cleaned
from storydesk.story.repair import LOST, repair
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


def _spans(piece: str) -> list[tuple[int, int]]:
    """nupunkt's sentence spans, less its splits at the "?" of a lost closing quote ("�?")
    followed by a lower-case word: that "?" is what is left of a "”", not a question mark."""
    spans: list[tuple[int, int]] = []
    lost = LOST in piece
    for start, end in nupunkt.sent_spans(piece):
        if lost and spans and piece[spans[-1][0] : spans[-1][1]].rstrip().endswith(LOST + "?"):
            following = piece[start:end].lstrip()
            if following[:1].islower():
                spans[-1] = (spans[-1][0], end)
                continue
        spans.append((start, end))
    return spans


def segment(cleaned: Cleaned) -> list[Sentence]:
    """Split each kept span into sentences with nupunkt; strip whitespace at both ends.

    A sentence's text is its span repaired (``repair(text[start:end])``): mojibake fixed, no
    U+FFFD; its offsets still index the article as given.
    """
    article = cleaned.article
    text = article.text
    sentences: list[Sentence] = []
    paragraphs = _paragraph_numbers(text, cleaned.kept)
    for (span_start, span_end), paragraph in zip(cleaned.kept, paragraphs, strict=True):
        piece = text[span_start:span_end]
        for rel_start, rel_end in _spans(piece):
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
                    text=repair(stripped),
                    paragraph=paragraph,
                    position=len(sentences),
                )
            )
    return sentences
