"""Similarity that does not depend on article length: cosines as z-scores against a background.

Two full-length articles share many incidental words, two 150-word pieces few, so one cosine
threshold cannot fit both (measured: the best TF-IDF threshold is 0.08 on DUC newswire and 0.2 on
Multi-News pieces). Instead each article is compared with a *background* sample of the feed: the
mean ``mu`` and spread ``sd`` of its cosines with articles it is not related to. Two articles are
scored by how many spreads their cosine stands above what either would reach by chance::

    z(i, j) = (cos(i, j) - (mu_i + mu_j) / 2) / sqrt(sd_i * sd_j)

which splits into per-article parts: ``u_i = v_i / sqrt(sd_i)``, ``a_i = mu_i / sqrt(sd_i)``,
``b_i = 1 / sqrt(sd_i)`` give ``z(i, j) = u_i . u_j - (a_i b_j + a_j b_i) / 2``. A group of articles
is therefore summed once (``U = sum u``, ``A = sum a``, ``B = sum b``) and the *average* z between
two groups is exact from their sums, which is what average linkage and the desk need.

Short pieces are the exception: sharing no word with most of the background, their spread
understates how high a chance match reaches and their z runs high (measured: best z = 8 on
150-word pieces, 3 on 450-word articles). So two groups also need an average plain cosine
(``ClusterTuning.cosine_needed``, rising with the log of the feed's size), which binds for short
pieces in large feeds and rarely for long articles.

Short backgrounds (the desk's first articles) are steadied by a prior worth ``PRIOR_WEIGHT``
background articles at the cosine statistics measured on both newswire feeds (mean and spread
about 0.03).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

PRIOR_MEAN = 0.03
PRIOR_SD = 0.03
PRIOR_WEIGHT = 20.0
SD_FLOOR = 1e-3
RELATED_COUNT = 5  # the highest cosines of the background may be the article's own story


@dataclass(frozen=True)
class Background:
    """An article's chance-level cosine: mean and spread over the background sample."""

    mean: float
    sd: float

    @property
    def scale(self) -> float:
        """``1 / sqrt(sd)``: the factor on the article's vector (``b`` in the notes)."""
        return 1.0 / math.sqrt(self.sd)

    @property
    def offset(self) -> float:
        """``mean / sqrt(sd)`` (``a`` in the module notes)."""
        return self.mean * self.scale


def background(cosines: Sequence[float]) -> Background:
    """Mean and spread of ``cosines`` with the unrelated background, steadied by the prior."""
    kept = sorted(cosines)[: unrelated_count(len(cosines))]
    count = len(kept)
    total = sum(kept)
    squares = sum(c * c for c in kept)
    mass = count + PRIOR_WEIGHT
    mean = (total + PRIOR_WEIGHT * PRIOR_MEAN) / mass
    second = (squares + PRIOR_WEIGHT * (PRIOR_SD**2 + PRIOR_MEAN**2)) / mass
    sd = math.sqrt(max(second - mean * mean, 0.0))
    return Background(mean, max(sd, SD_FLOOR))


def group_z(dot_uu: float, a1: float, b1: float, n1: int, a2: float, b2: float, n2: int) -> float:
    """Average pairwise z between two groups from their summed ``u`` dot and ``a``/``b`` sums."""
    return (dot_uu - 0.5 * (a1 * b2 + a2 * b1)) / (n1 * n2)


def unrelated_count(count: int) -> int:
    """How many of ``count`` background cosines to keep: the lowest (others may be related)."""
    return max(0, count - RELATED_COUNT)


def background_arrays(cosines: np.ndarray, is_self: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise ``background`` of an (articles x sample) cosine matrix, self-pairs left out."""
    # Self-pairs sort last (inf) and so fall among the dropped; each row has the same count.
    ranked = np.sort(np.where(is_self, np.inf, cosines.astype(np.float64)), axis=1)
    others = int((~is_self).sum(axis=1).min())
    count = unrelated_count(others)
    kept = ranked[:, :count]
    weight = count + PRIOR_WEIGHT
    mean = (kept.sum(axis=1) + PRIOR_WEIGHT * PRIOR_MEAN) / weight
    second = ((kept * kept).sum(axis=1) + PRIOR_WEIGHT * (PRIOR_SD**2 + PRIOR_MEAN**2)) / weight
    sd = np.sqrt(np.maximum(second - mean * mean, 0.0))
    return mean, np.maximum(sd, SD_FLOOR)


def same_ids(rows: Sequence[str], columns: Sequence[str]) -> np.ndarray:
    """A (rows x columns) mask of the cells where the row's id is the column's (self-pairs)."""
    column = {aid: j for j, aid in enumerate(columns)}
    mask = np.zeros((len(rows), len(columns)), dtype=bool)
    for i, aid in enumerate(rows):
        if aid in column:
            mask[i, column[aid]] = True
    return mask


def crowd_levels(z: np.ndarray, rows: np.ndarray, count: int, depth: int) -> np.ndarray:
    """Each article's z-score with its ``depth``-th best candidate: how close the crowd of its
    nearest articles comes; 0 for an article with fewer candidates (no crowd in a small feed).

    ``z`` and ``rows``: the candidate links' z-scores and the article each link belongs to.
    """
    order = np.lexsort((-z, rows))
    ranked_rows, ranked = rows[order], z[order].astype(np.float64)
    counts = np.bincount(ranked_rows, minlength=count)
    crowded = np.flatnonzero(counts >= max(depth, 1))
    levels = np.zeros(count, dtype=np.float64)
    levels[crowded] = ranked[np.searchsorted(ranked_rows, crowded) + max(depth, 1) - 1]
    return levels
