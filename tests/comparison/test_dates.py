"""Date phrases found by patterns and normalised; relative ones against ``published``."""

from __future__ import annotations

from datetime import date

import pytest

from storydesk.comparison.dates import find_dates, parse_published

BASE = date(2024, 3, 13)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "iso", "bound"),
    [
        ("It opened on March 12, 2024 at noon.", "2024-03-12", False),
        ("It opened on 12 March 2024.", "2024-03-12", False),
        ("It returns in spring 2018 in the US.", "2018-03/2018-05", False),
        ("It is expected some time in 2018.", "2018", False),
        ("It does not return before 2018.", "2018", True),
        ("The count from May 2016 stands.", "2016-05", False),
        ("The bridge closed on Tuesday morning.", "2024-03-12", False),
        ("The mayor spoke yesterday.", "2024-03-12", False),
        ("The firm was founded last year.", "2023", False),
    ],
)
def test_find_dates_normalises(text: str, iso: str, bound: bool) -> None:
    (mention,) = find_dates(text, BASE)
    assert (mention.value.iso, mention.value.bound) == (iso, bound)
    assert text[mention.start : mention.end] == mention.value.expression


def test_find_dates_leaves_relative_dates_without_published() -> None:
    assert find_dates("The bridge closed on Tuesday morning.", None) == []


def test_find_dates_resolves_ago_with_dateparser() -> None:
    (mention,) = find_dates("The bridge closed two weeks ago.", BASE)
    assert mention.value.iso == "2024-02-28"


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-03-13T08:00:00Z", date(2024, 3, 13)), ("", None), (None, None)],
)
def test_parse_published(published: str | None, expected: date | None) -> None:
    assert parse_published(published) == expected
