"""Tree-ensemble prediction by leaf bit masks (the QuickScorer idea), in NumPy.

Number each tree's leaves left to right. A split that a sample fails (``x > threshold``: it goes
right) rules out every leaf of its left subtree, and the leaf the sample reaches is the leftmost
leaf that no failed split rules out: so the reached leaf is the lowest bit left set after ANDing
the masks of the failed splits, in any order. For one feature, the splits a value fails are
those whose threshold is below it: a prefix of that feature's splits sorted by threshold. So
every (feature, threshold rank) has one precomputed row holding, per tree, the AND of the masks
of that prefix; a prediction is one ``searchsorted`` (all features at once), one row gather per
feature and sample, an AND over the features, and the lowest set bit: a dozen NumPy calls per
story, whatever its length. No step follows a path, and the work does not grow with the trees'
depth.

The leaf each (tree, sample) pair reaches is the one the node-by-node walk reaches (same
``x <= threshold`` test, NaN going right), so the sums over trees are bit-identical to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# More leaves per tree than a 64-bit mask holds: the caller walks the trees instead.
MAX_LEAVES = 64


# Samples per gather: (samples, features, trees) mask words stay a few MB for any story.
_SAMPLES_PER_BLOCK = 256


@dataclass(frozen=True)
class LeafMasks:
    """``keys`` holds every (feature, distinct threshold) of the splits as one complex number
    (real: the feature, imaginary: the threshold), sorted; NumPy orders complex numbers by real
    part, then imaginary part, so one ``searchsorted`` answers, for all features at once, how
    many of a feature's thresholds lie below a value. ``table[position + rank]`` (``rank``: the
    feature's place among ``features``) ANDs, per tree, the masks of the feature's splits whose
    threshold lies below the value. ``leaf_value[t * width + p]`` is tree t's p-th leaf's value
    (left to right)."""

    features: np.ndarray  # the features the splits use, ascending
    keys: np.ndarray  # complex128, sorted
    table: np.ndarray  # (rows, trees) uint32 or uint64
    leaf_value: np.ndarray  # (trees * width,) float64
    width: int  # leaf positions per tree in ``leaf_value``

    def leaf_values(self, values: np.ndarray) -> np.ndarray:
        """(trees, samples) C-ordered: the value of the leaf each sample reaches in each tree.

        ``values`` is (samples, features) float64."""
        n = values.shape[0]
        trees = self.table.shape[1]
        rank = np.arange(self.features.size)
        survivors = np.empty((n, trees), dtype=self.table.dtype)
        for start in range(0, n, _SAMPLES_PER_BLOCK):
            end = start + _SAMPLES_PER_BLOCK
            block = values[start:end, self.features]
            query = np.empty(block.shape, dtype=np.complex128)
            query.real = self.features
            # NaN fails every split (x <= t is false), as +inf does: build_leaf_masks refused
            # trees with a +inf threshold. Complex NaN would sort after every key instead.
            query.imag = np.fmin(block, np.inf)
            rows = np.searchsorted(self.keys, query, side="left") + rank
            np.bitwise_and.reduce(self.table[rows], axis=1, out=survivors[start:end])
        lowest = survivors & (~survivors + survivors.dtype.type(1))
        # The lowest set bit is a power of two: frexp gives its position exactly.
        position = np.frexp(lowest.T.astype(np.float64, order="C"))[1] - 1  # (trees, samples)
        offsets = np.arange(trees, dtype=np.int64)[:, None] * self.width
        return np.ascontiguousarray(self.leaf_value[position + offsets])


def build_leaf_masks(
    feature: np.ndarray,
    threshold: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    value: np.ndarray,
    is_leaf: np.ndarray,
) -> LeafMasks | None:
    """The masks of a (trees, nodes) ensemble; None when a tree has more than ``MAX_LEAVES``
    leaves or a split's threshold is NaN or +inf (then only the walk gives the walk's answer)."""
    trees, width = feature.shape
    offset = (np.arange(trees, dtype=np.int64) * width)[:, None]
    leaf = is_leaf.ravel()
    lefts = (left + offset).ravel()
    rights = (right + offset).ravel()
    # The reachable nodes, level by level from the roots (padding nodes are never reached).
    levels = []
    frontier = offset.ravel()
    while frontier.size:
        levels.append(frontier)
        if len(levels) > width:
            return None  # a cycle: not a tree
        inner = frontier[~leaf[frontier]]
        frontier = np.concatenate((lefts[inner], rights[inner]))
    leaves_under = np.ones(leaf.size, dtype=np.int64)
    for level in reversed(levels):
        inner = level[~leaf[level]]
        leaves_under[inner] = leaves_under[lefts[inner]] + leaves_under[rights[inner]]
    if int(leaves_under[offset.ravel()].max()) > MAX_LEAVES:
        return None
    first_leaf = np.zeros(leaf.size, dtype=np.int64)  # position of a node's leftmost leaf
    for level in levels:
        inner = level[~leaf[level]]
        first_leaf[lefts[inner]] = first_leaf[inner]
        first_leaf[rights[inner]] = first_leaf[inner] + leaves_under[lefts[inner]]
    reached = np.concatenate(levels)
    splits = reached[~leaf[reached]]
    split_threshold = threshold.ravel()[splits]
    if np.isnan(split_threshold).any() or (split_threshold == np.inf).any():
        return None
    leaves = reached[leaf[reached]]
    leaf_tree = leaves // width
    positions = int(leaves_under[offset.ravel()].max())
    leaf_value = np.zeros(trees * positions)
    leaf_value[leaf_tree * positions + first_leaf[leaves]] = value.ravel()[leaves]

    dtype = np.uint32 if positions <= 32 else np.uint64
    ones = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
    # A failed split rules out the leaves of its left subtree.
    ruled_out = (np.left_shift(np.uint64(1), leaves_under[lefts[splits]].astype(np.uint64))) - 1
    masks = (ones ^ (ruled_out << first_leaf[splits].astype(np.uint64))).astype(dtype)
    split_feature = feature.ravel()[splits]
    order = np.lexsort((split_threshold, split_feature))
    sorted_feature = split_feature[order]
    sorted_threshold = split_threshold[order]
    new_group = np.ones(order.size, dtype=bool)
    new_group[1:] = (sorted_feature[1:] != sorted_feature[:-1]) | (
        sorted_threshold[1:] != sorted_threshold[:-1]
    )
    group = np.cumsum(new_group) - 1
    new_feature = np.ones(order.size, dtype=bool)
    new_feature[1:] = sorted_feature[1:] != sorted_feature[:-1]
    used = sorted_feature[new_feature]
    feature_rank = np.cumsum(new_feature) - 1
    # Each used feature's block: one all-ones row (no split failed), then one per threshold.
    row = group + feature_rank + 1
    table = np.full((int(group[-1]) + used.size + 1 if order.size else 0, trees), ~dtype(0))
    np.bitwise_and.at(table, (row, splits[order] // width), masks[order])
    firsts = np.flatnonzero(new_group)
    for rank, used_feature in enumerate(used.tolist()):
        own = firsts[sorted_feature[firsts] == used_feature]
        block = int(group[own[0]]) + rank
        end = block + own.size + 1
        np.bitwise_and.accumulate(table[block:end], axis=0, out=table[block:end])
    keys = np.empty(firsts.size, dtype=np.complex128)
    keys.real = sorted_feature[firsts]
    keys.imag = sorted_threshold[firsts]
    return LeafMasks(used, keys, table, leaf_value, positions)
