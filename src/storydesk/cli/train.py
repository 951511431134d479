"""`storydesk train`: rebuild the shipped sentence ranker from the shared data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storydesk.cli.common import reports_errors, stderr
from storydesk.training.config import TrainingConfig


@reports_errors
def train_command(
    data: Annotated[Path, typer.Option(help="Story-schema JSONL[.gz] with reference summaries.")],
    out: Annotated[Path, typer.Option(help="Where to write the model (.npz).")],
    stories: Annotated[int, typer.Option(help="Stories to learn from.")] = TrainingConfig.stories,
    idf_stories: Annotated[
        int, typer.Option(help="Stories whose articles give the IDF table.")
    ] = TrainingConfig.idf_stories,
    trees: Annotated[int, typer.Option(help="Boosting rounds.")] = TrainingConfig.trees,
    leaves: Annotated[int, typer.Option(help="Leaves per tree.")] = TrainingConfig.leaves,
    seed: Annotated[int, typer.Option(help="Random seed.")] = TrainingConfig.seed,
    jobs: Annotated[int, typer.Option(help="Worker processes for features.")] = TrainingConfig.jobs,
) -> None:
    """Train the learned ranker (deterministic for the same data and options)."""
    from storydesk.training.train import train_to_file

    config = TrainingConfig(
        data=data,
        stories=stories,
        idf_stories=idf_stories,
        trees=trees,
        leaves=leaves,
        seed=seed,
        jobs=jobs,
    )
    with stderr.status("training the sentence ranker"):
        stats = train_to_file(config, out)
    stderr.print(f"wrote {out}: {int(stats['sentences'])} training sentences")
