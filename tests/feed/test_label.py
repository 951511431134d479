"""Story labels: the names a story mentions, ranked the same on every run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storydesk.feed.label import top_names
from storydesk.types import Article

TEXT = "so Alder met Birch and Cedar, while Dogwood, Elm and Fir watched Gale."


def test_top_names_ties_rank_by_first_appearance() -> None:
    assert top_names([Article("a", TEXT), Article("b", TEXT)], limit=3) == (
        "Alder",
        "Birch",
        "Cedar",
    )


def test_top_names_ties_rank_the_same_under_every_hash_seed() -> None:
    """Names found in equally many articles rank by first appearance, not by set order."""
    code = (
        "from storydesk.feed.label import top_names\n"
        "from storydesk.types import Article\n"
        f"text = {TEXT!r}\n"
        "print(top_names([Article('a', text), Article('b', text)], limit=4))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs


@pytest.mark.parametrize("date", ["Oct. 5", "Sept. 12", "Tues., Feb. 3", "Thurs., Dec 1"])
def test_top_names_leave_out_abbreviated_months_and_days(date: str) -> None:
    articles = [
        Article(f"a{n}", f"The vote in Ottawa went to Trudeau on {date}, and was held on {date}.")
        for n in range(2)
    ]
    assert top_names(articles) == ("Ottawa", "Trudeau")
