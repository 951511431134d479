from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.errors import ConfigError
from storydesk.settings import Settings, load_settings


def test_load_settings_defaults_match_the_dataclass() -> None:
    assert load_settings(environ={}) == Settings()


def test_load_settings_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("words = 120\nranker = 'centroid'\nredundancy = 0.4\n")
    settings = load_settings(config, environ={"STORYDESK_WORDS": "90"}, redundancy=0.3)
    assert (settings.words, settings.ranker, settings.redundancy) == (90, "centroid", 0.3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wordz = 3\n", "unknown setting 'wordz'"),
        ("words = 'many'\n", "must be of type int"),
        ("words = [\n", "not valid TOML"),
        ("redundancy = 2.0\n", "redundancy must be in"),
        ("selector = 'ilp'\n", "unknown selector 'ilp'"),
        ("score_weight = -1.0\n", "score_weight must be >= 0"),
    ],
)
def test_load_settings_bad_config_names_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, environ={})


def test_settings_rejects_a_zero_budget() -> None:
    with pytest.raises(ConfigError, match="word budget must be at least 1"):
        Settings(words=0)
