"""One pass for all trigger literals finds what a find loop per literal finds."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from storydesk.ingest import read_articles, read_stories
from storydesk.story.clean_literals import CATALOGUE, LiteralSets


def _spots(low: str, literals: tuple[str, ...]) -> list[tuple[int, int]]:
    """The reference: (start, end) of every occurrence, overlapping ones too, ordered, found by
    one ``str.find`` loop per literal (what cleaning did before the one-pass search)."""
    found: list[tuple[int, int]] = []
    for literal in literals:
        at = low.find(literal)
        while at >= 0:
            found.append((at, at + len(literal)))
            at = low.find(literal, at + 1)
    return sorted(found)


HAND_TEXTS = [
    "",
    "ushers",  # overlapping: "she", "he", "hers", "ushers"
    "hehehe",  # a literal overlapping itself
    "© 2019 • photo: getty images / ap photo — click here to watch",
    "click here, click here: share this article facebook twitter e-mail",
]
HAND_SETS = {
    "overlaps": ("he", "she", "hers", "ushers", "hehe"),
    "twice": ("he", "he"),  # a literal listed twice is found twice, as by the find loops
    "marks": ("©", "•", "—", " / ", "ap photo", "photo"),
    "prompts": ("click here", "click here to watch", "share", "e-mail", "mail"),
}


@pytest.mark.parametrize("text", HAND_TEXTS)
def test_spots_are_the_find_loops_spots_for_every_set(text: str) -> None:
    found = LiteralSets(HAND_SETS).spots(text)
    assert found == {name: _spots(text, literals) for name, literals in HAND_SETS.items()}


def test_an_empty_literal_is_refused() -> None:
    with pytest.raises(ValueError, match="empty literal"):
        LiteralSets({"bad": ("share", "")})


def _catalogue_sets() -> dict[str, tuple[str, ...]]:
    from storydesk.story import clean_rules, clean_sentences

    return {
        "page-triggers": clean_rules.PAGE_TRIGGERS,
        "page": clean_rules.PAGE_LITERALS,
        "sentence": clean_sentences.SENTENCE_LITERALS,
    } | {f"inline {kind}": triggers for kind, triggers, _ in clean_rules.INLINE_RULES}


def test_catalogue_spots_on_the_seed_story(seed_dir: Path) -> None:
    sets = _catalogue_sets()
    texts = [a.text for a in read_articles([seed_dir])]
    assert texts
    for text in texts + [t.lower() for t in texts]:
        assert CATALOGUE.spots(text) == {name: _spots(text, lits) for name, lits in sets.items()}


def test_catalogue_spots_on_raw_multinews(shared_data: Path) -> None:
    """Raw pages glue captions, prompts and credits: many literals, overlapping."""
    sets = _catalogue_sets()
    stories = read_stories(str(shared_data / "multinews-raw" / "dev.jsonl.gz"))
    for story in itertools.islice(stories, 8):
        assert not isinstance(story, Exception)
        for article in story.articles:
            low = article.text.lower()
            assert CATALOGUE.spots(low) == {n: _spots(low, lits) for n, lits in sets.items()}
