from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storydesk.ingest import read_articles
from storydesk.story.pipeline import prepare
from storydesk.story.rank import LearnedRanker, sentence_features
from storydesk.story.rank.leaf_masks import build_leaf_masks
from storydesk.story.rank.model import TreeEnsemble, load_model
from storydesk.story.represent import represent
from storydesk.training.train import export_trees
from storydesk.types import Story

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"


def _masks(trees: TreeEnsemble):  # type: ignore[no-untyped-def]
    return build_leaf_masks(
        trees.feature, trees.threshold, trees.left, trees.right, trees.value, trees.is_leaf
    )


def _example_features() -> np.ndarray:
    story = Story(id="harbor-bridge", articles=tuple(read_articles([EXAMPLE])))
    prepared = prepare(story)
    index = prepared.article_index
    article_of = [index[s.article_id] for s in prepared.sentences]
    idf, default_idf = LearnedRanker().background()
    n = len(story.articles)
    rep = represent([s.text for s in prepared.sentences], article_of, n, idf=idf)
    return np.asarray(sentence_features(prepared.sentences, rep, n, idf, default_idf))


def test_leaf_masks_score_the_example_bit_for_bit_as_the_walk() -> None:
    trees = load_model().trees
    assert trees.leaf_masks is not None  # the shipped model takes the mask path
    features = _example_features()
    assert features.shape[0] > 10
    np.testing.assert_array_equal(trees.predict(features), trees.walk(features))


def test_leaf_masks_agree_with_the_walk_on_and_beside_every_threshold() -> None:
    # Values exactly at a split's threshold go left (x <= t), one ulp above go right; NaN goes
    # right; -0.0 equals 0.0: the masks must agree with the walk at each of these edges.
    trees = load_model().trees
    rng = np.random.default_rng(7)
    example = _example_features()
    base = np.resize(example, (300, example.shape[1]))  # more samples than one gather block
    splits = ~trees.is_leaf
    feature, threshold = trees.feature[splits], trees.threshold[splits]
    for _ in range(20):
        probe = base.copy()
        pick = rng.integers(0, threshold.size, probe.shape[0] * 3)
        rows = rng.integers(0, probe.shape[0], pick.size)
        nudge = rng.choice([-np.inf, 0.0, np.inf], pick.size)
        probe[rows, feature[pick]] = np.nextafter(threshold[pick], threshold[pick] + nudge)
        edges = rng.choice([np.nan, np.inf, -np.inf, -0.0, 0.0], 8)
        probe[rng.integers(0, probe.shape[0], 8), rng.integers(0, probe.shape[1], 8)] = edges
        np.testing.assert_array_equal(trees.predict(probe), trees.walk(probe))


@pytest.mark.parametrize("leaves", [2, 7, 31, 33, 64])
def test_leaf_masks_match_scikit_learn_for_trees_up_to_64_leaves(leaves: int) -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(leaves)
    x = rng.normal(size=(3000, 4))
    y = np.sin(3 * x[:, 0]) + x[:, 1] * x[:, 2] + (x[:, 3] > 0.5)
    model = HistGradientBoostingRegressor(max_iter=8, max_leaf_nodes=leaves, random_state=0)
    model.fit(x, y)
    trees = export_trees(model)
    masks = _masks(trees)
    assert masks is not None and masks.table.dtype == (np.uint32 if leaves <= 32 else np.uint64)
    probe = rng.normal(size=(300, 4))
    np.testing.assert_allclose(trees.predict(probe), model.predict(probe), rtol=1e-9, atol=1e-9)
    # NaN goes right at every split, in the walk as in the masks (scikit-learn may send it left
    # where its grower chose to: export_trees keeps no missing-value direction).
    probe[::9, 1] = np.nan
    np.testing.assert_array_equal(trees.predict(probe), trees.walk(probe))


def test_leaf_masks_decline_trees_larger_than_a_mask_and_nan_or_infinite_thresholds() -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 3))
    y = np.sin(5 * x[:, 0]) + np.cos(4 * x[:, 1]) + x[:, 2]
    model = HistGradientBoostingRegressor(max_iter=3, max_leaf_nodes=90, random_state=0)
    model.fit(x, y)
    large = export_trees(model)
    assert _masks(large) is None  # more than 64 leaves: the walk answers
    probe = rng.normal(size=(100, 3))
    np.testing.assert_allclose(large.predict(probe), model.predict(probe), rtol=1e-9, atol=1e-9)

    shipped = load_model().trees
    threshold = shipped.threshold.copy()
    threshold[0, 0] = np.nan  # the root of the first tree is a split
    assert not shipped.is_leaf[0, 0]
    broken = TreeEnsemble(
        shipped.feature,
        threshold,
        shipped.left,
        shipped.right,
        shipped.value,
        shipped.is_leaf,
        shipped.baseline,
        shipped.depth,
    )
    assert _masks(broken) is None
    threshold[0, 0] = np.inf  # NaN features are read as +inf: a +inf threshold would split them
    assert _masks(broken) is None
