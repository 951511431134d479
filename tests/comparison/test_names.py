"""Names spelled differently across reports: the rule and its guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.comparison.names import is_respelling, name_conflicts, one_edit_apart

from .conftest import EXAMPLE, folder_story, reports_of, story_of


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kilgrave", "Killgrave", True),  # a letter doubled
        ("Vazquez", "Vasquez", True),  # a letter changed
        ("Linnaeus", "Linneaus", True),  # two letters swapped
        ("Iran", "Iraq", False),  # the last letter differs: two places
        ("Austria", "Austrian", False),  # a suffix, not a respelling
        ("Morsi", "Morsi", False),  # the same
        ("Clinton", "Clayton", False),  # two edits
    ],
)
def test_is_respelling_pairs(a: str, b: str, expected: bool) -> None:
    assert is_respelling(a, b) is expected


def test_one_edit_apart_counts_insertions_both_ways() -> None:
    assert one_edit_apart("Egan", "Eggan") and one_edit_apart("Eggan", "Egan")


def test_name_conflicts_cites_each_spelling_in_its_report() -> None:
    story = story_of(
        "Police said Paul Ciancia opened fire in Terminal 3 on Friday morning.",
        "Police said Paul Cianncia opened fire inside the terminal on Friday.",
    )
    (conflict,) = name_conflicts(reports_of(story))
    assert conflict.kind == "name"
    values = {claim.value: claim.document_ids for claim in conflict.claims}
    assert values == {"Ciancia": ("r1",), "Cianncia": ("r2",)}
    for claim in conflict.claims:
        citation = claim.citations[0]
        text = story.article(citation.document_id).text
        assert claim.value in text[citation.start : citation.end]


def test_name_conflicts_ignores_a_report_that_writes_both_forms() -> None:
    story = story_of(
        "Paul Ciancia, also spelled Cianncia in court papers, opened fire on Friday.",
        "Police said Paul Cianncia opened fire inside the terminal on Friday.",
    )
    assert name_conflicts(reports_of(story)) == []


def test_name_conflicts_ignores_words_the_story_writes_in_lower_case() -> None:
    story = story_of(
        "Then the council voted. The vote then went to the mayor for signature.",
        "When the council voted, the result went to the mayor the same night.",
    )
    assert name_conflicts(reports_of(story)) == []


def test_name_conflicts_calls_a_respelt_place_a_place() -> None:
    story = story_of(
        "She was abducted from her home in Belfast in 1972, the police said.",
        "She was taken from her home in Belfasst in 1972, detectives said.",
    )
    (conflict,) = name_conflicts(reports_of(story))
    assert conflict.kind == "place"


def test_name_conflicts_seed_kilgrave_killgrave(seed_dir: Path) -> None:
    conflicts = name_conflicts(reports_of(folder_story(seed_dir)))
    (kilgrave,) = [c for c in conflicts if {x.value for x in c.claims} == {"Kilgrave", "Killgrave"}]
    assert {d for claim in kilgrave.claims for d in claim.document_ids} == {"report-1", "report-2"}


def test_name_conflicts_harbor_bridge_vazquez_vasquez() -> None:
    conflicts = name_conflicts(reports_of(folder_story(EXAMPLE)))
    (mayor,) = conflicts
    assert {c.value: c.document_ids for c in mayor.claims} == {
        "Vasquez": ("01-coastal-courier", "03-river-news"),
        "Vazquez": ("02-daily-ledger",),
    }


def test_reports_lower_words_hold_common_words_only() -> None:
    reports = reports_of(
        story_of("Then the Mayor of Port Alder spoke, and then she left the hall.")
    )
    assert "then" in reports.lower_words and "alder" not in reports.lower_words
