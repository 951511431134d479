"""Start-up of the command line, as whole processes, beside ``python -c pass`` for scale.

    python benchmarks/bench_startup.py [--runs 9]

Each command runs ``--runs`` times in a fresh process (after one unmeasured warm-up run, so
the file cache is warm for all alike); the table gives the median and fastest wall time and
the median's ratio to bare Python start-up measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "src" / "storydesk" / "examples" / "harbor-bridge"


def commands() -> dict[str, list[str]]:
    python = sys.executable
    storydesk = str(Path(python).with_name("storydesk"))
    return {
        "python -c pass": [python, "-c", "pass"],
        "storydesk --version": [storydesk, "--version"],
        "storydesk --help": [storydesk, "--help"],
        "storydesk summarize --help": [storydesk, "summarize", "--help"],
        "storydesk summarize harbor-bridge (3 reports)": [storydesk, "summarize", str(EXAMPLE)],
    }


def wall_times(argv: list[str], runs: int) -> list[float]:
    subprocess.run(argv, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    rows = [(name, wall_times(argv, args.runs)) for name, argv in commands().items()]
    base = statistics.median(rows[0][1])
    print(f"| command | median s | fastest s | × python -c pass |  ({args.runs} runs each)")
    print("|---|---|---|---|")
    for name, times in rows:
        median = statistics.median(times)
        print(f"| {name} | {median:.3f} | {min(times):.3f} | {median / base:.1f} |")


if __name__ == "__main__":
    main()
