from __future__ import annotations

import re
from pathlib import Path

import pytest

from storydesk.errors import BudgetError, InputError
from storydesk.ingest import read_articles
from storydesk.settings import Settings
from storydesk.story.pipeline import prepare, summarize_story
from storydesk.story.repair import LOST, repair
from storydesk.types import Article, Story, Summary

ROSENBERG = "I also have, in my second season, one of the writers on Luke Cage"
JUNK = re.compile(r"enable JavaScript|Advertisement|Reuters/Danny|date 2017-02-24")


def _seed_story(seed_dir: Path) -> Story:
    return Story("seed", tuple(read_articles([seed_dir])))


def _assert_verbatim_and_cited(summary: Summary) -> None:
    texts = {a.id: a.text for a in summary.articles}
    for sentence in summary.sentences:
        origin = sentence.citations[0]
        assert repair(texts[origin.document_id][origin.start : origin.end]) == sentence.text
        assert LOST not in sentence.text
        for citation in sentence.citations:
            assert 0 <= citation.start < citation.end <= len(texts[citation.document_id])
        assert len({c.document_id for c in sentence.citations}) == len(sentence.citations)


@pytest.mark.parametrize("ranker", ["learned", "centroid", "lead"])
def test_summarize_story_seed_is_short_clean_verbatim_and_cited(
    seed_dir: Path, ranker: str
) -> None:
    summary = summarize_story(_seed_story(seed_dir), Settings(ranker=ranker))
    assert 0 < summary.words <= 250
    assert not JUNK.search(summary.text)
    _assert_verbatim_and_cited(summary)


def test_summarize_story_seed_quote_appears_once_citing_both(seed_dir: Path) -> None:
    summary = summarize_story(_seed_story(seed_dir), Settings(words=250))
    quoted = [s for s in summary.sentences if ROSENBERG in s.text]
    assert len(quoted) <= 1
    # The quote is the one passage both reports print verbatim: a good summary carries it.
    assert len(quoted) == 1
    assert {c.document_id for c in quoted[0].citations} == {"report-1", "report-2"}
    story = _seed_story(seed_dir)
    for citation in quoted[0].citations:
        cited = story.article(citation.document_id).text[citation.start : citation.end]
        assert cited.startswith('"I also have')


@pytest.mark.parametrize("words", [40, 100, 250, 400])
def test_summarize_story_respects_any_word_budget(seed_dir: Path, words: int) -> None:
    summary = summarize_story(_seed_story(seed_dir), Settings(words=words))
    assert 0 < summary.words <= words


def test_summarize_story_sentence_budget(seed_dir: Path) -> None:
    summary = summarize_story(_seed_story(seed_dir), Settings(sentences=3))
    assert len(summary.sentences) == 3


def test_summarize_story_budget_below_every_sentence_raises() -> None:
    story = Story(
        "s",
        (Article("a", "The storm closed every school in the county on Monday morning."),),
    )
    with pytest.raises(BudgetError, match="raise --words"):
        summarize_story(story, Settings(words=3))


def test_summarize_story_one_article_gives_a_summary() -> None:
    text = (
        "Heavy snow closed the main highway through the pass on Friday.\n\n"
        "Crews expect to reopen two lanes by Sunday evening, the transport office said.\n\n"
        "Drivers were told to carry chains and water."
    )
    summary = summarize_story(Story("one", (Article("only", text),)), Settings(words=30))
    assert 0 < summary.words <= 30
    _assert_verbatim_and_cited(summary)


def test_prepare_rejects_repeated_article_ids() -> None:
    story = Story("s", (Article("x", "One report here."), Article("x", "Another one here.")))
    with pytest.raises(InputError, match="article ids repeat: x"):
        prepare(story, Settings())


def test_summarize_story_empty_articles_says_no_text() -> None:
    story = Story("s", (Article("a", "   "), Article("b", "\n\n")))
    with pytest.raises(InputError, match="no sentences left"):
        summarize_story(story, Settings())


def test_summarize_story_is_deterministic(seed_dir: Path) -> None:
    first = summarize_story(_seed_story(seed_dir), Settings())
    second = summarize_story(_seed_story(seed_dir), Settings())
    assert first == second


def test_summarize_story_five_hundred_articles_fits(seed_dir: Path) -> None:
    base = read_articles([seed_dir])
    articles = tuple(
        Article(f"{a.id}-{n}", a.text + f"\n\nCopy number {n} of the report was filed today.")
        for n in range(250)
        for a in base
    )
    summary = summarize_story(Story("big", articles), Settings(words=120))
    assert 0 < summary.words <= 120
    _assert_verbatim_and_cited(summary)


# Case-sensitive on purpose: "placed advertisements" is news, "Advertisement" is page furniture.
SCRAPE_JUNK = re.compile(
    r"Advertisement(?!s)|enable JavaScript|Getty Images|AP Photo|Click here|Sign up for|"
    r"Image copyright|Share this|Follow us on|Tweet with a location|These crawls are part"
)


def test_summarize_story_raw_dev_has_no_junk_and_exact_citations(shared_data: Path) -> None:
    from storydesk.ingest import read_stories

    settings = Settings()
    checked = 0
    for story in read_stories(shared_data / "multinews-raw" / "dev.jsonl.gz"):
        assert isinstance(story, Story)
        summary = summarize_story(story, settings)
        assert summary.words <= 250
        _assert_verbatim_and_cited(summary)
        assert not [s.text for s in summary.sentences if SCRAPE_JUNK.search(s.text)]
        checked += 1
    assert checked == 60
