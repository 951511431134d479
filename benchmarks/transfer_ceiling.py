"""How far could a ranker go on raw stories, and does a raw training signal help?

    python benchmarks/transfer_ceiling.py [--data ../shared/data]

On raw Multi-News dev (250 words, today's selector), against ``--ranker lead``, with the paired
bootstrap 95% interval of the per-story ROUGE-1 difference:
- shipped: the default learned ranker;
- label-as-score: each sentence scored by its training label computed from the story's own
  reference (a ceiling for any ranker under this selector, not a system);
- raw 5-fold: trees trained on the training labels of four fifths of the raw dev stories and
  scored on the held-out fifth (out-of-fold only: every story is scored by a model that never
  saw it); and that model's standardised score added to the shipped one's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FOLDS = 5


class FixedScores:
    """A ranker whose scores are set per story from outside (the shipped model's background)."""

    name = "fixed"

    def __init__(self) -> None:
        from storydesk.story.rank.rankers import LearnedRanker

        self.shipped = LearnedRanker()
        self.scores = np.zeros(0)

    def background(self) -> tuple[dict[str, float] | None, float]:
        return self.shipped.background()

    def score(self, features: np.ndarray) -> np.ndarray:
        return self.scores


def fold_trees():  # type: ignore[no-untyped-def]
    """The trees each fold learns (small: 48 training stories a fold)."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(
        max_iter=200,
        max_leaf_nodes=15,
        learning_rate=0.05,
        min_samples_leaf=20,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=13,
    )


def main() -> None:

    from storydesk.evaluate.bootstrap import paired_bootstrap
    from storydesk.evaluate.rouge import Rouge
    from storydesk.ingest import read_stories
    from storydesk.settings import load_settings
    from storydesk.story.pipeline import analyse, prepare, summarize_story
    from storydesk.story.rank.rankers import LeadRanker, _standardised, ranker_for
    from storydesk.training.train import sentence_labels
    from storydesk.types import Story

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    settings = load_settings(words=250)
    shipped = ranker_for(settings)
    stories = [
        s for s in read_stories(args.data / "multinews-raw/dev.jsonl.gz") if isinstance(s, Story)
    ]
    features, labels, shipped_scores = [], [], []
    for story in stories:
        rep, x, scores = analyse(prepare(story, settings), shipped)
        features.append(x)
        labels.append(sentence_labels([list(t) for t in rep.tokens], story.references))
        shipped_scores.append(scores)
    fold = np.arange(len(stories)) % FOLDS
    held_out: list[np.ndarray] = [np.zeros(0)] * len(stories)
    for k in range(FOLDS):
        train = np.flatnonzero(fold != k)
        model = fold_trees()
        model.fit(
            np.vstack([features[i] for i in train]), np.concatenate([labels[i] for i in train])
        )
        for i in np.flatnonzero(fold == k):
            held_out[i] = model.predict(features[i])
    variants = {
        "shipped": shipped_scores,
        "label-as-score": labels,
        "raw 5-fold": held_out,
        "shipped + raw 5-fold": [
            _standardised(a) + _standardised(b)
            for a, b in zip(shipped_scores, held_out, strict=True)
        ],
    }
    fixed, references = FixedScores(), [s.references for s in stories]

    def rouge(outputs: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        scores = Rouge().score_many(outputs, references)
        return np.array([s.f1["rouge1"] for s in scores]), np.array(
            [s.f1["rouge2"] for s in scores]
        )

    lead_r1, lead_r2 = rouge(
        [[x.text for x in summarize_story(s, settings, LeadRanker()).sentences] for s in stories]
    )
    print(f"{'raw dev, 250 words':24} {'R1':>6} {'R2':>6}  R1 minus lead")
    print(f"{'lead':24} {lead_r1.mean():6.2f} {lead_r2.mean():6.2f}")
    for name, per_story in variants.items():
        outputs = []
        for story, scores in zip(stories, per_story, strict=True):
            fixed.scores = np.asarray(scores)
            outputs.append([x.text for x in summarize_story(story, settings, fixed).sentences])
        r1, r2 = rouge(outputs)
        interval = paired_bootstrap(r1, lead_r1)
        print(f"{name:24} {r1.mean():6.2f} {r2.mean():6.2f}  {interval.describe()}", flush=True)


if __name__ == "__main__":
    main()
