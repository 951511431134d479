"""ROUGE with Google rouge-score's conventions, computed by rouge-score-rs for speed.

Conventions (the ones papers quote): Porter stemming of tokens longer than three
characters, tokens are runs of ``[a-z0-9]`` after lowercasing, ROUGE-Lsum with one
sentence per line. A system's sentences are its lines; a reference is split into
lines with nupunkt. Several references: the mean over references per story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import nupunkt
from rouge_score_rs import _rougers
from rouge_score_rs.rouge_scorer import RougeScorer

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
SHORT: dict[str, str] = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL", "rougeLsum": "RLsum"}


@dataclass(frozen=True)
class StoryScore:
    """F1 and recall ×100 of one output against all references of one story."""

    f1: dict[str, float]
    recall: dict[str, float]


def tokenize(text: str) -> list[str]:
    """rouge-score's tokens of ``text`` (lowercase, ``[a-z0-9]+``, Porter stem if > 3 chars)."""
    try:
        return list(_rougers.tokenize(text, True))
    except UnicodeEncodeError:
        # Lone surrogates cannot cross into Rust; rouge-score treats them as separators.
        return list(_rougers.tokenize(text.encode("utf-8", "replace").decode("utf-8"), True))


@lru_cache(maxsize=4096)
def reference_lines(reference: str) -> str:
    """A reference with one sentence per line, as ROUGE-Lsum wants it."""
    lines = [str(s).strip() for s in nupunkt.sent_tokenize(reference)]
    return "\n".join(s for s in lines if s)


def output_lines(sentences: Sequence[str]) -> str:
    """A system output, one sentence per line (inner newlines would make false lines)."""
    return "\n".join(" ".join(s.split()) for s in sentences if s.strip())


def cut_words(sentences: Sequence[str], words: int) -> list[str]:
    """The first ``words`` words of an output, keeping its sentence lines."""
    out: list[str] = []
    left = words
    for sentence in sentences:
        if left <= 0:
            break
        tokens = sentence.split()
        out.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return [s for s in out if s]


class Rouge:
    """Scores system outputs (lists of sentences) against lists of references."""

    def __init__(self, metrics: Sequence[str] = METRICS) -> None:
        self.metrics = tuple(metrics)
        self._scorer = RougeScorer(list(self.metrics), use_stemmer=True)

    def score(self, output: Sequence[str], references: Sequence[str]) -> StoryScore:
        """One output against one story's references (mean over references)."""
        return self.score_many([output], [references])[0]

    def score_many(
        self, outputs: Sequence[Sequence[str]], references: Sequence[Sequence[str]]
    ) -> list[StoryScore]:
        """Many (output, references) stories at once, in parallel inside rouge-score-rs."""
        if len(outputs) != len(references):
            raise ValueError(f"{len(outputs)} outputs but {len(references)} reference lists")
        targets: list[str] = []
        predictions: list[str] = []
        owners: list[int] = []
        for index, (output, refs) in enumerate(zip(outputs, references, strict=True)):
            prediction = output_lines(output)
            for ref in refs:
                targets.append(reference_lines(ref))
                predictions.append(prediction)
                owners.append(index)
        raw = self._scorer.score_batch(targets, predictions) if targets else []
        sums_f = [dict.fromkeys(self.metrics, 0.0) for _ in outputs]
        sums_r = [dict.fromkeys(self.metrics, 0.0) for _ in outputs]
        counts = [0] * len(outputs)
        for owner, scores in zip(owners, raw, strict=True):
            counts[owner] += 1
            for metric in self.metrics:
                sums_f[owner][metric] += scores[metric].fmeasure
                sums_r[owner][metric] += scores[metric].recall
        results: list[StoryScore] = []
        for f, r, n in zip(sums_f, sums_r, counts, strict=True):
            scale = 100.0 / n if n else 0.0
            results.append(
                StoryScore(
                    f1={m: v * scale for m, v in f.items()},
                    recall={m: v * scale for m, v in r.items()},
                )
            )
        return results
