"""Quotes: speakers resolved to full names, every report that carries them, variants."""

from __future__ import annotations

from storydesk.comparison.quotes import quotes, resolve

from .conftest import EXAMPLE, folder_story, reports_of, story_of


def test_quotes_harbor_bridge_speaker_full_name_and_every_report() -> None:
    story = folder_story(EXAMPLE)
    found = quotes(reports_of(story))
    first = found[0]
    assert first.text.startswith("We are not going to take any chances")
    assert first.speaker == "Elena Vasquez"
    assert {c.document_id for c in first.citations} == {
        "01-coastal-courier",
        "02-daily-ledger",
        "03-river-news",
    }
    for citation in first.citations:
        assert story.article(citation.document_id).text[citation.start : citation.end] == first.text


def test_quotes_wording_variants_are_variants_not_new_quotes() -> None:
    story = story_of(
        'Chief Ana Ruiz said the fire was under control. "We have stopped it spreading to the '
        'old town tonight," Ruiz said.',
        '"We have stopped it from spreading to the old town tonight," said Chief Ana Ruiz.',
    )
    (quote,) = quotes(reports_of(story))
    assert quote.speaker == "Ana Ruiz"
    assert len(quote.variants) == 1 and quote.variants[0].citations[0].document_id == "r2"


def test_quotes_pronoun_is_the_person_named_before() -> None:
    story = story_of(
        'Mayor Elena Vasquez repeated that safety came first. "We are not going to take any '
        'chances with this bridge," she said on Wednesday.',
        "The bridge stays shut while engineers survey it with ultrasound scanners.",
    )
    (quote,) = quotes(reports_of(story))
    assert quote.speaker == "Elena Vasquez"


def test_resolve_surname_to_most_used_full_name() -> None:
    from collections import Counter

    names = Counter({"Melissa Rosenberg": 2, "Luke Cage": 5})
    assert resolve("Rosenberg", names) == "Melissa Rosenberg"
    assert resolve("Nobody", names) == "Nobody"
    assert resolve(None, names) is None
