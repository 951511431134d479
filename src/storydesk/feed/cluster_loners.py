"""A second pass after linking: an article left alone joins the story it clearly prefers.

Linking tries each candidate link once, strongest first, and holds every join to two bars: the
average z-score its dates need and an average cosine that rises with the feed's size. The
cosine floor is there for articles torn between related stories on a recurring topic (in a
large feed the nearest article from another story comes close). An article left alone that is
*not* torn, whose best story beats every other candidate (story or lone article) by a wide
margin, is not what the floor guards against: it joins that story when its average z there
reaches the bar its dates need, whatever the average cosine. Measured on the DUC 2003 feed: the
articles this moves have average cosines 0.08-0.09 with their story (floor 0.098) and z-scores
4.6-4.8 against at most 1.0 for any other candidate (docs/notes/cluster.md, Session 6).

The pass reads the first pass's groups only (no cascade), so its result does not depend on the
order in which lone articles are visited.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from storydesk.feed.cluster_tuning import ClusterTuning


def attach_loners(
    labels: np.ndarray,
    junk: np.ndarray,
    vectors: sp.csr_matrix,
    chance: tuple[np.ndarray, np.ndarray],
    pairs: tuple[np.ndarray, np.ndarray],
    times: Sequence[float | None],
    tuning: ClusterTuning,
) -> np.ndarray:
    """Labels with each lone article moved into the story it clearly prefers (see the module).

    ``chance``: each article's background mean and spread; ``pairs``: the candidate links
    (rows, cols) linking looked at; ``labels``: group of each article after linking.
    """
    n = len(labels)
    if tuning.loner_margin <= 0.0 or n < 3:
        return labels
    counts = np.bincount(labels, minlength=n)
    rows, cols = pairs
    both = np.concatenate([rows, cols]), np.concatenate([cols, rows])
    lone = (counts[labels[both[0]]] == 1) & ~junk[both[0]] & ~junk[both[1]]
    article, group = both[0][lone], labels[both[1][lone]]
    keep = article != group  # a lone article's label is its own index
    article, group = article[keep], group[keep]
    if not len(article):
        return labels
    unique = np.unique(np.stack([article, group], axis=1), axis=0)
    article, group = unique[:, 0], unique[:, 1]

    mean, sd = chance
    scale = (1.0 / np.sqrt(sd)).astype(np.float32)
    offset = mean * scale
    members = sp.csr_matrix((np.ones(n, dtype=np.float32), (labels, np.arange(n))), shape=(n, n))
    scaled = (sp.diags(scale) @ vectors).tocsr()
    summed = (members @ scaled).tocsr()
    offsets, scales = members @ offset, members @ scale
    dots = np.asarray(scaled[article].multiply(summed[group]).sum(axis=1)).ravel()
    size = counts[group]
    z = (dots - 0.5 * (offset[article] * scales[group] + scale[article] * offsets[group])) / size

    spans = _spans(labels, times)
    moved = labels.copy()
    order = np.lexsort((group, -z, article))  # per article, best first; ties by group
    starts = np.flatnonzero(np.r_[True, article[order][1:] != article[order][:-1]])
    for start, end in zip(starts, np.r_[starts[1:], len(order)], strict=True):
        best, runner_up = order[start], order[start + 1] if end - start > 1 else None
        i, g = int(article[best]), int(group[best])
        if size[best] < 2 or z[best] <= 0.0:
            continue
        if runner_up is not None and z[runner_up] > tuning.loner_margin * z[best]:
            continue
        if z[best] >= tuning.time_needed(spans.get(i), spans.get(g)):
            moved[i] = g
    return moved


def _spans(labels: np.ndarray, times: Sequence[float | None]) -> dict[int, tuple[float, float]]:
    """Each group's first and last date (seconds); groups without dates are left out."""
    spans: dict[int, tuple[float, float]] = {}
    for label, moment in zip(labels.tolist(), times, strict=True):
        if moment is None:
            continue
        lo, hi = spans.get(label, (moment, moment))
        spans[label] = (min(lo, moment), max(hi, moment))
    return spans
