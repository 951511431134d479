"""Summarizers compared by ``storydesk eval``: storydesk, baselines, the oracle and peers.

Every system is fed the same sentences (the pipeline's cleaned, segmented ones) and the
same word budget. A system ranks those sentences; the shared budget rule turns the
ranking into an output, shown in source order (report by report, as sumy shows its
picks), so only the choice of sentences differs between systems.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from random import Random
from typing import Any

from storydesk.errors import ConfigError
from storydesk.evaluate.oracle import greedy_oracle
from storydesk.evaluate.system import System
from storydesk.types import Sentence, Story


class Lead(System):
    """The first sentence of each report in turn, then the second of each, and so on."""

    name = "lead"

    def rank(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[int]:
        order = {article.id: index for index, article in enumerate(story.articles)}
        return sorted(
            range(len(sentences)),
            key=lambda i: (sentences[i].position, order.get(sentences[i].article_id, 0), i),
        )


class RandomOrder(System):
    """Sentences in a random order seeded by the story id: the floor any method must clear."""

    name = "random"

    def rank(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[int]:
        indices = list(range(len(sentences)))
        Random(zlib.crc32(story.id.encode("utf-8"))).shuffle(indices)
        return indices


class Oracle(System):
    """Greedy ROUGE-1+2 selection against the references: the extractive ceiling."""

    name = "oracle"
    needs_references = True

    def rank(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[int]:
        return greedy_oracle([s.text for s in sentences], list(story.references), words)


class Storydesk(System):
    """storydesk itself, through its public pipeline. The variant names a ranker, a selector
    or both joined by "+": ``storydesk:centroid``, ``storydesk:score``,
    ``storydesk:centroid+score``."""

    name = "storydesk"

    def __init__(self, variant: str | None = None, settings: Any = None) -> None:
        super().__init__(variant)
        self.settings = settings
        self.overrides = variant_overrides(variant)
        self._rankers: dict[Any, Any] = {}  # by settings: loaded once per run, not per story

    def summarize(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[str]:
        from storydesk.settings import load_settings
        from storydesk.story.pipeline import Prepared, summarize_prepared, summarize_story
        from storydesk.story.rank import ranker_for

        base = self.settings if self.settings is not None else load_settings()
        settings = base.with_overrides(words=words, sentences=0, **self.overrides)
        if settings not in self._rankers:
            self._rankers[settings] = ranker_for(settings)
        ranker = self._rankers[settings]
        if len(story.articles) > settings.story_max_articles:  # summarized from a subset
            return [s.text for s in summarize_story(story, settings, ranker).sentences]
        # The sentences every system is fed are the pipeline's own: summarize them, rather
        # than clean and segment the story a second time.
        prepared = Prepared(story, tuple(sentences), removed=())
        return [s.text for s in summarize_prepared(prepared, settings, ranker).sentences]


def variant_overrides(variant: str | None) -> dict[str, str]:
    """Settings a ``storydesk:`` variant names, checked against the two registries."""
    from storydesk.story.rank.rankers import RANKERS
    from storydesk.story.select import SELECTORS

    overrides: dict[str, str] = {}
    for part in (variant or "").split("+"):
        if not part:
            continue
        key = "ranker" if part in RANKERS else "selector" if part in SELECTORS else None
        if key is None or key in overrides:
            raise ConfigError(
                f"bad storydesk variant {variant!r}",
                where="--systems",
                hint=f"name a ranker ({', '.join(RANKERS)}), a selector "
                f"({', '.join(SELECTORS)}) or one of each joined by '+'",
            )
        overrides[key] = part
    return overrides


def _peer(name: str) -> Callable[[str | None], System]:
    def build(variant: str | None) -> System:
        from storydesk.evaluate.peers import make_peer

        return make_peer(name, variant)

    return build


SYSTEMS: dict[str, Callable[[str | None], System]] = {
    "storydesk": Storydesk,
    "lead": Lead,
    "oracle": Oracle,
    "random": RandomOrder,
    "lexrank": _peer("lexrank"),
    "textrank": _peer("textrank"),
    "sumbasic": _peer("sumbasic"),
    "lsa": _peer("lsa"),
}


def make_systems(spec: str | Sequence[str], settings: Any = None) -> list[System]:
    """Systems from a comma list such as ``storydesk,storydesk:centroid,lead,lexrank``."""
    names = [s.strip() for s in spec.split(",")] if isinstance(spec, str) else list(spec)
    systems: list[System] = []
    seen: set[str] = set()
    for item in names:
        if not item:
            continue
        name, _, variant = item.partition(":")
        if name not in SYSTEMS:
            raise ConfigError(
                f"unknown system {name!r}",
                where="--systems",
                hint=f"choose from {', '.join(SYSTEMS)}",
            )
        if item in seen:
            continue
        seen.add(item)
        system = (
            Storydesk(variant or None, settings)
            if name == "storydesk"
            else SYSTEMS[name](variant or None)
        )
        systems.append(system)
    if not systems:
        raise ConfigError("no system to evaluate", where="--systems", hint="e.g. --systems lead")
    return systems
