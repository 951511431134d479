"""Which ranker features mean something else on raw articles than on the truncated training
corpus, and does neutralising them help? (issue #12, "Transfer to raw text".)

    python benchmarks/transfer_features.py [--data ../shared/data] [--train 3000] [--validation 300]

1. Each feature's mean on usable sentences of raw Multi-News dev, DUC 2003 and validation.
2. Columns that change when the raw dev sentences are lower-cased (the training corpus is).
3. A controlled retraining: trees (the `storydesk train` settings) learned from the first
   ``--train`` training stories with today's features, and with ``starts_lower`` held at 0 and
   ``ends_terminal`` reading a tokenised closing quote (``bad number. "``) as an end; each scored
   on raw dev (250 words), DUC 2003 (100) and validation[:N] (250) through the default selector
   (`compose`), next to the shipped model and ``--ranker lead``, with the paired bootstrap 95%
   interval of the per-story R1 difference against lead.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETS = {
    "raw dev": ("multinews-raw/dev.jsonl.gz", 250),
    "DUC 2003": ("duc2003/duc2003.jsonl.gz", 100),
    "validation": ("multinews/validation.jsonl.gz", 250),
}
TOKENISED_END = re.compile(r"[.!?]\s?[\"'”’)\]]*\s*$")


def cases(path: Path, limit: int | None, words: int) -> list[tuple]:
    """(story, prepared, representation, features, shipped scores, labels) per readable story."""
    from storydesk.errors import StorydeskError
    from storydesk.ingest import read_stories
    from storydesk.settings import load_settings
    from storydesk.story.pipeline import analyse, prepare
    from storydesk.story.rank import ranker_for
    from storydesk.training.train import sentence_labels
    from storydesk.types import Story

    settings = load_settings(words=words)
    ranker = ranker_for(settings)
    found = []
    for n, story in enumerate(read_stories(path, skip_bad=True)):
        if limit is not None and n >= limit:
            break
        if not isinstance(story, Story):
            continue
        try:
            prepared = prepare(story, settings)
            rep, x, scores = analyse(prepared, ranker)
        except StorydeskError:
            continue
        labels = sentence_labels([list(t) for t in rep.tokens], story.references)
        found.append((story, prepared, rep, x, scores, labels))
    return found


def neutralised(x: np.ndarray, prepared: object) -> np.ndarray:
    from storydesk.story.rank import FEATURE_NAMES

    out = x.copy()
    out[:, FEATURE_NAMES.index("starts_lower")] = 0.0
    out[:, FEATURE_NAMES.index("ends_terminal")] = [
        float(TOKENISED_END.search(s.text) is not None)
        for s in prepared.sentences  # type: ignore[attr-defined]
    ]
    return out


def main() -> None:
    from storydesk.story.rank import FEATURE_NAMES, sentence_features
    from storydesk.story.rank.rankers import LearnedRanker
    from storydesk.story.represent import represent
    from storydesk.training.config import TrainingConfig
    from storydesk.training.train import fit_trees

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--train", type=int, default=3000)
    parser.add_argument("--validation", type=int, default=300)
    args = parser.parse_args()
    sets = {
        name: cases(args.data / rel, args.validation if name == "validation" else None, words)
        for name, (rel, words) in SETS.items()
    }
    usable = {
        name: [(c, (c[3][:, 5] >= 6) & (c[3][:, 5] <= 80)) for c in found]
        for name, found in sets.items()
    }
    print("1. feature means on usable sentences")
    print(f"{'feature':26}" + "".join(f"{name:>12}" for name in sets))
    for j, feature in enumerate(FEATURE_NAMES):
        means = [np.concatenate([c[3][m, j] for c, m in usable[name]]).mean() for name in sets]
        print(f"{feature:26}" + "".join(f"{v:12.3f}" for v in means))

    model = LearnedRanker().model_
    changed = np.zeros(len(FEATURE_NAMES), dtype=int)
    total = 0
    for story, prepared, _rep, x, _s, _l in sets["raw dev"]:
        lowered = [dataclasses.replace(s, text=s.text.lower()) for s in prepared.sentences]
        index = prepared.article_index
        rep = represent(
            [s.text for s in lowered],
            [index[s.article_id] for s in lowered],
            len(story.articles),
            idf=model.idf,
        )
        y = sentence_features(lowered, rep, len(story.articles), model.idf, model.default_idf)
        changed += (np.abs(y - x) > 1e-12).sum(axis=0)
        total += len(x)
    print("\n2. raw dev sentences whose feature changes when the text is lower-cased")
    for feature, count in zip(FEATURE_NAMES, changed, strict=True):
        if count:
            print(f"{feature:26} {count} of {total}")

    training = cases(args.data / "multinews/train.jsonl.gz", args.train, 250)
    config = TrainingConfig(data=args.data)
    scorers: dict[str, Callable[[tuple], np.ndarray]] = {
        "lead": lambda c: -c[3][:, FEATURE_NAMES.index("position")],
        "shipped": lambda c: c[4],
    }
    for name, form in (("all features", None), ("case-free features", neutralised)):
        xs = [c[3] if form is None else form(c[3], c[1]) for c in training]
        keep = [(x[:, 5] >= 6) & (x[:, 5] <= 80) for x in xs]
        trees = fit_trees(
            np.vstack([x[k] for x, k in zip(xs, keep, strict=True)]),
            np.concatenate([c[5][k] for c, k in zip(training, keep, strict=True)]),
            config,
        )
        scorers[f"{args.train} stories, {name}"] = lambda c, t=trees, f=form: t.predict(
            c[3] if f is None else f(c[3], c[1])
        )
    print(f"\n3. {'data':12} {'ranker':34} {'R1':>6} {'R2':>6} {'RL':>6}  R1 - lead")
    for name, found in sets.items():
        table = RougeTable(SETS[name][1])
        for label, scorer in scorers.items():
            r, versus = table.row(found, lambda _k, c, s=scorer: s(c))
            print(
                f"   {name:12} {label:34} {r['rouge1'].mean():6.2f} {r['rouge2'].mean():6.2f} "
                f"{r['rougeL'].mean():6.2f}  {versus}",
                flush=True,
            )


class RougeTable:
    """ROUGE of ``compose`` on cached stories under one scorer per row, and each row's R1
    difference with the first row's (lead's), as a paired bootstrap interval."""

    def __init__(self, words: int) -> None:
        from storydesk.evaluate.rouge import Rouge
        from storydesk.settings import load_settings
        from storydesk.story.select import Budget

        self.words = words
        self.settings = load_settings(words=words)
        s = self.settings
        self.budget = Budget(
            words, 0, s.redundancy, s.fill, s.min_sentence_words, s.max_sentence_words
        )
        self.rouge = Rouge(("rouge1", "rouge2", "rougeL"))
        self.lead_r1: np.ndarray | None = None

    def row(
        self, found: list[tuple], score_of: Callable[[int, tuple], np.ndarray]
    ) -> tuple[dict[str, np.ndarray], str]:
        from storydesk.evaluate.bootstrap import paired_bootstrap
        from storydesk.evaluate.rouge import cut_words
        from storydesk.story.compose import compose

        outputs = []
        for k, c in enumerate(found):
            prepared, rep = c[1], c[2]
            chosen = compose(
                prepared.sentences,
                np.asarray(score_of(k, c), dtype=np.float64),
                rep.evidence,
                rep.bigrams,
                self.budget,
                prepared.article_index,
                self.settings.score_weight,
            )
            outputs.append(cut_words([prepared.sentences[i].text for i in chosen], self.words))
        scores = self.rouge.score_many(outputs, [c[0].references for c in found])
        r = {m: np.array([s.f1[m] for s in scores]) for m in ("rouge1", "rouge2", "rougeL")}
        if self.lead_r1 is None:
            self.lead_r1 = r["rouge1"]
            return r, ""
        return r, paired_bootstrap(r["rouge1"], self.lead_r1).describe()


if __name__ == "__main__":
    main()
