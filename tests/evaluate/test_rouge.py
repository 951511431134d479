"""ROUGE: rouge-score-rs agrees with Google's rouge-score on real and hand-written pairs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import nupunkt
import pytest
from rouge_score import rouge_scorer as google

from storydesk.evaluate.rouge import METRICS, Rouge, cut_words, reference_lines, tokenize

HAND_PAIRS = [
    ("The quick brown fox jumps over the lazy dog.", "The quick brown dog jumps on the log."),
    (
        "Police said 12 people were hurt.\nThe fire started at 3 a.m. in a café.",
        "Twelve people were injured, police said.\nThe blaze began early Sunday.",
    ),
    ("Running runners ran; the runner's run was running-fast!", "A runner runs quickly."),
    ("", "Nothing to match here."),
    ("Überraschung — “quoted” words, e-mail and U.S. names.", "quoted words and US names"),
]


def _google_mean(refs: list[str], output: list[str]) -> dict[str, tuple[float, float]]:
    scorer = google.RougeScorer(list(METRICS), use_stemmer=True)
    prediction = "\n".join(" ".join(s.split()) for s in output)
    sums = {m: [0.0, 0.0] for m in METRICS}
    for ref in refs:
        target = "\n".join(s.strip() for s in nupunkt.sent_tokenize(ref) if s.strip())
        scores = scorer.score(target, prediction)
        for m in METRICS:
            sums[m][0] += scores[m].fmeasure * 100 / len(refs)
            sums[m][1] += scores[m].recall * 100 / len(refs)
    return {m: (f, r) for m, (f, r) in sums.items()}


def _assert_agree(refs: list[str], output: list[str]) -> None:
    ours = Rouge().score(output, refs)
    expected = _google_mean(refs, output)
    for metric in METRICS:
        assert ours.f1[metric] == pytest.approx(expected[metric][0], abs=1e-9)
        assert ours.recall[metric] == pytest.approx(expected[metric][1], abs=1e-9)


@pytest.mark.parametrize(("reference", "prediction"), HAND_PAIRS)
def test_rouge_agrees_with_rouge_score_on_hand_pairs(reference: str, prediction: str) -> None:
    _assert_agree([reference], prediction.split("\n"))


def test_rouge_agrees_with_rouge_score_on_real_pairs(shared_data: Path, seed_dir: Path) -> None:
    seed = (seed_dir / "report-1.txt").read_text(encoding="utf-8")
    seed_sentences = [s for s in nupunkt.sent_tokenize(seed) if s.strip()][:12]
    with gzip.open(shared_data / "multinews-raw" / "dev.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for _, line in zip(range(5), f, strict=False)]
    for record in records:
        first_doc = record["documents"][0]["text"]
        output = [s for s in nupunkt.sent_tokenize(first_doc) if s.strip()][:10]
        _assert_agree(record["summaries"], output)
        _assert_agree(record["summaries"], seed_sentences)
    with gzip.open(shared_data / "duc2003" / "duc2003.jsonl.gz", "rt", encoding="utf-8") as f:
        duc = json.loads(next(iter(f)))
    # Four references per story: the mean over references is what both sides compute.
    _assert_agree(
        duc["summaries"], [s for s in nupunkt.sent_tokenize(duc["documents"][0]["text"])][:5]
    )


def test_rouge_mean_over_references() -> None:
    rouge = Rouge()
    output = ["The river flooded the town on Saturday."]
    refs = ["The river flooded the town on Saturday.", "Markets fell sharply in Tokyo."]
    both = rouge.score(output, refs)
    alone = [rouge.score(output, [r]) for r in refs]
    assert both.f1["rouge1"] == pytest.approx((alone[0].f1["rouge1"] + alone[1].f1["rouge1"]) / 2)
    assert alone[0].f1["rouge1"] == pytest.approx(100.0)


def test_rouge_lsum_uses_one_sentence_per_line() -> None:
    reference = "The storm hit the coast. Thousands lost power."
    assert reference_lines(reference) == "The storm hit the coast.\nThousands lost power."
    in_order = Rouge().score(["The storm hit the coast.", "Thousands lost power."], [reference])
    merged = Rouge().score(["The storm hit the coast. Thousands lost power."], [reference])
    assert in_order.f1["rougeLsum"] == pytest.approx(100.0)
    assert merged.f1["rouge1"] == pytest.approx(in_order.f1["rouge1"])


@pytest.mark.parametrize(
    ("words", "expected"),
    [(0, []), (3, ["one two three"]), (5, ["one two three four", "five"]), (99, None)],
)
def test_cut_words_keeps_first_words(words: int, expected: list[str] | None) -> None:
    output = ["one two three four", "five six"]
    assert cut_words(output, words) == (output if expected is None else expected)


def test_tokenize_matches_rouge_score() -> None:
    from nltk.stem import porter
    from rouge_score.tokenize import tokenize as google_tokenize

    text = "Runners were RUNNING in 2019's marathon — café owners cheered!"
    assert tokenize(text) == google_tokenize(text, porter.PorterStemmer())
