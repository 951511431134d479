"""Link every summary sentence to every source that supports it, with exact offsets."""

from __future__ import annotations

from collections.abc import Sequence

from storydesk.represent import Representation
from storydesk.types import Citation, Sentence, SummarySentence


def cite(
    index: int,
    sentences: Sequence[Sentence],
    rep: Representation,
    *,
    support: float,
    score: float = 0.0,
) -> SummarySentence:
    """The sentence itself is the first citation; every other article whose best-matching
    sentence carries at least ``support`` of its content terms is cited at that sentence."""
    sentence = sentences[index]
    citations = [Citation(sentence.article_id, sentence.start, sentence.end)]
    own = int(rep.article_of[index])
    n_articles = rep.support.shape[1]
    for article in range(n_articles):
        if article == own or rep.support[index, article] < support:
            continue
        match = sentences[int(rep.support_at[index, article])]
        citations.append(Citation(match.article_id, match.start, match.end))
    return SummarySentence(text=sentence.text, citations=tuple(citations), score=score)
