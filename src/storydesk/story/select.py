"""Choose sentences under a budget, without saying the same thing twice, in a readable order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TypeVar

import numpy as np

from storydesk.errors import BudgetError, ConfigError
from storydesk.settings import SELECTORS
from storydesk.story.represent import phrase_bigrams, tokens
from storydesk.story.sparse_rows import SparseRows
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


def figures(terms: frozenset[str]) -> frozenset[str]:
    """The numbers among a sentence's terms, one per figure: "288,000" and "12:35" are tokens
    "288" "000" and "12" "35", whose pair is in the evidence; the second token goes."""
    digits = frozenset(t for t in terms if t.isdigit())
    if len(digits) < 2:
        return digits
    tails = {p.split(" ")[1] for p in terms if " " in p and p.replace(" ", "").isdigit()}
    return digits - tails


def same_figures(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences that state the same two figures about mostly the same words report one fact
    in other words ("a 20% bump in his total compensation package in 2015" / "a 20 percent
    increase in his total remuneration package for 2015"), though their pairs of words differ."""
    return _states(figures(a), _words(a), b)


def _words(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in terms if " " not in t)  # the terms, not the pairs


def _states(figures_a: frozenset[str], words_a: frozenset[str], b: frozenset[str]) -> bool:
    """``same_figures`` with the first sentence's figures and words already found."""
    if len(figures_a & figures(b)) < 2:
        return False
    return overlap(words_a, _words(b)) >= SAME_FACT_OVERLAP


SAME_FACT_OVERLAP = 0.5


@dataclass(frozen=True)
class Budget:
    """How much a summary may hold, and which sentences may go into it."""

    words: int
    max_sentences: int = 0  # > 0: a sentence budget instead of words
    redundancy: float = 0.5
    fill: float = 1.0
    min_words: int = 6
    max_words: int = 80

    @property
    def capacity(self) -> int:
        return self.max_sentences or max(1, int(self.words * self.fill))

    @property
    def smallest_cost(self) -> int:
        return 1 if self.max_sentences else self.min_words

    def cost(self, sentence: Sentence) -> int:
        return 1 if self.max_sentences else sentence.words

    def usable(self, sentences: Sequence[Sentence]) -> list[int]:
        return [i for i, s in enumerate(sentences) if self.min_words <= s.words <= self.max_words]

    def repeats(self, content: Sequence[frozenset[str]], index: int, chosen: list[int]) -> bool:
        """Whether the candidate says what a chosen sentence already says: most of its terms
        and pairs, or the same two figures in mostly the same words."""
        mine = content[index]
        if any(overlap(mine, content[j]) > self.redundancy for j in chosen):
            return True
        stated = figures(mine)
        if len(stated) < 2:  # most sentences: no second figure, nothing more to test
            return False
        words = _words(mine)
        return any(_states(stated, words, content[j]) for j in chosen)

    def too_small(self, sentences: Sequence[Sentence], usable: Sequence[int]) -> BudgetError:
        shortest = min(sentences[i].words for i in usable)
        return BudgetError(
            f"the word budget ({self.words}) is smaller than the shortest usable sentence "
            f"({shortest} words)",
            hint=f"raise --words to at least {shortest}",
        )


def select_by_score(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    budget: Budget,
) -> list[int]:
    """Greedy by score: take a sentence when it fits the budget and repeats no chosen one.

    A candidate whose content overlaps a chosen sentence by more than ``budget.redundancy`` is
    skipped: that is how a quote printed by three reports appears once (and cites all three).
    Returns [] when no sentence has a usable length; raises BudgetError when none fits.
    """
    usable = set(budget.usable(sentences))
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    chosen: list[int] = []
    used = 0
    for index in order.tolist():
        if index not in usable:
            continue
        cost = budget.cost(sentences[index])
        if used + cost > budget.capacity or budget.repeats(content, index, chosen):
            continue
        chosen.append(index)
        used += cost
        if budget.capacity - used < budget.smallest_cost:
            break
    if not chosen and usable:
        raise budget.too_small(sentences, sorted(usable))
    return chosen


TYPICAL_SENTENCE_WORDS = 20.0


def shared_bigram_weights(
    sentences: Sequence[Sentence], bigrams: Sequence[frozenset[str]]
) -> dict[str, int]:
    """Bigrams that several reports use, weighted by how many do.

    With six or more reports a pair must appear in three, since two wire copies of one report
    would otherwise make every phrase of it look agreed on.
    """
    by_report: dict[str, set[str]] = {}
    for sentence, pairs in zip(sentences, bigrams, strict=True):
        by_report.setdefault(sentence.article_id, set()).update(pairs)
    reports = Counter(chain.from_iterable(by_report.values()))  # counted in C, not per pair
    least = 3 if len(by_report) >= 6 else 2
    return dict(sorted((pair, n) for pair, n in reports.items() if n >= least))


def select_by_coverage(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    bigrams: Sequence[frozenset[str]],
    budget: Budget,
    score_weight: float = 2.0,
) -> list[int]:
    """Maximise shared-bigram coverage plus ranker score under the budget (greedy per word).

    The objective of a set of sentences is the summed weight of the shared bigrams it covers,
    each counted once (see ``shared_bigram_weights``), plus each sentence's score above the
    story's weakest, in standard deviations, times its length: a typical 20-word sentence one
    deviation up is worth ``score_weight`` average bigrams. Covering a bigram twice earns
    nothing, so repetition costs words without gain; the ``redundancy`` rule of
    ``select_by_score`` still applies on top. The objective is monotone submodular; the
    cost-scaled greedy (best gain per word, or per sentence under a sentence budget) scored
    within noise of an exact integer program on the dev sets at three times its speed.
    Returns indices in the order chosen; [] when no sentence has a usable length.
    """
    usable = budget.usable(sentences)
    if not usable:
        return []
    weights = shared_bigram_weights(sentences, bigrams)
    column = {pair: j for j, pair in enumerate(weights)}
    # One all-zero column when no bigram is shared keeps the shapes valid: the ranker decides.
    weight = np.asarray(list(weights.values()) or [0], dtype=np.float64)
    incidence = SparseRows.binary(
        [sorted(column[p] for p in bigrams[i] if p in column) for i in usable], len(weight)
    )

    score = np.asarray(scores, dtype=np.float64)[usable]
    spread = float(score.std())
    above = (score - score.min()) / spread if spread > 0 else np.zeros_like(score)
    lengths = np.asarray([sentences[i].words for i in usable], dtype=np.float64)
    mean_weight = float(weight.mean()) if weight.any() else 1.0
    own_value = score_weight * mean_weight * above * lengths / TYPICAL_SENTENCE_WORDS

    cost = np.asarray([budget.cost(sentences[i]) for i in usable], dtype=np.float64)
    alive = np.ones(len(usable), dtype=bool)
    uncovered = weight.copy()
    chosen: list[int] = []
    used = 0.0
    while True:
        fits = alive & (used + cost <= budget.capacity)
        if not fits.any():
            break
        gain = own_value + incidence.dot(uncovered)
        # Nothing left worth words: fall back on the ranker alone to use the budget.
        key = np.where(gain > 0, gain / cost, -np.inf) if (gain[fits] > 0).any() else score
        pick = int(np.argmax(np.where(fits, key, -np.inf)))
        alive[pick] = False
        index = usable[pick]
        if budget.repeats(content, index, chosen):
            continue
        chosen.append(index)
        used += cost[pick]
        uncovered[incidence.row(pick)] = 0.0
    if not chosen:
        raise budget.too_small(sentences, usable)
    return chosen


def select(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    *,
    words: int,
    selector: str = "coverage",
    bigrams: Sequence[frozenset[str]] | None = None,
    score_weight: float = 2.0,
    max_sentences: int = 0,
    redundancy: float = 0.5,
    fill: float = 1.0,
    min_words: int = 6,
    max_words: int = 80,
) -> list[int]:
    """The selector named ``selector`` (one of SELECTORS); ``bigrams`` default to the
    sentences' own (``phrase_bigrams``), as ``represent`` computes them."""
    budget = Budget(words, max_sentences, redundancy, fill, min_words, max_words)
    if selector == "score":
        return select_by_score(sentences, scores, content, budget)
    if selector == "coverage":
        if bigrams is None:
            bigrams = [phrase_bigrams(tokens(s.text)) for s in sentences]
        return select_by_coverage(sentences, scores, content, bigrams, budget, score_weight)
    raise ConfigError(
        f"unknown selector {selector!r}", hint=f"choose one of: {', '.join(SELECTORS)}"
    )


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
