from __future__ import annotations

import pytest

from storydesk.story.cite import cite, refusal, span_of
from storydesk.story.clean import Cleaned
from storydesk.story.represent import represent
from storydesk.story.segment import segment
from storydesk.types import Article, Sentence

REPORT_A = (
    '"We will not take chances with a bridge that carries 30,000 cars a day," '
    "Mayor Elena Vasquez told reporters at City Hall on Tuesday."
)
REPORT_B = (
    "Mayor Elena Vasquez spoke at City Hall on Tuesday and told reporters. "
    '"We will not take chances with a bridge that carries 30,000 cars a day."'
)
REPORT_C = "The ferry will run every fifteen minutes while the bridge is shut for repairs."


def _sentences(*texts: str) -> tuple[list[Sentence], list[int]]:
    sentences: list[Sentence] = []
    article_of: list[int] = []
    for n, text in enumerate(texts):
        article = Article(f"r{n + 1}", text)
        found = segment(Cleaned(article, ((0, len(text)),)))
        sentences += found
        article_of += [n] * len(found)
    return sentences, article_of


def test_cite_finds_support_split_over_two_sentences() -> None:
    sentences, article_of = _sentences(REPORT_A, REPORT_B, REPORT_C)
    rep = represent([s.text for s in sentences], article_of, 3)
    cited = cite(0, sentences, rep, support=0.65)
    ids = [c.document_id for c in cited.citations]
    assert ids == ["r1", "r2"]
    window = cited.citations[1]
    assert REPORT_B[window.start : window.end] == REPORT_B  # both sentences of report B


@pytest.mark.parametrize("support", [0.65, 0.9])
def test_cite_first_citation_is_the_sentence_itself(support: float) -> None:
    sentences, article_of = _sentences(REPORT_A, REPORT_C)
    rep = represent([s.text for s in sentences], article_of, 2)
    cited = cite(0, sentences, rep, support=support)
    origin = cited.citations[0]
    assert (origin.document_id, REPORT_A[origin.start : origin.end]) == ("r1", cited.text)
    assert len(cited.citations) == 1  # the ferry report does not support the quote


def test_cite_identical_sentence_is_cited_at_its_own_offsets() -> None:
    shared = "The council approved the budget for the new harbor bridge on Monday."
    a = "Rain fell all day in the port city. " + shared
    b = shared + " Work begins in May."
    sentences, article_of = _sentences(a, b)
    rep = represent([s.text for s in sentences], article_of, 2)
    index = next(i for i, s in enumerate(sentences) if s.text == shared and s.article_id == "r1")
    cited = cite(index, sentences, rep, support=0.65)
    second = cited.citations[1]
    assert (second.document_id, b[second.start : second.end]) == ("r2", shared)


def _cited_ids(claim: str, *others: str, support: float = 0.65) -> list[str]:
    """Document ids cited for the first sentence of report r1 (``claim``)."""
    sentences, article_of = _sentences(claim, *others)
    rep = represent([s.text for s in sentences], article_of, 1 + len(others))
    return [c.document_id for c in cite(0, sentences, rep, support=support).citations]


@pytest.mark.parametrize(
    ("claim", "other", "cited"),
    [
        # Negation: the opposite of what the sentence says is not support.
        (
            "There were no reports of civilian casualties in the northern town.",
            "Scores of civilian casualties have been reported in the northern town.",
            False,
        ),
        (
            "There were no reports of civilian casualties in the northern town.",
            "No civilian casualties were reported in the northern town, officials said.",
            True,
        ),
        (
            "He just doesn’t make the best decisions on public health.",
            "He makes the best decisions on public health, the governor said.",
            False,
        ),
        # Absolute terms: two shared words are not the sentence's content, whatever the share.
        ("Then hike the trail.", "Hiking the trail takes six months, rangers say.", False),
        ("Then get out there and hike the trail.", "Then get out there and hike the trail.", True),
        (
            "What are you doing, Ariel Winter?",
            "Ariel Winter attends the Emmys in Los Angeles",
            False,
        ),
        # Figures: a different number for the same fact is a conflict, not support.
        (
            "The storm killed 12 people in the harbor town on Monday.",
            "The storm killed 15 people in the harbor town on Monday.",
            False,
        ),
        (
            "The storm killed 12 people in the harbor town on Monday.",
            "On Monday the storm killed 12 people in the harbor town, police said.",
            True,
        ),
        # A question is answered, not supported, by a statement.
        (
            "Will the council approve the harbor bridge budget?",
            "The council will approve the harbor bridge budget on Monday.",
            False,
        ),
    ],
)
def test_cite_holds_only_when_the_report_says_the_same(claim: str, other: str, cited: bool) -> None:
    assert _cited_ids(claim, other) == (["r1", "r2"] if cited else ["r1"])


@pytest.mark.parametrize(
    ("claim", "source", "reason"),
    [
        (
            "There were no reports of casualties.",
            "Scores of casualties have been reported.",
            "few-terms",
        ),
        (
            "Police found no weapons in the harbor warehouse.",
            "Police found weapons in the harbor warehouse on Friday.",
            "negation",
        ),
        (
            "Nothing was taken from the museum vault.",
            "Paintings were taken from the museum vault.",
            "negation",
        ),
        (
            "Three men were arrested at the harbor gate.",
            "Three men were arrested at the harbor gate.",
            None,
        ),
    ],
)
def test_refusal_names_the_rule_that_fails(claim: str, source: str, reason: str | None) -> None:
    sentences, article_of = _sentences(claim, source)
    rep = represent([s.text for s in sentences], article_of, 2)
    assert refusal(span_of([0], sentences, rep), span_of([1], sentences, rep), 0.65) == reason


def test_cite_prefers_a_report_whose_text_lost_no_character() -> None:
    broken = "Trump called the memo “unhinged\ufffd? in a statement on Friday."
    whole = "Trump called the memo “unhinged” in a statement on Friday."
    sentences, article_of = _sentences(broken, whole)
    rep = represent([s.text for s in sentences], article_of, 2)
    sources = {"r1": broken, "r2": whole}
    cited = cite(0, sentences, rep, support=0.65, sources=sources)
    assert [c.document_id for c in cited.citations] == ["r2", "r1"]
    origin = cited.citations[0]
    assert cited.text == whole[origin.start : origin.end]
    assert "\ufffd" not in cited.text


def test_cite_pairs_only_sentences_that_each_bring_content() -> None:
    claim = "People didn't want to believe it, he said."
    # "People" stands in the first sentence, the rest in the second: chance, not a split quote.
    chance = "It was hard for people to accuse him. I didn't want to believe it, she said."
    assert _cited_ids(claim, chance) == ["r1"]
    assert _cited_ids(
        "Police found the driver bleeding and she died at the scene.",
        (
            "Police found the driver bleeding heavily on the road. "
            "The woman died at the scene, officers said."
        ),
    ) == ["r1", "r2"]
