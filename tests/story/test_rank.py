from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from storydesk.errors import ConfigError, ModelError
from storydesk.story.rank import FEATURE_NAMES, LearnedRanker, make_ranker
from storydesk.story.rank.model import load_model, save_model
from storydesk.training.train import TrainingConfig, export_trees, sentence_labels, train_to_file


def test_export_trees_predicts_like_scikit_learn() -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 5))
    y = x[:, 0] * 2 - np.abs(x[:, 1]) + (x[:, 2] > 0.3)
    model = HistGradientBoostingRegressor(max_iter=30, max_leaf_nodes=15, random_state=0)
    model.fit(x, y)
    trees = export_trees(model)
    probe = rng.normal(size=(200, 5))
    np.testing.assert_allclose(trees.predict(probe), model.predict(probe), rtol=1e-9, atol=1e-9)


def test_shipped_model_matches_the_features_this_version_computes() -> None:
    model = load_model()
    assert model.feature_names == FEATURE_NAMES
    assert len(model.idf) > 10_000
    scores = LearnedRanker().score(np.zeros((3, len(FEATURE_NAMES))))
    assert scores.shape == (3,)


def test_load_model_missing_and_corrupt_files_say_so(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "none.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError, match="unreadable"):
        load_model(broken)


def test_learned_ranker_rejects_a_model_of_other_features(tmp_path: Path) -> None:
    shipped = load_model()
    other = type(shipped)(shipped.trees, ("only", "two"), shipped.idf, shipped.default_idf, {})
    path = tmp_path / "other.npz"
    save_model(other, path)
    with pytest.raises(ModelError, match="other features"):
        LearnedRanker(path).score(np.zeros((1, len(FEATURE_NAMES))))


def test_make_ranker_unknown_name() -> None:
    with pytest.raises(ConfigError, match="unknown ranker 'best'"):
        make_ranker("best")


@pytest.mark.parametrize(
    ("story_words", "expected"),
    [(300.0, 0.0), (600.0, 0.0), (800.0, 0.25), (1000.0, 0.5), (5000.0, 0.5)],
)
def test_learned_ranker_mix_weight_grows_with_story_length(
    story_words: float, expected: float
) -> None:
    assert LearnedRanker(centroid_weight=0.5).mix_weight(story_words) == pytest.approx(expected)


def test_learned_ranker_short_story_scores_are_the_trees_alone() -> None:
    from storydesk.story.pipeline import analyse, prepare
    from storydesk.types import Article, Story

    text = (
        "The harbor bridge closed on Monday after inspectors found cracks in two steel beams. "
        "Engineers said repairs would take at least three weeks and cost about $4 million. "
        "Commuters were told to use the ferry, which added extra sailings during rush hour."
    )
    story = Story(id="s", articles=(Article(id="a", text=text), Article(id="b", text=text)))
    plain, mixed = LearnedRanker(centroid_weight=0.0), LearnedRanker(centroid_weight=0.5)
    _, features, trees_only = analyse(prepare(story), plain)
    assert np.array_equal(mixed.score(features), trees_only)


def test_sentence_labels_reward_sentences_the_reference_uses() -> None:
    from storydesk.story.represent import tokens

    reference = "The bridge was closed after inspectors found a crack in a girder."
    used = tokens("Inspectors found a crack in a girder of the bridge.")
    unused = tokens("The ferry timetable will change next month for the summer.")
    labels = sentence_labels([used, unused], (reference,))
    assert labels[0] > 0.5 > labels[1]


STORY_SENTENCES = [
    "The council closed the harbor bridge on Tuesday after inspectors found a crack.",
    "Engineers will survey the girder this week, the city said in a statement.",
    "Commuters faced long detours through the north of the city on Tuesday evening.",
    "The ferry will run every fifteen minutes until the bridge reopens to traffic.",
]


def _training_file(tmp_path: Path, stories: int) -> Path:
    path = tmp_path / "train.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for n in range(stories):
            docs = [
                {"id": "d1", "text": " ".join(STORY_SENTENCES[:3]) + f" Story {n} ends here."},
                {"id": "d2", "text": " ".join(reversed(STORY_SENTENCES)) + " Another line."},
            ]
            record = {"id": f"s{n}", "documents": docs, "summaries": [STORY_SENTENCES[0]]}
            handle.write(json.dumps(record) + "\n")
    return path


def test_train_to_file_is_deterministic_and_loadable(tmp_path: Path) -> None:
    data = _training_file(tmp_path, 12)
    config = TrainingConfig(data=data, stories=12, idf_stories=12, trees=10, leaves=4, jobs=1)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    stats = train_to_file(config, first)
    train_to_file(config, second)
    assert stats["sentences"] > 0
    a, b = load_model(first), load_model(second)
    np.testing.assert_array_equal(a.trees.value, b.trees.value)
    assert a.idf == b.idf and a.feature_names == FEATURE_NAMES


_FEATURE_DIGEST = """
import hashlib
from storydesk.story.pipeline import prepare
from storydesk.story.rank.features import sentence_features
from storydesk.story.represent import represent, tokens
from storydesk.types import Article, Story
text = (
    "Harbor pilots, dockworkers, ferry captains, welders, engineers, inspectors, divers, "
    "surveyors, riggers and crane operators reopened the cracked northern bridge on Tuesday. "
    "City engineers said the repaired span carries trucks, buses and bicycles again."
)
story = Story(id="s", articles=(Article(id="a", text=text), Article(id="b", text=text)))
prepared = prepare(story)
texts = [s.text for s in prepared.sentences]
rep = represent(texts, [0] * 2 + [1] * (len(texts) - 2), 2)
# Awkward binary fractions: their float sum depends on the order they are added in.
idf = {term: 1.0 / (3 + n) for n, term in enumerate(sorted({t for x in texts for t in tokens(x)}))}
features = sentence_features(prepared.sentences, rep, 2, idf, 9.0)
print(hashlib.sha256(features.tobytes()).hexdigest())
"""


def test_sentence_features_do_not_depend_on_the_string_hash_seed() -> None:
    # Term sets iterate in hash order; a float sum over them in that order changed the last bit
    # of features (and so of a retrained model) from one Python process to the next.
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _FEATURE_DIGEST],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("target", ["constant", "stepped"])
def test_tree_ensemble_predict_handles_stumps_and_missing_values(target: str) -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 3))
    y = np.full(400, 0.25) if target == "constant" else (x[:, 0] > 0).astype(float)
    model = HistGradientBoostingRegressor(max_iter=12, max_leaf_nodes=7, random_state=0)
    model.fit(x, y)
    trees = export_trees(model)
    probe = rng.normal(size=(50, 3))
    probe[::7, 0] = np.nan  # no missing values in training: sklearn sends them right, as we do
    np.testing.assert_allclose(trees.predict(probe), model.predict(probe), rtol=1e-9, atol=1e-9)
    assert trees.predict(np.zeros((0, 3))).shape == (0,)


def test_letter_counts_match_str_isalpha_on_mixed_scripts() -> None:
    from storydesk.story.rank.features import _letter_counts

    texts = ["Café naïve ½ x² 3.5%", "", "北京 — Ελλάδα’s “quote”", "plain ASCII, 42 words!"]
    expected = [sum(ch.isalpha() for ch in text) for text in texts]
    assert _letter_counts(texts).tolist() == expected


@pytest.mark.parametrize(
    "text",
    [
        'He said "no".',
        "“Curly” quotes",
        "tokenised `` quotes ''",
        "' lone apostrophe at the start",
        "a lone ' apostrophe",
        "a lone\u2003'\tapostrophe",
        "don't and 'quoted' words",
        "nothing quoted here",
        "",
    ],
)
def test_has_quote_is_the_quote_pattern(text: str) -> None:
    import re

    from storydesk.story.rank.features import _has_quote

    assert _has_quote(text) == (re.search(r"[\"“”]|''|``|(?:^|\s)'\s", text) is not None)
