from __future__ import annotations

import pytest

from storydesk.story.headline import best_title, headline_for, is_real_title, lead_phrase
from storydesk.types import Article


@pytest.mark.parametrize(
    "junk",
    [
        "Breaking News Emails Get breaking news alerts and special reports.",
        "1 of 10 Full Screen Autoplay Close Skip Ad × The moment a lion",
        "Associated Press An Israeli soldier rides on top of a tank",
        "Image copyright PA Image caption Bob Dudley",
        "| Getty Images Pentagon retweets call for resignation",
        "report-1.txt",
        "Story story",
        "Actress Krysten Ritter arrives at the Golden Globe After Party",
        "The author is a Reuters Breakingviews columnist",
        "The opinions expressed are his own.",
    ],
)
def test_is_real_title_rejects_page_junk(junk: str) -> None:
    assert not is_real_title(junk)


@pytest.mark.parametrize(
    "title",
    ["'Jessica Jones' season 2 update", "Harbor Bridge closed after crack found in main girder"],
)
def test_is_real_title_accepts_headlines(title: str) -> None:
    assert is_real_title(title)


def test_best_title_prefers_the_title_closest_to_the_summary() -> None:
    articles = [
        Article("a", "text", title="Image copyright PA Image caption Bob Dudley"),
        Article("b", "text", title="Weather outlook for the weekend ahead"),
        Article("c", "text", title="BP shareholders reject chief executive pay deal"),
    ]
    summary = "BP shareholders voted against the pay deal of the chief executive."
    assert best_title(articles, summary) == "BP shareholders reject chief executive pay deal"


@pytest.mark.parametrize(
    ("lead", "phrase"),
    [
        (
            "AUSTIN, Texas (AP) — Texas Democrat Wendy Davis lost the governor's race on Tuesday.",
            "Texas Democrat Wendy Davis lost the governor's race on Tuesday",
        ),
        (
            "Angry shareholders mounted an unprecedented protest against BP on Thursday, "
            "rebelling against a 20 per cent pay rise.",
            "Angry shareholders mounted an unprecedented protest against BP on Thursday",
        ),
        (
            "(CNN) A woman killed three people before fatally shooting herself on Friday.",
            "A woman killed three people before fatally shooting herself on Friday",
        ),
        (
            "According to the New York Post and People.com, the reality star is pregnant "
            "with her first child.",
            "The reality star is pregnant with her first child",
        ),
        (
            "Kim Jong-nam, the half-brother of North Korea's leader, was killed by a highly "
            "toxic nerve agent, says Malaysia.",
            "Kim Jong-nam was killed by a highly toxic nerve agent",
        ),
        (
            "Kevin Spacey has been accused by more than a dozen men who say he sexually "
            "harassed, groped, assaulted or attempted to rape them.",
            "Kevin Spacey has been accused by more than a dozen men …",
        ),
        (
            "Tonight at a Microsoft event the company announced that the official name of "
            "their new console is Xbox One.",
            "Tonight at a Microsoft event the company announced that the official name …",
        ),
        (
            "The Shroud of Turin, which some revere as the burial cloth of Jesus, could be a "
            "fake, according to a new forensic investigation.",
            "The Shroud of Turin could be a fake",
        ),
        (
            "After months of talks, eBay agreed to sell its payments arm to investors on Monday.",
            "eBay agreed to sell its payments arm to investors on Monday",
        ),
        (
            "As many as 50 people died in the fire, and hundreds more were hurt in the blast.",
            "As many as 50 people died in the fire",
        ),
        (  # the opening names whom the rest calls "his": it stays
            "After Bill Cosby was sentenced to prison on Tuesday, his defense team made fiery"
            " accusations of racism outside the courthouse.",
            "After Bill Cosby was sentenced to prison on Tuesday",
        ),
    ],
)
def test_lead_phrase_is_a_short_clause_without_dateline(lead: str, phrase: str) -> None:
    assert lead_phrase(lead) == phrase


def test_headline_for_falls_back_on_the_lead_never_the_file_name() -> None:
    articles = [Article("report-1", "Text.", title="report-1", origin="report-1.txt")]
    lead = "The city closed the Harbor Bridge on Tuesday after inspectors found a crack."
    assert headline_for(articles, [lead]) == lead.rstrip(".")


def test_headline_for_skips_a_lead_that_reads_like_page_metadata() -> None:
    sentences = [
        "Wolfman, The HORROR: United States, 2010 Release Date: 2010-02-12 Running Length: 1:45",
        "The remake of the classic monster movie opened to poor reviews on Friday.",
    ]
    assert headline_for([Article("a", "Text.")], sentences) == sentences[1].rstrip(".")


def test_headline_for_prefers_a_sentence_that_opens_like_a_headline() -> None:
    sentences = [
        "If you've been watching this season of The Bachelor, you have met Bekah Martinez.",
        "Humboldt has the highest rate of people reported missing in California.",
    ]
    assert headline_for([Article("a", " ".join(sentences))], sentences) == (
        "Humboldt has the highest rate of people reported missing in California"
    )


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # a scraped page opening on its headline, on a line of its own
        (
            "2 women charged after 5 toddlers injured with hot glue at day care",
            "2 women charged after 5 toddlers injured with hot glue at day care",
        ),
        ("Know what is happening in the field", None),  # a tagline: nothing in common
        ("White House Photo, Lawrence Jackson President Barack Obama image:66419:2::0", None),
        ("Two day care workers were charged after toddlers were hurt with hot glue.", None),
        # an opening "US" is the country, not "us"
        (
            "US day care workers charged after toddlers injured with hot glue",
            "US day care workers charged after toddlers injured with hot glue",
        ),
    ],
)
def test_opening_headline_takes_a_reports_headline_line_only_when_it_is_one(
    opening: str, expected: str | None
) -> None:
    from storydesk.story.headline import opening_headline

    body = (
        "Two day care workers in Texas were charged after five toddlers were injured with a hot"
        " glue gun, police said on Friday."
    )
    article = Article(id="a1", text=f"{opening}\n\n{body}")
    assert opening_headline([article], body) == expected


def test_headline_for_prefers_a_metadata_title_to_an_opening_line() -> None:
    body = "Two day care workers were charged after five toddlers were injured with hot glue."
    with_title = Article(
        id="a1",
        text=f"Toddlers hurt at day care, glue gun\n\n{body}",
        title="Day care workers charged after toddlers hurt with hot glue",
    )
    assert headline_for([with_title], [body]) == with_title.title


@pytest.mark.parametrize(
    ("phrase", "reads"),
    [
        ("In theory, you know you need to deliver great service to keep …", False),
        ("Let us know what you think of the new bridge", False),
        ("Let’s take a look at some beautiful automobiles", False),  # "let's": the page talking
        ('Mayor says "you will see a new bridge" by June', True),  # quoted: the mayor speaking
        ("Harbor Bridge closed after crack found in main girder", True),
    ],
)
def test_reads_as_headline_rejects_a_phrase_in_the_second_person(phrase: str, reads: bool) -> None:
    from storydesk.story.headline import reads_as_headline

    assert reads_as_headline(phrase) is reads


def test_opening_headline_skips_a_line_in_the_first_or_second_person() -> None:
    from storydesk.story.headline import opening_headline

    body = "Frances Bean Cobain's husband wants an allowance from her Kurt Cobain fortune."
    article = Article(
        id="a1", text=f"Frances Bean Cobain Hubby Wants FAT Allowance You Left Me Broke!\n\n{body}"
    )
    assert opening_headline([article], body) is None
