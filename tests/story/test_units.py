from __future__ import annotations

import numpy as np
import pytest

from storydesk.story.compose import select_units
from storydesk.story.order import reading_order
from storydesk.story.people import NameIndex
from storydesk.story.represent import content_terms, phrase_bigrams, tokens
from storydesk.story.select import Budget
from storydesk.story.units import find_units, leans_on_previous
from storydesk.types import Sentence

REPORT_A = [
    "The city closed the Harbor Bridge on Tuesday after inspectors found a crack in a girder.",
    "It will stay shut until engineers finish their survey on Friday.",
    "“We will not take any chances with this old bridge.",
    "It carries thirty thousand cars every single day,” Mayor Elena Vasquez said.",
    "“Drivers should use the harbor ferry for the rest of the week.”",
    "“Nobody told the families on the island anything at all.”",
    "Engineers from Kestrel Structural began a full survey of the span.",
]
REPORT_B = [
    "Commuters waited for hours in traffic on the coast road into town.",
    "The ferry company added four extra crossings for the morning rush.",
    "Vasquez said the closure would cost the port about two million dollars.",
]


def _sentences() -> list[Sentence]:
    out: list[Sentence] = []
    for article, texts in (("a", REPORT_A), ("b", REPORT_B)):
        start = 0
        for position, text in enumerate(texts):
            out.append(Sentence(article, start, start + len(text), text, 0, position))
            start += len(text) + 1
    return out


@pytest.fixture
def story() -> tuple[list[Sentence], NameIndex]:
    sentences = _sentences()
    return sentences, NameIndex.build(sentences)


def test_find_units_keeps_what_a_sentence_needs(story: tuple[list[Sentence], NameIndex]) -> None:
    sentences, names = story
    units = find_units(sentences, names).units
    assert units[0] == (0,)
    assert units[1] == (0, 1)  # "It will stay shut" comes with its predecessor
    assert units[2] == (2, 3) and units[3] == (2, 3)  # a quotation and its attribution
    assert units[4] == (2, 3, 4)  # attributed by the sentence before it
    assert units[5] == ()  # a quotation nobody speaks: never taken
    assert units[9] == (3, 9) or units[9][-1] == 9  # "Vasquez said" comes with the full name
    assert any("Elena Vasquez" in sentences[m].text for m in units[9])


def _select(sentences: list[Sentence], scores: list[float], words: int) -> list[int]:
    names = NameIndex.build(sentences)
    discourse = find_units(sentences, names)
    content = [frozenset(content_terms(tokens(s.text))) for s in sentences]
    bigrams = [phrase_bigrams(tokens(s.text)) for s in sentences]
    chosen, lead = select_units(
        sentences, np.asarray(scores), content, bigrams, discourse, Budget(words)
    )
    order = {"a": 0, "b": 1}
    return reading_order(chosen, lead, sentences, discourse, names, order)


@pytest.mark.parametrize("words", [40, 60, 100])
def test_select_units_takes_a_leaning_sentence_only_with_its_predecessor(words: int) -> None:
    sentences = _sentences()
    scores = [0.0] * len(sentences)
    scores[1] = 5.0  # the orphan-to-be is the best-scored sentence
    scores[5] = 4.0  # and the speakerless quotation the second best
    ordered = _select(sentences, scores, words)
    assert 5 not in ordered
    if 1 in ordered:
        assert ordered[ordered.index(1) - 1] == 0


def test_reading_order_opens_on_the_news_and_mixes_reports() -> None:
    sentences = _sentences()
    scores = [1.0] * len(sentences)
    scores[2] = scores[3] = 6.0  # the quotation scores best, yet may not open the summary
    ordered = _select(sentences, scores, 120)
    first = sentences[ordered[0]].text
    assert not first.startswith("“") and not first.startswith("It ")
    # One story, not report by report: report b's opening comes before report a's end.
    assert ordered.index(7) < ordered.index(max(i for i in ordered if i < 7))
    # Vasquez is introduced by full name before "Vasquez said".
    if 9 in ordered:
        assert any("Elena Vasquez" in sentences[i].text for i in ordered[: ordered.index(9)])


def _report(texts: list[str], article: str = "a") -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for position, text in enumerate(texts):
        out.append(Sentence(article, start, start + len(text), text, 0, position))
        start += len(text) + 1
    return out


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("The city closed the Harbor Bridge on Tuesday after a crack was found.", True),
        ('The mayor said "we will not take chances" with the bridge.', True),  # quoted "we"
        ("The US Navy sent two ships to the harbor on Tuesday.", True),  # "US", not "us"
        ("US officials said on Tuesday that the harbor would reopen.", True),  # opening "US"
        ("We will rebuild the bridge, the mayor told the council.", False),  # opens in person
        ("Just wanted to let you guys know I'm okay.", False),  # a post speaking
        ("Armed with the app, your employees can track every delivery.", False),  # ad copy
        ("Let's take a look at some beautiful automobiles.", False),  # the page talking
        ("Know what is happening in the field", False),  # a tagline: no sentence end
        ("According to her suit in Kern County Superior Court:", False),  # introduces a quote
    ],
)
def test_standalone_news_reports_in_the_third_person_and_ends_as_a_sentence(
    text: str, news: bool
) -> None:
    sentences = _report([text])
    assert find_units(sentences, NameIndex.build(sentences)).standalone_news(0, sentences) is news


def test_choose_lead_takes_a_reports_first_news_sentence_when_none_opens_on_one() -> None:
    from storydesk.story.compose import choose_lead

    sentences = _report(
        [
            "Know what is happening in the field",
            "Myrna Arias sued her former employer in Kern County Superior Court on May 5.",
            "The company did not immediately respond to a request for comment.",
        ]
    )
    discourse = find_units(sentences, NameIndex.build(sentences))
    scores = np.array([0.0, 0.2, 0.9])  # the closing line scores best
    budget = Budget(100)
    assert choose_lead(sentences, scores, discourse, budget) == 1


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("Last year, it also recommended that shareholders reject the pay package.", True),
        ("In November, she was reported missing by her mother in California.", True),
        ("If convicted, they face maximum life sentences.", True),
        ("In the end, it is a question of money.", False),  # expletive "it", as "It is …"
        ("Last year, the company lost two billion dollars.", False),
        ("Chamberlain died suddenly, his ex-wife said in a statement.", False),  # not a subject
        ("“Last year, he said, was the worst of my life.”", False),  # a quotation: units' call
        ("In addition, another 4.4 million people were counted twice.", True),
        ("As a result , the bridge stays shut .", True),  # the tokenised form's spaced comma
        ("In addition to the fines, the company must repair the bridge.", False),
    ],
)
def test_leans_on_previous_reads_past_a_short_opening_phrase(text: str, leans: bool) -> None:
    assert leans_on_previous(text) is leans


def test_leans_on_previous_reads_the_lower_cased_form() -> None:
    assert leans_on_previous("on monday , he appeared in court in handcuffs .", cased=False)
    assert not leans_on_previous("on monday , the court met in the afternoon .", cased=False)


def test_find_units_keeps_a_pronoun_after_an_opening_phrase_with_its_predecessor() -> None:
    texts = [
        "Shareholder adviser Glass Lewis urged investors to vote against the pay report.",
        "Last year, it also recommended that shareholders reject the pay package.",
    ]
    sentences = [Sentence("a", 0, len(texts[0]), texts[0], 0, 0)]
    start = len(texts[0]) + 1
    sentences.append(Sentence("a", start, start + len(texts[1]), texts[1], 0, 1))
    assert find_units(sentences).units[1] == (0, 1)


def _report(texts: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for position, text in enumerate(texts):
        out.append(Sentence("a", start, start + len(text), text, 0, position))
        start += len(text) + 1
    return out


@pytest.mark.parametrize(
    "cut",
    [
        "It was already October and he had not received his benefits for the start of his",
        "Veterans wait months for benefits",  # a heading: no sentence end
        "The agency listed three causes:",
    ],
)
def test_find_units_never_offers_a_sentence_that_does_not_end_as_one(cut: str) -> None:
    sentences = _report(["Student veterans say their benefits arrive months late.", cut])
    assert find_units(sentences).units == ((0,), ())


def test_find_units_ends_a_quotation_before_a_report_cut_off_inside_it() -> None:
    sentences = _report(
        [
            "Mayor Elena Vasquez said the bridge would reopen. “We will not take any chances.",
            "Nobody should drive on it until the",
        ]
    )
    assert find_units(sentences).units[0] == (0,)
