"""Rules on group sizes after and during linking: lone articles (``attach_loners``) and two
groups that both hold many articles (``ClusterTuning.group_factor``).

Hand-built vectors with every article's chance level at mean 0 and spread 0.01, so that a z-score
is 100 times the cosine and each case's numbers can be read off the vectors.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from storydesk.feed.cluster import Clusterer, ClusterTuning
from storydesk.feed.cluster_loners import attach_loners

YEAR = 365 * 86400.0


def unit_rows(rows: list[list[float]]) -> sp.csr_matrix:
    dense = np.array(rows, dtype=np.float32)
    return sp.csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))


# Terms: 0-1 story A's words, 2 story B's word, 3 the lone article's own words.
# A1, A2 | B1, B2 | the lone article: cosine 0.10-0.14 with A (z 10-14), 0 or 0.1 with B.
STORY_A = [[1.0, 0.0, 0.0, 0.0], [0.8, 0.6, 0.0, 0.0]]
STORY_B = [[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0]]
PREFERS_A = [0.1, 0.1, 0.0, 0.99]
TORN = [0.1, 0.1, 0.1, 0.985]  # about as close to B (z 10) as to A (z 12)


def attach(lone: list[float], *, margin: float = 0.5, lone_date: float | None = None) -> np.ndarray:
    vectors = unit_rows([*STORY_A, *STORY_B, lone])
    labels = np.array([0, 0, 2, 2, 4])  # after linking: A, B and the lone article
    junk = np.zeros(5, dtype=bool)
    chance = (np.zeros(5), np.full(5, 0.01))
    pairs = (np.array([4, 4, 4, 0, 2]), np.array([0, 1, 2, 1, 3]))
    times = [0.0, 0.0, 0.0, 0.0, lone_date]
    return attach_loners(
        labels, junk, vectors, chance, pairs, times, ClusterTuning(loner_margin=margin)
    )


@pytest.mark.parametrize(
    ("lone", "margin", "lone_date", "label"),
    [
        (PREFERS_A, 0.5, None, 0),  # clear preference: joins A although its cosine is 0.12
        (PREFERS_A, 0.5, 0.5 * YEAR, 0),  # months apart: the dates ask little more
        (PREFERS_A, 0.5, 5 * YEAR, 4),  # five years apart: a new story
        (TORN, 0.5, None, 4),  # B scores 10 against A's 12: torn, stays alone
        (PREFERS_A, 0.0, None, 4),  # margin 0 turns the pass off
    ],
)
def test_attach_loners_moves_an_article_only_to_a_story_it_clearly_prefers(
    lone: list[float], margin: float, lone_date: float | None, label: int
) -> None:
    labels = attach(lone, margin=margin, lone_date=lone_date)
    assert labels.tolist() == [0, 0, 2, 2, label]


def test_attach_loners_leaves_junk_and_grouped_articles_where_they_are() -> None:
    vectors = unit_rows([*STORY_A, *STORY_B, PREFERS_A])
    labels = np.array([0, 0, 2, 2, 4])
    junk = np.array([False, False, False, False, True])
    chance = (np.zeros(5), np.full(5, 0.01))
    pairs = (np.array([4, 4, 0]), np.array([0, 1, 2]))
    moved = attach_loners(labels, junk, vectors, chance, pairs, [None] * 5, ClusterTuning())
    assert moved.tolist() == labels.tolist()


def two_groups(size: int) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, np.ndarray]:
    """Two groups of ``size`` articles: within a group cosine 0.75, across groups 0.047 (z 4.7,
    just above the pairwise bar 4.5) through one shared topic word (term 2)."""
    rows = []
    for side in range(2):
        for k in range(size):
            row = [0.0] * (3 + 2 * size)
            row[side] = 1.0
            row[2] = 0.26
            row[3 + side * size + k] = 0.6
            rows.append(row)
    vectors = unit_rows(rows)
    n = 2 * size
    everyone = [(i, j) for i in range(n) for j in range(n) if i != j]
    pair_rows = np.array([i for i, _ in everyone])
    pair_cols = np.array([j for _, j in everyone])
    sims = np.asarray(vectors[pair_rows].multiply(vectors[pair_cols]).sum(axis=1)).ravel()
    return vectors, pair_rows, pair_cols, sims.astype(np.float32)


@pytest.mark.parametrize(
    ("size", "growth", "one_story"),
    [(1, 0.05, True), (8, 0.05, False), (8, 0.0, True)],
)
def test_link_asks_more_of_two_large_groups_than_of_two_articles(
    size: int, growth: float, one_story: bool
) -> None:
    # Two articles at z 4.7 are one story; two groups of eight that average z 4.7 across are
    # two related stories (the bar grows to 4.5 * (1 + 0.05 ln 8) = 5.97).
    vectors, rows, cols, sims = two_groups(size)
    # crowd_factor 0: every article here has the other group among its ten nearest (see
    # test_link_asks_crowded_short_pieces_to_stand_out)
    clusterer = Clusterer(ClusterTuning(group_growth=growth, crowd_factor=0.0))
    n = vectors.shape[0]
    clusterer.junk_ = np.zeros(n, dtype=bool)
    clusterer.mean_, clusterer.sd_ = np.zeros(n), np.full(n, 0.01)
    clusterer.min_cosine_ = clusterer.short_cosine_ = 0.0
    labels, _ = clusterer._link(vectors, rows, cols, sims, [None] * n)
    assert len(set(labels[:size].tolist())) == 1 and len(set(labels[size:].tolist())) == 1
    assert bool(labels[0] == labels[-1]) is one_story


@pytest.mark.parametrize(("sizes", "factor"), [((1, 40), 1.0), ((8, 8), 1.104), ((20, 8), 1.104)])
def test_group_factor_grows_with_the_log_of_the_smaller_group(
    sizes: tuple[int, int], factor: float
) -> None:
    assert ClusterTuning().group_factor(*sizes) == pytest.approx(factor, abs=0.001)
    assert ClusterTuning(group_growth=0.0).group_factor(*sizes) == 1.0
    assert math.isclose(ClusterTuning().group_factor(1, 1), 1.0)
