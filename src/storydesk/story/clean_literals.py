"""Where the cleaning catalogue's trigger literals stand in an article: all of them, one pass.

Cleaning asks, per article, which of some 270 literals (page triggers, inline rules' triggers,
junk-sentence literals) occur and where. One ``str.find`` loop per literal reads the article
once per literal; an Aho-Corasick automaton (pyahocorasick) reads it once for all of them and
reports every occurrence, overlapping ones too: the same (start, end) spots, in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping

import ahocorasick

from storydesk.story import clean_rules as catalogue
from storydesk.story import clean_sentences

Spots = list[tuple[int, int]]


class LiteralSets:
    """Named tuples of literals, found together (constructors store, ``spots`` searches)."""

    def __init__(self, sets: Mapping[str, tuple[str, ...]]) -> None:
        self.names = tuple(sets)
        # literal -> (its length, the sets holding it, once per time each holds it)
        members: dict[str, list[str]] = {}
        for name, literals in sets.items():
            for literal in literals:
                if not literal:
                    raise ValueError(f"empty literal in {name!r}: it would stand everywhere")
                members.setdefault(literal, []).append(name)
        automaton = ahocorasick.Automaton()
        for literal, names in members.items():
            automaton.add_word(literal, (len(literal), tuple(names)))
        if members:
            automaton.make_automaton()
        self._automaton = automaton if members else None

    def spots(self, text: str) -> dict[str, Spots]:
        """Per set: (start, end) of every occurrence of each of its literals in ``text``,
        overlapping ones too, ordered; exactly what a ``text.find`` loop per literal finds."""
        found: dict[str, Spots] = {name: [] for name in self.names}
        if self._automaton is not None:
            for last, (length, names) in self._automaton.iter(text):
                spot = (last + 1 - length, last + 1)
                for name in names:
                    found[name].append(spot)
        for spots in found.values():
            spots.sort()
        return found


# The catalogue's sets, by name: the page triggers, the page literals, the junk-sentence
# literals and each inline rule's triggers (under "inline <kind>").
CATALOGUE = LiteralSets(
    {
        "page-triggers": catalogue.PAGE_TRIGGERS,
        "page": catalogue.PAGE_LITERALS,
        "sentence": clean_sentences.SENTENCE_LITERALS,
    }
    | {f"inline {kind}": triggers for kind, triggers, _pattern in catalogue.INLINE_RULES}
)
