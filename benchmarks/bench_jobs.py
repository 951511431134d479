"""`--jobs N` against `--jobs 1`: the whole summarize command, run in alternation, round by round.

    python benchmarks/bench_jobs.py [--data FILE] [--jobs 2] [--rounds 8] [--limit N]

Each round runs ``python -m storydesk summarize --stories FILE -f jsonl -o /dev/null`` once
with ``--jobs 1`` and once with ``--jobs N`` (which goes first alternates between rounds), and
prints each round's wall and CPU seconds and its speed-up (jobs-1 wall over jobs-N wall), then
the fastest of each and the spread of the per-round speed-ups. On a machine shared with other
programs a round is only as good as the cores free during it: read the load column, and the
per-round spread, not one number. CPU seconds (user + system of the command and its workers)
say how much work the workers add (cold per-process caches, copy-on-write of shared pages).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/multinews-raw/dev.jsonl.gz"


def whole(data: Path, jobs: int, limit: int | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers)."""
    argv = [sys.executable, "-m", "storydesk", "summarize", "--stories", str(data)]
    argv += ["--jobs", str(jobs), "-f", "jsonl", "-o", os.devnull]
    argv += ["--limit", str(limit)] if limit else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    whole(args.data, 1, 2)  # warm the file cache
    header = ("round", "load", "j1 s", "j1 cpu", "jN s", "jN cpu", "speed-up")
    print(" ".join(f"{h:>8}" for h in header))
    one: list[tuple[float, float]] = []
    many: list[tuple[float, float]] = []
    for r in range(args.rounds):
        load = os.getloadavg()[0]
        order = (1, args.jobs) if r % 2 == 0 else (args.jobs, 1)
        got = {jobs: whole(args.data, jobs, args.limit) for jobs in order}
        one.append(got[1])
        many.append(got[args.jobs])
        (one_wall, one_cpu), (many_wall, many_cpu) = got[1], got[args.jobs]
        cells = (load, one_wall, one_cpu, many_wall, many_cpu)
        row = " ".join(f"{c:8.2f}" for c in cells)
        print(f"{r + 1:8} {row} {one_wall / many_wall:7.2f}x")
    ratios = [a[0] / b[0] for a, b in zip(one, many, strict=True)]
    fastest_one, fastest_many = min(w for w, _ in one), min(w for w, _ in many)
    print(
        f"fastest: --jobs 1 {fastest_one:.2f} s, --jobs {args.jobs} {fastest_many:.2f} s: "
        f"{fastest_one / fastest_many:.2f}x; per round median {statistics.median(ratios):.2f}x "
        f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x); CPU s median "
        f"{statistics.median(c for _, c in one):.2f} vs {statistics.median(c for _, c in many):.2f}"
        f" ({args.data.name}, {args.limit or 'all'} stories)"
    )


if __name__ == "__main__":
    main()
