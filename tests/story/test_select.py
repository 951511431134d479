from __future__ import annotations

import numpy as np
import pytest

from storydesk.errors import BudgetError, ConfigError
from storydesk.story.represent import content_terms, represent, tokens
from storydesk.story.select import (
    SELECTORS,
    fit_budget,
    order_for_reading,
    overlap,
    same_figures,
    select,
    shared_bigram_weights,
)
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


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_skips_a_sentence_that_repeats_a_chosen_one(selector: str) -> None:
    scores = np.array([0.9, 0.8, 0.5, 0.4, 0.1])
    chosen = select(_sentences(), scores, _content(), words=100, min_words=4, selector=selector)
    assert 0 in chosen and 1 not in chosen
    assert overlap(_content()[0], _content()[1]) == 1.0


@pytest.mark.parametrize("selector", SELECTORS)
@pytest.mark.parametrize("words", [12, 22, 30, 250])
def test_select_never_exceeds_the_word_budget(words: int, selector: str) -> None:
    sentences = _sentences()
    scores = np.array([0.9, 0.8, 0.5, 0.4, 0.1])
    chosen = select(sentences, scores, _content(), words=words, selector=selector)
    assert sum(sentences[i].words for i in chosen) <= words
    assert chosen


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_sentence_budget_caps_the_count(selector: str) -> None:
    scores = np.array([0.9, 0.8, 0.5, 0.4, 0.1])
    chosen = select(_sentences(), scores, _content(), words=250, max_sentences=2, selector=selector)
    assert len(chosen) == 2


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_budget_below_every_sentence_says_so(selector: str) -> None:
    scores = np.array([0.9, 0.8, 0.5, 0.4, 0.1])
    with pytest.raises(BudgetError, match="smaller than the shortest usable sentence"):
        select(_sentences(), scores, _content(), words=5, selector=selector)


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_nothing_of_usable_length_gives_nothing(selector: str) -> None:
    # The pipeline then retries with every length allowed.
    scores = np.array([0.9, 0.8, 0.5, 0.4, 0.1])
    assert (
        select(_sentences(), scores, _content(), words=250, min_words=40, selector=selector) == []
    )


def test_select_unknown_selector_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="unknown selector 'ilp'") as raised:
        select(_sentences(), np.ones(5), _content(), words=250, selector="ilp")
    assert "coverage" in (raised.value.hint or "")


# Two reports of one storm. Report a's first two sentences score alike; only the second says
# what report b says too, so coverage of shared bigrams decides between them.
STORM = [
    ("a", "The county fair drew record crowds to the showgrounds last summer."),
    ("a", "Storm surge flooded the harbor district overnight, forcing hundreds from homes."),
    ("a", "Fishermen hauled their boats onto the beach before the winds arrived."),
    ("b", "Residents said storm surge flooded the harbor district overnight and kept rising."),
    ("b", "The ferry service to the islands was suspended until further notice."),
]


def _storm() -> tuple[list[Sentence], list[frozenset[str]], list[frozenset[str]]]:
    from storydesk.story.represent import phrase_bigrams

    sentences, start = [], 0
    for position, (article, text) in enumerate(STORM):
        sentences.append(Sentence(article, start, start + len(text), text, 0, position))
        start += len(text) + 1
    toks = [tokens(text) for _, text in STORM]
    return sentences, [frozenset(content_terms(t)) for t in toks], [phrase_bigrams(t) for t in toks]


def test_shared_bigram_weights_count_reports_not_copies() -> None:
    sentences, _, bigrams = _storm()
    weights = shared_bigram_weights(sentences, bigrams)
    assert weights["harbor district"] == 2 and weights["storm surg"] == 2
    assert "counti fair" not in weights  # one report only
    assert "to the" not in weights and "of the" not in weights  # function words alone


def test_shared_bigram_weights_need_three_reports_from_six() -> None:
    texts = ["Storm surge hit the harbor."] * 2 + [f"Report {n} on other things." for n in range(4)]
    sentences = [Sentence(f"r{n}", 0, len(t), t, 0, 0) for n, t in enumerate(texts)]
    from storydesk.story.represent import phrase_bigrams

    weights = shared_bigram_weights(sentences, [phrase_bigrams(tokens(t)) for t in texts])
    assert "storm surg" not in weights  # two of six reports


@pytest.mark.parametrize(("selector", "expected"), [("coverage", 1), ("score", 0)])
def test_select_coverage_prefers_what_several_reports_say(selector: str, expected: int) -> None:
    sentences, content, bigrams = _storm()
    scores = np.array([0.52, 0.50, 0.10, 0.20, 0.15])
    chosen = select(sentences, scores, content, bigrams=bigrams, words=13, selector=selector)
    assert chosen[0] == expected


def test_select_coverage_gains_nothing_from_covering_twice() -> None:
    sentences, content, bigrams = _storm()
    # Sentence 3 repeats sentence 1's shared bigrams without tripping the overlap rule, so
    # after 1 it adds only its own score; the fair sentence (0) scores higher and wins.
    scores = np.array([0.45, 0.50, 0.10, 0.44, 0.15])
    chosen = select(
        sentences, scores, content, bigrams=bigrams, words=25, redundancy=1.0, score_weight=1.0
    )
    assert chosen[:2] == [1, 0]


def test_select_coverage_score_weight_zero_is_coverage_then_score() -> None:
    sentences, content, bigrams = _storm()
    scores = np.array([0.9, 0.1, 0.8, 0.2, 0.7])
    chosen = select(sentences, scores, content, bigrams=bigrams, words=250, score_weight=0.0)
    assert chosen[0] in (1, 3)  # the shared sentences come first, whatever the ranker says
    assert set(chosen) >= {0, 2, 4}  # then the ranker's order fills the budget


def test_fit_budget_skips_what_overflows_and_keeps_order() -> None:
    sentences = _sentences()
    chosen = fit_budget([sentences[3], sentences[0], sentences[4]], words=17)
    assert [s.position for s in chosen] == [3, 4]


def test_order_for_reading_groups_by_report_then_position() -> None:
    sentences = _sentences()
    ordered = order_for_reading([3, 0, 2], sentences, {"a": 0, "b": 1}, "source")
    assert ordered == [0, 2, 3]
    assert order_for_reading([3, 0, 2], sentences, {"a": 0, "b": 1}, "score") == [3, 0, 2]


def _evidence(text: str) -> frozenset[str]:
    return represent([text], [0], 1).evidence[0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Last month, BP announced that Chief Executive Bob Dudley would receive a 20% bump"
            " in his total compensation package in 2015.",
            "BP faces opposition from some shareholders for handing Chief Executive Bob Dudley a"
            " 20 percent increase in his total remuneration package for 2015 to $19.6 million.",
            True,
        ),
        (
            "Each of the 52 cheerleaders will receive $2,500 for each season they worked.",
            "The deal will give each of the 52 pompom pushers $2,500 per season they've worked.",
            True,
        ),
        # One figure written as two tokens ("288,000") is one figure, not two.
        (
            "The economy gained 288,000 jobs in April, the government said.",
            "Employers added 288,000 jobs in April as hiring picked up across the economy.",
            False,
        ),
        # The same two figures about other things: two facts.
        (
            "In 2015 the company hired 40 engineers for its new plant in Ohio.",
            "In 2015 the team won 40 games and reached the playoffs for the first time.",
            False,
        ),
    ],
)
def test_same_figures_finds_one_fact_in_other_words(a: str, b: str, same: bool) -> None:
    assert same_figures(_evidence(a), _evidence(b)) is same


def test_select_takes_one_of_two_sentences_stating_the_same_figures() -> None:
    texts = [
        "Last month, BP announced that Chief Executive Bob Dudley would receive a 20% bump in"
        " his total compensation package in 2015.",
        "BP faces opposition from some shareholders for handing Chief Executive Bob Dudley a 20"
        " percent increase in his total remuneration package for 2015 to $19.6 million.",
        "Shareholders voted against the pay policy at the annual meeting in London on Thursday.",
    ]
    sentences, start = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence("ab"[i % 2], start, start + len(text), text, 0, i))
        start += len(text) + 1
    evidence = [_evidence(t) for t in texts]
    assert overlap(evidence[0], evidence[1]) <= 0.5  # the term-and-pair rule alone keeps both
    chosen = select(sentences, np.array([0.9, 0.8, 0.5]), evidence, words=250)
    assert sorted(chosen) == [0, 2]
