"""Numbers, quantities and ages stated differently by different reports: 40 cm / 45 cm.

Two mentions state the same fact when they count the same thing in the same words: the same
unit (or the same noun after the number: "26 states", "the 8250 block") and the same words
right beside the number ("at the age of", "Porsche … Carrera"), with the wider context sharing
content too. They conflict when their values differ, unless a report states both values there
(two facts that happen to look alike), a range holds the other value (a refinement), or the
difference is within the rounding "about" allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storydesk.comparison.quantities import (
    APPROXIMATE,
    NUMBER_WORDS,
    Quantity,
    Token,
    quantity_at,
    tokenize,
)
from storydesk.comparison.reports import Reports
from storydesk.comparison.types import Claim, Conflict
from storydesk.story.represent import STOPWORDS
from storydesk.types import Citation

_QUALIFIERS = APPROXIMATE | {"to"}  # "about", "up to": not part of what is counted
# Parts of some number, not of what is counted: the "million" of a neighbouring "24.2 million
# euros" or the "$" of "($27.2 million)" made two different executives' pay one fact.
_NUMBER_PARTS = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_SYMBOLS = re.compile(r"[^\w]+")
WINDOW = 8  # words each side whose content terms the two mentions' contexts must share
MIN_SHARED_CONTEXT = 0.15  # Jaccard of the two windows' content words
MIN_SHARED_CONTEXT_BESIDE = 0.1  # the same, when three words beside the number match
SAME_FACT = 1.3  # fact_score from which two mentions count the same thing
_MONEY = ("usd", "gbp", "eur")
_PLAIN_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.(\d+))?[^\W\d_]*")
_YEAR = re.compile(r"(18|19|20)\d\d")
_AGE_BEFORE = frozenset({"aged", "age"})
_AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|yr)[- ]old", re.IGNORECASE)
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


# Month names that scope a count ("17 states through July"); "may" is too often the verb.
_SCOPE_MONTHS = frozenset(m for m in _MONTHS if len(m) > 4 or m in ("june", "july")) - {"may"}


@dataclass(frozen=True)
class NumberMention:
    quantity: Quantity
    sentence: int  # index into Reports.sentences
    article_id: str
    head: str  # the unit, or the first content word after the number
    left: tuple[str, ...]  # up to three words before, nearest first
    right: tuple[str, ...]  # up to three words after the quantity, nearest first
    context: frozenset[str]  # content words within WINDOW words, numbers left out
    # years and months named within WINDOW words: "in 2014, when 121 cases", "through July":
    # counts at two different times are two facts, not a conflict
    years: frozenset[str]
    kind: str  # "number" or "age"


def _is_year(quantity: Quantity, tokens: list[Token], i: int) -> bool:
    if quantity.unit or quantity.is_range or quantity.low != int(quantity.low):
        return False
    previous = tokens[i - 1].lower if i > 0 else ""
    return 1800 <= quantity.low <= 2100 or previous in _MONTHS


def _kind(tokens: list[Token], quantity: Quantity, sentence: str) -> str:
    """ "age" for "aged 45", "at the age of 91", "a 7-year-old", "Randy Lambach, 45,"."""
    first = quantity.first
    before = tokens[first - 1].lower if first > 0 else ""
    if before in _AGE_BEFORE or before == "of" and first > 1 and tokens[first - 2].lower == "age":
        return "age"
    if _AGE_AFTER.match(sentence, tokens[first].end):
        return "age"
    after = sentence[tokens[quantity.last].end : tokens[quantity.last].end + 2]
    if first > 0 and tokens[first - 1].text[0].isupper() and after.startswith(","):
        between = sentence[tokens[first - 1].end : tokens[first].start]
        if between.strip() == ",":
            return "age"
    return "number"


def number_mentions(reports: Reports) -> list[NumberMention]:
    """Every quantity in the kept sentences, except years and days of the month (dates)."""
    mentions: list[NumberMention] = []
    for index, sentence in enumerate(reports.sentences):
        if not _MAY_HOLD_NUMBER.search(sentence.text):
            continue
        tokens = tokenize(sentence.text)
        words = [t.lower for t in tokens]
        i = 0
        while i < len(tokens):
            if not (tokens[i].text[0].isdigit() or words[i] in NUMBER_WORDS):
                i += 1
                continue
            quantity = quantity_at(tokens, i, sentence.text)
            if quantity is None:
                i += 1
                continue
            i = quantity.last + 1
            if (
                _is_year(quantity, tokens, quantity.first)
                or quantity.low == 1
                and not quantity.unit
            ):
                continue
            mentions.append(
                _mention(quantity, tokens, words, index, sentence.article_id, sentence.text)
            )
    return mentions


def _mention(
    quantity: Quantity,
    tokens: list[Token],
    words: list[str],
    index: int,
    article_id: str,
    text: str,
) -> NumberMention:
    before = [
        w
        for w in words[max(0, quantity.first - 5) : quantity.first]
        if w not in _QUALIFIERS and not _SYMBOLS.fullmatch(w)
    ]
    right = tuple(words[quantity.last + 1 : quantity.last + 4])
    head = quantity.unit or next(
        (w for w in right if w not in STOPWORDS and not w[0].isdigit()), ""
    )
    window = words[max(0, quantity.first - WINDOW) : quantity.first]
    window += words[quantity.last + 1 : quantity.last + 1 + WINDOW]
    context = frozenset(
        w
        for w in window
        if w not in STOPWORDS and len(w) > 2 and not w[0].isdigit() and w not in _NUMBER_PARTS
    )
    years = frozenset(w for w in window if _YEAR.fullmatch(w) or w in _SCOPE_MONTHS)
    left = tuple(reversed(before[-3:]))
    kind = _kind(tokens, quantity, text)
    return NumberMention(quantity, index, article_id, head, left, right, context, years, kind)


_MAY_HOLD_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred)\b",
    re.IGNORECASE,
)


def _adjacent(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many words, from the number outwards, two sides share in order."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def same_fact(a: NumberMention, b: NumberMention) -> bool:
    """Do two mentions count the same thing?"""
    if a.quantity.dimension != b.quantity.dimension or a.kind != b.kind:
        return False
    if not a.head or a.head != b.head and not (a.quantity.dimension and a.quantity.unit):
        return False
    return fact_score(a, b) >= SAME_FACT


def _near(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Content words two sides share within three words of the number, in any order."""
    return len({w for w in a if w not in STOPWORDS} & {w for w in b if w not in STOPWORDS})


def fact_score(a: NumberMention, b: NumberMention) -> float:
    """Evidence that two mentions count the same thing: words right beside the number (in
    order, then in any order), the same explicit unit, and the context words in common."""
    union = a.context | b.context
    shared = len(a.context & b.context) / len(union) if union else 0.0
    beside = _adjacent(a.left, b.left) + _adjacent(a.right, b.right)
    # Three words in order right beside the number are strong evidence of their own.
    gate = MIN_SHARED_CONTEXT_BESIDE if beside >= 3 else MIN_SHARED_CONTEXT
    if shared < gate or a.years and b.years and not a.years & b.years:
        return 0.0  # little in common, or counts of different years
    if a.kind == "age" and beside < 2:
        return 0.0  # an age belongs to the person named right beside it: "7-year-old Maria"
    near = _near(a.left, b.left) + _near(a.right[1:] if a.head == a.right[:1] else a.right, b.right)
    # A shared physical unit is evidence; a shared currency is not (a story names many sums).
    unit = (
        1 if a.quantity.dimension not in ("", *_MONEY) and a.quantity.unit == b.quantity.unit else 0
    )
    return 0.5 * (beside + near + unit) + 3.0 * (shared - MIN_SHARED_CONTEXT)


def differ(a: Quantity, b: Quantity) -> bool:
    """Different amounts: not equal, not one inside the other's range, not within the
    rounding an "about" on either side allows."""
    if a.agrees(b) or a.is_range != b.is_range and (a.contains(b) or b.contains(a)):
        return False
    if _rounded_alike(a, b):
        return False
    if a.approximate or b.approximate:
        low_a, high_a = a.base
        low_b, high_b = b.base
        middle_a, middle_b = (low_a + high_a) / 2, (low_b + high_b) / 2
        return abs(middle_a - middle_b) > 0.05 * max(abs(middle_a), abs(middle_b))
    return True


def _decimals(quantity: Quantity) -> int | None:
    """Decimal places of a plain number as written ("15.99": 2, "16": 0); None otherwise."""
    match = _PLAIN_NUMBER.search(quantity.text)
    if match is None or quantity.is_range or any(c.isalpha() for c in match.group()):
        return None
    return len(match.group(1) or "")


def _rounded_alike(a: Quantity, b: Quantity) -> bool:
    """$15.99 and $16: the more precise value, rounded as the other is written, is equal."""
    places_a, places_b = _decimals(a), _decimals(b)
    if places_a is None or places_b is None or places_a == places_b or a.unit != b.unit:
        return False
    places = min(places_a, places_b)
    return round(a.low, places) == round(b.low, places)


def _states(mentions: list[NumberMention], article_id: str, like: NumberMention) -> bool:
    """Does the report state this value too? A number of three digits or more anywhere in it
    counts (such numbers seldom recur by chance); a smaller one only beside the same head."""
    distinctive = like.quantity.low >= 100
    return any(
        m.article_id == article_id
        and (distinctive or m.head == like.head)
        and not differ(m.quantity, like.quantity)
        and m.quantity.unit == like.quantity.unit
        for m in mentions
    )


def _varies(mentions: list[NumberMention], own: NumberMention, other: NumberMention) -> bool:
    """Does ``own``'s report itself give another value for what ``other`` counts, matching it
    at least as well? Then the amount changes over time (a net worth by year): not one fact."""
    return any(
        m.article_id == own.article_id
        and m is not own
        and m.head == own.head
        and differ(m.quantity, own.quantity)
        and fact_score(m, other) >= max(SAME_FACT, fact_score(own, other))
        for m in mentions
    )


def _value(quantity: Quantity) -> str:
    return quantity.text


def number_conflicts(reports: Reports) -> tuple[list[Conflict], list[Conflict]]:
    """(conflicts, refinements) between the reports' numbers."""
    groups: dict[str, list[NumberMention]] = {}
    for mention in number_mentions(reports):
        if mention.head:  # only mentions of one dimension or one counted noun can match
            groups.setdefault(mention.quantity.dimension or mention.head, []).append(mention)
    conflicts: list[Conflict] = []
    refinements: list[Conflict] = []
    everything = [m for group in groups.values() for m in group]
    for mentions in groups.values():
        _pairs(reports, mentions, everything, conflicts, refinements)
    return _merge(conflicts), _merge(refinements)


def _pairs(
    reports: Reports,
    mentions: list[NumberMention],
    everything: list[NumberMention],
    conflicts: list[Conflict],
    refinements: list[Conflict],
) -> None:
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if a.article_id == b.article_id or not same_fact(a, b):
                continue
            qa, qb = a.quantity, b.quantity
            refinement = qa.is_range != qb.is_range and (qa.contains(qb) or qb.contains(qa))
            if not refinement and not differ(qa, qb):
                continue
            if not refinement and (
                _states(everything, a.article_id, b)
                or _states(everything, b.article_id, a)
                or _varies(mentions, a, b)
                or _varies(mentions, b, a)
            ):
                continue
            topic = _topic(a, b)
            claims = tuple(_claim(reports, m) for m in (a, b))
            record = Conflict(kind=a.kind, topic=topic, claims=claims)
            (refinements if refinement else conflicts).append(record)


def _topic(a: NumberMention, b: NumberMention) -> str:
    """The words both mentions share beside the number: "crack … centimetres long"."""
    left = [w for w in reversed(a.left) if w in b.left and w not in STOPWORDS]
    right = [w for w in a.right if w in b.right and w not in STOPWORDS and w != a.head]
    return " ".join([*left, "…", a.head, *right]).strip()


def _claim(reports: Reports, mention: NumberMention) -> Claim:
    sentence = reports.sentences[mention.sentence]
    citation = Citation(sentence.article_id, sentence.start, sentence.end)
    return Claim(sentence.text, (citation,), value=_value(mention.quantity))


def _merge(conflicts: list[Conflict]) -> list[Conflict]:
    """One conflict per fact: pairs that share a claim (the same value in the same sentence)
    join; claims with the same value join, citing each of their reports."""
    groups: list[tuple[Conflict, list[Claim]]] = []
    for conflict in conflicts:
        for first, group in groups:
            if first.kind == conflict.kind and set(conflict.claims) & set(group):
                group.extend(c for c in conflict.claims if c not in group)
                break
        else:
            groups.append((conflict, list(conflict.claims)))
    out: list[Conflict] = []
    for first, group in groups:
        by_value: dict[str, list[Claim]] = {}
        for claim in group:
            by_value.setdefault(claim.value or "", []).append(claim)
        claims = tuple(
            Claim(
                same[0].text,
                tuple(dict.fromkeys(c for claim in same for c in claim.citations)),
                value=value,
            )
            for value, same in by_value.items()
        )
        out.append(Conflict(first.kind, first.topic, claims))
    return out
