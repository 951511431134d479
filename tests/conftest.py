"""Shared fixtures: hand-written test stories, and the real shared data where present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydesk.types import Article

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds" / "jessica-jones-season-2"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (clone the project beside ../shared)")
    return path


@pytest.fixture
def seed_dir() -> Path:
    """The two real reports the project was started from (read from ../shared, never copied)."""
    return _need(SEEDS)


@pytest.fixture
def shared_data() -> Path:
    return _need(SHARED_DATA)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def load_feed() -> list[Article]:
    """The hand-written mixed feed of the clustering, desk and digest tests."""
    lines = (FIXTURES / "cluster_feed.jsonl").read_text(encoding="utf-8").splitlines()
    return [Article(**json.loads(line)) for line in lines]


@pytest.fixture
def feed() -> list[Article]:
    return load_feed()
