"""Raw training signal, out-of-fold only: trees learned from raw Multi-News dev and DUC 2003
stories (their references' sentence labels), every story scored by a fold model that never saw
it (issue #12, "Transfer to raw text").

    python benchmarks/transfer_oof.py [--data ../shared/data]

Variants on raw dev (250 words) and DUC 2003 (100 words), through the default selector, with
the paired bootstrap 95% interval of the per-story R1 difference against ``--ranker lead``:
raw-only 5-fold (raw dev stories only); raw+DUC 5-fold (folds over the 120 stories of both,
interleaved); the same with the shipped model's score mixed in (standardised sum); and with
the shipped score as one more feature (stacked).
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
FOLDS = 5


def _sibling(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    from storydesk.evaluate.bootstrap import paired_bootstrap
    from storydesk.evaluate.rouge import Rouge, cut_words
    from storydesk.settings import load_settings
    from storydesk.story.compose import compose
    from storydesk.story.rank.rankers import _standardised
    from storydesk.story.select import Budget

    features = _sibling("transfer_features")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=features.DEFAULT_DATA)
    args = parser.parse_args()
    sets = {
        name: features.cases(args.data / features.SETS[name][0], None, features.SETS[name][1])
        for name in ("raw dev", "DUC 2003")
    }

    def out_of_fold(items: list[tuple[str, int, np.ndarray, np.ndarray]]) -> dict:
        fold = np.arange(len(items)) % FOLDS
        found = {}
        for k in range(FOLDS):
            train = [items[i] for i in np.flatnonzero(fold != k)]
            keep = [(x[:, 5] >= 6) & (x[:, 5] <= 80) for _, _, x, _ in train]
            model = HistGradientBoostingRegressor(
                max_iter=200,
                max_leaf_nodes=15,
                learning_rate=0.05,
                min_samples_leaf=20,
                l2_regularization=1.0,
                early_stopping=False,
                random_state=13,
            )
            model.fit(
                np.vstack([t[2][m] for t, m in zip(train, keep, strict=True)]),
                np.concatenate([t[3][m] for t, m in zip(train, keep, strict=True)]),
            )
            for i in np.flatnonzero(fold == k):
                found[items[i][:2]] = model.predict(items[i][2])
        return found

    def items(names: list[str], stacked: bool = False) -> list:
        per_set = [
            [
                (n, k, np.column_stack([c[3], c[4]]) if stacked else c[3], c[5])
                for k, c in enumerate(sets[n])
            ]
            for n in names
        ]
        return [it for group in zip(*per_set, strict=False) for it in group]

    raw_only = out_of_fold(items(["raw dev"]))
    both = out_of_fold(items(["raw dev", "DUC 2003"]))
    stacked = out_of_fold(items(["raw dev", "DUC 2003"], stacked=True))
    variants = {
        "lead": lambda n, k, c: -c[3][:, 0],
        "shipped": lambda n, k, c: c[4],
        "raw-only 5-fold": lambda n, k, c: raw_only.get((n, k)),
        "raw+DUC 5-fold": lambda n, k, c: both[(n, k)],
        "raw+DUC 5-fold + shipped": lambda n, k, c: (
            _standardised(both[(n, k)]) + _standardised(c[4])
        ),
        "raw+DUC 5-fold, shipped as feature": lambda n, k, c: stacked[(n, k)],
    }
    rouge = Rouge(("rouge1", "rouge2", "rougeL"))
    print(f"{'data':10} {'ranker':36} {'R1':>6} {'R2':>6} {'RL':>6}  R1 - lead")
    for name, found in sets.items():
        words = features.SETS[name][1]
        settings = load_settings(words=words)
        budget = Budget(
            words,
            0,
            settings.redundancy,
            settings.fill,
            settings.min_sentence_words,
            settings.max_sentence_words,
        )
        lead_r1 = None
        for label, scorer in variants.items():
            if name != "raw dev" and label == "raw-only 5-fold":
                continue
            outputs = []
            for k, c in enumerate(found):
                prepared, rep = c[1], c[2]
                score = np.asarray(scorer(name, k, c), dtype=np.float64)
                chosen = compose(
                    prepared.sentences,
                    score,
                    rep.evidence,
                    rep.bigrams,
                    budget,
                    prepared.article_index,
                    settings.score_weight,
                )
                outputs.append(cut_words([prepared.sentences[i].text for i in chosen], words))
            scores = rouge.score_many(outputs, [c[0].references for c in found])
            r = {m: np.array([s.f1[m] for s in scores]) for m in ("rouge1", "rouge2", "rougeL")}
            versus = "" if lead_r1 is None else paired_bootstrap(r["rouge1"], lead_r1).describe()
            lead_r1 = r["rouge1"] if lead_r1 is None else lead_r1
            print(
                f"{name:10} {label:36} {r['rouge1'].mean():6.2f} {r['rouge2'].mean():6.2f} "
                f"{r['rougeL'].mean():6.2f}  {versus}",
                flush=True,
            )


if __name__ == "__main__":
    main()
