"""Story labels: the names a story mentions, ranked the same on every run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storydesk.feed.label import StoryLabel, headline, story_title, top_names
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


SEATTLE = "Seattle's tax on sugary drinks nearly doubled soda prices at Costco this month."


@pytest.mark.parametrize(
    ("first", "why"),
    [
        (Article("a", "Shoppers were angry.", title="Men of the West!"), "off-topic page title"),
        (Article("a", "honestly the scariest thing about soda is the price"), "lower-case post"),
        (Article("a", "But a new study says Seattle soda drinkers pay more tax."), "leans back"),
        (Article("a", "“Seattle soda is over,” one shopper said of the tax."), "a quotation"),
        (Article("a", "I wish you luck with the Seattle soda tax this year."), "first person"),
    ],
)
def test_story_title_passes_over_a_first_article_that_names_nothing(
    first: Article, why: str
) -> None:
    story = [first, Article("b", SEATTLE)]
    title = story_title(story, ["seattle", "tax", "soda", "costco", "drinks"])
    assert title.startswith("Seattle's tax on sugary drinks"), why


def test_story_title_keeps_an_abbreviation_inside_the_sentence() -> None:
    text = "The U.S. and Pakistan agreed Monday to work together against militants. More later."
    assert story_title([Article("a", text)], ["pakistan"]).startswith("The U.S. and Pakistan")


def test_story_title_prefers_a_real_title_naming_the_story() -> None:
    articles = [
        Article("a", SEATTLE),
        Article("b", "Prices rose.", title="Seattle soda tax doubles Costco prices"),
    ]
    assert story_title(articles, ["seattle", "soda", "tax"]) == (
        "Seattle soda tax doubles Costco prices"
    )


def test_top_names_keep_a_name_whole() -> None:
    articles = [
        Article("a", "Shareholders rebuked Chief Executive Bob Dudley in London on Thursday."),
        Article("b", "The vote went against Bob Dudley, whose pay rose. Dudley said nothing."),
        Article("c", "Critics of Dudley met in London as North Korea tested a missile."),
    ]
    assert top_names(articles) == ("Bob Dudley", "London")


def test_story_label_keywords_show_a_term_as_the_name_holding_it() -> None:
    label = StoryLabel(("korea", "nuclear"), ("North Korea",), "t")
    assert label.keywords() == ("North Korea", "nuclear")


def test_story_label_keywords_show_each_word_once_spelled_as_a_name() -> None:
    label = StoryLabel(("kim", "korea", "nuclear"), ("Kim", "Korea", "Pyongyang"), "t")
    assert label.keywords() == ("Kim", "Korea", "nuclear", "Pyongyang")


@pytest.mark.parametrize(
    "byline",
    ["March 10, 2012 10:54 am ET by MMFA Staff", "By Jane Doe, Staff Writer", "Updated 5:02 PM ET"],
)
def test_story_title_passes_over_a_byline_paragraph(byline: str) -> None:
    text = f"{byline}\n\n{SEATTLE}"
    assert story_title([Article("a", text)], ["seattle", "tax"]).startswith("Seattle's tax")


@pytest.mark.parametrize(
    ("article", "name"),
    [
        (Article("a", f"By Jane Doe, Staff Writer\n\n{SEATTLE}"), "Seattle's tax on sugary drinks"),
        (Article("a", SEATTLE, title="men of the west"), "men of the west"),
    ],
)
def test_headline_names_an_article_by_its_title_else_a_headline_like_phrase(
    article: Article, name: str
) -> None:
    assert headline(article).startswith(name)


@pytest.mark.parametrize(
    ("texts", "names"),
    [
        (  # "Police" is capitalised after an opening phrase, and written "police" as often
            [
                "The shooting shocked Richmond on Monday. Officers said police found a gun, and"
                " Manuel Ortega was arrested.\nIn a statement, Police asked for help.",
                "More arrests in Richmond would follow, police said, after Manuel Ortega was"
                " held.\nOn Tuesday, Police said the school in Richmond would reopen.",
            ],
            ("Richmond", "Manuel Ortega"),
        ),
        (  # "Kinect" is written "a kinect app" once, and "Kinect" far more often
            [
                "The new Xbox uses Kinect for voice. With Kinect, Xbox listens. A kinect app runs.",
                "Microsoft said Kinect ships with every Xbox. Kinect is always on, Xbox too.",
            ],
            ("Xbox", "Kinect"),
        ),
    ],
)
def test_top_names_leave_out_a_word_the_text_also_writes_in_lower_case(
    texts: list[str], names: tuple[str, ...]
) -> None:
    articles = [Article(f"a{n}", text) for n, text in enumerate(texts)]
    assert top_names(articles) == names
