"""The desk's data in memory: a live story, an article's TF-IDF vector, and what one ``add`` did.

An article is weighed with the document frequencies known on its arrival (sublinear TF, smoothed
IDF, terms in more than half of the desk dropped once it holds 50 articles), the same weighting
as batch clustering, so the desk needs no refitting as it grows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import CountVectorizer

from storydesk.feed.cluster import TOKEN_PATTERN

Vector = dict[str, float]
analyze = CountVectorizer(token_pattern=TOKEN_PATTERN, stop_words="english").build_analyzer()


@dataclass
class LiveStory:
    """A story as the assigner sees it: its members' summed z-score parts and its time span.

    ``vector`` sums the members' scaled vectors ``u``, ``offsets`` and ``scales`` their ``a`` and
    ``b`` (see ``feed.similarity``), ``raw`` their plain vectors; ``terms`` are the terms it is
    indexed under.
    """

    members: int
    vector: Vector
    first: float
    last: float
    junk: bool
    offsets: float = 0.0
    scales: float = 0.0
    terms: list[str] = field(default_factory=list)
    raw: Vector = field(default_factory=dict)  # summed plain vectors, for the average cosine


@dataclass(frozen=True)
class AddReport:
    """What one ``add`` did."""

    added: int = 0
    unchanged: int = 0  # same id and text, or identical text under another id
    copies: int = 0  # near-identical copies linked to their original
    junk: int = 0
    new_stories: int = 0
    aliases: dict[str, str] = field(default_factory=dict)  # identical text: new id -> stored id


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def add_into(total: Vector, vector: Vector, sign: float = 1.0) -> None:
    """``total += sign * vector``, term by term."""
    for t, w in vector.items():
        total[t] = total.get(t, 0.0) + sign * w


def tfidf_vector(counts: Mapping[str, int], df: Mapping[str, int], n: int) -> Vector:
    """Unit-length sublinear TF-IDF of one article among ``n`` (itself included)."""
    ceiling = 0.5 * n if n >= 50 else n
    weights: Vector = {}
    for term, tf in counts.items():
        term_df = df.get(term, 0) + 1
        if term_df <= ceiling:
            weights[term] = (1.0 + math.log(tf)) * (math.log((1 + n) / (1 + term_df)) + 1.0)
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}
