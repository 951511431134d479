"""Human labels for a story: its top terms, the names it mentions, and a representative title."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from storydesk.story.headline import is_real_title, lead_phrase
from storydesk.types import Article

# A capitalised word that does not open a sentence: in cased text, mostly a name.
_NAME = re.compile(r"(?<![.!?\n\"'“]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_COMMON_WORDS = (
    "The A An And But Or In On At Of For To With By From As It He She They We I You His Her Their "
    "This That These Those Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun"
)
_COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class StoryLabel:
    """What a story is about, in a few words."""

    terms: tuple[str, ...]
    names: tuple[str, ...]
    title: str

    def __str__(self) -> str:
        parts = [self.title]
        if self.names:
            parts.append("names: " + ", ".join(self.names))
        if self.terms:
            parts.append("terms: " + ", ".join(self.terms))
        return " | ".join(parts)


def top_names(articles: Sequence[Article], limit: int = 3) -> tuple[str, ...]:
    """Capitalised words inside sentences, found in most articles (ties by first appearance)."""
    counts: Counter[str] = Counter()
    for article in articles:
        text = f"{article.title or ''}\n{article.text}"
        # dict.fromkeys, not a set: one count per article, in order of first appearance, so that
        # ties rank the same under every hash seed.
        counts.update(list(dict.fromkeys(m for m in _NAME.findall(text) if m not in _COMMON)))
    wanted = 2 if len(articles) > 1 else 1
    ranked = [name for name, c in counts.most_common() if c >= wanted]
    return tuple(ranked[:limit])


def headline(article: Article, words: int = 14) -> str:
    """The article's title when it is a real one, else a phrase of its first sentence that is
    not page junk (a caption, a credit, player text)."""
    if is_real_title(article.title, article):
        return " ".join((article.title or "").split())
    sentences = [s for s in _SENTENCE_END.split(article.text.strip()) if s.strip()]
    for sentence in sentences[:10]:
        phrase = lead_phrase(sentence, words)
        if is_real_title(phrase.rstrip(" …")):
            return phrase
    first = sentences[0].split() if sentences else []
    return " ".join(first[:words]) + (" …" if len(first) > words else "")


def label_story(
    articles: Sequence[Article], vectors: sp.csr_matrix, terms: np.ndarray, limit: int = 5
) -> StoryLabel:
    """Top TF-IDF terms of the centroid, names, and the title of the most central article."""
    coo = vectors.tocoo()
    columns, inverse = np.unique(coo.col, return_inverse=True)
    weights = np.bincount(inverse, weights=coo.data, minlength=len(columns))
    order = np.lexsort((columns, -weights))[:limit]
    top = tuple(str(terms[columns[i]]) for i in order if weights[i] > 0)
    centroid = sp.csr_matrix(
        (weights, (np.zeros(len(columns), dtype=np.int64), columns)), shape=(1, vectors.shape[1])
    )
    central = int(np.argmax((vectors @ centroid.T).toarray().ravel())) if vectors.nnz else 0
    return StoryLabel(terms=top, names=top_names(articles), title=headline(articles[central]))
