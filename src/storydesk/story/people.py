"""People named by surname only, and the sentences that introduce them by full name.

A capitalised-name heuristic over the story's own text (no NER model, nothing to load): a
surname is a capitalised word that the story also writes after a capitalised first name
("Melissa Rosenberg"); a sentence mentions someone by surname only when it writes "Rosenberg
said", "said Rosenberg" or "Ms. Rosenberg" without the full name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storydesk.story.discourse import SPEECH_VERB_PATTERN, SPEECH_VERBS
from storydesk.types import Sentence

_NOT_FIRST_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "But",
        "Or",
        "In",
        "On",
        "At",
        "Of",
        "For",
        "To",
        "With",
        "By",
        "From",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "This",
        "That",
        "These",
        "Those",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sen",
        "Rep",
        "Gov",
        "President",
        "Senator",
        "Judge",
        "Officer",
        "Prime",
        "Minister",
        "Secretary",
        "General",
        "Chief",
        "Justice",
        "Lord",
        "Sir",
        "Saint",
        "St",
        "New",
        "North",
        "South",
        "East",
        "West",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "According",
        "After",
        "When",
        "While",
        "If",
        "Since",
        "Before",
        "During",
        "Under",
        "Over",
        "Into",
        "Showrunner",
        "Actress",
        "Actor",
        "Director",
        "Producer",
        "Former",
        "Mayor",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Pope",
        "Rev",
        "Capt",
        "Lt",
        "Col",
        "Sgt",
        "Coach",
        "Police",
        "Detective",
        "Attorney",
        "Professor",
        "Speaker",
        "Leader",
        "Chairman",
        "Chairwoman",
        "Commissioner",
        "Governor",
        "Ambassador",
    ]
)
_CAP = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*"
# Every capitalised first-name + surname pair, overlapping ones too. The match takes the first
# capital only (then "the character before it is no word character", i.e. \b); starting on a
# character class lets the engine skip to the next capital instead of trying every position.
_FULL = re.compile(
    rf"[A-Z](?<!\w[A-Z])(?=([a-z]+(?:[-'’][A-Z]?[a-z]+)*)\s+(?:[A-Z]\.\s+)?({_CAP})\b)"
)
_VERBS = SPEECH_VERB_PATTERN
_SURNAME_ONLY = re.compile(
    rf"(?:\b(?:Mr|Mrs|Ms|Dr)\.?\s+({_CAP})\b)"
    rf"|(?:(?<![A-Za-z.]\s)(?<![A-Za-z])\b({_CAP})(?:,\s[^,]{{1,60}},)?\s+(?:{_VERBS})\b)"
    rf"|(?:\b(?:{_VERBS}),?\s+({_CAP})\b(?!\s+{_CAP}))"
)


_TRIGGER_WORDS = frozenset(SPEECH_VERBS | {"Mr", "Mrs", "Ms", "Dr"})
_LETTER_RUN = re.compile(r"[A-Za-z]+")


def full_names(text: str) -> dict[str, str]:
    """Surname -> "First Surname" for every capitalised first-name + surname pair in ``text``."""
    found: dict[str, str] = {}
    for match in _FULL.finditer(text):
        first, last = match.group(0) + match.group(1), match.group(2)
        if first in _NOT_FIRST_NAMES or last in _NOT_FIRST_NAMES:
            continue
        found.setdefault(last, f"{first} {last}")
    return found


def surnames_alone(
    text: str, known: set[str] | frozenset[str], named: dict[str, str] | None = None
) -> list[str]:
    """Known surnames the sentence uses without a first name before them (``named``: the
    sentence's ``full_names``, when already known)."""
    if _TRIGGER_WORDS.isdisjoint(_LETTER_RUN.findall(text)):
        return []  # every match holds a title or a speech verb as a whole word
    named = full_names(text) if named is None else named
    alone: list[str] = []
    for match in _SURNAME_ONLY.finditer(text):
        surname = next(g for g in match.groups() if g)
        start = match.start(match.lastindex or 1)
        before = text[:start].rstrip().split()
        if before and before[-1][:1].isupper() and before[-1].rstrip(".") not in _NOT_FIRST_NAMES:
            continue  # "Melissa Rosenberg said": the full name is right there
        if surname in known and surname not in named and surname not in alone:
            alone.append(surname)
    return alone


@dataclass(frozen=True)
class NameIndex:
    """Which sentences write whose full name, and who each sentence names by surname only."""

    sentences: tuple[Sentence, ...]
    full_in: dict[str, tuple[int, ...]]  # surname -> sentences with the full name
    alone_in: tuple[tuple[str, ...], ...]  # per sentence: surnames used alone
    named: tuple[dict[str, str], ...] = ()  # per sentence: its full_names, when built

    @classmethod
    def build(cls, sentences: Sequence[Sentence]) -> NameIndex:
        named = tuple(full_names(sentence.text) for sentence in sentences)
        full_in: dict[str, list[int]] = {}
        for i, found in enumerate(named):
            for surname in found:
                full_in.setdefault(surname, []).append(i)
        known = frozenset(full_in)
        # A sentence that holds none of the known surnames uses none alone.
        alone = tuple(
            tuple(surnames_alone(s.text, known, found))
            if any(map(s.text.__contains__, known))
            else ()
            for s, found in zip(sentences, named, strict=True)
        )
        return cls(tuple(sentences), {k: tuple(v) for k, v in full_in.items()}, alone, named)

    def full_names_of(self, index: int) -> dict[str, str]:
        return self.named[index] if self.named else full_names(self.sentences[index].text)

    def introducers(self, index: int) -> tuple[int, ...]:
        """For the first surname used alone: sentences with the full name, best first (the
        nearest earlier one in the same report, then the first in each other report)."""
        if not self.alone_in[index]:
            return ()
        candidates = self.full_in[self.alone_in[index][0]]
        own = self.sentences[index].article_id
        earlier = [c for c in candidates if c < index and self.sentences[c].article_id == own]
        others = [c for c in candidates if self.sentences[c].article_id != own]
        return tuple(reversed(earlier)) + tuple(others)

    def unmet(self, index: int, before: Sequence[int]) -> list[str]:
        """Surnames sentence ``index`` uses alone that none of ``before`` introduced."""
        shown = {name for i in before for name in self.full_names_of(i)}
        return [name for name in self.alone_in[index] if name not in shown]
