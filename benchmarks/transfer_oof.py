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

    from storydesk.story.rank.rankers import _standardised

    features = _sibling("transfer_features")
    ceiling = _sibling("transfer_ceiling")
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
            model = ceiling.fold_trees()
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
    print(f"{'data':10} {'ranker':36} {'R1':>6} {'R2':>6} {'RL':>6}  R1 - lead")
    for name, found in sets.items():
        table = features.RougeTable(features.SETS[name][1])
        for label, scorer in variants.items():
            if name != "raw dev" and label == "raw-only 5-fold":
                continue
            r, versus = table.row(found, lambda k, c, s=scorer, n=name: s(n, k, c))
            print(
                f"{name:10} {label:36} {r['rouge1'].mean():6.2f} {r['rouge2'].mean():6.2f} "
                f"{r['rougeL'].mean():6.2f}  {versus}",
                flush=True,
            )


if __name__ == "__main__":
    main()
