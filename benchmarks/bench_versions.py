"""Two checkouts of storydesk on the same stories, in alternation: the per-story speed-up of a
change, measured in one run (noise on a shared machine hits both alike).

    git archive <old-commit> src | tar -x -C /tmp/old
    python benchmarks/bench_versions.py /tmp/old/src src [--rounds 3] [--limit 60] [--data FILE]

Each round runs the summarize loop of each checkout in a fresh process (after a two-story
warm-up) and the table keeps each checkout's fastest round, in wall and in CPU seconds (CPU
time moves less with the load of other programs).

    python benchmarks/bench_versions.py OLD/src src --stages   # CPU seconds per stage
    python benchmarks/bench_versions.py OLD/src src --whole    # the whole command, start-up in

``--stages`` runs ``bench_stages.py`` under each checkout in alternation and keeps each stage's
fastest CPU seconds; ``--whole`` runs ``python -m storydesk summarize --stories FILE --jobs 1``
(bytecode compiled first for both checkouts) and reads its CPU seconds from the child's usage.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/multinews-raw/dev.jsonl.gz"
LOOP = """
import itertools, sys, time
from storydesk.batch.local import summarize_stories
from storydesk.ingest import read_stories
from storydesk.settings import Settings
stories = list(itertools.islice(read_stories(sys.argv[1]), int(sys.argv[2])))
list(summarize_stories(stories[:2], Settings()))
start, cpu = time.perf_counter(), time.process_time()
list(summarize_stories(stories, Settings()))
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def seconds(src: Path, data: Path, limit: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the loop in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    argv = [sys.executable, "-c", LOOP, str(data), str(limit)]
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def whole_seconds(src: Path, data: Path, limit: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the whole summarize command (start-up included)."""
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    argv = [sys.executable, "-m", "storydesk", "summarize", "--stories", str(data)]
    argv += ["--limit", str(limit), "--jobs", "1", "-f", "jsonl", "-o", os.devnull]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def stage_seconds(src: Path, data: Path, limit: int) -> dict[str, float]:
    """CPU seconds per stage (``bench_stages.py``) under one checkout."""
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    script = Path(__file__).with_name("bench_stages.py")
    argv = [sys.executable, str(script), str(data), "--limit", str(limit)]
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    return {row[0]: float(row[1]) for row in rows if len(row) >= 2}


def compare_stages(args: argparse.Namespace) -> None:
    best: dict[str, dict[str, float]] = {"before": {}, "after": {}}
    for _ in range(args.rounds):
        for name, table in best.items():
            for stage, value in stage_seconds(getattr(args, name), args.data, args.limit).items():
                table[stage] = min(table.get(stage, float("inf")), value)
    print(f"{'stage':10} {'before cpu':>10} {'after cpu':>10} {'after/before':>12}")
    for stage, old in best["before"].items():
        new = best["after"][stage]
        print(f"{stage:10} {old:10.3f} {new:10.3f} {new / old if old else float('nan'):12.2f}")
    print(f"({args.data.name}, {args.limit} stories; fastest of {args.rounds} rounds per stage)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--stages", action="store_true", help="CPU seconds per stage")
    parser.add_argument("--whole", action="store_true", help="the whole command, start-up in")
    args = parser.parse_args()
    if args.stages:
        compare_stages(args)
        return
    measure = seconds
    if args.whole:
        for src in (args.before, args.after):
            compileall.compile_dir(src / "storydesk", quiet=1)
        measure = whole_seconds
    best = {"before": (float("inf"),) * 2, "after": (float("inf"),) * 2}
    for _ in range(args.rounds):
        for name, (wall, cpu) in best.items():
            new_wall, new_cpu = measure(getattr(args, name), args.data, args.limit)
            best[name] = (min(wall, new_wall), min(cpu, new_cpu))
    print(f"{'checkout':10} {'seconds':>8} {'stories/s':>9} {'cpu s':>8}")
    for name, (wall, cpu) in best.items():
        print(f"{name:10} {wall:8.2f} {args.limit / wall:9.1f} {cpu:8.2f}")
    (old_wall, old_cpu), (new_wall, new_cpu) = best["before"], best["after"]
    print(
        f"speed-up: {old_wall / new_wall:.2f}x wall, {old_cpu / new_cpu:.2f}x CPU "
        f"({args.data.name}, {args.limit} stories{', whole command' if args.whole else ''}; "
        f"fastest of {args.rounds} rounds each)"
    )


if __name__ == "__main__":
    main()
