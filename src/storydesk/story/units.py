"""Discourse units: a sentence together with what it needs to be understood.

A sentence that leans on its predecessor (he, but, however, lower case, a quotation continued)
comes with that predecessor; a quotation split over several sentences comes whole, with the
sentence that names its speaker; a sentence naming someone by surname only comes with a
sentence that gives the full name. A sentence that does not end as one (a report cut off
mid-sentence, a heading) is in no unit. The selector takes a unit whole or not at all, and the
reading order keeps the adjacent members together, in report order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storydesk.story.discourse import (
    as_curly,
    continues_quote,
    first_word,
    is_cased,
    is_question,
    is_quotation,
    leans_by_opener,
    names_speaker,
    quote_balance,
    speaker_is_pronoun,
    unquoted,
)
from storydesk.story.people import NameIndex
from storydesk.types import Sentence

MAX_UNIT_SENTENCES = 6
# A sentence opening on one of these speaks in person (any case: "WE", "My"). Not "us": an
# opening "US" is the country ("US officials said …").
PERSONAL_OPENERS = frozenset(
    ["i", "we", "my", "our", "me", "i'm", "we're", "i've", "we've", "i'd", "i'll", "you", "your"]
)
# Outside quotation marks, a news report speaks in the third person: "I", "you", "your" or
# "let's" there is a post, a letter or ad copy speaking ("Just wanted to let you guys know I'm
# okay.", "Armed with the app, your employees can:"). "us" is left out ("US", the country).
_IN_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Oo]ur"
    r"|[Yy]ou|[Yy]ou['’](?:re|ve|d|ll)|[Yy]our|[Yy]ours|[Ll]et['’]s)\b"
)


def speaks_in_person(text: str) -> bool:
    """Outside its quotation marks, the text says "I", "we" or "you" (not a news report's voice),
    or opens on such a word in any case ("WE WILL …")."""
    plain = unquoted(text)
    return first_word(plain).lower() in PERSONAL_OPENERS or _IN_PERSON.search(plain) is not None


_ENDS_AS_SENTENCE = re.compile(r"[.!…][\"”’')\]]*\s*$")
# Any summary sentence ends as one: not a text cut off mid-sentence (the Multi-News form cuts
# each report after a word budget: "… for the start of his"), a heading or a colon's lead-in.
_ENDS_AS_TEXT = re.compile(r"[.!?…][\s\"'”’)\]]*$")
_TAIL = 64  # characters read at a sentence's end (its closing marks are fewer)


def ends_as_sentence(text: str) -> bool:
    """Closes on a full stop, "!", "?" or "…" (quotation marks and brackets after it allowed)."""
    # read from near the end: the pattern is anchored there, and sentences are long
    return _ENDS_AS_TEXT.search(text, max(0, len(text) - _TAIL)) is not None


# A pronoun subject right after a short opening phrase leans on the sentence before as much as
# an opening pronoun does ("Last year, it also recommended …", "In November, she was reported
# missing …"); the issue's orphan measure reads only the first word, a reader reads on.
_OPENING_CHARS = 120  # six words and a comma fit in this many characters
_PRONOUN_AFTER_OPENING = re.compile(
    r"(?:[^\W_][\w'’-]* ){0,5}[^\W_][\w'’-]* ?, ((?:he|she|it|they)\b.*)",
    re.IGNORECASE | re.DOTALL,
)


# Connectives of more than one word lean as "however" does, when a comma closes them ("In
# addition, another 4.4 million …"; "In addition to the fines, …" names what it adds to).
_LEANING_PHRASE = re.compile(
    r"(?:in addition|as a result|for (?:example|instance)|in fact|by contrast|in contrast"
    r"|on the other hand|even so|in turn|after that|at the same time|in other words|that said"
    r"|in response|to that end|by then|until then|since then|even then) ?,",
    re.IGNORECASE,
)


def leans_on_previous(text: str, cased: bool = True) -> bool:
    """``leans_by_opener``, a connective phrase (``_LEANING_PHRASE``), or a pronoun subject
    after a short opening phrase (not an expletive "it": "In the end, it is …" stands on its
    own, as "It is …" does)."""
    if leans_by_opener(text, cased):
        return True
    stripped = text.lstrip(" \t(—-–")
    if _LEANING_PHRASE.match(stripped):
        return True
    if "," not in stripped[:_OPENING_CHARS]:  # most sentences: no short opening phrase
        return False
    found = _PRONOUN_AFTER_OPENING.match(stripped)
    return found is not None and leans_by_opener(found.group(1).capitalize())


@dataclass(frozen=True)
class Discourse:
    """Per sentence of a story: what it leans on, and which unit it must come in."""

    needs_previous: tuple[bool, ...]  # glued to the sentence before it in its report
    inside_quote: tuple[bool, ...]  # a quotation is open when the sentence starts
    speakerless: tuple[bool, ...]  # a quotation whose unit names no speaker
    units: tuple[tuple[int, ...], ...]  # per sentence: its unit, sorted; () if unusable
    introduced_by: tuple[tuple[int, ...], ...]  # per sentence: sentences it must follow

    def standalone_news(self, index: int, sentences: Sequence[Sentence]) -> bool:
        """Fit to open a summary: the news itself, not a quotation, an orphan or a question."""
        text = sentences[index].text
        if self.units[index] != (index,) or self.introduced_by[index]:
            return False
        if self.inside_quote[index] or leans_on_previous(text) or is_question(text):
            return False
        if is_quotation(text) or text.lstrip()[:1] in "\"“‘'":
            return False
        if speaks_in_person(text):
            return False
        return bool(_ENDS_AS_SENTENCE.search(text))  # not a heading, a caption or "… court:"


def _previous(sentences: Sequence[Sentence], index: int) -> int | None:
    if index and sentences[index - 1].article_id == sentences[index].article_id:
        return index - 1
    return None


def _quote_state(sentences: Sequence[Sentence]) -> list[bool]:
    """Whether a quotation is open at each sentence's start (closed at a paragraph break)."""
    inside = [False] * len(sentences)
    for i in range(1, len(sentences)):
        before = _previous(sentences, i)
        if before is None or sentences[before].paragraph != sentences[i].paragraph:
            continue
        text = as_curly(sentences[before].text)
        if inside[before]:
            closes = [k for k in (text.find("”"), text.find('"')) if k >= 0]
            inside[i] = not closes or quote_balance(text[min(closes) + 1 :]) > 0
        else:
            inside[i] = quote_balance(text) > 0
    return inside


def _speaker_partner(
    sentences: Sequence[Sentence], i: int, inside: Sequence[bool], needs: Sequence[bool]
) -> tuple[int, ...] | None:
    """Sentences that name the speaker of quotation ``i``: the quotation's earlier sentences
    back to its start, its later ones up to the attribution ("…," she said.), or the sentence
    before it that says who speaks. () when ``i`` itself names the speaker; None when nobody
    does."""
    if names_speaker(sentences[i].text, inside[i]):
        return ()
    start = i
    while inside[start] and needs[start] and start > 0:
        start -= 1
        if names_speaker(sentences[start].text, inside[start]):
            return tuple(range(start, i))
    run = [i]
    j = i
    while j + 1 < len(sentences) and _previous(sentences, j + 1) == j and inside[j + 1]:
        j += 1
        run.append(j)
        if names_speaker(sentences[j].text, inside[j]):
            return tuple(range(start, i)) + tuple(run)
        if len(run) > MAX_UNIT_SENTENCES:
            return None
    before = _previous(sentences, start)
    if before is not None and names_speaker(sentences[before].text, inside[before]):
        # The rest of the quotation comes too: a quotation is never left open.
        return (before, *range(start, i), *run[1:])
    return None


def find_units(
    sentences: Sequence[Sentence],
    names: NameIndex | None = None,
    scores: Sequence[float] | None = None,
) -> Discourse:
    """The unit of every sentence (see the module docstring); with ``scores``, a surname is
    introduced by the best-scored sentence giving the full name, else by the nearest one."""
    n = len(sentences)
    inside = _quote_state(sentences)
    cased = is_cased([" ".join(s.text for s in sentences)])  # as the readability measure
    needs = [
        before is not None
        and (
            inside[i]
            or continues_quote(sentences[i].text)
            # In lower-cased corpora paragraphs open in lower case: that leans on nothing.
            or leans_on_previous(
                sentences[i].text, cased and sentences[before].paragraph == sentences[i].paragraph
            )
            or speaker_is_pronoun(sentences[i].text, inside[i])
        )
        for i, before in ((i, _previous(sentences, i)) for i in range(n))
    ]
    quotation = [is_quotation(s.text, inside[i]) for i, s in enumerate(sentences)]
    ended = [ends_as_sentence(s.text) for s in sentences]
    partners: list[tuple[int, ...] | None] = [
        _speaker_partner(sentences, i, inside, needs) if quotation[i] else () for i in range(n)
    ]
    introduced = [names.introducers(i) if names else () for i in range(n)]
    if scores is not None:
        introduced = [tuple(sorted(found, key=lambda j: -float(scores[j]))) for found in introduced]
    units: list[tuple[int, ...]] = []
    for i in range(n):
        members: set[int] = set()
        todo = [i]
        ok = True
        while todo and ok:
            m = todo.pop()
            if m in members:
                continue
            members.add(m)
            before = _previous(sentences, m)
            if needs[m] and before is not None:
                todo.append(before)
            if m + 1 < n and inside[m + 1] and _previous(sentences, m + 1) == m and ended[m + 1]:
                todo.append(m + 1)  # a quotation left open goes on to its end, if it has one
            partner = partners[m]
            if partner is None:
                ok = False
            elif partner:
                todo.extend(partner)
            todo.extend(introduced[m][:1])
            ok = ok and len(members) <= MAX_UNIT_SENTENCES and ended[m]
        units.append(tuple(sorted(members)) if ok else ())
    return Discourse(
        needs_previous=tuple(needs),
        inside_quote=tuple(inside),
        speakerless=tuple(p is None for p in partners),
        units=tuple(units),
        introduced_by=tuple(introduced),
    )
