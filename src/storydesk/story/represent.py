"""Term representations of sentences: ROUGE-compatible tokens, content stems, TF-IDF vectors.

Tokens follow the ROUGE convention (lowercase, runs of [a-z0-9], Porter stems for words longer
than three characters) so that what storydesk calls "the same words" is what the evaluation
counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rouge_score_rs.tokenizers import DefaultTokenizer
from scipy import sparse

# Function words carry no story content; kept short and explicit so the list is reviewable.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves s t ll re ve d m don didn doesn isn wasn weren won wouldn
    couldn shouldn said says say told one two new year years like get got go going went make
    made may might must shall us per
    """.split()  # noqa: SIM905 - a word list reads better as text
)


_ROUGE_TOKENIZER = DefaultTokenizer(use_stemmer=True)


def tokens(text: str) -> list[str]:
    """ROUGE tokens: lowercase alphanumeric runs, Porter-stemmed when longer than 3 characters.

    The native tokenizer of rouge-score-rs gives exactly rouge-score's tokens, a few times faster
    than stemming in Python.
    """
    return list(_ROUGE_TOKENIZER.tokenize(text))


def content_terms(toks: Sequence[str]) -> list[str]:
    """Tokens that carry content: not function words, not single characters."""
    return [t for t in toks if t not in STOPWORDS and len(t) > 1]


@dataclass(frozen=True)
class TermMatrix:
    """Sentence × term TF-IDF rows (L2-normalised) over one story's vocabulary."""

    matrix: sparse.csr_matrix
    vocabulary: dict[str, int]
    idf: np.ndarray

    def centroid(self, rows: np.ndarray | None = None) -> np.ndarray:
        sub = self.matrix if rows is None else self.matrix[rows]
        vector = np.asarray(sub.sum(axis=0)).ravel()
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector


def term_matrix(
    term_lists: Sequence[Sequence[str]],
    idf: Mapping[str, float] | None = None,
    default_idf: float | None = None,
) -> TermMatrix:
    """Build sublinear TF-IDF rows; ``idf`` comes from a background corpus (the shipped model).

    Without a background table, IDF is estimated over the given rows themselves.
    """
    vocabulary: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    counts: list[float] = []
    for terms in term_lists:
        row: dict[int, int] = {}
        for term in terms:
            index = vocabulary.setdefault(term, len(vocabulary))
            row[index] = row.get(index, 0) + 1
        indices.extend(row.keys())
        counts.extend(row.values())
        indptr.append(len(indices))
    n_terms = len(vocabulary)
    data = 1.0 + np.log(np.asarray(counts, dtype=np.float64)) if counts else np.zeros(0)
    if idf is not None:
        fallback = default_idf if default_idf is not None else max(idf.values(), default=1.0)
        weights = np.empty(n_terms)
        for term, index in vocabulary.items():
            weights[index] = idf.get(term, fallback)
    else:
        df = np.bincount(np.asarray(indices, dtype=np.int64), minlength=n_terms)
        n_rows = max(len(term_lists), 1)
        weights = np.log((1 + n_rows) / (1 + df)) + 1.0
    matrix = sparse.csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(term_lists), n_terms),
    )
    matrix = sparse.csr_matrix(matrix.multiply(weights.reshape(1, -1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    return TermMatrix(matrix=matrix, vocabulary=vocabulary, idf=weights)


def smoothed_idf(document_frequency: int, documents: int) -> float:
    return math.log((1 + documents) / (1 + document_frequency)) + 1.0


@dataclass(frozen=True)
class Representation:
    """Everything later stages need to know about a story's sentences, computed once.

    ``support[i, a]`` is the share of sentence i's evidence (content terms and adjacent
    content-term pairs, so that word order counts too) found in the single sentence of
    article a that carries most of them, and ``support_at[i, a]`` is that sentence's index (-1
    where the article has no sentences). Citations and cross-report features both read it.
    """

    tokens: tuple[tuple[str, ...], ...]
    content: tuple[frozenset[str], ...]
    evidence: tuple[frozenset[str], ...]  # content terms and adjacent content-term pairs
    article_of: np.ndarray  # article index per sentence
    terms: TermMatrix
    support: np.ndarray  # (sentences, articles) float32 containment
    support_at: np.ndarray  # (sentences, articles) int64 sentence index
    article_terms: np.ndarray  # per sentence: mean share of articles that use its content terms
    bigrams: tuple[frozenset[str], ...]  # token bigrams, less those of two function words


_BLOCK = 2048  # rows per block of the overlap product: bounds memory for very large stories


def _joined_bigrams(sequence: Sequence[str]) -> frozenset[str]:
    return frozenset(f"{a} {b}" for a, b in zip(sequence, sequence[1:], strict=False))


def phrase_bigrams(toks: Sequence[str]) -> frozenset[str]:
    """Adjacent token pairs as ROUGE-2 counts them, without pairs of two function words
    ("of the"), which every report shares and no reader would call shared content."""
    return frozenset(
        f"{a} {b}"
        for a, b in zip(toks, toks[1:], strict=False)
        if a not in STOPWORDS or b not in STOPWORDS
    )


def _containment(
    content: Sequence[frozenset[str]], article_of: np.ndarray, n_articles: int
) -> tuple[np.ndarray, np.ndarray]:
    n = len(content)
    support = np.zeros((n, n_articles), dtype=np.float32)
    support_at = np.full((n, n_articles), -1, dtype=np.int64)
    if n == 0:
        return support, support_at
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, terms in enumerate(content):
        for term in terms:
            rows.append(i)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    binary = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, max(len(vocabulary), 1))
    )
    sizes = np.asarray([max(len(terms), 1) for terms in content], dtype=np.float32)
    transposed = binary.T.tocsc()
    # Sentences arrive grouped by article, so each article is one contiguous column range.
    bounds = np.searchsorted(article_of, np.arange(n_articles + 1))
    for block_start in range(0, n, _BLOCK):
        block_end = min(n, block_start + _BLOCK)
        overlap = (binary[block_start:block_end] @ transposed).toarray()
        share = overlap / sizes[block_start:block_end, None]
        for a in range(n_articles):
            lo, hi = bounds[a], bounds[a + 1]
            if hi <= lo:
                continue
            segment = share[:, lo:hi]
            best = segment.argmax(axis=1)
            support[block_start:block_end, a] = segment[np.arange(len(best)), best]
            support_at[block_start:block_end, a] = lo + best
    return support, support_at


def represent(
    texts: Sequence[str],
    article_of: Sequence[int],
    n_articles: int,
    idf: Mapping[str, float] | None = None,
) -> Representation:
    """Tokenise sentences and measure how much of each one every article carries."""
    toks = tuple(tuple(tokens(text)) for text in texts)
    sequences = [content_terms(t) for t in toks]
    content = tuple(frozenset(seq) for seq in sequences)
    evidence = tuple(frozenset(seq) | _joined_bigrams(seq) for seq in sequences)
    article_array = np.asarray(article_of, dtype=np.int64)
    support, support_at = _containment(evidence, article_array, n_articles)
    # For each content term, the share of the story's articles that use it: the SumBasic idea
    # at article level, so a term repeated inside one report does not look like agreement.
    users: dict[str, set[int]] = {}
    for terms, a in zip(content, article_array.tolist(), strict=True):
        for term in terms:
            users.setdefault(term, set()).add(a)
    denominator = max(n_articles, 1)
    article_terms = np.asarray(
        [
            (sum(len(users[t]) for t in terms) / (len(terms) * denominator)) if terms else 0.0
            for terms in content
        ],
        dtype=np.float64,
    )
    terms_matrix = term_matrix([sorted(c) for c in content], idf=idf)
    return Representation(
        tokens=toks,
        content=content,
        evidence=evidence,
        article_of=article_array,
        terms=terms_matrix,
        support=support,
        support_at=support_at,
        article_terms=article_terms,
        bigrams=tuple(phrase_bigrams(t) for t in toks),
    )
