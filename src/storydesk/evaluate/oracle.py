"""The extractive ceiling: greedy selection of sentences maximizing ROUGE-1 + ROUGE-2 F1.

Counts n-grams with exactly rouge-score's tokens, so the gain it chases is the gain
ROUGE will measure. The labels double as training targets for a learned ranker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from storydesk.evaluate.rouge import tokenize

__all__ = ["greedy_oracle", "ngrams", "tokenize"]


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the n-grams of a token list."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, produced: int, wanted: int) -> float:
    if overlap <= 0 or produced <= 0 or wanted <= 0:
        return 0.0
    precision = overlap / produced
    recall = overlap / wanted
    return 2 * precision * recall / (precision + recall)


class _Reference:
    """One reference's n-gram counts and the running overlap with the chosen sentences."""

    def __init__(self, text: str) -> None:
        tokens = tokenize(text)
        self.counts = (ngrams(tokens, 1), ngrams(tokens, 2))
        self.totals = (max(len(tokens), 0), max(len(tokens) - 1, 0))
        self.overlap = [0, 0]


def greedy_oracle(
    sentences_texts: Sequence[str], references: Sequence[str], words: int
) -> list[int]:
    """Indices of sentences chosen greedily for ROUGE-1+2 F1 under a word budget.

    Each step adds the sentence (that still fits in ``words`` whitespace words) that
    raises mean-over-references ROUGE-1 F1 + ROUGE-2 F1 the most; it stops when no
    sentence raises it. Indices come in the order chosen (best first). Bigrams are
    counted inside sentences only: across a sentence boundary they would depend on
    the output order, which greedy selection does not fix.
    """
    refs = [_Reference(r) for r in references if r.strip()]
    if not refs or words < 1:
        return []
    tokens = [tokenize(t) for t in sentences_texts]
    grams = [(ngrams(t, 1), ngrams(t, 2)) for t in tokens]
    lengths = [len(t.split()) for t in sentences_texts]
    chosen: list[int] = []
    used_words = 0
    produced = [0, 0]
    summary: tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]] = (Counter(), Counter())
    best_score = 0.0
    while True:
        best_index = -1
        best_gain_state: tuple[float, list[list[int]]] = (best_score, [])
        for index, candidate in enumerate(grams):
            if index in chosen or not tokens[index] or used_words + lengths[index] > words:
                continue
            size = len(tokens[index])
            new_produced = (produced[0] + size, produced[1] + max(size - 1, 0))
            total = 0.0
            overlaps: list[list[int]] = []
            for ref in refs:
                new_overlap = [0, 0]
                for n in (0, 1):
                    gain = 0
                    have = summary[n]
                    want = ref.counts[n]
                    for gram, count in candidate[n].items():
                        wanted = want.get(gram, 0)
                        if wanted:
                            before = have.get(gram, 0)
                            gain += min(before + count, wanted) - min(before, wanted)
                    new_overlap[n] = ref.overlap[n] + gain
                    total += _f1(new_overlap[n], new_produced[n], ref.totals[n])
                overlaps.append(new_overlap)
            score = total / len(refs)
            if score > best_gain_state[0] + 1e-12:
                best_index = index
                best_gain_state = (score, overlaps)
        if best_index < 0:
            return chosen
        chosen.append(best_index)
        used_words += lengths[best_index]
        produced[0] += len(tokens[best_index])
        produced[1] += max(len(tokens[best_index]) - 1, 0)
        for n in (0, 1):
            summary[n].update(grams[best_index][n])
        for ref, overlap in zip(refs, best_gain_state[1], strict=True):
            ref.overlap = overlap
        best_score = best_gain_state[0]
