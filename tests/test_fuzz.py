"""A short fuzz run in the test suite: a few hundred hostile inputs, no crash (see benchmarks)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("hypothesis", reason="the fuzz extra (hypothesis) is not installed")

FUZZ = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"


def _fuzz_module() -> ModuleType:
    if "storydesk_fuzz" in sys.modules:
        return sys.modules["storydesk_fuzz"]
    spec = importlib.util.spec_from_file_location("storydesk_fuzz", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_fuzz_short_run_finds_no_crash() -> None:
    fuzz = _fuzz_module()
    crashes = fuzz.fuzz(200, seed_value=16)
    assert crashes.cases == 200
    assert crashes.found == []


@pytest.mark.parametrize(
    ("text", "start", "end", "ok"),
    [("Bridge opens.", 0, 13, True), ("Bridge opens.", 1, 13, False)],
)
def test_fuzz_invariant_sentence_matches_source(text: str, start: int, end: int, ok: bool) -> None:
    fuzz = _fuzz_module()
    assert fuzz.sentence_matches_source("Bridge opens.", text, start, end) is ok


def test_fuzz_counts_a_raising_stage_as_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    fuzz = _fuzz_module()

    def broken(case: object, story: object, folder: object) -> list[str]:
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(fuzz._TARGETS, "summarize", broken)
    crashes = fuzz.Crashes()
    case = {
        "target": "summarize",
        "texts": ["A bridge opened on Monday."],
        "ids": None,
        "budget": {},
        "published": None,
        "encoding": "utf-8",
    }
    fuzz.run_case(case, crashes, Path("."))
    assert [stage for stage, _, _ in crashes.found] == ["summarize"]
    assert "ZeroDivisionError" in crashes.found[0][1]
