"""Unicode repair of a piece of source text: mojibake fixed, lost characters never shown.

Offsets always index the original text; what a reader sees of ``text[start:end]`` is
``repair(text[start:end])``. ftfy does the repair, configured to leave the text as written
otherwise: curly quotes stay curly, ligatures and full-width characters stay, no Unicode
normalisation. ftfy runs only on text that a cheap test flags (a U+FFFD, a C1 control, or a
UTF-8 lead character read as Latin-1/Windows-1252 followed by a continuation character, as in
"â€™" or "Ã©"): clean text, ASCII or accented, is returned as it is. Flagged text of two
plain shapes gets ftfy's answer without importing ftfy (see ``_plain_fix``). A sentence
hard-wrapped over lines reads with one space where each line break was.
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

# Flagged text that ftfy answers without a mojibake guess, so that a batch whose only flagged
# text is of these shapes never imports ftfy (~0.12 s). The marks below are the non-ASCII
# characters such text may hold; ftfy's badness heuristic (ftfy.badness.BADNESS_RE) flags
# ``_PLAIN_MARKS`` (its "common" class) only beside Arabic, Cyrillic, Greek or "Â"-like
# letters, and ``_QUOTE_MARKS`` (its start/end punctuation) only beside an accented letter or
# a currency, numeric, box-drawing, legal or "bad" character (U+FFFD is one): none of which
# the shapes allow next to them.
_PLAIN_MARKS = "\u2019\u2013\u2014\u2026"  # ’ – — …
_QUOTE_MARKS = "\u2018\u201c\u201d\u2022"  # ‘ “ ” •
# C1 controls of the Windows-1252 punctuation bytes (0x85, 0x91-0x97): ftfy reads each as
# that punctuation, which is one of the marks above.
_C1_PUNCTUATION = {byte: bytes([byte]).decode("cp1252") for byte in (0x85, *range(0x91, 0x98))}
_PLAIN_SHAPE = re.compile(f"[\x20-\x7e{_PLAIN_MARKS}{_QUOTE_MARKS}{LOST}\x85\x91-\x97]*")
_LOST_BESIDE_MARK = re.compile(f"[{LOST}{_QUOTE_MARKS}]{LOST}|{LOST}[{_QUOTE_MARKS}]")
_C1 = re.compile("[\x80-\x9f]")
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
    fixed = _plain_fix(text)
    if fixed is None:
        from ftfy import fix_text

        fixed = fix_text(text, _config())
    if LOST in fixed:
        fixed = _LOST_CLOSING_QUOTE.sub("”", fixed).replace(LOST, "")
    return fixed


def _plain_fix(text: str) -> str | None:
    """What ``fix_text(text, _config())`` returns, for flagged text of two plain shapes; None
    for any other text (ftfy decides). Both shapes are printable ASCII and the marks above:

    - lost characters (U+FFFD), none beside another or beside a quote mark: ftfy finds no
      mojibake (``is_bad`` is false), and no control, surrogate or escape to remove: the text
      comes back as it is;
    - Windows-1252 punctuation read as C1 controls, no U+FFFD: no single-byte encoding of the
      text decodes as UTF-8 (no lead byte), so ftfy reads each control as its Windows-1252
      character (Latin-1 text re-decoded as Windows-1252, or ``fix_c1_controls``), and then
      finds nothing more.

    ``tests/story/test_repair.py`` checks both against ftfy itself (every string of one or
    two of these characters and their neighbours, 5,000 random longer ones, real sentences)."""
    if _PLAIN_SHAPE.fullmatch(text) is None:
        return None
    if _C1.search(text) is None:
        return None if _LOST_BESIDE_MARK.search(text) else text
    if LOST in text:
        return None
    return text.translate(_C1_PUNCTUATION)
