from __future__ import annotations

from pathlib import Path

import pytest

import storydesk
from storydesk.errors import InputError

REPORTS = [
    "Fire crews contained a grass fire near Millbrook on Sunday after it burned 40 acres.\n\n"
    "No homes were lost, fire chief Dana Ruiz said.",
    "A grass fire near Millbrook burned about 40 acres before crews contained it Sunday.\n\n"
    '"We were lucky with the wind," fire chief Dana Ruiz said.',
]


def test_summarize_accepts_strings() -> None:
    summary = storydesk.summarize(REPORTS, words=40)
    assert 0 < summary.words <= 40
    assert [a.id for a in summary.articles] == ["a1", "a2"]


def test_summarize_accepts_articles_and_paths(seed_dir: Path) -> None:
    article = storydesk.Article("extra", REPORTS[0])
    summary = storydesk.summarize([seed_dir / "report-1.txt", seed_dir / "report-2.txt", article])
    assert {a.id for a in summary.articles} == {"report-1", "report-2", "extra"}
    assert summary.words <= 250


def test_summarize_single_path_folder(seed_dir: Path) -> None:
    summary = storydesk.summarize(seed_dir, words=60, ranker="centroid")
    assert summary.method == "centroid" and summary.words <= 60


@pytest.mark.parametrize("bad", [[], [3.5]])
def test_summarize_bad_items_raise_input_error(bad: list[object]) -> None:
    with pytest.raises(InputError):
        storydesk.summarize(bad)  # type: ignore[arg-type]
