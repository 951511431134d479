from __future__ import annotations

import pytest

from storydesk.story.discourse import (
    continues_quote,
    is_quotation,
    leans_by_opener,
    names_speaker,
    opens_quote,
    speaker_is_pronoun,
)


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("He said the bridge was safe.", True),
        ("However, the council disagreed.", True),
        ("“But it's all connected,” she said.", True),
        ("the rest of the span is sound.", True),
        ("It is the third closure in a decade.", False),
        ("It's unclear when it reopens.", False),
        ("This year the toll rose twice.", False),
        ("This decision angered drivers.", True),
        ("The city closed the bridge.", False),
        ("Thousands were stuck in traffic.", False),
    ],
)
def test_leans_by_opener(text: str, leans: bool) -> None:
    assert leans_by_opener(text) is leans


@pytest.mark.parametrize(
    ("text", "opens", "continues"),
    [
        ("“We will not take chances.", True, False),
        ('"We will not take chances.', True, False),
        ("It stays shut,” the mayor said.", False, True),
        ('It stays shut," the mayor said.', False, True),
        ("“It stays shut,” the mayor said.", False, False),
        ('The mayor said: "It stays shut."', False, False),
        # Tokenised text: spaces around every quote.
        ('it stays shut for now , " the mayor said .', False, True),
        ('the mayor said : " we will not take chances .', True, False),
    ],
)
def test_quote_balance_open_and_continued(text: str, opens: bool, continues: bool) -> None:
    assert opens_quote(text) is opens
    assert continues_quote(text) is continues


@pytest.mark.parametrize(
    ("text", "quotation", "speaker"),
    [
        ("“We will not take chances with this bridge,” the mayor said.", True, True),
        ("“We will not take chances with this bridge.”", True, False),
        ("The council, according to minutes, voted to close the bridge.", False, True),
        ("The so-called “safety first” plan was dropped by the council.", False, False),
    ],
)
def test_quotation_and_speaker(text: str, quotation: bool, speaker: bool) -> None:
    assert is_quotation(text) is quotation
    assert names_speaker(text) is speaker


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("“It stays shut,” she said.", True),
        ("“It stays shut,” said the mayor.", False),
        ("She said the bridge stays shut.", False),  # not a quotation
    ],
)
def test_speaker_is_pronoun(text: str, pronoun: bool) -> None:
    assert speaker_is_pronoun(text) is pronoun


def test_newswire_double_quotes_count_as_quotation_marks() -> None:
    assert is_quotation("``Can we take the games away from Salt Lake City?''")
    assert names_speaker("``We will not,'' the mayor said.")
    assert opens_quote("``We will not take any chances.")


@pytest.mark.parametrize(
    "text", ["", "abc", "Ünïcödé wörds", "“Quoted,” she said — 42 times_x", "½ ² Ⅻ ١٢ 東京"]
)
def test_letter_count_is_the_letter_pattern_count(text: str) -> None:
    import re

    from storydesk.story.discourse import letter_count

    assert letter_count(text) == len(re.findall(r"[^\W\d_]", text))


def test_word_alternation_matches_exactly_the_words() -> None:
    import re

    from storydesk.story.discourse import word_alternation

    words = ["say", "said", "saying", "says", "told", "a"]
    pattern = re.compile(rf"(?:{word_alternation(words)})")
    assert all(pattern.fullmatch(word) for word in words)
    assert not any(pattern.fullmatch(word) for word in ["sa", "sayi", "tol", "", "ab"])
    found = re.findall(rf"\b(?:{word_alternation(words)})\b", "he says, she said: saying a sayin")
    assert found == ["says", "said", "saying", "a"]


def _cased_by_definition(texts: list[str]) -> bool:
    """is_cased as first written: every inner word found, then the share of capitals."""
    import re

    pattern = re.compile(r"(?<![.!?\"'“‘:]\s)(?<!^)\b([^\W\d_][^\W\d_]+)")
    inner = [word for text in texts for word in pattern.findall(text)]
    capitals = sum(word[0].isupper() for word in inner)
    return bool(inner) and capitals >= 0.02 * len(inner)


_SEED_TEXT = (
    "The mayor said on Monday that the Harbor Bridge would close. “It is unsafe,” she said. "
    "Engineers from Acme Corp. found cracks: rust, bent steel and loose bolts. "
)


@pytest.mark.parametrize(
    "texts",
    [
        [_SEED_TEXT * 40],  # cased, long: decided after the first chunks
        [_SEED_TEXT.lower() * 40],  # lower-cased corpus: every chunk is read
        [_SEED_TEXT.lower() * 40 + "Only Here Are Capitals In This Long Tail " * 30],
        # a few capitals right at the 2% line, and words cut by no chunk end
        ["word " * 980 + "Aa " * 20, "zz" * 700 + " " + "Bb " * 5],
        ["x", "", ". Ab", 'tokenised , " we \'ll go . " said Ann'],
        [],
    ],
)
def test_is_cased_reads_the_same_words_as_its_definition(texts: list[str]) -> None:
    """is_cased counts chunk by chunk and stops early on cased text: the same answer as
    counting every inner word at once."""
    from storydesk.story.discourse import is_cased

    assert is_cased(texts) == _cased_by_definition(texts)


@pytest.mark.parametrize(
    "text",
    [
        "No quotation here at all.",
        "He said ``we will go'' and left.",
        "“Half quoted,” she said.",
        'A "straight" one.',
        "it closes here.” and goes on",
        "Only a closing '' here",
        "",
    ],
)
@pytest.mark.parametrize("inside", [False, True])
def test_quoted_share_without_an_opening_mark_is_zero_as_counted(text: str, inside: bool) -> None:
    """quoted_share answers 0 without counting when nothing can open a quotation: the same
    value as counting the letters inside quotation marks."""
    import re

    from storydesk.story.discourse import as_curly, quoted_share

    curly = as_curly(text)
    letters = len(re.findall(r"[^\W\d_]", curly))
    quoted = 0
    if inside:
        ends = [i for i in (curly.find("”"), curly.find('"')) if i >= 0]
        end = min(ends, default=len(curly))
        quoted, curly = len(re.findall(r"[^\W\d_]", curly[:end])), curly[end + 1 :]
    for match in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", curly):
        quoted += len(re.findall(r"[^\W\d_]", match.group(0)))
    assert quoted_share(text, inside) == (quoted / letters if letters else 0.0)
