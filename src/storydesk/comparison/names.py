"""Names spelled differently by different reports: Kilgrave / Killgrave, Vazquez / Vasquez.

A name is a capitalised word the story never writes in lower case. Two names conflict when
they are one edit apart (a letter added, dropped, changed, or two swapped) with the same first
and last letter (respellings keep a word's ends; Iran / Iraq and Austria / Austrian do not),
and the reports split over them: one report writes one form and never the other, another
report the reverse. A report that writes both forms is inconsistent with itself, which is not
a disagreement between outlets.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storydesk.comparison.reports import Reports
from storydesk.comparison.types import Claim, Conflict
from storydesk.story.represent import STOPWORDS
from storydesk.types import Citation

MIN_LENGTH = 4  # shorter capitalised words (Dan / Don, Jan / Jun) are too often distinct names
# Words before a name that say it is a place ("in Belfast", "near Bamako").
_PLACE_CUES = frozenset({"in", "at", "from", "near", "to", "outside", "across", "capital"})


# A capitalised word (Latin letters, accents included) and the word just before a match.
_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:['’][^\W\d_]+)*")
_PREVIOUS = re.compile(r"([^\W\d_]+)[^\w]*$")


@dataclass(frozen=True)
class NameMention:
    form: str
    sentence: int  # index into Reports.pieces
    start: int  # offsets of the word in its article
    end: int
    previous: str  # the word before it, lower case ("" at the start of a sentence)
    sentence_is_caption: bool = False


def _is_name(word: str, lower_words: frozenset[str]) -> bool:
    return (
        len(word) >= MIN_LENGTH
        and word[0].isupper()
        and any(c.islower() for c in word[1:])
        and word.lower() not in lower_words
        and word.lower() not in STOPWORDS
    )


def name_mentions(reports: Reports) -> dict[str, dict[str, list[NameMention]]]:
    """form -> article id -> its mentions, in reading order."""
    found: dict[str, dict[str, list[NameMention]]] = {}
    lower_words = reports.lower_words
    for index, piece in enumerate(reports.pieces):
        text = piece.text
        for match in _CAPITALISED.finditer(text):
            word, end = match.group(), match.end()
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            if not _is_name(word, lower_words):
                continue
            previous = _PREVIOUS.search(text, max(0, match.start() - 24), match.start())
            mention = NameMention(
                word,
                index,
                piece.start + match.start(),
                piece.start + end,
                previous.group(1).lower() if previous else "",
                piece.position < 0,
            )
            found.setdefault(word, {}).setdefault(piece.article_id, []).append(mention)
    return found


def one_edit_apart(a: str, b: str) -> bool:
    """Damerau distance 1 between two different words (case-insensitive)."""
    a, b = a.lower(), b.lower()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def is_respelling(a: str, b: str) -> bool:
    """One edit apart, same first and last letter, and not a mere plural or possessive."""
    la, lb = a.lower(), b.lower()
    if la[0] != lb[0] or la[-1] != lb[-1]:
        return False
    return one_edit_apart(la, lb)


def _split(uses: dict[str, list[NameMention]], other: dict[str, list[NameMention]]) -> bool:
    """Does some report write the first form and never the second?"""
    return any(article_id not in other for article_id in uses)


def _first(mentions: list[NameMention]) -> NameMention:
    """The first mention in a kept sentence, else the first in a caption."""
    return min(mentions, key=lambda m: (m.sentence_is_caption, m.start))


def _claim(reports: Reports, form: str, uses: dict[str, list[NameMention]]) -> Claim:
    """One side: the form, cited in each report (source order) at the piece of its first
    mention; the claim's text is that of its first citation."""
    pieces = [reports.pieces[_first(uses[a.id]).sentence] for a in reports.articles if a.id in uses]
    citations = tuple(Citation(p.article_id, p.start, p.end) for p in pieces)
    return Claim(pieces[0].text, citations, value=form)


def _kind(mentions: list[NameMention]) -> str:
    cues = sum(m.previous in _PLACE_CUES for m in mentions)
    return "place" if cues * 2 > len(mentions) else "name"


def name_conflicts(reports: Reports) -> list[Conflict]:
    """Every pair of respelt names the reports split over, the more widely used form first."""
    mentions = name_mentions(reports)
    groups: dict[tuple[str, str], list[str]] = {}
    for form in mentions:
        groups.setdefault((form[0].lower(), form[-1].lower()), []).append(form)
    conflicts: list[Conflict] = []
    for forms in groups.values():
        forms.sort()
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                if not is_respelling(a, b):
                    continue
                uses_a, uses_b = mentions[a], mentions[b]
                if not (_split(uses_a, uses_b) and _split(uses_b, uses_a)):
                    continue
                ordered = sorted(((a, uses_a), (b, uses_b)), key=lambda p: (-len(p[1]), p[0]))
                every = [m for _form, uses in ordered for ms in uses.values() for m in ms]
                counts = Counter(m.form for m in every)
                main = ordered[0][0]
                conflicts.append(
                    Conflict(
                        kind=_kind(every),
                        topic=f"spelling of {main} ({counts[a] + counts[b]} mentions)",
                        claims=tuple(_claim(reports, form, uses) for form, uses in ordered),
                    )
                )
    return conflicts
