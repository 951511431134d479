from __future__ import annotations

import pytest

from storydesk.story.people import NameIndex, full_names, surnames_alone
from storydesk.types import Sentence


def _sentences(texts: list[tuple[str, str]]) -> list[Sentence]:
    out = []
    for i, (article, text) in enumerate(texts):
        out.append(Sentence(article, 0, len(text), text, 0, i))
    return out


def test_full_names_skips_titles_and_sentence_words() -> None:
    found = full_names("Showrunner Melissa Rosenberg met The Hollywood Reporter on Monday.")
    assert found["Rosenberg"] == "Melissa Rosenberg"
    assert "Melissa" not in found


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("It was never about romance, Rosenberg said.", ["Rosenberg"]),
        ("Ms. Rosenberg did not rule it out.", ["Rosenberg"]),
        ("“It is connected,” said Rosenberg.", ["Rosenberg"]),
        ("Melissa Rosenberg said it was never about romance.", []),
        ("Rosenberg's show returns in 2018.", []),  # no speech: not a person mention we check
        ("Tanaka said the plant was safe.", []),  # no full name anywhere in the story
    ],
)
def test_surnames_alone(text: str, alone: list[str]) -> None:
    assert surnames_alone(text, {"Rosenberg"}) == alone


def test_name_index_introducers_prefer_the_nearest_earlier_in_the_same_report() -> None:
    sentences = _sentences(
        [
            ("a", "Melissa Rosenberg runs the show."),
            ("a", "Melissa Rosenberg spoke on Monday."),
            ("a", "It was never about romance, Rosenberg said."),
            ("b", "Showrunner Melissa Rosenberg gave an interview."),
        ]
    )
    names = NameIndex.build(sentences)
    assert names.alone_in[2] == ("Rosenberg",)
    assert names.introducers(2) == (1, 0, 3)
    assert names.unmet(2, [3]) == []
    assert names.unmet(2, []) == ["Rosenberg"]


def test_full_names_finds_overlapping_pairs_and_skips_inner_capitals() -> None:
    # (Anne, Marie) and (Marie, Smith) overlap; "Pierre Dupont" inside "Jean-Pierre Dupont" and
    # "McDonald" (not a capitalised word) name no one else.
    text = "Jean-Pierre Dupont met Anne Marie Smith and McDonald Jones."
    assert full_names(text) == {
        "Dupont": "Jean-Pierre Dupont",
        "Marie": "Anne Marie",
        "Smith": "Marie Smith",
    }
