import pytest

from storydesk.errors import InputError
from storydesk.evaluate.bootstrap import paired_bootstrap

# Per-story ROUGE-1 of two systems on ten stories (hand-written, shaped like real scores).
BASE = [41.2, 47.9, 38.5, 52.3, 44.0, 39.8, 49.1, 45.6, 36.7, 50.2]


@pytest.mark.parametrize(
    ("shift", "above"),
    [
        ([1.5, 0.8, 2.1, 1.1, 0.9, 1.7, 1.3, 0.6, 1.9, 1.2], True),  # ahead on every story
        ([3.0, -2.5, 1.0, -1.5, 2.0, -3.0, 0.5, -0.5, 2.5, -1.0], False),  # a coin toss
    ],
)
def test_paired_bootstrap_interval_above_zero_only_for_a_steady_lead(
    shift: list[float], above: bool
) -> None:
    improved = [b + s for b, s in zip(BASE, shift, strict=True)]
    interval = paired_bootstrap(improved, BASE, samples=2000)
    assert interval.above_zero is above
    assert interval.low <= interval.difference <= interval.high
    assert interval.difference == pytest.approx(sum(shift) / len(shift))


def test_paired_bootstrap_identical_systems_give_a_zero_interval() -> None:
    interval = paired_bootstrap(BASE, BASE, samples=500)
    assert (interval.low, interval.difference, interval.high) == (0.0, 0.0, 0.0)
    assert not interval.above_zero


def test_paired_bootstrap_is_deterministic_for_a_seed() -> None:
    other = [b + (i % 3) - 0.5 for i, b in enumerate(BASE)]
    first = paired_bootstrap(other, BASE, samples=1500, seed=7)
    assert first == paired_bootstrap(other, BASE, samples=1500, seed=7)
    assert "95% interval" in first.describe()


@pytest.mark.parametrize(("a", "b"), [(BASE, BASE[:-1]), ([], [])])
def test_paired_bootstrap_rejects_unpaired_scores(a: list[float], b: list[float]) -> None:
    with pytest.raises(InputError):
        paired_bootstrap(a, b)
