"""Paired bootstrap: is system A ahead of system B on these stories, or is it noise?

Both systems are scored on the same stories; the stories are resampled with replacement and
the mean per-story difference recomputed each time. The interval is the middle ``confidence``
share of those means (percentile bootstrap). It is above zero when A's lead survives the
choice of stories, which is what "A beats B" has to mean on a 60-story dev set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storydesk.errors import InputError


@dataclass(frozen=True)
class PairedInterval:
    """Mean of A - B over the stories and its bootstrap interval."""

    difference: float
    low: float
    high: float
    confidence: float
    stories: int
    samples: int

    @property
    def above_zero(self) -> bool:
        return self.low > 0.0

    def describe(self) -> str:
        share = round(self.confidence * 100)
        return (
            f"{self.difference:+.2f} ({share}% interval {self.low:+.2f} to {self.high:+.2f}, "
            f"{self.stories} stories, {self.samples} resamples)"
        )


def paired_bootstrap(
    a: Sequence[float],
    b: Sequence[float],
    *,
    samples: int = 10000,
    confidence: float = 0.95,
    seed: int = 0,
) -> PairedInterval:
    """The mean of ``a[i] - b[i]`` and its percentile bootstrap interval (deterministic: the
    resampling uses its own generator seeded with ``seed``)."""
    first = np.asarray(a, dtype=np.float64)
    second = np.asarray(b, dtype=np.float64)
    if first.shape != second.shape or first.ndim != 1:
        raise InputError(
            f"paired scores must be two equal-length lists, got {first.shape} and {second.shape}",
            hint="score both systems on the same stories, in the same order",
        )
    if first.size == 0:
        raise InputError("no stories to compare", hint="score at least one story")
    if not 0.0 < confidence < 1.0:
        raise InputError(f"confidence {confidence} is not between 0 and 1")
    differences = first - second
    rng = np.random.default_rng(seed)
    means = np.empty(samples)
    block = 1000  # resamples per batch: bounds memory for long story lists
    for start in range(0, samples, block):
        count = min(block, samples - start)
        picks = rng.integers(0, differences.size, size=(count, differences.size))
        means[start : start + count] = differences[picks].mean(axis=1)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return PairedInterval(
        difference=float(differences.mean()),
        low=float(low),
        high=float(high),
        confidence=confidence,
        stories=int(differences.size),
        samples=samples,
    )
