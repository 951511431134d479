from __future__ import annotations

import pytest

from storydesk.story.clean import Cleaned
from storydesk.story.repair import repair
from storydesk.story.segment import segment
from storydesk.types import Article

TEXT = (
    "  The council voted 7-2 on Tuesday. Mr. Alvarez, the mayor, said the bridge would reopen.\n"
    "\n"
    "Work starts in May.   It should take U.S. crews six weeks.\n"
    "---\n"
)


def _kept(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and any(ch.isalpha() for ch in stripped):
            start = offset + line.index(stripped)
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return tuple(spans)


def test_segment_offsets_index_the_original_text() -> None:
    article = Article(id="a", text=TEXT)
    sentences = segment(Cleaned(article, _kept(TEXT)))
    assert [s.text for s in sentences] == [
        "The council voted 7-2 on Tuesday.",
        "Mr. Alvarez, the mayor, said the bridge would reopen.",
        "Work starts in May.",
        "It should take U.S. crews six weeks.",
    ]
    for s in sentences:
        assert repair(TEXT[s.start : s.end]) == s.text == TEXT[s.start : s.end]


def test_segment_numbers_paragraphs_and_positions() -> None:
    article = Article(id="a", text=TEXT)
    sentences = segment(Cleaned(article, _kept(TEXT)))
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]
    assert [s.position for s in sentences] == [0, 1, 2, 3]


@pytest.mark.parametrize("text", ["", "   \n\n", "--- *** ---"])
def test_segment_yields_nothing_without_letters(text: str) -> None:
    article = Article(id="a", text=text)
    kept = ((0, len(text)),) if text.strip() else ()
    assert segment(Cleaned(article, kept)) == []


MOJIBAKE = "The mayor said it wasnâ€™t safe. Residents called it “unhinged\ufffd? and left."


def test_segment_text_is_the_repaired_span_at_original_offsets() -> None:
    article = Article(id="a", text=MOJIBAKE)
    sentences = segment(Cleaned(article, ((0, len(MOJIBAKE)),)))
    assert [s.text for s in sentences] == [
        "The mayor said it wasn’t safe.",
        "Residents called it “unhinged” and left.",
    ]
    assert [MOJIBAKE[s.start : s.end] for s in sentences] == [
        "The mayor said it wasnâ€™t safe.",
        "Residents called it “unhinged\ufffd? and left.",
    ]


WRAPPED = (
    "Dear Mr. Chairman:\n\n On Monday the Committee voted to disclose a memorandum\n\n"
    " provided to the Committee in connection with its oversight.\n\n"
    "the next paragraph opens in lower case after a full stop."
)


def test_segment_joins_a_sentence_hard_wrapped_over_lines() -> None:
    article = Article(id="a", text=WRAPPED)
    sentences = segment(Cleaned(article, _kept(WRAPPED)))
    assert [s.text for s in sentences] == [
        "Dear Mr. Chairman:",
        "On Monday the Committee voted to disclose a memorandum provided to the Committee in"
        " connection with its oversight.",
        "the next paragraph opens in lower case after a full stop.",
    ]
    assert [repair(WRAPPED[s.start : s.end]) for s in sentences] == [s.text for s in sentences]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents called it “unhinged\ufffd? and left the hall.",
        "The committee voted to release the memo (the ?Memorandum,? which is attached).",
    ],
)
def test_segment_does_not_split_inside_one_sentence(sentence: str) -> None:
    text = "The vote passed. " + sentence
    sentences = segment(Cleaned(Article(id="a", text=text), ((0, len(text)),)))
    assert [text[s.start : s.end] for s in sentences] == ["The vote passed.", sentence]


MEMO = (
    "The Committee voted to disclose a memo containing\n\n"
    "classified information on the surveillance of an adviser (the ?Memorandum,?\n\n"
    "which is attached). The dossier was in its infancy at the time of the initial\n\n"
    "Page FISA application. After Steele was terminated by the bureau, a report was\n\n"
    "written by an independent unit. Consistent .\n\n"
    "with the rules, the application was certified by the Director.\n\n"
    "The hearing ends today."
)


def test_segment_rejoins_every_wrapped_line_of_a_hard_wrapped_article() -> None:
    sentences = segment(Cleaned(Article(id="a", text=MEMO), _kept(MEMO)))
    assert [s.text for s in sentences] == [
        "The Committee voted to disclose a memo containing classified information on the"
        " surveillance of an adviser (the ?Memorandum,? which is attached).",
        "The dossier was in its infancy at the time of the initial Page FISA application.",
        "After Steele was terminated by the bureau, a report was written by an independent unit.",
        "Consistent . with the rules, the application was certified by the Director.",
        "The hearing ends today.",
    ]


def test_load_sentence_splitter_loads_nupunkts_model_once() -> None:
    import nupunkt

    from storydesk.story.segment import load_sentence_splitter

    nupunkt._get_default_model.cache_clear()
    load_sentence_splitter()
    assert nupunkt._get_default_model.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # the tokenised form: an opening quote left on the sentence before
            'the mayor spoke on monday. " we will not take any chances. " the bridge stays shut.',
            [
                "the mayor spoke on monday.",
                '" we will not take any chances. "',
                "the bridge stays shut.",
            ],
            id="quote-0",
        ),
        pytest.param(  # a closing quote stays where it is
            'she called it " unimaginable. " the family left.',
            ['she called it " unimaginable. "', "the family left."],
            id="quote-1",
        ),
        pytest.param(
            "Investigators do not know why, patrol spokesman lt. Greg Bueno said.",
            ["Investigators do not know why, patrol spokesman lt. Greg Bueno said."],
            id="title-0",
        ),
        pytest.param(
            "The head of US forces in Japan, lt. Gen. Salvatore Angelella, spoke.",
            ["The head of US forces in Japan, lt. Gen. Salvatore Angelella, spoke."],
            id="title-1",
        ),
        pytest.param(
            "Held in the Cathedral of St. John the Baptist in Turin, the shroud bears an image.",
            ["Held in the Cathedral of St. John the Baptist in Turin, the shroud bears an image."],
            id="title-2",
        ),
        pytest.param(  # a title-like word that does end its sentence
            "Sign the petition to your congress reps. And tell your friends.",
            ["Sign the petition to your congress reps.", "And tell your friends."],
            id="title-3",
        ),
        pytest.param(
            "Former President F.W. de Klerk plans to ask a court for time.",
            ["Former President F.W. de Klerk plans to ask a court for time."],
            id="initialism-0",
        ),
        pytest.param(
            "The U.S. Ambassador to Jordan, Alice Wells, met the families.",
            ["The U.S. Ambassador to Jordan, Alice Wells, met the families."],
            id="initialism-1",
        ),
        pytest.param(  # an initialism that does end its sentence
            "Taxes are higher in Europe than in the U.S. The unions are stronger.",
            ["Taxes are higher in Europe than in the U.S.", "The unions are stronger."],
            id="initialism-2",
        ),
        pytest.param(
            "He was shot at about 9 p.m. The bullet hit his shoulder.",
            ["He was shot at about 9 p.m.", "The bullet hit his shoulder."],
            id="initialism-3",
        ),
        pytest.param(  # the tokenised form: after a closing quote, a lower-case start
            'He called. " i was alone that night. " the caller said she was hurt.',
            ["He called.", '" i was alone that night. "', "the caller said she was hurt."],
            id="tokenised-0",
        ),
        pytest.param(  # a lawmaker's party and state: one sentence
            "House speaker nancy pelosi ( d-calif. ) said monday that the bill would pass.",
            ["House speaker nancy pelosi ( d-calif. ) said monday that the bill would pass."],
            id="tokenised-1",
        ),
        pytest.param(  # a parenthesised sentence of its own stays apart
            "( the white house won't say. ) but it was emblematic of an agency.",
            ["( the white house won't say. )", "but it was emblematic of an agency."],
            id="tokenised-2",
        ),
    ],
)
def test_segment_splits_where_a_sentence_ends(text: str, expected: list[str]) -> None:
    """Where nupunkt errs: a quotation's opening mark, a title or an initialism before a name,
    the tokenised form's sentence after a closing quote; the cases that do end stay apart."""
    sentences = segment(Cleaned(Article(id="a", text=text), ((0, len(text)),)))
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)
