"""Shared fixtures: hand-written test stories, and the real shared data where present."""

from __future__ import annotations

from pathlib import Path

import pytest

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
