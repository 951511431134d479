"""Choose whole discourse units under the budget, the lead first (coverage objective).

The objective is ``select_by_coverage``'s (shared-bigram coverage plus ranker score, greedy
per word), over units instead of sentences: a unit costs the words of its members not chosen
yet and is worth the bigrams they cover and their scores. The lead, the best sentence that
states the news on its own among the first sentences of the reports, is taken first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydesk.story.people import NameIndex
from storydesk.story.select import TYPICAL_SENTENCE_WORDS, Budget, shared_bigram_weights
from storydesk.story.sparse_rows import SparseRows, sorted_distinct
from storydesk.story.units import Discourse, find_units
from storydesk.types import Sentence

LEAD_POSITIONS = 1  # the lead is sought among the reports' first sentences


def choose_lead(
    sentences: Sequence[Sentence], scores: np.ndarray, discourse: Discourse, budget: Budget
) -> int | None:
    """The best-scored standalone news sentence among the reports' first ones.

    When no report opens on one, each report's first standalone news sentence competes (the
    best-scored one anywhere was often a report's closing line: "X did not respond.").
    """
    usable = [
        i
        for i in budget.usable(sentences)
        if budget.cost(sentences[i]) <= budget.capacity and discourse.standalone_news(i, sentences)
    ]
    if not usable:
        return None
    early = [i for i in usable if sentences[i].position < LEAD_POSITIONS]
    if not early:
        first: dict[str, int] = {}
        for i in usable:  # in report order, so the first seen of a report is its earliest
            first.setdefault(sentences[i].article_id, i)
        early = list(first.values())
    return max(early, key=lambda i: (float(scores[i]), -i))


def _unit_items(
    sentences: Sequence[Sentence], discourse: Discourse, budget: Budget
) -> list[tuple[int, ...]]:
    """One candidate per usable sentence whose unit exists and fits; duplicates once."""
    seen: set[tuple[int, ...]] = set()
    items: list[tuple[int, ...]] = []
    for i in budget.usable(sentences):
        unit = discourse.units[i]
        if not unit or unit in seen:
            continue
        if any(sentences[m].words > budget.max_words for m in unit):
            continue
        if sum(budget.cost(sentences[m]) for m in unit) > budget.capacity:
            continue
        seen.add(unit)
        items.append(unit)
    return items


def select_units(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    bigrams: Sequence[frozenset[str]],
    discourse: Discourse,
    budget: Budget,
    score_weight: float = 2.0,
) -> tuple[list[int], int | None]:
    """Chosen sentence indices (in the order taken) and the lead's index (None if none)."""
    items = _unit_items(sentences, discourse, budget)
    if not items:
        return [], None
    weights = shared_bigram_weights(sentences, bigrams)
    column = {pair: j for j, pair in enumerate(weights)}
    weight = np.asarray(list(weights.values()) or [0], dtype=np.float64)
    n = len(sentences)
    members = {m for unit in items for m in unit}
    by_sentence = SparseRows.binary(
        [
            # the shared pairs' columns, looked up in C
            sorted(map(column.__getitem__, filter(column.__contains__, bigrams[i])))
            if i in members
            else ()
            for i in range(n)
        ],
        len(weight),
    )
    membership = SparseRows.binary(items, n)  # each item's members (units are sorted)

    score = np.asarray(scores, dtype=np.float64)
    usable = budget.usable(sentences)
    spread = float(score[usable].std()) if usable else 0.0
    floor = float(score[usable].min()) if usable else 0.0
    above = np.clip((score - floor) / spread, 0.0, None) if spread > 0 else np.zeros(n)
    words = np.asarray([s.words for s in sentences], dtype=np.float64)
    cost_of = np.asarray([budget.cost(s) for s in sentences], dtype=np.float64)
    mean_weight = float(weight.mean()) if weight.any() else 1.0
    own_value = score_weight * mean_weight * above * words / TYPICAL_SENTENCE_WORDS

    # Each item's best member score: units are never empty, so every row has an entry.
    item_score = np.maximum.reduceat(score[membership.columns], membership.indptr[:-1])
    item_bigrams = _covered(membership, by_sentence)

    def greedy(seed: int | None) -> list[int]:
        taken = np.zeros(n, dtype=bool)
        uncovered = weight.copy()
        chosen: list[int] = []
        used = 0.0

        def take(members: Sequence[int]) -> None:
            nonlocal used
            for m in members:
                if not taken[m]:
                    taken[m] = True
                    chosen.append(m)
                    used += cost_of[m]
                    uncovered[by_sentence.row(m)] = 0.0

        if seed is not None:
            take([seed])
        alive = np.ones(len(items), dtype=bool)
        while True:
            free = ~taken
            cost = membership.dot(cost_of * free)
            alive &= cost > 0
            fits = alive & (used + cost <= budget.capacity)
            if not fits.any():
                break
            # Bigrams of taken members are no longer uncovered: no need to mask them out.
            coverage = item_bigrams.dot(uncovered)
            gain = membership.dot(own_value * free) + coverage
            key = np.where(gain > 0, gain / np.maximum(cost, 1e-9), -np.inf)
            if not (gain[fits] > 0).any():
                key = item_score
            pick = int(np.argmax(np.where(fits, key, -np.inf)))
            alive[pick] = False
            new = [m for m in items[pick] if not taken[m]]
            if any(budget.repeats(content, m, chosen) for m in new):
                continue
            take(new)
        return chosen

    # The greedy's own choice when it already holds a lead among the reports' openings;
    # else the best lead is taken first and the rest chosen around it.
    chosen = greedy(None)
    opening = [
        i
        for i in chosen
        if sentences[i].position < LEAD_POSITIONS and discourse.standalone_news(i, sentences)
    ]
    if opening:
        return chosen, max(opening, key=lambda i: (float(scores[i]), -i))
    lead = choose_lead(sentences, scores, discourse, budget)
    return (greedy(lead), lead) if lead is not None else (chosen, None)


def _covered(membership: SparseRows, by_sentence: SparseRows) -> SparseRows:
    """Which bigrams each item's members cover, each once, columns ascending."""
    width = max(by_sentence.n_columns, 1)
    rows = by_sentence.take(membership.columns)
    items = np.repeat(membership.row_of, np.diff(rows.indptr))
    keys = sorted_distinct(items * width + rows.columns)
    sizes = np.bincount(keys // width, minlength=membership.n_rows)
    indptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    return SparseRows(np.ones(keys.size), keys % width, indptr, by_sentence.n_columns)


def compose(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    bigrams: Sequence[frozenset[str]],
    budget: Budget,
    article_index: dict[str, int],
    score_weight: float = 2.0,
) -> list[int]:
    """Units chosen, the lead first, in reading order, with what reads badly replaced."""
    from storydesk.story.order import reading_order, tidy

    names = NameIndex.build(sentences)
    discourse = find_units(sentences, names, [float(x) for x in scores])
    chosen, lead = select_units(
        sentences, scores, content, bigrams, discourse, budget, score_weight
    )
    ordered = reading_order(chosen, lead, sentences, discourse, names, article_index)
    return tidy(ordered, lead, sentences, scores, content, discourse, names, budget, article_index)
