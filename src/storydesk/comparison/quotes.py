"""Quotations: who said what, every report that carries it, and how each words it.

A quotation is text between double quotes (straight or curly) inside one paragraph, five
words or more. Its speaker comes from the attribution beside it ("…," Vazquez said. / Mayor
Elena Vasquez told reporters: "…"); a pronoun ("she said") is the last person named before
the quote in its paragraph. A surname alone is resolved to the fullest name the story gives
for it. Quotes worded differently across reports are variants of one quote, not conflicts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storydesk.comparison.reports import Reports, plain_words
from storydesk.comparison.types import Quote, QuoteVariant
from storydesk.types import Citation

MIN_WORDS = 5  # shorter quoted text is a title, a nickname or a scare quote
SAME_QUOTE = 0.6  # share of the shorter quote's word pairs the other must carry
_QUOTE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+"
_VERBS = (
    r"said|says|told|added|explained|wrote|asked|continued|noted|recalled|tweeted|insisted"
    r"|stated|declared|argued|warned|replied|admitted|acknowledged"
)
_AFTER_NAME_FIRST = re.compile(rf"^[\s,]*(?:—\s*)?(?P<name>{_NAME}|he|she|they)\s+(?:{_VERBS})\b")
_AFTER_VERB_FIRST = re.compile(
    rf"^[\s,]*(?:said|says|added|wrote|continued|explained|recalled)\s+(?P<name>{_NAME})"
)
_BEFORE = re.compile(rf"(?P<name>{_NAME}|[Hh]e|[Ss]he|They)\s+(?:{_VERBS})[^.\"“”]{{0,60}}[:,]\s*$")
_FULL_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]+){1,3}")
_PRONOUNS = frozenset({"he", "she", "they"})
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "mayor",
        "president",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "judge",
        "detective",
        "officer",
        "chief",
        "secretary",
        "minister",
        "prime",
        "prof",
        "professor",
        "showrunner",
        "actress",
        "actor",
        "lawyer",
        "attorney",
        "general",
        "lt",
        "sgt",
        "capt",
        "captain",
        "inspector",
        "spokesman",
        "spokeswoman",
        "coach",
        "director",
        "the",
    ]
)


@dataclass(frozen=True)
class QuoteMention:
    article_id: str
    start: int  # offsets of the quoted words (marks left out) in the article
    end: int
    text: str
    speaker: str | None
    pairs: frozenset[tuple[str, str]]  # adjacent word pairs, for matching wordings
    key: tuple[str, ...]  # the words, lower case: identical wordings share it


def _strip_titles(name: str) -> str:
    words = name.replace(".", "").split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def _last_name_before(text: str) -> str | None:
    names = [_strip_titles(m.group()) for m in _FULL_NAME.finditer(text)]
    people = [n for n in names if len(n.split()) >= 2]
    return people[-1] if people else None


def _speaker(text: str, start: int, end: int, paragraph_start: int) -> str | None:
    after = text[end + 1 : end + 120]
    before = text[paragraph_start : max(paragraph_start, start - 1)]
    name: str | None = None
    for match in (_AFTER_VERB_FIRST.match(after), _AFTER_NAME_FIRST.match(after)):
        if match:
            name = match.group("name")
            break
    if name is None:
        match = _BEFORE.search(before[-160:])
        if match:
            name = match.group("name")
    if name is None:
        return None
    if name.lower() in _PRONOUNS:
        return _last_name_before(before)
    return _strip_titles(name)


def quote_mentions(reports: Reports) -> list[QuoteMention]:
    found: list[QuoteMention] = []
    for article_id, p_start, p_end in reports.paragraphs:
        text = reports.text_of(article_id)
        previous: str | None = None
        for match in _QUOTE.finditer(text, p_start, p_end):
            group = 1 if match.group(1) is not None else 2
            start, end = match.start(group), match.end(group)
            inner = text[start:end].strip().rstrip(",")
            words = plain_words(inner)
            if len(words) < MIN_WORDS:
                continue
            start += len(text[start:end]) - len(text[start:end].lstrip())
            end = start + len(inner)
            speaker = _speaker(text, match.start(), match.end() - 1, p_start) or previous
            previous = speaker
            pairs = frozenset(zip(words, words[1:], strict=False))
            found.append(QuoteMention(article_id, start, end, inner, speaker, pairs, tuple(words)))
    return found


def _full_names(reports: Reports) -> Counter[str]:
    names: Counter[str] = Counter()
    for sentence in reports.sentences:
        for match in _FULL_NAME.finditer(sentence.text):
            name = _strip_titles(match.group())
            if len(name.split()) >= 2:
                names[name] += 1
    return names


def resolve(speaker: str | None, names: Counter[str]) -> str | None:
    """A surname (or partial name) to the most used full name that ends with or holds it."""
    if speaker is None:
        return None
    if len(speaker.split()) >= 2 and speaker in names:
        return speaker
    last = speaker.split()[-1]
    fuller = [(count, len(n), n) for n, count in names.items() if n.split()[-1] == last]
    if not fuller and len(speaker.split()) == 1:
        fuller = [(count, len(n), n) for n, count in names.items() if speaker in n.split()]
    return max(fuller)[2] if fuller else speaker


def _same(a: QuoteMention, b: QuoteMention) -> bool:
    if a.key == b.key:
        return True
    smaller = min(len(a.pairs), len(b.pairs))
    return smaller > 0 and len(a.pairs & b.pairs) / smaller >= SAME_QUOTE


def _wordings(group: list[QuoteMention]) -> list[QuoteMention]:
    """One mention per distinct wording in a group."""
    return list({m.key: m for m in group}.values())


def quotes(reports: Reports, aliases: dict[str, str] | None = None) -> list[Quote]:
    """Every quotation, those most reports carry first. ``aliases`` maps a respelt name to the
    form the story uses most (from the name conflicts), so one speaker keeps one name."""
    aliases = aliases or {}
    names = _full_names(reports)
    groups: list[list[QuoteMention]] = []
    by_key: dict[tuple[str, ...], list[QuoteMention]] = {}
    for mention in quote_mentions(reports):
        group = by_key.get(mention.key)  # the same words: no need to compare wordings
        if group is None:
            group = next((g for g in groups if any(_same(mention, o) for o in _wordings(g))), None)
        if group is None:
            group = []
            groups.append(group)
        group.append(mention)
        by_key.setdefault(mention.key, group)
    made: list[tuple[int, int, Quote]] = []
    for order, group in enumerate(groups):
        main = group[0]
        citations = [Citation(m.article_id, m.start, m.end) for m in group if m.key == main.key]
        variants: dict[tuple[str, ...], list[QuoteMention]] = {}
        for m in group:
            if m.key != main.key:
                variants.setdefault(m.key, []).append(m)
        speakers = Counter(
            " ".join(aliases.get(w, w) for w in s.split())
            for m in group
            if (s := resolve(m.speaker, names))
        )
        speaker = max(speakers.items(), key=lambda kv: (kv[1], len(kv[0])))[0] if speakers else None
        quote = Quote(
            speaker=speaker,
            text=main.text,
            citations=tuple(citations),
            variants=tuple(
                QuoteVariant(ms[0].text, tuple(Citation(m.article_id, m.start, m.end) for m in ms))
                for ms in variants.values()
            ),
        )
        made.append((-len(quote.document_ids), order, quote))
    return [quote for *_, quote in sorted(made, key=lambda t: (t[0], t[1]))]
