"""The quality gate: pinned data, floors that only go up, a written reason to lower one."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from storydesk.evaluate.gate import (
    DEFAULT_FLOORS,
    GateError,
    load_floors,
    pin_slice,
    run_gate,
    update_floors,
)

REPO_FLOORS = Path(__file__).resolve().parents[2] / DEFAULT_FLOORS


@pytest.fixture
def floors(story_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "floors.json"
    pin_slice(path, "hand", story_file, relative_to=tmp_path, words=40)
    report = run_gate(path, data_root=tmp_path, systems=["lead"])
    update_floors(path, report)
    return path


def _set_floor(path: Path, value: float) -> None:
    data = json.loads(path.read_text())
    data["slices"]["hand"]["floors"]["lead"]["rouge2"] = value
    path.write_text(json.dumps(data))


def test_gate_passes_at_its_floors(floors: Path, tmp_path: Path) -> None:
    report = run_gate(floors, data_root=tmp_path)
    assert report.ok
    assert {(c.system, c.metric) for c in report.checks} == {
        ("lead", "rouge1"),
        ("lead", "rouge2"),
        ("lead", "rougeL"),
    }
    assert all(c.floor is not None and c.value >= c.floor for c in report.checks)


def test_gate_fails_on_a_drop(floors: Path, tmp_path: Path) -> None:
    _set_floor(floors, 99.0)
    report = run_gate(floors, data_root=tmp_path)
    assert not report.ok
    assert [(c.system, c.metric) for c in report.failures] == [("lead", "rouge2")]


def test_gate_tolerates_float_noise(floors: Path, tmp_path: Path) -> None:
    measured = run_gate(floors, data_root=tmp_path).checks[1].value
    _set_floor(floors, measured + 0.04)
    assert run_gate(floors, data_root=tmp_path).ok


def test_gate_refuses_changed_data(floors: Path, tmp_path: Path, story_file: Path) -> None:
    with gzip.open(story_file, "at", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "extra", "documents": [{"id": "d", "text": "Hi."}]}))
    with pytest.raises(GateError, match="data of slice 'hand' changed"):
        run_gate(floors, data_root=tmp_path)


def test_gate_refuses_missing_data(floors: Path, tmp_path: Path) -> None:
    with pytest.raises(GateError, match="pinned data file not found"):
        run_gate(floors, data_root=tmp_path / "elsewhere")


def test_update_raises_floors_but_never_lowers_silently(floors: Path, tmp_path: Path) -> None:
    _set_floor(floors, 1.0)
    changes = update_floors(floors, run_gate(floors, data_root=tmp_path))
    assert any(c.startswith("hand/lead/rouge2: 1.0 -> ") for c in changes)
    _set_floor(floors, 99.0)
    with pytest.raises(GateError, match="refusing to lower floors"):
        update_floors(floors, run_gate(floors, data_root=tmp_path))
    assert load_floors(floors)["slices"]["hand"]["floors"]["lead"]["rouge2"] == 99.0


def test_lowering_needs_a_reason_and_is_logged(floors: Path, tmp_path: Path) -> None:
    _set_floor(floors, 99.0)
    report = run_gate(floors, data_root=tmp_path)
    with pytest.raises(GateError, match="needs a written reason"):
        update_floors(floors, report, allow_lower=True, reason="  ")
    update_floors(
        floors, report, allow_lower=True, reason="new cleaner drops captions", today="2024-05-01"
    )
    data = load_floors(floors)
    assert data["slices"]["hand"]["floors"]["lead"]["rouge2"] < 99.0
    assert data["log"][-1]["reason"] == "new cleaner drops captions"
    assert data["log"][-1]["date"] == "2024-05-01"


def test_gate_command_exits_nonzero_on_drop(floors: Path, tmp_path: Path) -> None:
    from storydesk.cli.evaluate import gate_command

    app = typer.Typer()
    app.command()(gate_command)
    args = ["--floors", str(floors), "--data", str(tmp_path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    _set_floor(floors, 99.0)
    outcome = CliRunner().invoke(app, args)
    assert outcome.exit_code == 1
    assert "DROP" in outcome.stdout


def test_pinned_floors_hold_on_shared_data(shared_data: Path) -> None:
    """The CI gate: every system with floors in benchmarks/gate/floors.json holds them."""
    report = run_gate(REPO_FLOORS, data_root=shared_data)
    assert report.checks, "the floors file pins no floor"
    assert report.ok, "; ".join(
        f"{c.slice}/{c.system}/{c.metric}: {c.value:.2f} < floor {c.floor}" for c in report.failures
    )


def test_gate_command_returns_exit_code(floors: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storydesk.cli import app

    runner = CliRunner()
    args = ["gate", "--floors", str(floors), "--data", str(tmp_path)]
    assert runner.invoke(app, args).exit_code == 0
    _set_floor(floors, 99.0)
    assert runner.invoke(app, args).exit_code == 1
    assert runner.invoke(app, ["gate", "--floors", str(tmp_path / "missing.json")]).exit_code == 2


@pytest.mark.parametrize(
    ("failures", "allowed", "ok"), [(0, 0, True), (1, 0, False), (1, 1, True), (2, 1, False)]
)
def test_check_fails_when_more_stories_fail_than_pinned(
    failures: int, allowed: int, ok: bool
) -> None:
    from storydesk.evaluate.gate import Check

    check = Check("s", "storydesk", "rouge1", 45.0, 44.0, 0.05, failures, allowed)
    assert check.ok is ok
