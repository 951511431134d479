"""Cleaning: junk removed at paragraph and sub-paragraph level, real sentences kept with offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storydesk.ingest import read_articles
from storydesk.story.clean import Cleaned, clean, junk_page_score
from storydesk.types import Article

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storydesk" / "examples" / "harbor-bridge"


def _kept_texts(cleaned: Cleaned) -> list[str]:
    return [cleaned.article.text[s:e] for s, e in cleaned.kept]


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


@pytest.fixture
def junky(fixtures: Path) -> Cleaned:
    (article,) = read_articles([fixtures / "ingest" / "junky-report.txt"])
    return clean(article)


@pytest.mark.parametrize(
    ("kind", "junk"),
    [
        ("headline", "Storm knocks out power across Millbrook valley"),
        ("dateline", "MILLBROOK, Ore. (AP) — "),
        (
            "caption",
            "Linemen repair a downed cable near Millbrook on Sunday, Jan. 7, 2024."
            " (AP Photo/Jo Carver)",
        ),
        ("advertisement", "Advertisement"),
        (
            "caption",
            "Image copyright Getty Images Image caption Snow covered the main street of Millbrook",
        ),
        ("share-prompt", "Click to share on Twitter (Opens in new window)"),
        ("related-links", "RELATED:"),
        ("passage-marker", "Passage 2:"),
        ("newsletter", "Sign up for BREAKING NEWS Emails privacy policy Thanks for subscribing!"),
    ],
)
def test_clean_removes_junk_with_kind_and_offsets(junky: Cleaned, kind: str, junk: str) -> None:
    start, end = _span(junky.article.text, junk)
    assert any(
        j.kind == kind and j.start == start and j.end == end and j.text == junk
        for j in junky.removed
    )


def test_clean_keeps_every_real_sentence_with_exact_offsets(junky: Cleaned) -> None:
    text = junky.article.text
    real = [
        "A winter storm knocked out power to about 12,000 homes in the Millbrook valley on Sunday,"
        " the regional utility said.",
        "Crews worked through the night to restore service, and the utility said most customers"
        " should have power back by Monday evening.",
        '"We have never seen ice build up this fast on the lines," said utility spokesman Dev'
        " Malhotra.",
        "Schools in the valley will stay closed on Monday, the district said.",
    ]
    assert list(junky.kept) == [_span(text, sentence) for sentence in real]


def test_clean_spans_are_ordered_and_disjoint(junky: Cleaned) -> None:
    spans = sorted([(j.start, j.end) for j in junky.removed] + list(junky.kept))
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start
    for junk in junky.removed:
        assert junky.article.text[junk.start : junk.end] == junk.text


def test_clean_seed_report_one_drops_dateline_video_and_advertisement(seed_dir: Path) -> None:
    (article,) = read_articles([seed_dir / "report-1.txt"])
    cleaned = clean(article)
    kinds = {j.text: j.kind for j in cleaned.removed}
    assert kinds["date 2017-02-24 "] == "dateline"
    assert kinds["Advertisement"] == "advertisement"
    assert any(j.kind == "video-notice" and "enable JavaScript" in j.text for j in cleaned.removed)
    first = (
        "Heartache abound for Luke Cage and Jessica Jones but it remains to be seen in season two"
    )
    kept = _kept_texts(cleaned)
    assert kept[0].startswith(first)
    assert cleaned.kept[0][0] == article.text.index(first)
    assert kept[-1].startswith("But for fans who can't wait that long")


def test_clean_seed_report_two_drops_caption_with_reuters_credit(seed_dir: Path) -> None:
    (article,) = read_articles([seed_dir / "report-2.txt"])
    cleaned = clean(article)
    caption = [j for j in cleaned.removed if j.kind == "caption"]
    assert len(caption) == 1
    assert caption[0].text.startswith("Actress Krysten Ritter arrives")
    assert caption[0].text.endswith("Reuters/Danny Moloshok")
    kept = _kept_texts(cleaned)
    assert kept[0].startswith("Netflix’s original series “Jessica Jones” has been renewed")
    assert any("Killgrave (David Tennant)" in piece for piece in kept)
    assert sum(len(p.split()) for p in kept) > 380  # every body paragraph stays


@pytest.mark.parametrize(
    ("text", "kept", "kind"),
    [
        # Multi-News style: one lowercased line, junk glued before real text.
        (
            "A woman reads a book in sydney, september 15, 2009. Reuters/tim wimborne The novel"
            " broke one-day sales records, its publisher said.",
            "The novel broke one-day sales records, its publisher said.",
            "caption",
        ),
        (
            "Breaking news emails get breaking news alerts and special reports. The news and"
            " stories that matter, delivered weekday mornings. The vote was delayed until Friday.",
            "The vote was delayed until Friday.",
            "newsletter",
        ),
        (
            "The mayor resigned on Monday. Advertisement The council will meet on Tuesday.",
            "The council will meet on Tuesday.",
            "advertisement",
        ),
        (
            "The festival was cancelled. Updated: wednesday, 8: 29 a.m. In response to the"
            " report, police said they would check the site.",
            "In response to the report, police said they would check the site.",
            "update-stamp",
        ),
        (
            "Four americans died. [ updated at 7: 59 p.m. Et ] The senator spoke on cnn.",
            "The senator spoke on cnn.",
            "update-stamp",
        ),
    ],
)
def test_clean_removes_inline_junk(text: str, kept: str, kind: str) -> None:
    cleaned = clean(Article(id="x", text=text))
    assert _span(text, kept) in cleaned.kept
    assert any(j.kind == kind for j in cleaned.removed)


@pytest.mark.parametrize(
    "sentence",
    [
        "The advertisement industry lost 300 jobs last year, the report said.",
        "Police said the photo was taken by a neighbour on Tuesday.",
        "She said she would share the prize money with her brother.",
        "The company said it would subscribe to the new safety standard.",
        "Related charges were filed against two other men, prosecutors said.",
        "WASHINGTON officials said the bill would pass by Friday.",
        "The report was published at 10: 30 a.m. on Tuesday. It was posted at 4 p.m. online.",
    ],
)
def test_clean_keeps_news_sentences_that_mention_junk_words(sentence: str) -> None:
    cleaned = clean(Article(id="x", text=sentence))
    assert cleaned.kept == ((0, len(sentence)),)
    assert cleaned.removed == ()


def test_clean_example_story_keeps_the_shared_quote_in_every_report() -> None:
    quote = '"We are not going to take any chances with a structure'
    for article in read_articles([EXAMPLE]):
        cleaned = clean(article)
        assert any(quote in piece for piece in _kept_texts(cleaned)), article.id
        assert {j.kind for j in cleaned.removed} >= {"headline"}


@pytest.mark.parametrize(
    "page",
    [
        "Tweet with a location You can add location information to your Tweets, such as your city"
        " or precise location, from the web and via third-party applications. You always have the"
        " option to delete your Tweet location history. Learn more",
        "These crawls are part of an effort to archive pages as they are created and archive the"
        " pages that they refer to. The goal is to fix all broken links on the web. Crawls of"
        ' supported "No More 404" sites.',
        "Please enable cookies on your web browser in order to continue.",
        "Sorry, the page you requested was not found.",
        "",
    ],
)
def test_junk_page_score_is_high_for_junk_pages(page: str) -> None:
    assert junk_page_score(page) > 0.5


def test_junk_page_score_is_low_for_news_with_a_prompt() -> None:
    body = " ".join(
        f"The council met on day {n} and approved {n} new projects for the town." for n in range(12)
    )
    assert junk_page_score(body) == 0.0
    assert junk_page_score(body + " Sign up for our newsletter to get the latest news.") < 0.2


def test_junk_page_score_for_seed_reports_is_low(seed_dir: Path) -> None:
    for article in read_articles([seed_dir]):
        assert junk_page_score(article.text) < 0.2


@pytest.mark.parametrize(
    ("text", "junk", "kept"),
    [
        (
            "| Getty Images Pentagon ‘erroneously’ retweets call for Trump's resignation",
            "| Getty Images",
            "Pentagon ‘erroneously’ retweets call for Trump's resignation",
        ),
        (
            "| Mark Wilson/Getty Images House panel votes to release secret memo on Monday.",
            "| Mark Wilson/Getty Images",
            "House panel votes to release secret memo on Monday.",
        ),
        (
            "Gerard Julien / AFP / Getty Images Pope John Paul II prays at the cathedral.",
            "Gerard Julien / AFP / Getty Images",
            "Pope John Paul II prays at the cathedral.",
        ),
        (
            "Associated Press An Israeli soldier rides on top of a tank near the border.",
            "Associated Press",
            "An Israeli soldier rides on top of a tank near the border.",
        ),
    ],
)
def test_clean_cuts_credits_glued_to_text_keeping_offsets(text: str, junk: str, kept: str) -> None:
    cleaned = clean(Article("a", text))
    assert [(j.kind, j.text, text[j.start : j.end]) for j in cleaned.removed] == [
        ("glued-credit", junk, junk)
    ]
    assert _kept_texts(cleaned) == [kept]


@pytest.mark.parametrize(
    "news",
    [
        "An Ipsos/Reuters poll found 40 percent support for the plan.",
        "The Associated Press reported that Getty Images said profits rose | fell.",
        "AP and AFP reporters were at the scene on Monday.",
    ],
)
def test_clean_keeps_news_that_names_agencies(news: str) -> None:
    cleaned = clean(Article("a", news))
    assert (_kept_texts(cleaned), cleaned.removed) == ([news], ())


def test_clean_removes_tip_prompts() -> None:
    prompt = "Send us a secure tip using the instructions at newstips.usatoday.com."
    cleaned = clean(Article("a", "The vote passed on Monday.\n\n" + prompt))
    assert _kept_texts(cleaned) == ["The vote passed on Monday."]
    assert [j.text for j in cleaned.removed] == [prompt]


def test_clean_removes_reader_call_outs_glued_to_a_paragraph() -> None:
    call = (
        "If you have ever experienced or witnessed sexual misconduct while working in the"
        " entertainment industry, we’d like to hear from you."
    )
    tip = "Send us a secure tip using the instructions at newstips.example.com."
    text = "The actor denied every claim on Friday.\n\n" + call + " " + tip
    cleaned = clean(Article("a", text))
    assert _kept_texts(cleaned) == ["The actor denied every claim on Friday."]
    assert [(j.kind, j.text) for j in cleaned.removed] == [("call-out", call), ("call-out", tip)]


@pytest.mark.parametrize(
    ("text", "junk", "kept"),
    [
        (
            "my efforts to hide the photo have been thwartedhttps://twitter.com/SFGate/status/95 …",
            "https://twitter.com/SFGate/status/95 …",
            "my efforts to hide the photo have been thwarted",
        ),
        (
            "Pictures of my dad playing back in the day pic.twitter.com/y7lXh6acVn"
            " — Maggs (@mjpoukkula) July 16, 2015",
            "pic.twitter.com/y7lXh6acVn",
            "Pictures of my dad playing back in the day",
        ),
    ],
)
def test_clean_cuts_embedded_tweet_links_and_signatures(text: str, junk: str, kept: str) -> None:
    cleaned = clean(Article("a", text))
    assert junk in [j.text for j in cleaned.removed]
    assert all(j.kind == "tweet-embed" for j in cleaned.removed)
    assert _kept_texts(cleaned) == [kept]


@pytest.mark.parametrize(
    "caption",
    [
        "EMBED More News Videos Bill Cosby heads to the county correctional facility.",
        "Fig. 2 Photographs of the vertebral column of the new species.",
        "Fig. 4 Feathers preserved in the fossil. " + "a Feathers of the neck in side view; " * 12,
        "Read more from Le Monde in French.",
        "Check out What To Expect When Snooki's Expecting: The Fallout On Jersey Shore",
        "Check out the full auction on eBay!",
        "by: admin Tuaregs, like this man in Algeria, live in several countries (Garrondo)",
    ],
)
def test_clean_removes_embed_figure_and_byline_captions(caption: str) -> None:
    cleaned = clean(Article("a", "The court ruled on Monday.\n\n" + caption))
    assert _kept_texts(cleaned) == ["The court ruled on Monday."]
    assert [j.text for j in cleaned.removed] == [caption.strip()]


def test_clean_cuts_an_agency_dateline_without_a_place() -> None:
    text = "(CNN) A woman killed three people at a distribution center on Thursday."
    cleaned = clean(Article("a", text))
    assert [(j.kind, j.text) for j in cleaned.removed] == [("dateline", "(CNN) ")]
    assert _kept_texts(cleaned) == [text[len("(CNN) ") :]]


def test_clean_cuts_a_link_title_after_the_last_sentence_of_a_paragraph() -> None:
    news = "Sources say the star is pregnant but is keeping the news quiet."
    link = "Check out What To Expect When Snooki's Expecting: The Fallout On Jersey Shore"
    cleaned = clean(Article("a", news + " " + link + "\n\nShe denied it."))
    assert _kept_texts(cleaned) == [news, "She denied it."]
    assert [(j.kind, j.text) for j in cleaned.removed] == [("related-links", link)]


_PAGE_PIECES = [
    "sorry, the page you requested could not be shown",
    "switch location on/off",
    "add this video to your website by copying the code below",
    "proceed to legacy twitter",
    "the seed for example.com was chosen by curators",
    "thank for subscribing!",
    "thanks you for signing up",
    "we use cookies to improve your experience",
    # pieces that hold none of PAGE_TRIGGERS end here (_PAGE_PIECES[:8])
    "these crawls are part of an effort to archive pages. crawl data to the internet archive",
    "you must log in to continue. already a subscriber? digital access for 99 cents",
    "sign up for our daily newsletter. get push notifications with news",
    "error 404: page not found. oops! this page was not found. please try again later",
    "media playback is unsupported. enable javascript. tweet with a location",
    "verify you're not a robot: enter the characters. zip code is not in our deliverable area",
]


@pytest.mark.parametrize("piece", _PAGE_PIECES[:8])
def test_page_junk_matches_always_hold_a_page_literal(piece: str) -> None:
    """clean() skips the page regex on a piece without any PAGE_LITERALS: that is exact only
    if every match holds one (these phrasings hold none of PAGE_TRIGGERS)."""
    from storydesk.story import clean_rules
    from storydesk.story.clean import _page_kind
    from storydesk.story.clean_literals import LiteralSets

    match = re.compile(clean_rules.PAGE_PATTERN).search(piece)
    assert match is not None
    assert any(literal in match.group(0) for literal in clean_rules.PAGE_LITERALS)
    spots = LiteralSets({"page": clean_rules.PAGE_LITERALS}).spots(piece)["page"]
    assert _page_kind(piece, 0, len(piece), spots) is not None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("  news  ", 0, 8),
        ("\u2003\tnews\u00a0\n", 0, 7),
        ("   ", 0, 3),
        ("ab  cd", 2, 4),
        ("x news y", 1, 7),
        ("", 0, 0),
    ],
)
def test_strip_is_str_strip_on_the_span(text: str, start: int, end: int) -> None:
    from storydesk.story.clean import _strip

    s, e = _strip(text, start, end)
    assert text[s:e] == text[start:end].strip()
    assert start <= s <= e <= end
    if not text[start:end].strip():
        assert (s, e) == (end, end)  # as the character loop it replaces left it


def test_alnum_pattern_is_str_isalnum_on_every_character() -> None:
    from storydesk.story.clean import _ALNUM

    for code in range(0x30000):
        char = chr(code)
        assert (_ALNUM.match(char) is not None) == char.isalnum(), hex(code)


def test_junk_page_score_keeps_offsets_when_lowercase_changes_length() -> None:
    """A text whose lowercase is longer ("İ") is searched in its own case: the same score as
    the same page in plain letters."""
    page = "Sorry, the page you requested was not found. Please try again later."
    assert junk_page_score("İstanbul. " + page) == junk_page_score("Istanbul. " + page)
    assert junk_page_score("İstanbul. " + page) > 0.5


@pytest.mark.parametrize("piece", _PAGE_PIECES)
def test_page_kind_literals_are_in_every_match_of_their_kind(piece: str) -> None:
    """page_matches skips a kind whose literals a text lacks: exact only if every match of
    that kind holds one of them."""
    from storydesk.story import clean_rules

    for kind, pattern, literals in clean_rules.PAGE_KINDS:
        for match in pattern.finditer(piece):
            assert any(literal in match.group(0) for literal in literals), (kind, match)


def test_page_matches_are_the_whole_pattern_matches() -> None:
    """One pattern per kind, merged: the same matches, in the same order and of the same kind,
    as the one pattern of all kinds (overlapping prompts of several kinds included)."""
    from storydesk.story import clean_rules
    from storydesk.story.clean import page_matches

    whole = re.compile(clean_rules.PAGE_PATTERN)
    texts = [*_PAGE_PIECES, " ".join(_PAGE_PIECES), "".join(_PAGE_PIECES), "no page junk here"]
    for text in texts:
        expected = [(m.start(), m.end(), str(m.lastgroup)) for m in whole.finditer(text)]
        assert [(s, e, k.replace("-", "_")) for s, e, k in page_matches(text)] == expected


def test_words_counts_the_word_pattern_runs() -> None:
    """_words counts by str.split(): the same runs as catalogue.WORD (\\S+), because re's \\s
    and str.split() test the same whitespace on every character."""
    from storydesk.story import clean_rules
    from storydesk.story.clean import _words

    for code in range(0x30000):
        char = chr(code)
        assert (re.match(r"\s", char) is not None) == char.isspace(), hex(code)
    text = "a\u00a0b\u2003c\u200bd\u3000e\x1cf  g\u0085h"
    assert _words(text) == len(clean_rules.WORD.findall(text))


def test_literal_spots_answer_substring_tests_on_every_window() -> None:
    """_holds(spots, start, end) is ``any(l in low[start:end] for l in literals)`` for every
    window, overlapping and repeated literals included."""
    from storydesk.story.clean import _holds
    from storydesk.story.clean_literals import LiteralSets

    low = "ap photo (ap) getty images/ap a reuters (ap photo)getty getty"
    literals = ("( ap", "(ap", "getty", "ap a ", "ap photo", "/ap", "ty ge", "missing")
    spots = LiteralSets({"x": literals}).spots(low)["x"]
    for start in range(len(low) + 1):
        for end in range(start, len(low) + 1):
            expected = any(literal in low[start:end] for literal in literals)
            assert _holds(spots, start, end) == expected, (start, end)


_HANDOUT_CAPTION = (
    "An illustration of the bridge as it will look, shown in this photo released on January 15,"
    " 2018. Courtesy Jane Doe/The Harbor Museum for the City of Portland/Handout via REUTERS"
)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        (
            "The author is a Reuters Breakingviews columnist. The opinions expressed are his own.",
            "disclaimer",
        ),
        ("The views expressed here are solely those of the author.", "disclaimer"),
        (_HANDOUT_CAPTION, "caption"),  # a caption closed by a long handout credit
    ],
)
def test_clean_removes_a_disclaimer_or_handout_caption_paragraph(paragraph: str, kind: str) -> None:
    news = "BP faces opposition from some shareholders over the chief executive's pay."
    text = f"{paragraph}\n\n{news}"
    cleaned = clean(Article(id="x", text=text))
    assert [(j.kind, j.text) for j in cleaned.removed] == [(kind, paragraph)]
    assert cleaned.kept == (_span(text, news),)


@pytest.mark.parametrize(
    "pointer", ["You can see the cold open below, via NBC:", "Watch the moment below:"]
)
def test_clean_cuts_a_pointer_to_the_pages_player(pointer: str) -> None:
    news = "The senator spoke on the floor for an hour. It was his last speech."
    text = f"{news} {pointer}"
    cleaned = clean(Article(id="x", text=text))
    assert [(j.kind, j.text) for j in cleaned.removed] == [("related-links", pointer)]
    assert cleaned.kept == (_span(text, news),)


@pytest.mark.parametrize(
    "marker",
    [
        "&QL;",
        "XXXX END OF STORY",
        "Story Filed By Cox Newspapers For Use By Clients of the New York Times News Service",
        "(The Press Democrat in Santa Rosa, Calif., is part of the New York Times Regional"
        " Newspaper Group.)",
        "You can reach him at (817) 555-0100 or jdoe(at)example.com.",
    ],
)
def test_clean_cuts_newswire_markers_and_notes(marker: str) -> None:
    news = "The city council voted on Tuesday to close the old harbor bridge for repairs."
    text = f"{news} {marker} The work will take six months."
    cleaned = clean(Article(id="x", text=text))
    assert ("reprints", marker) in [(j.kind, j.text) for j in cleaned.removed]
    kept = " ".join(text[s:e] for s, e in cleaned.kept)
    assert news in kept and "The work will take six months." in kept
