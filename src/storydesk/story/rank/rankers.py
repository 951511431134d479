"""Sentence rankers, chosen by short name from RANKERS."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from storydesk.errors import ModelError
from storydesk.settings import Settings
from storydesk.story.rank.features import FEATURE_NAMES
from storydesk.story.rank.model import RankerModel, load_model

_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}

# The trees learned from Multi-News stories cut to about 500 words. The centroid score is mixed
# in as a story grows past that: none up to MIX_FROM_WORDS, the full weight from MIX_FULL_WORDS.
MIX_FROM_WORDS = 600.0
MIX_FULL_WORDS = 1000.0


class Ranker(Protocol):
    name: str

    def background(self) -> tuple[dict[str, float] | None, float]:
        """The IDF table features are computed with (None: estimate within the story)."""
        ...

    def score(self, features: np.ndarray) -> np.ndarray:
        """One score per feature row; higher is more summary-worthy."""
        ...


class CentroidRanker:
    """Unsupervised: agreement across reports, closeness to the story centroid, and a lead prior.

    The weights are round numbers chosen by reasoning, not fitted: it is the no-model baseline.
    """

    name = "centroid"

    def background(self) -> tuple[dict[str, float] | None, float]:
        return None, 1.0

    def score(self, features: np.ndarray) -> np.ndarray:
        c = _COLUMN
        lead = 1.0 / (1.0 + features[:, c["position"]])
        return (
            1.0 * features[:, c["centroid_others"]]
            + 0.5 * features[:, c["centroid_all"]]
            + 0.5 * features[:, c["support_share"]]
            + 0.5 * features[:, c["article_terms"]]
            + 0.4 * lead
            - 0.3 * features[:, c["starts_pronoun"]]
            - 0.5 * (1.0 - features[:, c["ends_terminal"]])
        )


class LeadRanker:
    """First sentences of each report in turn: the classic news baseline."""

    name = "lead"

    def background(self) -> tuple[dict[str, float] | None, float]:
        return None, 1.0

    def score(self, features: np.ndarray) -> np.ndarray:
        c = _COLUMN
        return -features[:, c["position"]]


def _standardised(scores: np.ndarray) -> np.ndarray:
    spread = float(scores.std())
    return (scores - scores.mean()) / spread if spread > 0 else scores - scores.mean()


class LearnedRanker:
    """Gradient-boosted trees trained on Multi-News to predict a sentence's ROUGE with the
    editors' summary (see docs/model-card.md). ``model_path`` None loads the shipped model.

    ``centroid_weight`` mixes in the unsupervised centroid score (both standardised within the
    story) for stories longer than the ones the trees learned from (see ``mix_weight``): there
    the centroid's agreement signal carries better than the trees.
    """

    name = "learned"

    def __init__(self, model_path: Path | str | None = None, centroid_weight: float = 0.0) -> None:
        self.model_path = model_path
        self.centroid_weight = centroid_weight
        self._loaded: RankerModel | None = None

    @property
    def model_(self) -> RankerModel:
        """The model, loaded (and checked) on first use rather than at construction."""
        if self._loaded is not None:
            return self._loaded
        model = load_model(self.model_path)
        if model.feature_names != FEATURE_NAMES:
            raise ModelError(
                "the ranker model was trained on other features than this version computes",
                where=str(self.model_path or "shipped model"),
                hint="retrain with `storydesk train`",
            )
        self._loaded = model
        return model

    def background(self) -> tuple[dict[str, float] | None, float]:
        model = self.model_
        return model.idf, model.default_idf

    def mix_weight(self, story_words: float) -> float:
        """The centroid's weight for a story of ``story_words`` words: 0, ramping to full."""
        ramp = (story_words - MIX_FROM_WORDS) / (MIX_FULL_WORDS - MIX_FROM_WORDS)
        return self.centroid_weight * min(1.0, max(0.0, ramp))

    def score(self, features: np.ndarray) -> np.ndarray:
        learned = self.model_.trees.predict(features)
        if features.shape[0] == 0:
            return learned
        weight = self.mix_weight(float(np.expm1(features[0, _COLUMN["story_words"]])))
        if not weight:
            return learned
        centroid = CentroidRanker().score(features)
        return _standardised(learned) + weight * _standardised(centroid)


RANKERS: dict[str, type] = {
    "learned": LearnedRanker,
    "centroid": CentroidRanker,
    "lead": LeadRanker,
}


def make_ranker(
    name: str, model_path: Path | str | None = None, centroid_weight: float = 0.0
) -> Ranker:
    from storydesk.errors import ConfigError

    if name not in RANKERS:
        raise ConfigError(
            f"unknown ranker {name!r}", hint=f"choose one of: {', '.join(sorted(RANKERS))}"
        )
    if name == "learned":
        return LearnedRanker(model_path, centroid_weight)
    ranker: Ranker = RANKERS[name]()
    return ranker


def ranker_for(settings: Settings) -> Ranker:
    """The ranker the settings name, configured by them."""
    return make_ranker(
        settings.ranker, settings.model or None, centroid_weight=settings.centroid_weight
    )
