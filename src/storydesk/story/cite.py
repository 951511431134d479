"""Link every summary sentence to every source that supports it, with exact offsets."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydesk.story.represent import Representation
from storydesk.types import Citation, Sentence, SummarySentence


def _best_window(
    index: int, rows: np.ndarray, sentences: Sequence[Sentence], rep: Representation
) -> tuple[float, int, int]:
    """Best containment of sentence ``index`` in two adjacent sentences of one article.

    Reports often split what another says in one sentence ("…," she said. / "…"): the pair
    supports it even where neither sentence does alone. Returns (share, first, last).
    """
    wanted = rep.evidence[index]
    if not wanted:
        return 0.0, -1, -1
    best = (0.0, -1, -1)
    for first, last in zip(rows[:-1].tolist(), rows[1:].tolist(), strict=True):
        share = len(wanted & (rep.evidence[first] | rep.evidence[last])) / len(wanted)
        if share > best[0]:
            best = (share, first, last)
    return best


def cite(
    index: int,
    sentences: Sequence[Sentence],
    rep: Representation,
    *,
    support: float,
    score: float = 0.0,
) -> SummarySentence:
    """The sentence itself is the first citation; every other article whose best-matching
    sentence (or pair of adjacent sentences) carries at least ``support`` of its content terms
    and term pairs is cited at that span."""
    sentence = sentences[index]
    citations = [Citation(sentence.article_id, sentence.start, sentence.end)]
    own = int(rep.article_of[index])
    for article in range(rep.support.shape[1]):
        if article == own:
            continue
        if rep.support[index, article] >= support:
            match = sentences[int(rep.support_at[index, article])]
            citations.append(Citation(match.article_id, match.start, match.end))
            continue
        rows = np.flatnonzero(rep.article_of == article)
        share, first, last = _best_window(index, rows, sentences, rep)
        if share >= support:
            citations.append(
                Citation(sentences[first].article_id, sentences[first].start, sentences[last].end)
            )
    return SummarySentence(text=sentence.text, citations=tuple(citations), score=score)
