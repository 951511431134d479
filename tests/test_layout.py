"""The tree reads as the architecture: layers hold, modules stay small, start-up stays light."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import storydesk

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "storydesk"
HEAVY = ("numpy", "scipy", "sklearn", "trafilatura")
MAX_LINES = 400


def test_layers_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml: no import, even inside a function, goes up."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_source_files_at_most_400_lines() -> None:
    too_long = {
        str(path.relative_to(REPO)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"split these modules (over {MAX_LINES} lines): {too_long}"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["summarize", "--help"]])
def test_cli_start_up_imports_no_heavy_library(args: list[str]) -> None:
    loaded, output = modules_loaded_by(args, HEAVY)
    assert loaded == "[]", output


def modules_loaded_by(args: list[str], watched: tuple[str, ...]) -> tuple[str, str]:
    """Which of ``watched`` the CLI run with ``args`` imported (a fresh process), and its output.

    A run that exits with an error code fails the check: the run must have done its job."""
    code = (
        "import sys\n"
        "from storydesk.cli import app\n"
        f"sys.argv = ['storydesk', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
        f"print('LOADED', [m for m in {watched!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = result.stdout.rpartition("LOADED ")[2].strip()
    return loaded, result.stdout[-500:] + result.stderr[-500:]


# What a summary needs no part of: SciPy alone cost ~1 s of start-up (its array-API layer loads
# numpy.f2py and numpy.ma), numpy.ma comes with np.unique's hashing path, rich with a console.
NOT_FOR_A_SUMMARY = ("scipy", "sklearn", "numpy.ma", "numpy.f2py", "rich")
SEED = REPO.parent / "shared" / "data" / "seeds" / "jessica-jones-season-2"


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", str(PACKAGE / "examples" / "harbor-bridge")],
        ["summarize", str(SEED)],
        ["summarize", str(PACKAGE / "examples" / "harbor-bridge"), "--words", "60", "-f", "md"],
        [
            "summarize",
            "--stories",
            str(REPO / "tests" / "fixtures" / "ingest" / "stories.jsonl"),
            "--format",
            "jsonl",
            "--skip-bad",
        ],
    ],
)
def test_summarize_imports_no_scipy(args: list[str]) -> None:
    missing = [a for a in args if a.startswith("/") and not Path(a).exists()]
    if missing:
        pytest.skip(f"{missing[0]} is not here (../shared/data)")
    loaded, output = modules_loaded_by([*args, "-o", os.devnull], NOT_FOR_A_SUMMARY)
    assert loaded == "[]", output


def test_import_storydesk_loads_no_heavy_library() -> None:
    code = f"import sys, storydesk; print([m for m in {HEAVY!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", storydesk.__all__)
def test_public_name_importable(name: str) -> None:
    assert getattr(storydesk, name) is not None
    assert name in dir(storydesk)


def test_no_subpackage_shadows_a_public_function() -> None:
    """A lazily imported submodule named like a function would rebind it on import."""
    modules = {info.name for info in pkgutil.iter_modules([str(PACKAGE)])}
    functions = {"summarize", "compare"}
    assert not modules & functions
    importlib.import_module("storydesk.story.pipeline")
    assert callable(storydesk.summarize)


def test_unknown_public_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = storydesk.nothing_here  # type: ignore[attr-defined]
