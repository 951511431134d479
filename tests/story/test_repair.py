from __future__ import annotations

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
