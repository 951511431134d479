"""Number conflicts: the same fact with different values, and what is not one."""

from __future__ import annotations

import pytest

from storydesk.comparison.numbers import number_conflicts

from .conftest import EXAMPLE, folder_story, reports_of, story_of


def test_number_conflicts_harbor_bridge_40_45_cm() -> None:
    conflicts, _ = number_conflicts(reports_of(folder_story(EXAMPLE)))
    (crack,) = conflicts
    assert crack.kind == "number"
    assert {c.value: c.document_ids for c in crack.claims} == {
        "40 centimetres": ("01-coastal-courier",),
        "45 centimetres": ("02-daily-ledger",),
    }


def test_number_conflicts_flags_a_changed_count() -> None:
    story = story_of(
        "The team studied 64,000 children enrolled in the Danish national birth cohort study.",
        "The team studied 44,800 children enrolled in the Danish national birth cohort study.",
    )
    (conflict,) = number_conflicts(reports_of(story))[0]
    assert sorted(c.value for c in conflict.claims) == ["44,800", "64,000"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # rounding: $15.99 is $16
        (
            "A case of Gatorade cost $15.99 at the store before the new soda tax began.",
            "A case of Gatorade cost $16 at the store before the new soda tax began.",
        ),
        # an age belongs to the person named beside it
        (
            "The murder of 7-year-old Maria Ridulph in Sycamore went unsolved for decades.",
            "The murder case was reopened by 70-year-old Charles Ridulph in Sycamore, her brother.",
        ),
        # a report that states both values: two facts, not a disagreement
        (
            "About 28,000 vehicles cross the bridge each weekday; 30,000 cross on Fridays.",
            "About 30,000 vehicles cross the bridge each weekday, the city said on Monday.",
        ),
        # "about" on either side allows 5 %
        (
            "The crack was about 40 centimetres long, officials said on Tuesday.",
            "The crack was 41 centimetres long, officials said on Tuesday.",
        ),
        # "about" before a currency sign
        (
            "The firm is seeking to recover about $973,000 in costs from the former partner.",
            "The firm is seeking to recover $972,814 in costs from the former partner.",
        ),
        # different years: different counts
        (
            "The CDC began tracking the illness in 2014, when 121 cases were confirmed.",
            "It is more than double compared to 2015, when 21 cases were confirmed nationwide.",
        ),
        # different months: a count that grew, not a disagreement
        (
            "Health officials have confirmed cases of the illness in 17 states through July.",
            "Health officials have confirmed cases of the illness in 24 states as of August.",
        ),
        # two people's pay: a neighbouring "million" and the "$" are parts of numbers
        (
            "The chief executive Ben van Beurden pocketed 24.2 million euros ($27.2 million)"
            " in 2014, the company said.",
            "Mr. Dudley's cash bonus increased to $1.4 million from $1 million in 2014.",
        ),
    ],
)
def test_number_conflicts_not_flagged(first: str, second: str) -> None:
    conflicts, _ = number_conflicts(reports_of(story_of(first, second)))
    assert conflicts == []


def test_number_conflicts_range_holding_the_value_is_a_refinement() -> None:
    story = story_of(
        "Rescuers said the climber fell 20-30 feet down a vertical cliff near the summit.",
        "Rescuers said the climber fell 25 feet down a vertical cliff near the summit.",
    )
    conflicts, refinements = number_conflicts(reports_of(story))
    assert conflicts == [] and len(refinements) == 1


def test_number_conflicts_an_amount_one_report_gives_over_time_keeps_its_best_match() -> None:
    story = story_of(
        "Forbes first listed his net worth at $1 billion in 2004, a figure he disputed. "
        "Later Forbes listed his net worth at $1.7 billion after his complaints.",
        "Forbes now lists his net worth at about $2.5 billion, after his complaints.",
    )
    (conflict,) = number_conflicts(reports_of(story))[0]
    assert [c.value for c in conflict.claims] == ["$1.7 billion", "$2.5 billion"]


def test_number_conflicts_three_words_beside_the_number_outweigh_a_thin_context() -> None:
    story = story_of(
        "Investigators now firmly believe he was 40 miles away in Rockford, Illinois, talking "
        "to recruiters.",
        "Phone records back the claim that he was 43 miles away in Rockford on that December "
        "evening.",
    )
    (conflict,) = number_conflicts(reports_of(story))[0]
    assert [c.value for c in conflict.claims] == ["40 miles", "43 miles"]
