"""Length-independent similarity: the crowd level of each article's candidates."""

from __future__ import annotations

import numpy as np
import pytest

from storydesk.feed.similarity import crowd_levels


@pytest.mark.parametrize(("depth", "levels"), [(1, [9.0, 7.0, 0.0]), (2, [5.0, 0.0, 0.0])])
def test_crowd_levels_read_the_depth_th_best_candidate_or_0_without_one(
    depth: int, levels: list[float]
) -> None:
    # article 0 has three candidates (z 5, 9, 1), article 1 one (z 7), article 2 none
    z = np.array([5.0, 7.0, 9.0, 1.0])
    rows = np.array([0, 1, 0, 0])
    assert crowd_levels(z, rows, 3, depth).tolist() == levels
