"""Choose sentences under a budget, without saying the same thing twice, in a readable order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np

from storydesk.errors import BudgetError
from storydesk.types import Sentence

T = TypeVar("T", bound=Sentence)


def fit_budget(
    ranked: Sequence[T], words: int | None = None, sentences: int | None = None
) -> list[T]:
    """The one budget rule, shared by storydesk and every peer it is measured against.

    Whole sentences are taken in the given order; one that would overflow the word budget is
    skipped (a shorter one further down may still fit). ``sentences`` > 0 caps the count instead.
    """
    chosen: list[T] = []
    used = 0
    for sentence in ranked:
        if sentences and len(chosen) >= sentences:
            break
        if not sentences and words is not None and used + sentence.words > words:
            continue
        chosen.append(sentence)
        used += sentence.words
    return chosen


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller sentence's content terms that the other one also has."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def select(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    *,
    words: int,
    max_sentences: int = 0,
    redundancy: float = 0.5,
    fill: float = 1.0,
    min_words: int = 6,
    max_words: int = 80,
) -> list[int]:
    """Greedy by score: take a sentence when it fits the budget and repeats no chosen one.

    A candidate whose content overlaps a chosen sentence by more than ``redundancy`` is
    skipped: that is how a quote printed by three reports appears once (and cites all three).
    """
    budget = words if not max_sentences else 10**9
    budget = max(1, int(budget * fill)) if not max_sentences else budget
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    chosen: list[int] = []
    used = 0
    shortest_usable: int | None = None
    for index in order.tolist():
        sentence = sentences[index]
        length = sentence.words
        if length < min_words or length > max_words:
            continue
        shortest_usable = length if shortest_usable is None else min(shortest_usable, length)
        if used + length > budget:
            continue
        if any(overlap(content[index], content[j]) > redundancy for j in chosen):
            continue
        chosen.append(index)
        used += length
        if max_sentences and len(chosen) >= max_sentences:
            break
        if budget - used < min_words:
            break
    if not chosen and shortest_usable is not None:
        raise BudgetError(
            f"the word budget ({words}) is smaller than the shortest usable sentence "
            f"({shortest_usable} words)",
            hint=f"raise --words to at least {shortest_usable}",
        )
    return chosen


def order_for_reading(
    chosen: Sequence[int], sentences: Sequence[Sentence], article_index: dict[str, int], how: str
) -> list[int]:
    """'source': report by report, each in its own order; 'score': as chosen."""
    if how == "score":
        return list(chosen)
    return sorted(
        chosen,
        key=lambda i: (article_index[sentences[i].article_id], sentences[i].start),
    )
