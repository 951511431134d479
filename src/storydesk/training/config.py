"""What a training run needs to know; light, so the command line can show its defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TrainingConfig:
    data: Path
    stories: int = 20000
    idf_stories: int = 20000
    trees: int = 300
    leaves: int = 31
    learning_rate: float = 0.05
    seed: int = 13
    jobs: int = 2
    label: str = "precision"  # or "oracle" (greedy ROUGE selection) or "mixed" (their sum)
