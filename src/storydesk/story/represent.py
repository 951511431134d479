"""Term representations of sentences: ROUGE-compatible tokens, content stems, TF-IDF vectors.

Tokens follow the ROUGE convention (lowercase, runs of [a-z0-9], Porter stems for words longer
than three characters) so that what storydesk calls "the same words" is what the evaluation
counts.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress, filterfalse, repeat
from itertools import count as count_from

import numpy as np
from rouge_score_rs.tokenizers import DefaultTokenizer

from storydesk.story.sparse_rows import SparseRows, sorted_distinct

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


# ROUGE tokens are runs of [a-z0-9]: the single-character ones are these.
_NOT_CONTENT = STOPWORDS | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def content_terms(toks: Sequence[str]) -> list[str]:
    """Tokens that carry content: not function words, not single characters."""
    return list(filterfalse(_NOT_CONTENT.__contains__, toks))  # filtered in C


@dataclass(frozen=True)
class TermMatrix:
    """Sentence × term TF-IDF rows (L2-normalised) over one story's vocabulary."""

    matrix: SparseRows
    vocabulary: dict[str, int]
    idf: np.ndarray
    index: np.ndarray  # term ids of every row, row after row, in the order the terms were given
    indptr: np.ndarray  # row i's term ids are index[indptr[i]:indptr[i + 1]]
    background: Mapping[str, float] | None = None  # the IDF table ``idf`` was looked up in
    known: np.ndarray | None = None  # per term: whether the table has it (else the fallback)

    def centroid(self) -> np.ndarray:
        matrix = self.matrix
        vector = np.bincount(matrix.columns, weights=matrix.values, minlength=matrix.n_columns)
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
    lengths = np.fromiter((len(t) for t in term_lists), dtype=np.int64, count=len(term_lists))
    vocabulary, given = _ids(chain.from_iterable(term_lists), int(lengths.sum()))
    n_rows, n_terms = len(term_lists), len(vocabulary)
    given_indptr = np.concatenate(([0], np.cumsum(lengths)))
    # Repeated terms of a row fold into one entry with their count (rows then list term ids
    # in ascending order).
    keys, counts = np.unique(
        np.repeat(np.arange(n_rows), lengths) * n_terms + given, return_counts=True
    )
    indices = keys % max(n_terms, 1)
    indptr = np.searchsorted(keys // max(n_terms, 1), np.arange(n_rows + 1))
    data = 1.0 + np.log(counts.astype(np.float64))
    known = None
    if idf is not None:
        fallback = default_idf if default_idf is not None else _largest(idf)
        # NaN marks a term the table lacks (features reuse the mask instead of looking the
        # vocabulary up again); a table holding NaN itself is asked for its terms.
        found = np.fromiter(
            map(idf.get, vocabulary, repeat(np.nan)), dtype=np.float64, count=n_terms
        )
        if _holds_nan(idf):
            known = np.fromiter(map(idf.__contains__, vocabulary), dtype=bool, count=n_terms)
        else:
            known = ~np.isnan(found)
        weights = np.where(known, found, fallback)
    else:
        df = np.bincount(indices, minlength=n_terms)
        weights = np.log((1 + max(n_rows, 1)) / (1 + df)) + 1.0
    weighted = data * weights[indices]
    sizes = np.diff(indptr)
    filled = sizes > 0
    squares = np.zeros(n_rows)
    if filled.any():
        squares[filled] = np.add.reduceat(weighted**2, indptr[:-1][filled])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    row_norm = np.repeat(norms, sizes)
    matrix = SparseRows(weighted / row_norm, indices, indptr, n_terms)
    return TermMatrix(matrix, vocabulary, weights, given, given_indptr, idf, known)


def _ids(items: Iterable[str], count: int) -> tuple[dict[str, int], np.ndarray]:
    """Number distinct strings by first appearance; returns (string -> id, id of each item).

    dict.fromkeys, zip and map keep the per-item work in C: no Python step per term.
    """
    flat = list(items)
    vocabulary = dict(zip(dict.fromkeys(flat), count_from(), strict=False))
    return vocabulary, np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=count)


_LARGEST: dict[int, tuple[Mapping[str, float], float, bool]] = {}


def _table_facts(idf: Mapping[str, float]) -> tuple[Mapping[str, float], float, bool]:
    """(table, largest IDF, whether it holds NaN), computed once per table (the shipped one
    is reused)."""
    known = _LARGEST.get(id(idf))
    if known is None or known[0] is not idf:
        values = list(idf.values())
        known = (idf, max(values, default=1.0), any(v != v for v in values))
        _LARGEST.clear()
        _LARGEST[id(idf)] = known
    return known


def _largest(idf: Mapping[str, float]) -> float:
    """The largest IDF of a table."""
    return _table_facts(idf)[1]


def _holds_nan(idf: Mapping[str, float]) -> bool:
    return _table_facts(idf)[2]


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

    @cached_property
    def article_rows(self) -> tuple[np.ndarray, ...]:
        """The sentence indices of each article (citations ask per sentence and article)."""
        return tuple(np.flatnonzero(self.article_of == a) for a in range(self.support.shape[1]))

    @property
    def term_index(self) -> np.ndarray:
        """Content-term ids (``terms.vocabulary``) of every sentence, in sorted term order."""
        return self.terms.index

    @property
    def term_indptr(self) -> np.ndarray:
        """Sentence i's content-term ids are ``term_index[term_indptr[i]:term_indptr[i + 1]]``."""
        return self.terms.indptr


_BLOCK_CELLS = 1 << 22  # overlap cells per block: bounds memory for very large stories


_PAIR = " ".join  # ("a", "b") -> "a b": map() over zip() joins pairs without a Python step each


def _joined_bigrams(sequence: Sequence[str]) -> frozenset[str]:
    return frozenset(map(_PAIR, zip(sequence, sequence[1:], strict=False)))


def phrase_bigrams(toks: Sequence[str]) -> frozenset[str]:
    """Adjacent token pairs as ROUGE-2 counts them, without pairs of two function words
    ("of the"), which every report shares and no reader would call shared content."""
    function = list(map(STOPWORDS.__contains__, toks))
    both_function = map(operator.and_, function, function[1:])
    return frozenset(
        compress(map(_PAIR, zip(toks, toks[1:], strict=False)), map(operator.not_, both_function))
    )


def _containment(
    content: Sequence[frozenset[str]], article_of: np.ndarray, n_articles: int
) -> tuple[np.ndarray, np.ndarray]:
    n = len(content)
    support = np.zeros((n, n_articles), dtype=np.float32)
    support_at = np.full((n, n_articles), -1, dtype=np.int64)
    if n == 0:
        return support, support_at
    lengths = np.fromiter((len(terms) for terms in content), dtype=np.int64, count=n)
    vocabulary, columns = _ids(chain.from_iterable(content), int(lengths.sum()))
    binary = SparseRows(
        np.ones(columns.size), columns, np.concatenate(([0], np.cumsum(lengths))), len(vocabulary)
    )
    sizes = np.maximum(lengths, 1).astype(np.float32)
    # Sentences arrive grouped by article, so each article is one contiguous column range.
    bounds = np.searchsorted(article_of, np.arange(n_articles + 1))
    rows_per_block = max(1, _BLOCK_CELLS // n)
    for block_start in range(0, n, rows_per_block):
        block_end = min(n, block_start + rows_per_block)
        # Shared counts are small integers: exact in float32, as they were under SciPy.
        overlap = binary.take(np.arange(block_start, block_end)).products(binary).astype(np.float32)
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
    toks = tuple(map(tuple, map(_ROUGE_TOKENIZER.tokenize, texts)))
    sequences = list(map(content_terms, toks))
    content = tuple(map(frozenset, sequences))
    evidence = tuple(map(operator.or_, content, map(_joined_bigrams, sequences)))
    article_array = np.asarray(article_of, dtype=np.int64)
    support, support_at = _containment(evidence, article_array, n_articles)
    terms_matrix = term_matrix(list(map(sorted, content)), idf=idf)
    return Representation(
        tokens=toks,
        content=content,
        evidence=evidence,
        article_of=article_array,
        terms=terms_matrix,
        support=support,
        support_at=support_at,
        article_terms=_article_terms(terms_matrix, article_array, n_articles),
        bigrams=tuple(map(phrase_bigrams, toks)),
    )


def _article_terms(terms: TermMatrix, article_of: np.ndarray, n_articles: int) -> np.ndarray:
    """For each sentence, the mean share of the story's articles that use its content terms:
    the SumBasic idea at article level, so a term repeated inside one report does not look
    like agreement."""
    n_terms = max(len(terms.vocabulary), 1)
    sizes = np.diff(terms.indptr)
    row_of = np.repeat(np.arange(sizes.size), sizes)
    pairs = sorted_distinct(article_of[row_of] * n_terms + terms.index)
    users = np.bincount(pairs % n_terms, minlength=n_terms).astype(np.float64)
    result = np.zeros(sizes.size)
    filled = sizes > 0
    if filled.any():
        totals = np.add.reduceat(users[terms.index], terms.indptr[:-1][filled])
        result[filled] = totals / (sizes[filled] * max(n_articles, 1))
    return result
