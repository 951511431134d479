"""The quality gate: storydesk on a pinned slice of data must not score below its floors.

The floors file pins each slice's data by SHA-256 (changed data cannot pass silently
as a quality change) and stores one floor per system and metric. Raising floors is an
ordinary edit (``update_floors``); lowering one needs ``allow_lower`` and a written
reason, which is kept in the file's log.

Run it as ``storydesk gate`` (or ``python -m storydesk gate``).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydesk.errors import StorydeskError
from storydesk.evaluate.defaults import DEFAULT_FLOORS
from storydesk.evaluate.runner import Preparer, run_eval, sha256_of
from storydesk.evaluate.systems import make_systems

GATE_METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL")


class GateError(StorydeskError):
    """The gate cannot run: a missing or changed data file, a bad floors file, a refused edit."""


@dataclass(frozen=True)
class Check:
    """One measured mean against its floor."""

    slice: str
    system: str
    metric: str
    value: float
    floor: float | None
    tolerance: float
    failures: int = 0  # stories the system could not summarize (scored zero)
    allowed_failures: int = 0  # as many as when the floor was set (e.g. an all-junk story)

    @property
    def ok(self) -> bool:
        if self.floor is None:
            return True
        return self.failures <= self.allowed_failures and self.value >= self.floor - self.tolerance


@dataclass(frozen=True)
class GateReport:
    checks: tuple[Check, ...]
    seconds: dict[str, float]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def default_data_root(floors_path: Path) -> Path:
    """``../shared/data`` beside the repository holding ``benchmarks/gate/floors.json``."""
    repo = floors_path.resolve().parent.parent.parent
    return repo.parent / "shared" / "data"


def load_floors(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError(
            "floors file not found", where=str(path), hint="pass --floors PATH"
        ) from None
    except json.JSONDecodeError as exc:
        raise GateError(f"floors file is not valid JSON: {exc}", where=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("slices"), dict):
        raise GateError("floors file has no 'slices' object", where=str(path))
    for name, spec in data["slices"].items():
        for key in ("path", "sha256", "words"):
            if key not in spec:
                raise GateError(f"slice {name!r} lacks {key!r}", where=str(path))
    return data


def save_floors(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def _round_down(value: float) -> float:
    return math.floor(value * 100) / 100


def run_gate(
    floors_path: Path = DEFAULT_FLOORS,
    *,
    data_root: Path | None = None,
    systems: Sequence[str] = (),
    slices: Sequence[str] = (),
    prepare: Preparer | None = None,
    settings: Any = None,
    on_slice: Callable[[str], None] | None = None,
) -> GateReport:
    """Measure every system that has floors (plus ``systems``) on every pinned slice."""
    floors = load_floors(floors_path)
    root = data_root or default_data_root(floors_path)
    tolerance = float(floors.get("tolerance", 0.05))
    metrics = tuple(floors.get("metrics", GATE_METRICS))
    checks: list[Check] = []
    seconds: dict[str, float] = {}
    for name, spec in floors["slices"].items():
        if slices and name not in slices:
            continue
        data_file = root / spec["path"]
        if not data_file.exists():
            raise GateError(
                "pinned data file not found", where=str(data_file), hint="pass --data DIR"
            )
        digest = sha256_of(data_file)
        if digest != spec["sha256"]:
            raise GateError(
                f"data of slice {name!r} changed: sha256 {digest} != pinned {spec['sha256']}",
                where=str(data_file),
                hint="restore the pinned file, or pin the new one in a commit that says why",
            )
        wanted = list(dict.fromkeys([*spec.get("floors", {}), *systems]))
        if not wanted:
            continue
        if on_slice:
            on_slice(name)
        result = run_eval(
            data_file,
            make_systems(wanted, settings),
            words=int(spec["words"]),
            limit=spec.get("limit"),
            settings=settings,
            prepare=prepare,
        )
        seconds[name] = sum(s.seconds for s in result.systems) + result.prepare_seconds
        for system in result.systems:
            floor_row = spec.get("floors", {}).get(system.label, {})
            for metric in metrics:
                floor = floor_row.get(metric)
                checks.append(
                    Check(
                        name,
                        system.label,
                        metric,
                        system.mean_f1(metric),
                        floor,
                        tolerance,
                        system.failures,
                        int(floor_row.get("failures", 0)),
                    )
                )
    return GateReport(tuple(checks), seconds)


def update_floors(
    floors_path: Path,
    report: GateReport,
    *,
    allow_lower: bool = False,
    reason: str | None = None,
    today: str | None = None,
) -> list[str]:
    """Move floors to the measured values (rounded down to 0.01); returns what changed.

    Floors only go up, unless ``allow_lower`` with a ``reason``, which is logged in the file.
    """
    if allow_lower and not (reason and reason.strip()):
        raise GateError(
            "lowering a floor needs a written reason", hint='pass --reason "why quality may drop"'
        )
    data = load_floors(floors_path)
    changes: list[str] = []
    lowered: list[str] = []
    for check in report.checks:
        row = data["slices"][check.slice].setdefault("floors", {}).setdefault(check.system, {})
        new = _round_down(check.value)
        old = row.get(check.metric)
        where = f"{check.slice}/{check.system}/{check.metric}"
        if check.metric == GATE_METRICS[0] or "failures" not in row:
            allowed = row.get("failures")
            if allowed is None or check.failures < allowed:
                row["failures"] = check.failures
                changes.append(
                    f"{check.slice}/{check.system}/failures: {allowed} -> {check.failures}"
                )
            elif check.failures > allowed and allow_lower:
                row["failures"] = check.failures
                lowered.append(
                    f"{check.slice}/{check.system}/failures: {allowed} -> {check.failures}"
                )
                changes.append(lowered[-1])
        if old is None or new > old:
            row[check.metric] = new
            changes.append(f"{where}: {old} -> {new}")
        elif new < old and allow_lower:
            row[check.metric] = new
            changes.append(f"{where}: {old} -> {new}")
            lowered.append(f"{where}: {old} -> {new}")
    if lowered:
        data.setdefault("log", []).append(
            {
                "date": today or _dt.date.today().isoformat(),
                "lowered": lowered,
                "reason": (reason or "").strip(),
            }
        )
    elif not allow_lower and any(not c.ok for c in report.checks):
        refused = ", ".join(f"{c.slice}/{c.system}/{c.metric}" for c in report.failures)
        raise GateError(
            f"refusing to lower floors ({refused})",
            hint='fix the drop, or pass --allow-lower --reason "..." to accept it',
        )
    if changes:
        save_floors(floors_path, data)
    return changes


def pin_slice(
    floors_path: Path,
    name: str,
    data_file: Path,
    *,
    relative_to: Path,
    words: int,
    limit: int | None = None,
) -> None:
    """Add (or re-pin) a slice with its data file's SHA-256; floors come from a later run."""
    data = load_floors(floors_path) if floors_path.exists() else {"slices": {}}
    data.setdefault("tolerance", 0.05)
    data.setdefault("metrics", list(GATE_METRICS))
    entry = data["slices"].setdefault(name, {})
    entry.update(
        {
            "path": data_file.resolve().relative_to(relative_to.resolve()).as_posix(),
            "sha256": sha256_of(data_file),
            "words": words,
            "limit": limit,
        }
    )
    entry.setdefault("floors", {})
    save_floors(floors_path, data)
