"""One Settings object: defaults file < config file < environment < explicit overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from storydesk.errors import ConfigError

ENV_PREFIX = "STORYDESK_"


# The selectors ``story.select`` provides, by name (checked against its registry by a test).
SELECTORS = ("coverage", "score")


@dataclass(frozen=True)
class Settings:
    words: int = 250
    sentences: int = 0
    ranker: str = "learned"
    model: str = ""
    centroid_weight: float = 0.5
    selector: str = "coverage"
    score_weight: float = 2.0
    redundancy: float = 0.5
    fill: float = 1.0
    order: str = "story"
    min_sentence_words: int = 6
    max_sentence_words: int = 80
    support: float = 0.65
    clean: bool = True
    jobs: int = 1
    skip_bad: bool = False
    cluster_threshold: float = 4.5
    window_days: float = 0.0
    desk_batch_size: int = 1000
    cluster_min_cosine: float = 0.11
    cluster_cosine_growth: float = 0.025
    cluster_growth_until: int = 3000
    cluster_regroup_until: int = 24000
    compare_agreement: int = 6
    compare_exclusives: int = 6
    compare_timeline: int = 12
    compare_max_chars: int = 2_000_000
    max_body_bytes: int = 10_000_000
    desk_busy_timeout: float = 30.0
    max_article_mb: float = 50.0
    story_max_articles: int = 200
    dask_chunk_lines: int = 32
    dask_chunk_bytes: int = 1048576

    def __post_init__(self) -> None:
        if self.words < 1 and self.sentences < 1:
            raise ConfigError(
                f"word budget must be at least 1, got {self.words}",
                hint="pass --words N with N >= 1",
            )
        if self.sentences < 0:
            raise ConfigError(f"sentence budget must be >= 0, got {self.sentences}")
        if not 0.0 < self.redundancy <= 1.0:
            raise ConfigError(f"redundancy must be in (0, 1], got {self.redundancy}")
        if not 0.0 < self.fill <= 1.0:
            raise ConfigError(f"fill must be in (0, 1], got {self.fill}")
        if not 0.0 < self.support <= 1.0:
            raise ConfigError(f"support must be in (0, 1], got {self.support}")
        if self.order not in ("story", "source", "score"):
            raise ConfigError(f"order must be 'story', 'source' or 'score', got {self.order!r}")
        if self.selector not in SELECTORS:
            raise ConfigError(
                f"unknown selector {self.selector!r}", hint=f"choose one of: {', '.join(SELECTORS)}"
            )
        if self.score_weight < 0:
            raise ConfigError(f"score_weight must be >= 0, got {self.score_weight}")
        if self.centroid_weight < 0:
            raise ConfigError(f"centroid_weight must be >= 0, got {self.centroid_weight}")
        if not 0.0 < self.cluster_threshold <= 100.0:
            raise ConfigError(
                f"cluster_threshold must be in (0, 100] (a z-score), got {self.cluster_threshold}"
            )
        if self.window_days < 0:
            raise ConfigError(
                f"window_days must be >= 0 (0: no hard window), got {self.window_days}"
            )
        if self.desk_batch_size < 1:
            raise ConfigError(f"desk_batch_size must be >= 1, got {self.desk_batch_size}")
        for name in ("cluster_min_cosine", "cluster_cosine_growth"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {getattr(self, name)}")
        for name in ("cluster_growth_until", "cluster_regroup_until"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be >= 1 (articles), got {getattr(self, name)}")
        if self.max_body_bytes < 1:
            raise ConfigError(f"max_body_bytes must be >= 1, got {self.max_body_bytes}")
        if self.jobs < 1:
            raise ConfigError(f"jobs must be >= 1, got {self.jobs}")
        for name in ("compare_agreement", "compare_exclusives", "compare_timeline"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be >= 0, got {getattr(self, name)}")
        if self.compare_max_chars < 1:
            raise ConfigError(f"compare_max_chars must be >= 1, got {self.compare_max_chars}")
        if self.desk_busy_timeout < 0:
            raise ConfigError(f"desk_busy_timeout must be >= 0, got {self.desk_busy_timeout}")
        if self.max_article_mb <= 0:
            raise ConfigError(f"max_article_mb must be > 0, got {self.max_article_mb}")
        if self.story_max_articles < 1:
            raise ConfigError(f"story_max_articles must be >= 1, got {self.story_max_articles}")
        if self.dask_chunk_lines < 1 or self.dask_chunk_bytes < 1:
            raise ConfigError("dask_chunk_lines and dask_chunk_bytes must be >= 1")

    @property
    def max_article_bytes(self) -> int:
        return int(self.max_article_mb * 1024 * 1024)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given (not None) values replaced and type-checked."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **_coerce(given, where="overrides"))


def _field_types() -> dict[str, type]:
    return {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}


def _coerce(values: dict[str, Any], where: str) -> dict[str, Any]:
    types = _field_types()
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in types:
            known = ", ".join(sorted(types))
            raise ConfigError(f"unknown setting {name!r}", where=where, hint=f"known: {known}")
        wanted = types[name]
        try:
            if wanted is bool and isinstance(value, str):
                if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
                    raise ValueError(value)
                value = value.lower() in ("1", "true", "yes")
            elif wanted is bool:
                value = bool(value)
            elif wanted is float and isinstance(value, (int, float, str)):
                value = float(value)
            elif wanted is int and not isinstance(value, bool):
                value = int(value)
            elif wanted is str:
                value = str(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"setting {name!r} must be of type {wanted.__name__}, got {value!r}", where=where
            ) from None
        out[name] = value
    return out


def _read_toml(path: Path | str, where: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8") if isinstance(path, Path) else path
        return tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError("config file not found", where=where) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", where=where) from None


def load_settings(
    config: Path | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build Settings from the shipped defaults, a config file, the environment and overrides."""
    defaults_text = resources.files("storydesk").joinpath("defaults.toml").read_text("utf-8")
    values = _coerce(_read_toml(defaults_text, "defaults.toml"), "defaults.toml")
    if config is not None:
        values.update(_coerce(_read_toml(config, str(config)), str(config)))
    env = os.environ if environ is None else environ
    from_env = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in env.items()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in _field_types()
    }
    values.update(_coerce(from_env, "environment"))
    values.update(_coerce({k: v for k, v in overrides.items() if v is not None}, "flags"))
    return Settings(**values)
