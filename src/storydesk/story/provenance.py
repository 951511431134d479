"""What made an output: storydesk's version, and short digests of its settings and ranker model.

Two outputs with the same three values came from the same code, settings and model, so they are
the same for the same input (the pipeline is deterministic).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from storydesk.settings import Settings
from storydesk.types import MadeBy

DIGEST_CHARS = 12
# Settings that change how a run goes, never what it outputs: left out of the digest, so that
# e.g. --jobs 2 and --jobs 1 are known to give the same records.
NOT_IN_OUTPUT = frozenset(
    {
        "jobs",
        "skip_bad",
        "desk_batch_size",
        "desk_busy_timeout",
        "max_body_bytes",
        "dask_chunk_lines",
        "dask_chunk_bytes",
    }
)


def settings_digest(settings: Settings) -> str:
    """sha256 of the settings that shape outputs, as sorted JSON, shortened."""
    try:
        return _digest_of_hashable(settings)  # a batch asks once per story: computed once
    except TypeError:  # a field holds something unhashable
        return _settings_digest(settings)


@lru_cache(maxsize=16)
def _digest_of_hashable(settings: Settings) -> str:
    return _settings_digest(settings)


def _settings_digest(settings: Settings) -> str:
    shaping = {k: v for k, v in asdict(settings).items() if k not in NOT_IN_OUTPUT}
    text = json.dumps(shaping, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


@lru_cache(maxsize=16)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return digest[:DIGEST_CHARS]


def model_digest(settings: Settings, ranker_name: str) -> str:
    """sha256 of the model file the learned ranker reads; the ranker's name for the others."""
    if ranker_name != "learned":
        return ranker_name
    path = Path(settings.model) if settings.model else _shipped_model()
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return _file_digest(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=1)
def _shipped_model() -> Path:
    with resources.as_file(resources.files("storydesk").joinpath("models/ranker.npz")) as path:
        return Path(path)


def made_by(settings: Settings, ranker_name: str) -> MadeBy:
    # The root package is always loaded before any of its modules; reading its version through
    # sys.modules keeps this layer from importing the top of the package (the layers forbid it).
    version = str(sys.modules["storydesk"].__version__)
    return MadeBy(version, settings_digest(settings), model_digest(settings, ranker_name))
