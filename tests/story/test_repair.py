from __future__ import annotations

import itertools
import random

import pytest

from storydesk.story.repair import LOST, needs_repair, repair


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("He didnâ€™t go.", "He didn’t go."),
        ("A cafÃ© in Paris.", "A café in Paris."),
        ("â€œWe will,â€\x9d she said.", "“We will,” she said."),
        ("a “toxic\ufffd? work place", "a “toxic” work place"),
        ("daughter?\ufffd?", "daughter?”"),
        ("It\ufffds gone", "Its gone"),
    ],
)
def test_repair_fixes_mojibake_and_never_shows_lost_characters(broken: str, fixed: str) -> None:
    assert repair(broken) == fixed
    assert LOST not in repair(broken)


@pytest.mark.parametrize(
    "clean",
    [
        "Plain ASCII with 'straight' and \"double\" quotes.",
        "“Curly quotes” stay ‘curly’ as written, and so does the café in Zürich.",
        "Ligatures: ﬁnal; full width: ＡＢＣ; accents: Dvořák, São Paulo, naïve.",
    ],
)
def test_repair_leaves_clean_text_as_written(clean: str) -> None:
    assert repair(clean) == clean


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("Plain text.", False), ("“Curly” café", False), ("donâ€™t", True), ("x\ufffd", True)],
)
def test_needs_repair_flags_only_suspect_text(text: str, flagged: bool) -> None:
    assert needs_repair(text) is flagged


# Characters that reach or border the ftfy-free shapes: the marks, the C1 punctuation, and
# neighbours that must send a text to ftfy (accented letters, "Â"/"â" lead letters, €, a C1
# control of no punctuation).
_SHAPE_CHARACTERS = (
    list("aZ .?1!,;'\"-")
    + list("\u2019\u2013\u2014\u2026\u2018\u201c\u201d\u2022\ufffd\x85\x91\x92\x93\x94\x95\x96\x97")
    + ["\u00e9", "\x80", "\u00c2", "\u00e2", "\u20ac"]
)


def _ftfy(text: str) -> str:
    from ftfy import fix_text

    from storydesk.story.repair import _config

    return fix_text(text, _config())


def test_plain_fix_is_what_ftfy_does_on_short_strings() -> None:
    """Every string of one or two of these characters, and 5,000 seeded ones of 3 to 10."""
    from storydesk.story.repair import _plain_fix

    rng = random.Random(17)
    texts = [
        "".join(pair)
        for size in (1, 2)
        for pair in itertools.product(_SHAPE_CHARACTERS, repeat=size)
    ]
    texts += ["".join(rng.choices(_SHAPE_CHARACTERS, k=rng.randint(3, 10))) for _ in range(5000)]
    answered = 0
    for text in texts:
        plain = _plain_fix(text)
        if plain is not None:
            answered += 1
            assert plain == _ftfy(text), repr(text)
    assert answered > 1_000  # the shapes cover many of these strings, not a handful


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real sentences (raw Multi-News dev): a lost closing quote, a dash read as C1
        (
            "made “teeny, tiny little gains,\ufffd? she said",
            "made “teeny, tiny little gains,\ufffd? she said",
        ),
        ("\x97 Police tracked down the woman", "— Police tracked down the woman"),
        ("It\x92s the \x93best\x94 \x85 day", "It’s the “best” … day"),
        # to ftfy: two lost characters, a lost one beside a quote mark, real mojibake
        ("the song â\ufffd\ufffdam i black", None),
        ("“\ufffd", None),
        ("didnâ€™t", None),
        ("caf\u00e9 \x97 bar", None),
        ("\x93x\x94 \ufffd", None),
    ],
)
def test_plain_fix_answers_only_its_shapes(text: str, expected: str | None) -> None:
    from storydesk.story.repair import _plain_fix

    assert _plain_fix(text) == expected
    if expected is not None:
        assert expected == _ftfy(text)
