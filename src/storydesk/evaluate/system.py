"""What a summarizer under test is to ``storydesk eval``, and the order its picks are shown in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from storydesk.story.select import fit_budget
from storydesk.types import Sentence, Story


def source_order(story: Story, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences sorted by report (as the story lists them), then by place in the report."""
    rank = {article.id: index for index, article in enumerate(story.articles)}
    return sorted(sentences, key=lambda s: (rank.get(s.article_id, len(rank)), s.start))


class System:
    """A summarizer under test: (story, our sentences, word budget) -> output sentences."""

    name: ClassVar[str] = ""
    needs_references: ClassVar[bool] = False

    def __init__(self, variant: str | None = None) -> None:
        self.variant = variant

    @property
    def label(self) -> str:
        return f"{self.name}:{self.variant}" if self.variant else self.name

    def rank(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[int]:
        """Indices of ``sentences``, best first (need not list them all)."""
        raise NotImplementedError

    def summarize(self, story: Story, sentences: Sequence[Sentence], words: int) -> list[str]:
        ranked = [sentences[i] for i in self.rank(story, sentences, words)]
        return [s.text for s in source_order(story, fit_budget(ranked, words=words))]
