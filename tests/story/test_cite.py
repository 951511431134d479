from __future__ import annotations

import pytest

from storydesk.story.cite import cite
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
