"""The settings issue 16 adds: defaults, environment overrides, and out-of-range values refused."""

from __future__ import annotations

import pytest

from storydesk.errors import ConfigError
from storydesk.settings import load_settings


def test_limits_defaults() -> None:
    settings = load_settings(environ={})
    assert settings.desk_busy_timeout == 30.0
    assert settings.max_article_bytes == 50 * 2**20
    assert settings.story_max_articles == 200


def test_limits_from_environment() -> None:
    settings = load_settings(
        environ={"STORYDESK_MAX_ARTICLE_MB": "2", "STORYDESK_DASK_CHUNK_LINES": "8"}
    )
    assert settings.max_article_bytes == 2 * 2**20 and settings.dask_chunk_lines == 8


@pytest.mark.parametrize(
    "bad",
    [
        {"desk_busy_timeout": -1},
        {"max_article_mb": 0},
        {"story_max_articles": 0},
        {"dask_chunk_lines": 0},
        {"dask_chunk_bytes": 0},
    ],
)
def test_limits_out_of_range_are_config_errors(bad: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        load_settings(environ={}, **bad)
