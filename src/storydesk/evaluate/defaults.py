"""Defaults of ``storydesk eval`` and ``storydesk gate``, light enough for the command line's
help to show them without loading what measures."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SYSTEMS = "storydesk,lead,oracle,lexrank,textrank,sumbasic,lsa"
DEFAULT_FLOORS = Path("benchmarks") / "gate" / "floors.json"
