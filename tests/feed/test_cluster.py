"""Batch clustering on a hand-written feed (three stories, a copy, junk pages) and on Multi-News."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from storydesk.errors import ConfigError, InputError
from storydesk.evaluate.cluster import bcubed, stories_to_feed
from storydesk.feed.cluster import (
    Clusterer,
    ClusterTuning,
    check_unique,
    cluster_articles,
    parse_published,
)
from storydesk.types import Article, Story


def story_of(clustering: object, article_id: str) -> str:
    return clustering.assignments[article_id]  # type: ignore[attr-defined]


@pytest.mark.parametrize("prefix", ["volcano-", "mars-", "transfer-"])
def test_clusterer_groups_each_event_into_one_story(feed: list[Article], prefix: str) -> None:
    clustering = Clusterer().cluster(feed)
    members = [a.id for a in feed if a.id.startswith(prefix) and a.id != "volcano-2021"]
    assert len({story_of(clustering, m) for m in members}) == 1
    others = [a.id for a in feed if not a.id.startswith(prefix)]
    assert story_of(clustering, members[0]) not in {story_of(clustering, o) for o in others}


def test_clusterer_keeps_each_junk_page_a_story_of_its_own(feed: list[Article]) -> None:
    clustering = Clusterer().cluster(feed)
    junk_ids = [a.id for a in feed if a.id.startswith(("crawl-", "tweet-", "cookies-"))]
    assert clustering.junk == frozenset(junk_ids)
    assert len({story_of(clustering, j) for j in junk_ids}) == len(junk_ids)
    assert all(s.size == 1 for s in clustering.stories if s.junk)


def test_clusterer_links_syndicated_copy_without_counting_it(feed: list[Article]) -> None:
    clustering = Clusterer().cluster(feed)
    assert clustering.duplicate_of == {"volcano-3-copy": "volcano-3"}
    story = next(s for s in clustering.stories if "volcano-1" in s.article_ids)
    assert (len(story.article_ids), story.copies, story.size) == (4, 1, 3)


def test_clusterer_labels_stories_with_terms_names_and_a_title(feed: list[Article]) -> None:
    clustering = Clusterer().cluster(feed)
    story = next(s for s in clustering.stories if "transfer-1" in s.article_ids)
    assert "bellingham" in story.label.terms
    assert story.label.title in {a.title for a in feed if a.id.startswith("transfer-")}
    assert set(story.sources) == {"espn.com", "skysports.com", "marca.com"}
    assert story.first_published == "2023-06-14T16:00:00+00:00"


def test_clusterer_orders_stories_largest_first(feed: list[Article]) -> None:
    sizes = [s.size for s in Clusterer().cluster(feed).stories]
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize(
    ("window_days", "second_date", "together"),
    [
        (7, "2021-09-08", True),
        (7, "2023-09-08", False),
        (None, "2022-03-01", True),
        # 60 years at the default recurrence: the time factor is past what a float holds
        (None, "2081-09-06", False),
    ],
)
def test_clusterer_keeps_reports_apart_beyond_the_window_or_decades_apart(
    feed: list[Article], window_days: float | None, second_date: str, together: bool
) -> None:
    mars = [a for a in feed if a.id.startswith("mars-")][:2]
    shifted = [replace(mars[0], published="2021-09-06"), replace(mars[1], published=second_date)]
    clustering = Clusterer(ClusterTuning(window_days=window_days)).cluster(shifted)
    assert (len(clustering.stories) == 1) is together


def test_cluster_tuning_time_needed_is_infinite_decades_apart() -> None:
    assert ClusterTuning().time_needed((0.0, 0.0), (60 * 365 * 86400.0,) * 2) == float("inf")


def test_clusterer_same_input_same_output(feed: list[Article]) -> None:
    assert Clusterer().cluster(feed) == Clusterer().cluster(list(feed))


def test_clusterer_rejects_an_empty_feed() -> None:
    with pytest.raises(InputError, match="empty feed"):
        Clusterer().cluster([])


def test_check_unique_names_the_id_given_two_texts() -> None:
    articles = [Article("a1", "One text about a storm."), Article("a1", "Another text entirely.")]
    with pytest.raises(InputError, match="'a1'"):
        check_unique(articles)


def test_clusterer_accepts_the_same_article_twice() -> None:
    one = Article("a1", "The storm hit the coast on Monday and closed every harbour in the region.")
    assert Clusterer().cluster([one, one]).assignments == {"a1": "story-0001"}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"threshold": 0.0}, "threshold"),
        ({"window_days": 0}, "window_days"),
        ({"neighbours": 0}, "neighbours"),
    ],
)
def test_clusterer_rejects_bad_settings(
    feed: list[Article], settings: dict[str, float], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Clusterer(ClusterTuning(**settings)).cluster(feed)  # type: ignore[arg-type]


def test_cluster_articles_rejects_an_unknown_method(feed: list[Article]) -> None:
    with pytest.raises(ConfigError, match="unknown cluster method"):
        cluster_articles(feed, method="kmeans")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-09-06", 1630886400.0),
        ("2021-09-06T02:00:00+02:00", 1630886400.0),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_published_reads_iso_dates(value: str | None, expected: float | None) -> None:
    assert parse_published(value) == expected


def test_clusterer_on_multinews_beats_connected_components(shared_data: Path) -> None:
    stories = []
    with gzip.open(shared_data / "multinews" / "validation.jsonl.gz", "rt") as lines:
        for number, line in enumerate(lines):
            if number >= 400:
                break
            record = json.loads(line)
            docs = tuple(Article(d["id"], d["text"]) for d in record["documents"])
            stories.append(Story(record["id"], docs))
    feed, truth, _ = stories_to_feed(stories, seed=1)
    found = Clusterer().cluster(feed).assignments
    _, _, f1 = bcubed(found, truth)
    assert f1 > 0.75


@pytest.mark.parametrize(
    ("second_date", "together"),
    [("2021-09-08", True), ("2021-11-20", True), ("2024-09-08", False)],
)
def test_clusterer_time_raises_the_bar_without_a_window(
    feed: list[Article], second_date: str, together: bool
) -> None:
    # A gap of weeks does not split a story that keeps reporting the same thing; the same kind of
    # report three years later (next launch, next storm) is a new story.
    mars = [a for a in feed if a.id.startswith("mars-")][:2]
    shifted = [replace(mars[0], published="2021-09-06"), replace(mars[1], published=second_date)]
    assert (len(Clusterer().cluster(shifted).stories) == 1) is together


def test_date_problems_names_the_article_and_keeps_it(feed: list[Article]) -> None:
    from storydesk.feed.cluster_tuning import date_problems

    broken = [replace(feed[0], published="next Tuesday", origin="feed.jsonl"), feed[1]]
    problems = date_problems(broken)
    assert len(problems) == 1 and "feed.jsonl: article 1 ('volcano-1')" in problems[0]
    assert "next Tuesday" in problems[0]
    assert set(Clusterer().cluster(broken).assignments) == {"volcano-1", "volcano-2"}


def test_cli_cluster_warns_about_an_unreadable_date_and_keeps_the_article(
    tmp_path: Path, feed: list[Article]
) -> None:
    from typer.testing import CliRunner

    from storydesk.cli import app

    path = tmp_path / "dated.jsonl"
    records = [
        {"id": a.id, "text": a.text, "published": "next Tuesday" if i == 1 else a.published}
        for i, a in enumerate(feed[:3])
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(app, ["cluster", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "article 2 ('volcano-2'): unreadable date 'next Tuesday'" in result.output
    ids = [json.loads(line)["article_id"] for line in result.stdout.splitlines() if line]
    assert ids == ["volcano-1", "volcano-2", "volcano-3"]


@pytest.mark.parametrize(("known_clean", "junk"), [(0, True), (1, False)])
def test_clusterer_known_clean_articles_skip_cue_scoring(
    feed: list[Article], known_clean: int, junk: bool
) -> None:
    # The desk's stored context is known not to be junk: its cue phrases are not scored again.
    cookies = next(a for a in feed if a.id == "cookies-1")
    articles = [cookies] + [a for a in feed if a.id.startswith(("volcano-", "mars-"))]
    fitted = Clusterer().fit(articles, known_clean=known_clean)
    assert bool(fitted.junk_[0]) is junk


def test_clusterer_learns_chance_cosines_against_the_given_background(
    feed: list[Article],
) -> None:
    import numpy as np

    plain = Clusterer().fit(feed)  # a small feed: every article is in its own sample
    same = Clusterer().fit(feed, background=feed)  # the same sample given: self-pairs left out
    other = Clusterer().fit(feed, background=feed[:8])
    assert np.allclose(plain.mean_, same.mean_) and np.allclose(plain.sd_, same.sd_)
    assert not np.allclose(plain.mean_, other.mean_)


# Short pieces on one recurring subject, opinion polls, each a story of its own except the
# three Ohio senate pieces: every piece shares "poll", "likely voters", "margin of error" with
# a crowd of others, as thousands of pieces on one subject do in a large feed.
POLLS = {
    "poll-ohio": "a new poll of likely voters in ohio shows the senate race tightening, with the "
    "democratic incumbent leading by three points. the survey of 800 voters has a margin of error "
    "of four points, and a fifth of voters remain undecided a month before the election.",
    "poll-ohio-2": "sherrod brown's lead over bernie moreno in the ohio senate race has shrunk to "
    "three points, the quinnipiac survey shows, down from nine in august. moreno's gains come from "
    "undecided voters in the suburbs of columbus and cincinnati, quinnipiac said.",
    "poll-ohio-3": "quinnipiac's ohio numbers, brown 48 and moreno 45, alarmed democrats who had "
    "counted the seat as safe; moreno's campaign called the quinnipiac survey proof that the race "
    "is a toss-up.",
    "poll-iowa": "the republican challenger leads the iowa governor's race by six points among "
    "likely voters, according to a poll released on tuesday. the survey found voters split on the "
    "economy, and the margin of error was 3.5 points.",
    "poll-approval": "the president's approval rating fell to 41 percent in a national poll of "
    "registered voters, the lowest of his term. the survey found independents souring on his "
    "handling of the economy; the margin of error is three points.",
    "poll-florida": "in florida, a poll of likely voters puts the two candidates for governor in a "
    "dead heat at 45 percent each. pollsters said turnout among older voters will decide the race; "
    "the survey's margin of error is four points.",
    "poll-brexit": "a poll for the sunday papers found 52 percent of british voters would now vote "
    "to remain in the european union. the survey of 2,000 adults was carried out online over the "
    "weekend, and pollsters warned the lead is within the margin of error.",
    "poll-mayor": "the city's mayor trails her challenger by nine points among likely voters, a "
    "poll published by the local newspaper found. crime and housing costs topped voters' concerns "
    "in the survey, which has a margin of error of five points.",
    "poll-healthcare": "a majority of voters oppose the senate health care bill, a national poll "
    "found, with only 27 percent in favour. the survey showed opposition among independents and "
    "some republican voters; its margin of error is three points.",
    "poll-texas": "the texas senate race is within the margin of error, a university poll of "
    "likely voters found on monday, with the incumbent ahead by two points. the survey shows "
    "young voters and hispanic voters moving toward the challenger.",
    "poll-primary": "the former governor leads the crowded primary field with 24 percent among "
    "likely primary voters, a poll in new hampshire found. the survey of 600 voters gives the "
    "senator 18 percent; the margin of error is four points.",
    "poll-gun": "support for stricter gun laws rose to 61 percent in a national poll of adults "
    "taken after the shooting. the survey found a wide gap between democratic and republican "
    "voters; its margin of error is 3.1 points.",
    "poll-climate": "seven in ten voters say the government should do more on climate change, "
    "according to a poll released thursday. the survey of registered voters found the issue ranks "
    "behind the economy and health care; its margin of error is three points.",
    "poll-georgia": "a poll of likely voters in georgia shows the runoff for the senate seat "
    "deadlocked, each candidate at 47 percent. the survey of 1,100 voters found early turnout high "
    "among black voters; the margin of error is three points.",
}


@pytest.mark.parametrize(
    ("crowd_factor", "crowd_cosine", "texas_joins_ohio"),
    [(2.0, 1.0, False), (0.0, 1.0, True), (2.0, 0.25, True)],
)
def test_link_asks_crowded_short_pieces_to_stand_out_from_their_crowd(
    feed: list[Article], crowd_factor: float, crowd_cosine: float, texas_joins_ohio: bool
) -> None:
    # The Ohio and Texas senate polls share "senate race", "incumbent", "likely voters" (z 5.9,
    # cosine 0.39: above the bar 4.5 and the floor 0.02 of a 32-article feed), but each piece's
    # fifth nearest poll comes within z 3.0 of it: under twice its crowd's level, the link is
    # one more member of the crowd. The two Quinnipiac pieces (z 8.3) stand far above theirs
    # (1.6 and 0.5). Pieces this short share much of their weight: the link's cosine is above
    # the default ``crowd_cosine`` (0.25), so the test holds every join to the crowd.
    polls = [Article(id=key, text=text) for key, text in POLLS.items()]
    articles = feed + polls
    # A feed of 32 articles holds a crowd of five, not ten, around each poll piece.
    tuning = ClusterTuning(crowd_factor=crowd_factor, crowd_cosine=crowd_cosine, neighbours=5)
    fitted = Clusterer(tuning).fit(articles)
    labels = dict(zip([a.id for a in articles], fitted.labels_.tolist(), strict=True))
    assert (labels["poll-ohio"] == labels["poll-texas"]) is texas_joins_ohio
    assert labels["poll-ohio-2"] == labels["poll-ohio-3"]
    for story in ("volcano-", "mars-", "transfer-"):
        members = [key for key in labels if key.startswith(story) and key != "volcano-2021"]
        assert len({labels[key] for key in members}) == 1
