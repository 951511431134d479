"""The shipped sentence-scoring model: a gradient-boosted tree ensemble stored as plain arrays.

Trees are kept as NumPy arrays in an ``.npz`` file (no pickle): loading runs no code from the
file, works across scikit-learn versions, and inference is a few vectorised steps per tree depth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from storydesk.errors import ModelError
from storydesk.story.rank.leaf_masks import LeafMasks, build_leaf_masks

MODEL_FORMAT = 1
DEFAULT_MODEL = "ranker.npz"


@dataclass(frozen=True)
class TreeEnsemble:
    """Additive regression trees: prediction = baseline + sum of one leaf value per tree."""

    feature: np.ndarray  # (trees, nodes) int64
    threshold: np.ndarray  # (trees, nodes) float64; go left when x <= threshold
    left: np.ndarray  # (trees, nodes) int64
    right: np.ndarray  # (trees, nodes) int64
    value: np.ndarray  # (trees, nodes) float64
    is_leaf: np.ndarray  # (trees, nodes) bool
    baseline: float
    depth: int

    def predict(self, features: np.ndarray) -> np.ndarray:
        """baseline + the sum over trees (first to last) of the leaf each sample reaches.

        By leaf masks (``leaf_masks.py``: no path is followed) when the trees allow them, else
        by the walk; both reach the same leaves and sum them in the same order, so the scores
        are bit-identical either way.
        """
        masks = self.leaf_masks
        if masks is None or features.shape[0] == 0:
            return self.walk(features)
        values = np.ascontiguousarray(features, dtype=np.float64)
        return self.baseline + masks.leaf_values(values).sum(axis=0)

    @cached_property
    def leaf_masks(self) -> LeafMasks | None:
        """The leaf-mask tables (None: a tree too large for them, or a NaN threshold)."""
        return build_leaf_masks(
            self.feature, self.threshold, self.left, self.right, self.value, self.is_leaf
        )

    def walk(self, features: np.ndarray) -> np.ndarray:
        """Walk every (tree, sentence) pair down at once over flat node arrays.

        A leaf leads to itself, so a pair that reached one may take more steps without moving;
        finished pairs are dropped from the walk once they are a quarter of it or more, so the
        work follows the real path lengths (the trees are grown leaf-wise: a few deep paths,
        most short) without paying for a compaction at every step. The leaf values are summed
        per sentence in the same order as before (trees first to last): scores are
        bit-identical to a per-tree walk.
        """
        n = features.shape[0]
        trees, width = self.feature.shape
        if n == 0:
            return np.zeros(0)
        flat = self.flat
        values = np.ascontiguousarray(features, dtype=np.float64)
        cells = values.ravel()
        # Pair p = tree * n + sample; its current node as a flat index into the node arrays.
        node = np.repeat(np.arange(trees, dtype=np.int64) * width, n)
        pair = np.arange(trees * n, dtype=np.int64)
        base = np.tile(np.arange(n, dtype=np.int64) * values.shape[1], trees)
        reached = np.empty(trees * n, dtype=np.int64)
        while True:
            x = cells[base + flat.feature[node]]
            # children[2k] is node k's right child, children[2k + 1] its left (x <= threshold).
            node = flat.children[2 * node + (x <= flat.threshold[node])]
            leaf = flat.is_leaf[node]
            finished = np.count_nonzero(leaf)
            if finished == node.size:
                reached[pair] = node
                break
            if finished * 4 >= node.size:
                reached[pair[leaf]] = node[leaf]
                keep = ~leaf
                node, pair, base = node[keep], pair[keep], base[keep]
        return self.baseline + flat.value[reached].reshape(trees, n).sum(axis=0)

    @cached_property
    def flat(self) -> _FlatTrees:
        """The node arrays of all trees concatenated (what ``predict`` walks)."""
        trees, width = self.feature.shape
        offset = (np.arange(trees, dtype=np.int64) * width)[:, None]
        is_leaf = self.is_leaf.ravel()
        own = np.arange(is_leaf.size, dtype=np.int64)
        children = np.empty(2 * is_leaf.size, dtype=np.int64)
        children[0::2] = np.where(is_leaf, own, (self.right + offset).ravel())
        children[1::2] = np.where(is_leaf, own, (self.left + offset).ravel())
        return _FlatTrees(
            feature=np.where(is_leaf, 0, self.feature.ravel()).astype(np.int64),
            threshold=self.threshold.ravel(),
            children=children,
            value=self.value.ravel(),
            is_leaf=is_leaf,
        )


@dataclass(frozen=True)
class _FlatTrees:
    """The ensemble's node arrays concatenated; children as indices into the concatenation,
    interleaved (right, left) per node, a leaf's both children itself."""

    feature: np.ndarray
    threshold: np.ndarray
    children: np.ndarray
    value: np.ndarray
    is_leaf: np.ndarray


@dataclass(frozen=True)
class RankerModel:
    """A trained ranker: the tree ensemble, its feature names and the background IDF table."""

    trees: TreeEnsemble
    feature_names: tuple[str, ...]
    idf: dict[str, float]
    default_idf: float
    meta: dict[str, object]


def save_model(model: RankerModel, path: Path) -> None:
    terms = list(model.idf)
    np.savez_compressed(
        path,
        format=np.asarray(MODEL_FORMAT),
        feature=model.trees.feature.astype(np.int16),
        threshold=model.trees.threshold,
        left=model.trees.left.astype(np.int16),
        right=model.trees.right.astype(np.int16),
        value=model.trees.value,
        is_leaf=model.trees.is_leaf,
        baseline=np.asarray(model.trees.baseline),
        depth=np.asarray(model.trees.depth),
        feature_names=np.asarray("\n".join(model.feature_names)),
        idf_terms=np.asarray("\n".join(terms)),
        idf_values=np.asarray([model.idf[t] for t in terms], dtype=np.float32),
        default_idf=np.asarray(model.default_idf),
        meta=np.asarray(json.dumps(model.meta, sort_keys=True)),
    )


def load_model(path: Path | str | None = None) -> RankerModel:
    """Load a model file; the shipped one when ``path`` is None."""
    if path is None:
        return _shipped_model()
    file = Path(path)
    try:
        stamp = file.stat()
    except OSError:
        return _load(file)  # says what is wrong with the path
    return _load_once(str(file.resolve()), stamp.st_mtime_ns, stamp.st_size)


@lru_cache(maxsize=4)
def _load_once(path: str, mtime_ns: int, size: int) -> RankerModel:
    """A model file read once per (path, modification time, size): every story of a run that
    names the same file shares one load, and a retrained file is read afresh."""
    return _load(Path(path))


@lru_cache(maxsize=1)
def _shipped_model() -> RankerModel:
    resource = resources.files("storydesk").joinpath("models", DEFAULT_MODEL)
    with resources.as_file(resource) as path:
        return _load(Path(path))


def _load(path: Path) -> RankerModel:
    if not path.exists():
        raise ModelError(
            "ranker model file not found",
            where=str(path),
            hint="reinstall storydesk, run `storydesk train`, or use --ranker centroid",
        )
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != MODEL_FORMAT:
                raise ModelError(
                    f"model format {int(data['format'])} is not {MODEL_FORMAT}",
                    where=str(path),
                    hint="retrain with `storydesk train`",
                )
            trees = TreeEnsemble(
                feature=data["feature"].astype(np.int64),
                threshold=data["threshold"].astype(np.float64),
                left=data["left"].astype(np.int64),
                right=data["right"].astype(np.int64),
                value=data["value"].astype(np.float64),
                is_leaf=data["is_leaf"].astype(bool),
                baseline=float(data["baseline"]),
                depth=int(data["depth"]),
            )
            names = tuple(str(data["feature_names"]).split("\n"))
            terms = str(data["idf_terms"]).split("\n")
            values = data["idf_values"].astype(np.float64).tolist()
            idf = dict(zip(terms, values, strict=True))
            default_idf = float(data["default_idf"])
            meta = json.loads(str(data["meta"]))
    except ModelError:
        raise
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(
            f"ranker model file is unreadable: {exc}",
            where=str(path),
            hint="retrain with `storydesk train`",
        ) from None
    # Built at load, so forked workers share them rather than each build them.
    if trees.leaf_masks is None:
        trees.flat  # noqa: B018
    return RankerModel(trees, names, idf, default_idf, meta)
