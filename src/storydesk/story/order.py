"""Reading order: the chosen units as one story, the lead first, nobody named before introduced.

Units are ordered by their relative position in their reports (a report's opening before
another's middle), members that must stand together stay adjacent in report order, and a
sentence naming someone by surname comes after a sentence giving the full name. A sentence
that would still read as an orphan, a quotation without its speaker or a stranger's surname is
left out, and the space it frees goes to standalone sentences.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np

from storydesk.story.discourse import is_quotation, names_speaker
from storydesk.story.people import NameIndex
from storydesk.story.select import Budget
from storydesk.story.units import Discourse
from storydesk.types import Sentence


def _glued(a: int, b: int, sentences: Sequence[Sentence], discourse: Discourse) -> bool:
    """Whether ``b`` (the sentence after ``a`` in its report) must follow ``a`` directly."""
    if b != a + 1 or sentences[a].article_id != sentences[b].article_id:
        return False
    return a in discourse.units[b] or b in discourse.units[a]


def _blocks(
    chosen: Sequence[int],
    sentences: Sequence[Sentence],
    discourse: Discourse,
    article_index: dict[str, int],
) -> list[list[int]]:
    ordered = sorted(chosen, key=lambda i: (article_index[sentences[i].article_id], i))
    blocks: list[list[int]] = []
    for i in ordered:
        if blocks and _glued(blocks[-1][-1], i, sentences, discourse):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def reading_order(
    chosen: Sequence[int],
    lead: int | None,
    sentences: Sequence[Sentence],
    discourse: Discourse,
    names: NameIndex,
    article_index: dict[str, int],
) -> list[int]:
    """Chosen sentences as one story (see the module docstring)."""
    if not chosen:
        return []
    lengths: dict[str, int] = {}
    for s in sentences:
        lengths[s.article_id] = max(lengths.get(s.article_id, 0), s.position + 1)
    blocks = _blocks(chosen, sentences, discourse, article_index)
    block_of = {i: b for b, block in enumerate(blocks) for i in block}

    def key(b: int) -> tuple[int, float, int, int]:
        first = sentences[blocks[b][0]]
        relative = first.position / max(lengths[first.article_id], 1)
        is_lead = 0 if lead is not None and lead in blocks[b] else 1
        return (is_lead, round(relative, 6), article_index[first.article_id], blocks[b][0])

    after: dict[int, set[int]] = {b: set() for b in range(len(blocks))}
    for i in chosen:
        for surname in names.alone_in[i]:
            givers = [j for j in chosen if j in names.full_in.get(surname, ())]
            if not givers or any(block_of[j] == block_of[i] and j < i for j in givers):
                continue
            first_giver = min(givers, key=lambda j: key(block_of[j]))
            if block_of[first_giver] != block_of[i]:
                after[block_of[i]].add(block_of[first_giver])
    waiting = {b: len(needs) for b, needs in after.items()}
    heap = [(key(b), b) for b, count in waiting.items() if count == 0]
    heapq.heapify(heap)
    done: list[int] = []
    placed: set[int] = set()
    while len(placed) < len(blocks):
        if not heap:  # a cycle: place the earliest remaining block anyway
            rest = min((b for b in range(len(blocks)) if b not in placed), key=key)
            heap.append((key(rest), rest))
        _, b = heapq.heappop(heap)
        if b in placed:
            continue
        placed.add(b)
        done.extend(blocks[b])
        for other, needs in after.items():
            if b in needs and other not in placed:
                waiting[other] -= 1
                if waiting[other] == 0:
                    heapq.heappush(heap, (key(other), other))
    return done


def unreadable(
    ordered: Sequence[int], sentences: Sequence[Sentence], discourse: Discourse, names: NameIndex
) -> list[int]:
    """Positions in ``ordered`` of sentences a reader could not follow where they stand."""
    bad: list[int] = []
    for k, i in enumerate(ordered):
        before = ordered[k - 1] if k else None
        if discourse.needs_previous[i] and before != i - 1:
            bad.append(k)
            continue
        if names.unmet(i, ordered[:k]):
            bad.append(k)
            continue
        if is_quotation(sentences[i].text, discourse.inside_quote[i]):
            block = [i]
            j = k
            while j > 0 and ordered[j - 1] == ordered[j] - 1:
                j -= 1
                block.append(ordered[j])
            j = k
            while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
                j += 1
                block.append(ordered[j])
            if not any(names_speaker(sentences[m].text, discourse.inside_quote[m]) for m in block):
                bad.append(k)
    return bad


def tidy(
    ordered: list[int],
    lead: int | None,
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    content: Sequence[frozenset[str]],
    discourse: Discourse,
    names: NameIndex,
    budget: Budget,
    article_index: dict[str, int],
) -> list[int]:
    """Drop what still reads badly, refill with standalone sentences, order again."""
    for _ in range(len(ordered)):
        bad = unreadable(ordered, sentences, discourse, names)
        if not bad:
            break
        ordered = [i for k, i in enumerate(ordered) if k not in set(bad)]
    used = sum(budget.cost(sentences[i]) for i in ordered)
    spare = [
        i
        for i in np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable").tolist()
        if discourse.units[i] == (i,)
        and i not in ordered
        and not names.alone_in[i]
        and not (is_quotation(sentences[i].text) and not names_speaker(sentences[i].text))
    ]
    usable = set(budget.usable(sentences))
    chosen = list(ordered)
    for i in spare:
        if budget.capacity - used < budget.smallest_cost:
            break
        cost = budget.cost(sentences[i])
        if i not in usable or used + cost > budget.capacity or budget.repeats(content, i, chosen):
            continue
        chosen.append(i)
        used += cost
    if len(chosen) == len(ordered):
        return ordered
    again = reading_order(chosen, lead, sentences, discourse, names, article_index)
    return [
        i
        for k, i in enumerate(again)
        if k not in set(unreadable(again, sentences, discourse, names))
    ]
