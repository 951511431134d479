"""Train the sentence ranker from story-schema data (Multi-News train by default).

Labels: for each source sentence, how much of it the editors' summary uses: the mean of its
unigram and bigram precision against the reference (clipped counts, ROUGE tokens). Precision,
not recall, because the selector fills a fixed word budget: what pays is density.
The model: scikit-learn's histogram gradient boosting (squared error), exported to plain arrays.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from storydesk.errors import InputError
from storydesk.ingest import read_stories
from storydesk.settings import Settings
from storydesk.story.pipeline import analyse, prepare
from storydesk.story.rank.features import FEATURE_NAMES
from storydesk.story.rank.model import RankerModel, TreeEnsemble, save_model
from storydesk.story.represent import smoothed_idf, tokens
from storydesk.training.config import TrainingConfig
from storydesk.types import Story

MIN_DOCUMENT_FREQUENCY = 3  # rarer stems get the default (high) IDF; keeps the model small


class _Background:
    """The ranker protocol's background() from a fixed table, for feature extraction."""

    name = "training"

    def __init__(self, idf: dict[str, float], default: float) -> None:
        self.idf = idf
        self.default = default

    def background(self) -> tuple[dict[str, float] | None, float]:
        return self.idf, self.default

    def score(self, features: np.ndarray) -> np.ndarray:
        return np.zeros(features.shape[0])


def _stories(path: Path, limit: int) -> Iterator[Story]:
    for n, item in enumerate(read_stories(path, skip_bad=True)):
        if n >= limit:
            return
        if isinstance(item, InputError):
            continue
        yield item


def document_frequencies(path: Path, limit: int) -> tuple[dict[str, float], float]:
    """IDF of ROUGE stems over the articles of the first ``limit`` stories."""
    df: Counter[str] = Counter()
    documents = 0
    for story in _stories(path, limit):
        for article in story.articles:
            df.update(set(tokens(article.text)))
            documents += 1
    idf = {
        term: round(smoothed_idf(count, documents), 4)
        for term, count in sorted(df.items())
        if count >= MIN_DOCUMENT_FREQUENCY
    }
    return idf, round(smoothed_idf(0, documents), 4)


def _precision(sentence: list[str], reference: Counter[str]) -> float:
    if not sentence:
        return 0.0
    counts = Counter(sentence)
    return sum(min(c, reference[g]) for g, c in counts.items()) / len(sentence)


def sentence_labels(sentence_tokens: list[list[str]], references: tuple[str, ...]) -> np.ndarray:
    """Mean unigram/bigram precision of each sentence against the references (averaged)."""
    labels = np.zeros(len(sentence_tokens))
    for reference in references:
        ref_tokens = tokens(reference)
        unigrams = Counter(ref_tokens)
        bigram_ref = Counter(zip(ref_tokens, ref_tokens[1:], strict=False))
        for i, toks in enumerate(sentence_tokens):
            p1 = _precision(toks, unigrams)
            pairs = list(zip(toks, toks[1:], strict=False))
            p2 = _precision(pairs, bigram_ref) if pairs else 0.0  # type: ignore[arg-type]
            labels[i] += 0.5 * (p1 + p2)
    return labels / max(len(references), 1)


def _f1(overlap: int, predicted: int, reference: int) -> float:
    if overlap == 0:
        return 0.0
    p, r = overlap / predicted, overlap / reference
    return 2 * p * r / (p + r)


def oracle_labels(
    sentence_tokens: list[list[str]], references: tuple[str, ...], words: int = 250
) -> np.ndarray:
    """1 for sentences a greedy ROUGE-1+2 oracle picks under the word budget, else 0."""
    labels = np.zeros(len(sentence_tokens))
    for reference in references:
        ref = tokens(reference)
        ref1, ref2 = Counter(ref), Counter(zip(ref, ref[1:], strict=False))
        n1, n2 = max(sum(ref1.values()), 1), max(sum(ref2.values()), 1)
        grams1 = [Counter(t) for t in sentence_tokens]
        grams2 = [Counter(zip(t, t[1:], strict=False)) for t in sentence_tokens]
        chosen1: Counter[str] = Counter()
        chosen2: Counter[tuple[str, str]] = Counter()
        used, best_score = 0, 0.0
        picked: set[int] = set()
        while True:
            best, best_gain = -1, best_score
            for i, toks in enumerate(sentence_tokens):
                if i in picked or used + len(toks) > words or not toks:
                    continue
                c1, c2 = chosen1 + grams1[i], chosen2 + grams2[i]
                o1 = sum(min(v, ref1[g]) for g, v in c1.items())
                o2 = sum(min(v, ref2[g]) for g, v in c2.items())
                score = _f1(o1, sum(c1.values()), n1) + _f1(o2, max(sum(c2.values()), 1), n2)
                if score > best_gain:
                    best, best_gain = i, score
            if best < 0:
                break
            picked.add(best)
            chosen1 += grams1[best]
            chosen2 += grams2[best]
            used += len(sentence_tokens[best])
            best_score = best_gain
        for i in picked:
            labels[i] += 1.0
    return labels / max(len(references), 1)


_state: dict[str, object] = {}


def _init(idf: dict[str, float], default: float, label: str = "precision") -> None:
    _state["label"] = label
    _state["ranker"] = _Background(idf, default)
    _state["settings"] = Settings()


def story_rows(story: Story) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels for one story's usable sentences."""
    settings = _state["settings"]
    ranker = _state["ranker"]
    assert isinstance(settings, Settings) and isinstance(ranker, _Background)
    try:
        prepared = prepare(story, settings)
    except InputError:
        return np.zeros((0, len(FEATURE_NAMES))), np.zeros(0)
    if not prepared.sentences or not story.references:
        return np.zeros((0, len(FEATURE_NAMES))), np.zeros(0)
    rep, features, _ = analyse(prepared, ranker)
    toks = [list(t) for t in rep.tokens]
    label = _state.get("label", "precision")
    if label == "oracle":
        labels = oracle_labels(toks, story.references)
    elif label == "mixed":
        labels = sentence_labels(toks, story.references) + oracle_labels(toks, story.references)
    else:
        labels = sentence_labels(toks, story.references)
    words = features[:, FEATURE_NAMES.index("words")]
    usable = (words >= settings.min_sentence_words) & (words <= settings.max_sentence_words)
    return features[usable], labels[usable]


def build_matrix(
    config: TrainingConfig, idf: dict[str, float], default: float
) -> tuple[np.ndarray, np.ndarray]:
    stories = _stories(config.data, config.stories)
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    if config.jobs > 1:
        context = multiprocessing.get_context("fork")
        with context.Pool(
            config.jobs, initializer=_init, initargs=(idf, default, config.label)
        ) as pool:
            for x, y in pool.imap(story_rows, stories, chunksize=32):
                rows.append(x)
                labels.append(y)
    else:
        _init(idf, default, config.label)
        for story in stories:
            x, y = story_rows(story)
            rows.append(x)
            labels.append(y)
    return np.vstack(rows), np.concatenate(labels)


def fit_trees(x: np.ndarray, y: np.ndarray, config: TrainingConfig) -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(
        max_iter=config.trees,
        max_leaf_nodes=config.leaves,
        learning_rate=config.learning_rate,
        min_samples_leaf=100,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=config.seed,
    )
    model.fit(x, y)
    return export_trees(model)


def export_trees(model: object) -> TreeEnsemble:
    """Copy a fitted HistGradientBoostingRegressor into plain arrays (one row per tree)."""
    predictors = [p[0] for p in model._predictors]  # type: ignore[attr-defined]
    width = max(len(p.nodes) for p in predictors)
    shape = (len(predictors), width)
    feature = np.zeros(shape, dtype=np.int64)
    threshold = np.zeros(shape)
    left = np.zeros(shape, dtype=np.int64)
    right = np.zeros(shape, dtype=np.int64)
    value = np.zeros(shape)
    is_leaf = np.ones(shape, dtype=bool)
    depth = 0
    for t, predictor in enumerate(predictors):
        nodes = predictor.nodes
        k = len(nodes)
        feature[t, :k] = nodes["feature_idx"]
        threshold[t, :k] = nodes["num_threshold"]
        left[t, :k] = nodes["left"]
        right[t, :k] = nodes["right"]
        value[t, :k] = nodes["value"]
        is_leaf[t, :k] = nodes["is_leaf"].astype(bool)
        depth = max(depth, int(nodes["depth"].max()))
    baseline = float(np.asarray(model._baseline_prediction).ravel()[0])  # type: ignore[attr-defined]
    return TreeEnsemble(feature, threshold, left, right, value, is_leaf, baseline, depth + 1)


def train(config: TrainingConfig) -> tuple[RankerModel, dict[str, float]]:
    """Fit a ranker model; returns it with training statistics."""
    if not config.data.exists():
        raise InputError("training data not found", where=str(config.data))
    idf, default = document_frequencies(config.data, config.idf_stories)
    x, y = build_matrix(config, idf, default)
    if len(y) == 0:
        raise InputError("no training sentences found", where=str(config.data))
    trees = fit_trees(x, y, config)
    stats = {"sentences": float(len(y)), "label_mean": float(y.mean())}
    meta = {
        "data": config.data.name,
        "stories": config.stories,
        "idf_stories": config.idf_stories,
        "trees": config.trees,
        "leaves": config.leaves,
        "learning_rate": config.learning_rate,
        "seed": config.seed,
        "sentences": len(y),
        "label": "mean unigram/bigram precision against the reference",
    }
    model = RankerModel(trees, FEATURE_NAMES, idf, default, meta)
    return model, stats


def train_to_file(config: TrainingConfig, out: Path) -> dict[str, float]:
    model, stats = train(config)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, out)
    return stats
