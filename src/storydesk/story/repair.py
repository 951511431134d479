"""Unicode repair of a piece of source text: mojibake fixed, lost characters never shown.

Offsets always index the original text; what a reader sees of ``text[start:end]`` is
``repair(text[start:end])``. ftfy does the repair, configured to leave the text as written
otherwise: curly quotes stay curly, ligatures and full-width characters stay, no Unicode
normalisation. ftfy runs only on text that a cheap test flags (a U+FFFD, a C1 control, or a
UTF-8 lead character read as Latin-1/Windows-1252 followed by a continuation character, as in
"â€™" or "Ã©"): clean text, ASCII or accented, is returned as it is. A sentence hard-wrapped
over lines reads with one space where each line break was.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

LOST = "\ufffd"  # the replacement character: the original character is gone
# Characters that bytes 0x80-0xBF become when UTF-8 is decoded as Latin-1 or Windows-1252.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
_CONTINUATION += "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
SUSPECT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]|[\ufffd\u0080-\u009f]")
# "”" (E2 80 9D) read as Windows-1252 loses its last byte, which has no character there; such
# pages show "�?" where the closing quote was ("a “toxic�? work environment").
_LINE_BREAK = re.compile(r"\s*\n\s*")
_LOST_CLOSING_QUOTE = re.compile("\ufffd\\?(?!\\w)")


@lru_cache(maxsize=1)
def _config() -> TextFixerConfig:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        unescape_html=False,
        normalization=None,
        explain=False,
    )


def needs_repair(text: str) -> bool:
    """Whether ``text`` may hold mojibake or a lost character (a cheap test, no ftfy)."""
    return not text.isascii() and SUSPECT.search(text) is not None


def repair(text: str) -> str:
    """``text`` with mojibake fixed, no U+FFFD left and line breaks inside it (a sentence
    hard-wrapped over lines) read as one space; unchanged when it needs no repair."""
    if "\n" in text:
        text = _LINE_BREAK.sub(" ", text)
    if not needs_repair(text):
        return text
    from ftfy import fix_text

    fixed = fix_text(text, _config())
    if LOST in fixed:
        fixed = _LOST_CLOSING_QUOTE.sub("”", fixed).replace(LOST, "")
    return fixed
