from __future__ import annotations

import pytest

from storydesk.evaluate.readability import (
    is_orphan,
    measure,
    mojibake_count,
    opens_off_news,
    speakerless_flags,
)

REPORT = (
    "The city closed the Harbor Bridge on Tuesday after inspectors found a crack. "
    "It will stay shut until Friday. "
    "But drivers were not warned."
)


@pytest.mark.parametrize(
    ("summary", "orphan_at"),
    [
        # "It will" leans on the sentence before it, which is right there: not an orphan.
        (
            [
                "The city closed the Harbor Bridge on Tuesday after inspectors found a crack.",
                "It will stay shut until Friday.",
            ],
            [],
        ),
        # The same sentence after another one: an orphan.
        (
            ["Drivers were stuck for hours on the coast road.", "It will stay shut until Friday."],
            [1],
        ),
        # Opening on "But": an orphan.
        (["But drivers were not warned."], [0]),
        # Expletive "It is" and "This year" stand alone.
        (["It is the third closure in a decade.", "This year the toll rose twice."], []),
        # Lower-case start and a quotation closed but not opened here.
        (["the bridge carries 30,000 vehicles a day."], [0]),
        (["Commuters waited for hours.", "it is all connected,” she said."], [1]),
    ],
)
def test_is_orphan_follows_the_issue_definition(summary: list[str], orphan_at: list[int]) -> None:
    found = [k for k in range(len(summary)) if is_orphan(k, summary, [REPORT])]
    assert found == orphan_at


@pytest.mark.parametrize(
    ("summary", "flags"),
    [
        (["“We will not take chances with this bridge.”"], [True]),
        (["“We will not take chances with this bridge,” the mayor said."], [False]),
        # A two-sentence quotation attributed at its end: both sentences have a speaker.
        (
            ["“We will not take chances with this bridge.", "It stays shut,” the mayor said."],
            [False, False],
        ),
        # Attributed in the sentence right before it.
        (["The mayor told reporters on Tuesday:", "“It stays shut until Friday.”"], [False, False]),
        # A sentence that is not mostly a quotation is never speakerless.
        (["The so-called “safety first” plan was dropped by the council."], [False]),
    ],
)
def test_speakerless_flags(summary: list[str], flags: list[bool]) -> None:
    assert speakerless_flags(summary) == flags


@pytest.mark.parametrize(
    ("first", "off"),
    [
        ("The city closed the Harbor Bridge on Tuesday after inspectors found a crack.", False),
        ("“We will not take chances,” the mayor said.", True),
        ("But drivers were not warned.", True),
        ("Why was the bridge not inspected sooner?", True),
    ],
)
def test_opens_off_news(first: str, off: bool) -> None:
    assert opens_off_news([first], [REPORT]) is off


@pytest.mark.parametrize(
    ("text", "count"),
    [("Trump called it “unhinged\ufffd", 1), ("Itâ€™s cafÃ© time", 2), ("It’s café time", 0)],
)
def test_mojibake_count(text: str, count: int) -> None:
    assert mojibake_count(text) == count


def test_measure_sums_one_summary() -> None:
    result = measure(
        ["But drivers were stuck.", "“Traffic stays heavy.”", "The toll rose \ufffd twice."],
        [REPORT],
    )
    assert (result.sentences, result.orphans, result.speakerless) == (3, 1, 1)
    assert (result.summaries, result.off_news_openings, result.mojibake) == (1, 1, 1)
    assert result.orphan_pct == pytest.approx(100 / 3)


def test_lower_case_start_is_no_orphan_in_lower_cased_reports() -> None:
    lowered = "the city closed the bridge on tuesday. it will stay shut. the toll rose twice."
    summary = ["the toll rose twice on the coast road."]
    assert measure(summary, [lowered]).orphans == 0
    assert measure(summary, [REPORT]).orphans == 1


def test_lower_case_report_opening_is_no_orphan() -> None:
    report = "san francisco the city closed the bridge. It will stay shut. The toll rose."
    assert measure(["san francisco the city closed the bridge."], [report]).orphans == 0


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ("It was already october and he hadn't received his benefits for the start of his", 1),
        ("Cutting back on carbs, not fat, may lead to more weight loss", 1),  # a heading
        ("Armed with the app, your employees can:", 1),
        ("The bridge reopened on Friday.", 0),
        ("“We will not take any chances,” the mayor said.", 0),
        ('she called it " unimaginable. "', 0),  # the tokenised form's spaced quote
        ("Who pays for the repairs?", 0),
    ],
)
def test_measure_counts_a_sentence_that_does_not_end_as_one(sentence: str, fragment: int) -> None:
    result = measure([sentence], [sentence])
    assert result.fragments == fragment
    assert result.fragment_pct == pytest.approx(100.0 * fragment)
