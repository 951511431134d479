"""Junk pages and boilerplate sentences found by cues and by repetition."""

from __future__ import annotations

import pytest

from storydesk.feed.junk import cue_score, repeated_groups, strip_repeated_sentences, text_key

CRAWL = (
    "These crawls are part of an effort to archive pages as they are created. The internet "
    "archive hopes that references to these archived pages will be put in place of broken links."
)


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        (CRAWL, True),
        ("Tweet with a location. You can add location information to your tweets.", True),
        ("Please enable cookies on your web browser in order to continue.", True),
        ("The council voted to close the harbour after the storm damaged the pier.", False),
        ("", False),
    ],
)
def test_cue_score_flags_boilerplate_pages(text: str, junk: bool) -> None:
    assert (cue_score(text) >= 0.5) is junk


def test_strip_repeated_sentences_drops_shared_bylines_only() -> None:
    byline = "Get breaking news alerts and special reports delivered to you."
    texts = [
        f"{byline} The mayor resigned after the audit found missing funds in the budget.",
        f"{byline} A new bridge opened over the river after six years of building work.",
        f"{byline} The museum returned the statue to the temple it was taken from.",
    ]
    stripped = strip_repeated_sentences(texts, min_docs=3)
    assert all(byline not in s for s in stripped)
    assert stripped[0] == "The mayor resigned after the audit found missing funds in the budget."


def test_strip_repeated_sentences_keeps_template_pages_whole() -> None:
    assert strip_repeated_sentences([CRAWL] * 3, min_docs=3) == [CRAWL] * 3


def test_repeated_groups_sizes_connected_copies() -> None:
    assert repeated_groups(5, [(0, 1), (1, 2), (3, 4)]) == [3, 3, 3, 2, 2]


def test_text_key_ignores_case_and_spacing() -> None:
    assert text_key("The  Storm\nhit.") == text_key("the storm hit.")
    assert text_key("the storm hit.") != text_key("the storm hit!")


@pytest.mark.parametrize(
    "text",
    [
        "Please ENABLE Cookies on your browser.",
        "Tweet With A Location.",
        "The council met on Tuesday; résumé and café were on the agenda.",
        "Please enable COOKİES to continue.",  # dotted capital I: IGNORECASE equates it with i
        "This site uſes cookies.",  # long s: IGNORECASE equates it with s
        "Enable JAVASCRıPT to watch.",  # dotless i
        "Wayback Machine crawl data (\u212a-12 schools).",  # Kelvin sign, lower-cases to k
        "",
    ],
)
def test_has_cue_matches_as_the_case_insensitive_cues_do(text: str) -> None:
    from storydesk.feed.junk import _CUES, has_cue

    assert has_cue(text) is (_CUES.search(text) is not None)


def test_cue_pattern_is_lower_case_for_the_fast_path() -> None:
    from storydesk.feed.junk import _CUES

    assert _CUES.pattern == _CUES.pattern.lower()


def test_page_junk_score_marks_a_reprint_notice_page() -> None:
    notice = (
        "Dow Jones Reprints: This copy is for your personal, non-commercial use only. To order "
        "presentation-ready copies for distribution to your colleagues, clients or customers, "
        "use the Order Reprints tool at the bottom of any article or visit www.djreprints.com"
    )
    assert cue_score(notice) == 1.0
