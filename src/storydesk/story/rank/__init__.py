"""Sentence scoring: features, the shipped learned model, and the ranker registry."""

from storydesk.story.rank.features import FEATURE_NAMES, sentence_features
from storydesk.story.rank.rankers import (
    RANKERS,
    CentroidRanker,
    LearnedRanker,
    Ranker,
    make_ranker,
    ranker_for,
)

__all__ = [
    "FEATURE_NAMES",
    "RANKERS",
    "CentroidRanker",
    "LearnedRanker",
    "Ranker",
    "make_ranker",
    "ranker_for",
    "sentence_features",
]
