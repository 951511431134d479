"""Paragraphs, then sentences: Sentence views whose offsets index the article text as given."""

from __future__ import annotations

import re

import nupunkt

from storydesk.story.clean import Cleaned
from storydesk.story.repair import repair
from storydesk.types import Sentence

# A sentence must carry at least one letter; spans of only punctuation or digits are debris.
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _paragraph_numbers(text: str, kept: tuple[tuple[int, int], ...]) -> list[int]:
    """Number kept spans by paragraph: a new paragraph starts after any line break."""
    numbers: list[int] = []
    paragraph = -1
    previous_end = 0
    for start, _end in kept:
        if paragraph < 0 or "\n" in text[previous_end:start]:
            paragraph += 1
        numbers.append(paragraph)
        previous_end = _end
    return numbers


_FIRST_CHARACTER = re.compile(r"\s*(\S)")
_OPEN_STOP = re.compile("(?:\ufffd\\?|[,;]\\?| \\.)[\"'”’]*$")


def _glued(piece: str, previous_end: int, following_start: int) -> bool:
    """Whether nupunkt split one sentence in two before a lower-case word, at a "?" that stands
    for a lost character ("a “toxic�? work", where "�?" is what is left of a "”"; "the
    ?Memorandum,? which") or at a scanned " .". A real "?" before a lower-case word is left to
    nupunkt. Reads only the few characters around the split."""
    first = _FIRST_CHARACTER.match(piece, following_start)
    if first is None or not first.group(1).islower():
        return False
    tail = piece[max(0, previous_end - 12) : previous_end].rstrip()
    return _OPEN_STOP.search(tail) is not None


# A title before a name ends no sentence ("… spokesman lt. | Greg Bueno said"): nupunkt splits
# there when the name is capitalised and the title is not, as in the Multi-News form, which
# capitalises the word after every full stop ("lt. Gen. Salvatore …").
_TITLE_END = re.compile(
    r"\b(?:lt|sen|sens|gen|brig|col|sgt|gov|rep|reps|capt|cpl|adm|maj|det|rev|prof|dr|mr|mrs|ms|st)"
    r"\.$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
# Words that open a sentence, not a name: "… your congress reps. | And don't forget …".
_OPENING_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "but",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "it",
        "its",
        "on",
        "she",
        "so",
        "the",
        "their",
        "there",
        "they",
        "this",
        "we",
        "when",
        "you",
    ]
)


# After an initialism nupunkt splits before a capitalised word; it ends no sentence when the
# next word is lower case ("F.W. | de Klerk", "the V.I.P. | lounge") or names an office or a body
# of the country ("the U.S. | Ambassador to Jordan", "U.S. | Secretary of State …").
_INITIALISM_END = re.compile(r"(?:^|[\s(\"“'‘-])(?:[^\W\d_]\.){2,4}$")
_COUNTRY_END = re.compile(r"\b(?:u\.s|u\.n|u\.k|e\.u)\.$", re.IGNORECASE)
_OFFICE = re.compile(
    r"(?:ambassadors?|attorneys?|army|navy|embassy|senate|senators?|house|president|secretar(?:y|ies)"
    r"|departments?|district|courts?|judges?|marshals?|marines?|military|forces|troops|officials?"
    r"|government|customs|treasury|commerce|justice|state|coast|border|intelligence|envoys?"
    r"|representatives?|congress|capitol|mission|command)",
    re.IGNORECASE,
)


# "House speaker nancy pelosi ( d-calif. ) | said monday …": a lawmaker's party and state in
# parentheses, then a lower-case word, is one sentence ("( … won't say. ) but it …" is two).
_PARENTHESIS_STOP = re.compile(r"\b[DRIdri]-[^\W\d_][\w.]{1,7}\.\s?\)$")


def _inside_a_name(piece: str, previous_end: int, following_start: int) -> bool:
    """Whether nupunkt split after a title before its name (``_TITLE_END``), an initialism that
    ends no sentence (``_INITIALISM_END``) or a lawmaker's party and state (``_PARENTHESIS_STOP``);
    reads the few characters before the split and the word after it once."""
    tail = piece[max(0, previous_end - 16) : previous_end].rstrip()
    found = _NEXT_WORD.match(piece, following_start)
    word = found.group(1) if found else None
    if _TITLE_END.search(tail):
        return word is not None and word.lower() not in _OPENING_WORDS
    if _INITIALISM_END.search(tail):
        if word is None:
            return piece[following_start:].lstrip()[:1] in ",;:)"
        if word[:1].islower():
            return True
        return _COUNTRY_END.search(tail) is not None and _OFFICE.fullmatch(word) is not None
    return _PARENTHESIS_STOP.search(tail) is not None and word is not None and word[:1].islower()


def load_sentence_splitter() -> None:
    """Load nupunkt's sentence model now rather than at the first sentence (it is kept for
    the process): a batch's forked workers then share one load instead of each making its own."""
    nupunkt.sent_spans("Loaded.")


# A quotation mark after a sentence's end that opens the next sentence's quotation: nupunkt
# leaves it on the sentence before ("… laws. " the folks in d.c. have to …" in the tokenised
# Multi-News form). A straight quote opens when the sentence holds an odd number of them.
_TRAILING_OPEN_QUOTE = re.compile(r"[.!?…,;:][\"”’']?\s+([\"“])\s*$")


def _opening_quote_at(sentence: str) -> int | None:
    """Where a quotation mark that opens the next sentence's quotation ends ``sentence``."""
    found = _TRAILING_OPEN_QUOTE.search(sentence, max(0, len(sentence) - 64))  # anchored at $
    if found is None or (found.group(1) == '"' and sentence.count('"') % 2 == 0):
        return None
    return found.start(1)


def _spans(piece: str) -> list[tuple[int, int]]:
    """nupunkt's sentence spans, less its splits inside one sentence (see ``_glued``), with a
    quotation's opening mark moved to the sentence it opens (see ``_opening_quote_at``)."""
    spans: list[tuple[int, int]] = []
    for start, end in nupunkt.sent_spans(piece):
        if spans and (
            _glued(piece, spans[-1][1], start) or _inside_a_name(piece, spans[-1][1], start)
        ):
            spans[-1] = (spans[-1][0], end)
            continue
        if spans and (at := _opening_quote_at(piece[spans[-1][0] : spans[-1][1]])) is not None:
            spans[-1] = (spans[-1][0], spans[-1][0] + at)
            start = spans[-1][1]
        spans.append((start, end))
    return _split_after_closing_quotes(piece, spans)


# In the tokenised Multi-News form the sentence after a closing quotation mark opens in lower
# case, so nupunkt does not split there: "… came in. " the caller said …". A straight quote
# closes when the paragraph holds an even number of them up to it.
_CLOSING_STOP = re.compile(r'[.!?] "(?= [a-z])')


def _split_after_closing_quotes(piece: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if '" ' not in piece:  # no straight quotation mark closes anything here
        return spans
    out: list[tuple[int, int]] = []
    quotes, counted_to = 0, 0  # straight quotes in piece[:counted_to]
    for start, end in spans:
        for found in _CLOSING_STOP.finditer(piece, start, end):
            quotes += piece.count('"', counted_to, found.end())
            counted_to = found.end()
            if quotes % 2 == 0:
                out.append((start, found.end()))
                start = found.end()
        out.append((start, end))
    return out


# A line that ends without closing a sentence, followed by one that opens in lower case: the
# same sentence hard-wrapped (letters and memos pasted from PDF), not two paragraphs. In an
# article where most line ends are such wraps, every line end that closes no sentence is one.
# A full stop after a space (" .") is a scanning artefact, not the end of a sentence.
_OPEN_END = re.compile(r"(?:[^.!:;\"”’)\]]|[^.!][\"”’]| \.)$")
_WRAPPED_SHARE = 0.5
_WRAPPED_LINE_WORDS = 8  # a wrapped line is a full line of text, not a name or a label


def _rejoin_wrapped(
    text: str, kept: tuple[tuple[int, int], ...], paragraphs: list[int]
) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of kept spans, with hard-wrapped lines joined into one span."""
    open_ends = [
        _OPEN_END.search(text, end - 2, end) is not None and not text[end:start].strip()
        for (_, end), (start, _) in zip(kept, kept[1:], strict=False)
    ]
    wraps = [
        is_open and text[start].islower() and text.count(" ", s, e) + 1 >= _WRAPPED_LINE_WORDS
        for is_open, (s, e), (start, _) in zip(open_ends, kept, kept[1:], strict=False)
    ]
    wrapped_article = sum(wraps) >= 3 and sum(wraps) >= _WRAPPED_SHARE * sum(open_ends)
    joined: list[tuple[int, int, int]] = []
    for k, ((start, end), paragraph) in enumerate(zip(kept, paragraphs, strict=True)):
        if k > 0 and (wraps[k - 1] or (wrapped_article and open_ends[k - 1])):
            last_start, _, last_paragraph = joined[-1]
            joined[-1] = (last_start, end, last_paragraph)
            continue
        joined.append((start, end, paragraph))
    return joined


def segment(cleaned: Cleaned) -> list[Sentence]:
    """Split each kept span into sentences with nupunkt; strip whitespace at both ends.

    A sentence's text is its span repaired (``repair(text[start:end])``): mojibake fixed, no
    U+FFFD, a hard-wrapped line break read as a space; its offsets still index the article as
    given.
    """
    article = cleaned.article
    text = article.text
    sentences: list[Sentence] = []
    paragraphs = _paragraph_numbers(text, cleaned.kept)
    for span_start, span_end, paragraph in _rejoin_wrapped(text, cleaned.kept, paragraphs):
        piece = text[span_start:span_end]
        for rel_start, rel_end in _spans(piece):
            raw = piece[rel_start:rel_end]
            stripped = raw.strip()
            if not stripped or not _HAS_LETTER.search(stripped):
                continue
            start = span_start + rel_start + (len(raw) - len(raw.lstrip()))
            end = start + len(stripped)
            sentences.append(
                Sentence(
                    article_id=article.id,
                    start=start,
                    end=end,
                    text=repair(stripped),
                    paragraph=paragraph,
                    position=len(sentences),
                )
            )
    return sentences
