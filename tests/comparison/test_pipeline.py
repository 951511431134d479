"""The whole comparison of a story, and bad input: a clear result or a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

import storydesk
from storydesk.comparison.pipeline import compare_story
from storydesk.errors import InputError
from storydesk.settings import load_settings

from .conftest import EXAMPLE, SETTINGS, folder_story, story_of

FRENCH = (
    "Le pont Harbor de Port Alder a été fermé mardi matin après la découverte d'une fissure "
    "dans une poutre principale, a déclaré la maire aux journalistes devant la mairie."
)


def test_compare_story_harbor_bridge_conflicts() -> None:
    comparison = compare_story(folder_story(EXAMPLE), SETTINGS)
    kinds = [(c.kind, sorted(x.value or "" for x in c.claims)) for c in comparison.conflicts]
    assert kinds == [
        ("number", ["40 centimetres", "45 centimetres"]),
        ("name", ["Vasquez", "Vazquez"]),
    ]


def test_compare_story_seed(seed_dir: Path) -> None:
    comparison = compare_story(folder_story(seed_dir), SETTINGS)
    assert [c.kind for c in comparison.conflicts] == ["name"]
    assert [r.kind for r in comparison.refinements] == ["date"]
    assert comparison.quotes[0].speaker == "Melissa Rosenberg"


def test_compare_one_report_is_an_empty_comparison() -> None:
    comparison = storydesk.compare("The bridge closed on Tuesday after a crack was found.")
    record = comparison.to_dict()
    assert record["conflicts"] == [] and record["agreement"] == []
    assert comparison.notes == ("one report: nothing to compare",)


def test_compare_identical_reports_agree_and_say_so() -> None:
    text = (EXAMPLE / "01-coastal-courier.txt").read_text("utf-8")
    comparison = storydesk.compare([text, text])
    assert comparison.conflicts == () and comparison.exclusives == ()
    assert comparison.agreement
    assert "identical" in comparison.notes[0]


def test_compare_reports_in_another_language_are_noted() -> None:
    text = (EXAMPLE / "01-coastal-courier.txt").read_text("utf-8")
    comparison = storydesk.compare([text, FRENCH])
    assert any("does not look like English" in note for note in comparison.notes)


def test_compare_huge_story_is_a_clear_error_naming_it() -> None:
    settings = load_settings(compare_max_chars=1000)
    text = (EXAMPLE / "01-coastal-courier.txt").read_text("utf-8")
    with pytest.raises(InputError, match="story fixture.*compare_max_chars"):
        compare_story(story_of(text, text), settings)


def test_compare_empty_reports_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no readable text"):
        compare_story(story_of("   ", "\n\n"), SETTINGS)


def test_compare_accepts_paths() -> None:
    comparison = storydesk.compare(EXAMPLE)
    assert len(comparison.articles) == 3 and comparison.conflicts
