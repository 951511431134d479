from __future__ import annotations

import numpy as np
import pytest

from storydesk.errors import BudgetError
from storydesk.represent import content_terms, tokens
from storydesk.select import fit_budget, order_for_reading, overlap, select
from storydesk.types import Sentence

TEXTS = [
    "The river flooded the old town after three days of heavy rain.",  # 12 words
    "After three days of heavy rain the river flooded the old town.",  # same content
    "Officials opened two schools as shelters for about 400 residents.",  # 10 words
    "The mayor said repairs to the bridge would cost at least two million dollars.",
    "Short one here.",
]


def _sentences() -> list[Sentence]:
    out = []
    start = 0
    for i, text in enumerate(TEXTS):
        out.append(Sentence("a" if i % 2 == 0 else "b", start, start + len(text), text, 0, i))
        start += len(text) + 1
    return out


def _content() -> list[frozenset[str]]:
    return [frozenset(content_terms(tokens(t))) for t in TEXTS]


def test_select_skips_a_sentence_that_repeats_a_chosen_one() -> None:
    scores = np.array([0.9, 0.8, 0.5, 0.4, 0.1])
    chosen = select(_sentences(), scores, _content(), words=100, min_words=4)
    assert 0 in chosen and 1 not in chosen
    assert overlap(_content()[0], _content()[1]) == 1.0


@pytest.mark.parametrize("words", [12, 22, 30, 250])
def test_select_never_exceeds_the_word_budget(words: int) -> None:
    sentences = _sentences()
    chosen = select(sentences, np.array([0.9, 0.8, 0.5, 0.4, 0.1]), _content(), words=words)
    assert sum(sentences[i].words for i in chosen) <= words
    assert chosen


def test_select_sentence_budget_caps_the_count() -> None:
    chosen = select(
        _sentences(), np.array([0.9, 0.8, 0.5, 0.4, 0.1]), _content(), words=250, max_sentences=2
    )
    assert len(chosen) == 2


def test_select_budget_below_every_sentence_says_so() -> None:
    with pytest.raises(BudgetError, match="smaller than the shortest usable sentence"):
        select(_sentences(), np.array([0.9, 0.8, 0.5, 0.4, 0.1]), _content(), words=5)


def test_fit_budget_skips_what_overflows_and_keeps_order() -> None:
    sentences = _sentences()
    chosen = fit_budget([sentences[3], sentences[0], sentences[4]], words=17)
    assert [s.position for s in chosen] == [3, 4]


def test_order_for_reading_groups_by_report_then_position() -> None:
    sentences = _sentences()
    ordered = order_for_reading([3, 0, 2], sentences, {"a": 0, "b": 1}, "source")
    assert ordered == [0, 2, 3]
    assert order_for_reading([3, 0, 2], sentences, {"a": 0, "b": 1}, "score") == [3, 0, 2]
