"""Remove scraping junk from an article, keeping offsets into its original text.

Junk was catalogued on raw Multi-News pages and the seed reports (captions, credits, player
and share prompts, datelines, bylines, crawl notices, paywalls). Three passes per paragraph:

1. whole-paragraph rules (a line that is nothing but junk),
2. captions (a short paragraph that ends in a photo credit or starts with a caption marker),
3. inline rules (junk glued to real text on the same line, as in the lowercased one-line
   Multi-News sources), then junk sentences judged one by one (``clean_sentences``).

Rules are anchored on wording that real news sentences do not use, because a dropped news
sentence costs more than a kept prompt: ranking already skips short fragments.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from storydesk.story import clean_credits as credits
from storydesk.story import clean_rules as catalogue
from storydesk.story import clean_sentences
from storydesk.story.clean_literals import CATALOGUE
from storydesk.types import Article, Junk


@dataclass(frozen=True)
class Cleaned:
    """An article with the spans of real text kept and the junk removed."""

    article: Article
    kept: tuple[tuple[int, int], ...]
    removed: tuple[Junk, ...] = ()

    @property
    def text(self) -> str:
        """The kept text, one span per line (for reading, not for offsets)."""
        return "\n".join(self.article.text[s:e] for s, e in self.kept)


# str.isalnum() of one character is what \w tests, less the underscore: exactly that test.
_ALNUM = re.compile(r"[^\W_]")


def _whole_kind(text: str, words: int, is_first: bool, title: str | None) -> str | None:
    """The kind of junk a whole (stripped) paragraph is, or None."""
    if is_first and title is not None and text == title:
        return "headline"
    if words <= 40:
        match = catalogue.WHOLE_RE.fullmatch(text)
        if match is not None:
            return catalogue.group_kind(match)
    if words <= 10 and credits.CREDIT_ALONE.match(text) and not catalogue.SENTENCE_END.search(text):
        return "photo-credit"
    if credits.FIGURE_LEGEND.match(text):
        return "caption"
    if words <= 70 and (credits.CAPTION_START.match(text) or _may_credit(text)):
        return "caption"
    return None


@lru_cache(maxsize=32)
def _lowered(text: str) -> tuple[str, bool, dict[str, _Spots]]:
    """(the lowercased text if it has the same length, so that offsets carry over, else the
    text itself; whether it is the lowercased one; where the catalogue's literals stand in it),
    once per article text: a story's articles are scored for page junk and then cleaned, and
    both read them (a story of more than 32 articles only computes them twice, as before)."""
    low = text.lower()
    if len(low) != len(text):
        return text, False, CATALOGUE.spots(text)
    return low, True, CATALOGUE.spots(low)


_Spots = list[tuple[int, int]]


def _within(spots: _Spots, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spots lying inside ``low[start:end]``, in order."""
    k = bisect_left(spots, (start,))  # the first occurrence starting at ``start`` or later
    while k < len(spots) and spots[k][0] < end:
        if spots[k][1] <= end:
            yield spots[k]
        k += 1


def _holds(spots: _Spots, start: int, end: int) -> bool:
    """Whether one of the literals lies inside ``low[start:end]`` (``literal in low[start:end]``
    for one of them)."""
    return next(_within(spots, start, end), None) is not None


def _page_kind(low: str, start: int, end: int, page_spots: _Spots) -> str | None:
    """The kind of page boilerplate a short piece ``low[start:end]`` is (or a crawl/tweet notice
    of any length); ``page_spots`` are the article's PAGE_LITERALS."""
    if not _holds(page_spots, start, end):
        return None  # no match can be in it: skip the regex
    piece = low[start:end]
    page = next(page_matches(piece), None)
    if page is None:
        return None
    kind = page[2]
    if kind in ("crawl-notice", "tweet-boilerplate") or _words(piece) <= 40:
        return kind
    return None


def page_matches(low: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of every match of the page patterns in a lowercased text: exactly
    ``re.finditer(PAGE_PATTERN, low)`` (leftmost match first, the earlier kind where two start
    at the same place, the search going on after each match's end), from one pattern per kind.

    A kind none of whose literals the text holds is never searched; a kind's next match is
    searched again only once the scan has passed its start. The patterns look neither behind
    nor at anchors, so a match found from an earlier start is the one found from a later start.
    """
    kinds = [
        (kind, pattern)
        for kind, pattern, literals in catalogue.PAGE_KINDS
        if any(map(low.__contains__, literals))
    ]
    ahead: list[re.Match[str] | None] = [pattern.search(low) for _, pattern in kinds]
    position = 0
    while True:
        best, found = -1, None
        for k, (_, pattern) in enumerate(kinds):
            match = ahead[k]
            if match is not None and match.start() < position:
                match = ahead[k] = pattern.search(low, position)
            if match is not None and (found is None or match.start() < found.start()):
                best, found = k, match
        if found is None:
            return
        yield found.start(), found.end(), kinds[best][0]
        position = found.end()


_CREDIT_WORDS = (
    "photo",
    "credit",
    "image",
    "illustration",
    "picture",
    "video",
    "courtesy",
    "getty",
)


def _may_credit(text: str) -> bool:
    """Whether a paragraph ends in a photo credit; the cheap tests spare most the regex."""
    if not (text.endswith(")") or "/" in text):
        low = text.lower()
        if not any(map(low.__contains__, _CREDIT_WORDS)):
            return False
    return credits.CREDIT_END.search(text) is not None


def _words(text: str) -> int:
    """``len(catalogue.WORD.findall(text))``: \\S+ runs are what str.split() returns (the same
    whitespace test), counted without a match object each."""
    return len(text.split())


_Rules = list[tuple[str, _Spots, re.Pattern[str]]]


def _active_rules(spots: dict[str, _Spots]) -> _Rules:
    """The inline rules whose triggers occur anywhere in the (lowercased) article, with where
    their triggers stand (``spots``: the article's, from ``_lowered``)."""
    return [
        (kind, spots[f"inline {kind}"], pattern)
        for kind, _triggers, pattern in catalogue.INLINE_RULES
        if spots[f"inline {kind}"]
    ]


def _inline_matches(
    text: str, low: str, start: int, end: int, rules: _Rules
) -> list[tuple[int, int, str]]:
    """(start, end, kind) of inline junk in text[start:end], earliest first."""
    found: list[tuple[int, int, str]] = []
    for kind, spots, pattern in rules:
        if _holds(spots, start, end):  # a trigger inside low[start:end]
            found.extend((m.start(), -m.end(), kind) for m in pattern.finditer(text, start, end))
    found.sort()
    return [(s, -e, k) for s, e, k in found]


def _inline(
    text: str, low: str, start: int, end: int, article_id: str, rules: _Rules
) -> tuple[list[tuple[int, int]], list[Junk]]:
    """Junk pieces inside one paragraph, and the real pieces around them."""
    removed: list[Junk] = []
    pieces: list[tuple[int, int]] = []
    cursor = _past_opening(text, start, end, article_id, removed)
    for j_start, j_end, kind in _inline_matches(text, low, cursor, end, rules):
        if j_start < cursor:
            continue
        if kind == "photo-credit":
            j_start, kind = _caption_before(text, cursor, j_start, kind)
        elif kind == "caption" and not catalogue.SENTENCE_END.search(text, j_end, end):
            j_end = end  # a caption that runs to the end of the paragraph is all caption
        pieces.append((cursor, j_start))
        removed.append(Junk(article_id, j_start, j_end, kind, text[j_start:j_end]))
        # A lowercased one-line source glues the next report's opening after a caption:
        # "… ( associated press ) iguala, mexico ( ap ) — a clandestine grave …".
        cursor = _past_opening(text, j_end, end, article_id, removed)
    pieces.append((cursor, end))
    return pieces, removed


def _past_opening(text: str, start: int, end: int, article_id: str, removed: list[Junk]) -> int:
    """Where the text after a dateline opening ``text[start:end]`` begins, else ``start``; at
    the article's start also past a player's close button or a dateline with no agency."""
    at = _strip(text, start, end)[0]
    if at == 0 and (close := credits.PLAYER_CLOSE.match(text, at, end)) is not None:
        removed.append(Junk(article_id, at, close.end(), "media-control", close.group()))
        start = at = close.end()
    dateline = credits.DATELINE.match(text, at, end) or _glued_dateline(text, at, end)
    dateline = dateline or (credits.PLACE_DATELINE.match(text, 0, end) if at == 0 else None)
    if dateline is None or dateline.end() >= end:
        return start
    removed.append(Junk(article_id, at, dateline.end(), "dateline", text[at : dateline.end()]))
    return dateline.end()


def _glued_dateline(text: str, start: int, end: int) -> re.Match[str] | None:
    """An agency dateline a few words into a piece, after no sentence end: the report's
    headline glued before it ("… economy gains 288,000 jobs washington ( ap ) — us …")."""
    tag = credits.AGENCY_TAG.search(text, start, min(end, start + credits.HEADLINE_CHARS))
    if tag is None:
        return None
    # A place's abbreviation ("raleigh, n.c.") may end like a sentence just before the tag.
    sentence_end = catalogue.LOOSE_END.search(text, start, max(start, tag.start() - 24))
    return tag if sentence_end is None else None


def _caption_before(text: str, cursor: int, credit: int, kind: str) -> tuple[int, str]:
    """Where the caption a credit closes begins, if the text before it is one."""
    before = text[cursor:credit]
    stripped = before.rstrip()
    if stripped.endswith(("...", "…")):
        # A truncated agency caption: back to the sentence before the ellipsis.
        ends = [m.end() for m in catalogue.SENTENCE_END.finditer(text, cursor, credit)]
        ends = [e for e in ends if not text[e - 4 : e].strip().endswith(("...", "…"))]
        return (ends[-1] if ends else cursor), "caption"
    # Text between the paragraph start (or the junk before) and a credit is its
    # caption when it is short: at most one sentence end inside it.
    if _words(before) <= 40 and len(catalogue.SENTENCE_END.findall(before)) <= 1:
        return cursor, "caption"
    return credit, kind


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without whitespace at either end (str.isspace, as str.strip)."""
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    if left == len(piece):
        return end, end
    return start + left, end - (len(piece) - len(piece.rstrip()))


def clean(article: Article) -> Cleaned:
    """Split an article into kept spans of real text and removed junk pieces."""
    text = article.text
    low, _, spots = _lowered(text)
    rules = _active_rules(spots)
    page_spots = spots["page"] if spots["page-triggers"] else []
    junk_spots = spots["sentence"]
    kept: list[tuple[int, int]] = []
    removed: list[Junk] = []
    first = True
    for line in catalogue.LINE.finditer(text):
        start, end = _strip(text, line.start(), line.end())
        if start == end:
            continue
        paragraph = text[start:end]
        kind = _whole_kind(paragraph, _words(paragraph), first, article.title)
        first = False
        if kind is not None:
            removed.append(Junk(article.id, start, end, kind, paragraph))
            continue
        pieces, junk = _inline(text, low, start, end, article.id, rules)
        removed.extend(junk)
        for piece_start, piece_end in pieces:
            s, e = _strip(text, piece_start, piece_end)
            if e > s and _ALNUM.search(text, s, e) is not None:
                for j_start, j_end, kind in _judged(text, low, s, e, page_spots, junk_spots):
                    if kind is None:
                        kept.append((j_start, j_end))
                    else:
                        removed.append(Junk(article.id, j_start, j_end, kind, text[j_start:j_end]))
    return Cleaned(article, tuple(kept), tuple(removed))


def _judged(
    text: str, low: str, start: int, end: int, page_spots: _Spots, junk_spots: _Spots
) -> list[tuple[int, int, str | None]]:
    """A kept piece as (start, end, junk kind or None) runs, in order.

    A piece that is page boilerplate goes whole (a crawl or tweet notice at any length).
    Otherwise each of its sentences holding a junk literal is judged on its own: a lowercased
    one-line source (Multi-News) glues a page's prompts, notices, captions and "Advertisement"
    lines into one paragraph, where only their own sentences show them. The text between junk
    sentences stays one run, so a clean paragraph stays one piece.
    """
    page = _page_kind(low, start, end, page_spots) if page_spots else None
    if page is not None:
        return [(start, end, page)]  # a crawl or tweet notice goes whole, at any length
    at = [a for spots in (junk_spots, page_spots) for a, _ in _within(spots, start, end)]
    if not at:
        return [(start, end, None)]
    bounds = [start, *(m.end() for m in catalogue.LOOSE_END.finditer(text, start, end)), end]
    runs: list[tuple[int, int, str | None]] = []
    cursor = start
    for k in sorted({bisect_right(bounds, a) - 1 for a in at}):
        s, e = _strip(text, bounds[k], bounds[k + 1])
        if s < cursor or s == e:
            continue  # inside a caption already taken
        kind = clean_sentences.sentence_kind(text[s:e]) or (
            _page_kind(low, s, e, page_spots) if page_spots else None
        )
        if kind is None:
            continue
        while (
            kind == "caption"
            and k + 2 < len(bounds)
            and clean_sentences.cut_short(text, e, bounds[k + 1])
        ):
            k += 1  # "File - in this Sept." + "12, 2017 file photo, …"
            e = _strip(text, bounds[k], bounds[k + 1])[1]
        if s > cursor:
            runs.append((*_strip(text, cursor, s), None))
        runs.append((s, e, kind))
        cursor = e
    if cursor < end:
        runs.append((*_strip(text, cursor, end), None))
    return [run for run in runs if run[0] < run[1]]


def junk_page_score(text: str) -> float:
    """How much a whole article is a junk page, in [0, 1].

    The share of its characters in sentences that carry page boilerplate
    (crawl notices, tweet and cookie walls, error pages, paywalls, sign-up and
    player prompts), raised to 0.8 when that share is at least half and fewer
    than 40 words are left outside them: such a page has nothing else to say.
    """
    total = len(text.strip())
    if total == 0:
        return 1.0
    low, lowered, spots = _lowered(text)
    if not spots["page-triggers"]:
        return 0.0
    if lowered:
        matches = list(page_matches(low))
    else:
        any_case = re.compile(catalogue.PAGE_PATTERN, catalogue.IGNORE_CASE)  # re caches it
        matches = [(m.start(), m.end(), catalogue.group_kind(m)) for m in any_case.finditer(low)]
    if not matches:
        return 0.0
    bounds = [0] + [m.end() for m in catalogue.LOOSE_END.finditer(text)] + [len(text)]
    marked: list[int] = []
    partial = 0  # a prompt inside a long sentence counts with its own characters only
    for start, end, kind in matches:
        index = bisect_right(bounds, start) - 1
        strong = kind in ("crawl-notice", "tweet-boilerplate")
        if strong or _words(text[bounds[index] : bounds[index + 1]]) <= 40:
            marked.append(index)
        else:
            partial += end - start
    marked.sort()
    # Boilerplate splits badly ("preserved.then"): up to two sentences between
    # junk sentences belong to the same notice.
    for before, after in zip(marked, marked[1:], strict=False):
        if 1 < after - before <= 3 and _words(text[bounds[before + 1] : bounds[after]]) <= 80:
            marked.extend(range(before + 1, after))
    junk = partial + sum(bounds[i + 1] - bounds[i] for i in set(marked))
    share = junk / len(text)
    if share >= 0.5 and _words(text) * (1.0 - share) < 40:
        share = max(share, 0.8)
    return round(min(1.0, share), 4)
