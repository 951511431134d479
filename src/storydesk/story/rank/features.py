"""Sentence features that mean the same on lowercased, truncated training text and on raw,
cased, long articles: everything is computed on ROUGE tokens (lowercase) and on counts that do
not depend on where a corpus cut its articles off."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import repeat

import numpy as np

from storydesk.story.represent import Representation
from storydesk.types import Sentence

FEATURE_NAMES: tuple[str, ...] = (
    "position",
    "relative_position",
    "is_first",
    "paragraph",
    "words_before",
    "words",
    "content_words",
    "support_share",
    "support_count",
    "containment_mean",
    "containment_max",
    "centroid_all",
    "centroid_others",
    "centroid_own",
    "article_terms",
    "idf_mean",
    "idf_max",
    "numbers",
    "has_quote",
    "letter_ratio",
    "ends_terminal",
    "starts_lower",
    "articles",
    "article_share",
    "article_sentences",
    "story_words",
    "starts_pronoun",
    "question",
    "rank_centroid_in_article",
    "lead_similarity",
)

# A quotation mark: one of these, or a lone straight apostrophe ("(?:^|\s)'\s"). Tested as
# substrings first (C), the regular expression only for a text holding a straight apostrophe.
_QUOTE_MARKS = ('"', "“", "”", "''", "``")
_LONE_APOSTROPHE = re.compile(r"(?:^|\s)'\s")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PRONOUN_START = re.compile(
    r"^[\"'“]?\s*(he|she|it|they|this|that|these|those|his|her|their|its|but|and|so|also)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$")

SUPPORT_THRESHOLD = 0.6  # containment that counts as "another report says this too"


def _letter_counts(texts: Sequence[str]) -> np.ndarray:
    """Characters for which str.isalpha() holds, per text, counted over code-point arrays.

    ASCII goes through a fixed table; the few distinct non-ASCII characters of a story are asked
    once each. Exactly ``sum(ch.isalpha() for ch in text)``, without a Python step per character.
    """
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    alpha = _ASCII_ALPHA[np.minimum(points, 127)]
    wide = points > 127
    if wide.any():
        distinct, inverse = np.unique(points[wide], return_inverse=True)
        alpha[wide] = np.fromiter((chr(c).isalpha() for c in distinct.tolist()), dtype=bool)[
            inverse
        ]
    running = np.concatenate(([0], np.cumsum(alpha, dtype=np.int64)))
    ends = np.cumsum(lengths)
    return (running[ends] - running[ends - lengths]).astype(np.float64)


_ASCII_ALPHA = np.asarray([chr(c).isalpha() for c in range(128)], dtype=bool)


def _has_quote(text: str) -> bool:
    """Exactly ``re.search(r"[\"“”]|''|``|(?:^|\\s)'\\s", text) is not None``."""
    if any(map(text.__contains__, _QUOTE_MARKS)):
        return True
    return "'" in text and _LONE_APOSTROPHE.search(text) is not None


def _flags(pattern: re.Pattern[str], texts: Sequence[str], match: bool = False) -> np.ndarray:
    find = pattern.match if match else pattern.search
    return np.fromiter((find(t) is not None for t in texts), dtype=np.float64, count=len(texts))


def _row_idf(
    rep: Representation, idf_of: dict[str, float] | None, default_idf: float
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and largest background IDF of each sentence's content terms (0 without terms)."""
    n = len(rep.content)
    if idf_of is None:
        return np.zeros(n), np.zeros(n)
    terms = rep.terms
    if terms.background is idf_of and terms.known is not None:
        # The representation looked the same table up: its values where known, else ours.
        weights = np.where(terms.known, terms.idf, default_idf)
    else:
        weights = np.fromiter(
            map(idf_of.get, terms.vocabulary, repeat(default_idf)),
            dtype=np.float64,
            count=len(terms.vocabulary),
        )
    indptr, index = rep.term_indptr, rep.term_index
    sizes = np.diff(indptr)
    filled = sizes > 0
    mean, largest = np.zeros(n), np.zeros(n)
    if index.size:
        values = weights[index]
        starts = indptr[:-1][filled]
        mean[filled] = np.add.reduceat(values, starts) / sizes[filled]
        largest[filled] = np.maximum.reduceat(values, starts)
    return mean, largest


def _centroid_similarities(
    rep: Representation, n_articles: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cosine of each sentence with the story centroid, its own report's and the others'."""
    matrix = rep.terms.matrix
    article_of = rep.article_of
    n = matrix.n_rows
    sums = matrix.group_sums(article_of, n_articles)  # (articles, terms)
    total = sums.sum(axis=0)
    others = total[None, :] - sums
    sims_all = matrix.dot(_unit(total))
    sims_own = matrix.dot_chosen(_unit_rows(sums), article_of)
    sims_others = (
        matrix.dot_chosen(_unit_rows(others), article_of) if n_articles > 1 else np.zeros(n)
    )
    return sims_all, sims_own, sims_others


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


def sentence_features(
    sentences: Sequence[Sentence],
    rep: Representation,
    n_articles: int,
    idf_of: dict[str, float] | None,
    default_idf: float,
) -> np.ndarray:
    """One row of FEATURE_NAMES per sentence, computed column by column over the story."""
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float64)
    article_of = rep.article_of
    texts = [s.text for s in sentences]
    positions = np.fromiter((s.position for s in sentences), dtype=np.float64, count=n)
    paragraphs = np.fromiter((s.paragraph for s in sentences), dtype=np.float64, count=n)
    words = np.fromiter((len(t) for t in rep.tokens), dtype=np.float64, count=n)
    article_words = np.bincount(article_of, weights=words, minlength=n_articles)
    article_sentences = np.bincount(article_of, minlength=n_articles).astype(np.float64)
    story_words = float(words.sum())

    # Support from other reports: mask each sentence's own article out.
    n_others = n_articles - 1
    if n_others > 0:
        others = rep.support.copy()  # float32, as the model was trained on
        others[np.arange(n), article_of] = np.nan
        supported = np.nansum(others >= SUPPORT_THRESHOLD, axis=1)
        containment_mean = np.nanmean(others, axis=1)
        containment_max = np.nanmax(others, axis=1)
    else:
        supported = containment_mean = containment_max = np.zeros(n)

    sims_all, sims_own, sims_others = _centroid_similarities(rep, n_articles)
    # Rank by closeness to the story within each report (ties keep report order).
    order = np.lexsort((-sims_all, article_of))
    first_row = np.searchsorted(article_of[order], article_of[order])
    rank_in_article = np.empty(n)
    rank_in_article[order] = (np.arange(n) - first_row) / np.maximum(
        article_sentences[article_of[order]] - 1, 1
    )

    # Reports open with the event itself: closeness to other reports' first two sentences.
    lead_rows = np.flatnonzero(positions < 2)
    lead_similarity = np.zeros(n)
    if n_others > 0 and lead_rows.size:
        matrix = rep.terms.matrix
        sims = matrix.products(matrix.take(lead_rows))
        sims[article_of[:, None] == article_of[lead_rows][None, :]] = 0.0
        lead_similarity = sims.max(axis=1)

    # Sentences arrive grouped by article: words before = running total less the article's start.
    running = np.cumsum(words) - words
    words_before = running - running[np.searchsorted(article_of, article_of)]
    idf_mean, idf_max = _row_idf(rep, idf_of, default_idf)
    firsts = [t.lstrip("\"'“‘([ ")[:1] for t in texts]
    columns = (
        np.minimum(positions, 50),
        positions / np.maximum(article_sentences[article_of] - 1, 1),
        (positions == 0).astype(np.float64),
        np.minimum(paragraphs, 50),
        np.minimum(words_before, 3000),
        words,
        np.fromiter((len(c) for c in rep.content), dtype=np.float64, count=n),
        supported / n_others if n_others > 0 else np.zeros(n),
        supported,
        containment_mean,
        containment_max,
        sims_all,
        sims_others,
        sims_own,
        rep.article_terms,
        idf_mean,
        idf_max,
        np.fromiter((len(_NUMBER.findall(t)) for t in texts), dtype=np.float64, count=n),
        np.fromiter(map(_has_quote, texts), dtype=np.float64, count=n),
        _letter_counts(texts) / np.maximum([len(t) for t in texts], 1),
        _flags(_TERMINAL, texts),
        np.fromiter((f.islower() for f in firsts), dtype=np.float64, count=n),
        np.full(n, float(n_articles)),
        article_words[article_of] / max(story_words, 1.0),
        article_sentences[article_of],
        np.full(n, np.log1p(story_words)),
        _flags(_PRONOUN_START, texts, match=True),
        np.fromiter((t.rstrip("\"'”’ ").endswith("?") for t in texts), dtype=np.float64, count=n),
        rank_in_article,
        lead_similarity,
    )
    return np.column_stack(columns)
