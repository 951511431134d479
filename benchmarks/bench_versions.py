"""Two checkouts of storydesk on the same stories, in alternation: the per-story speed-up of a
change, measured in one run (noise on a shared machine hits both alike).

    git archive <old-commit> src | tar -x -C /tmp/old
    python benchmarks/bench_versions.py /tmp/old/src src [--rounds 3] [--limit 60] [--data FILE]

Each round runs the summarize loop of each checkout in a fresh process (after a two-story
warm-up) and the table keeps each checkout's fastest round, in wall and in CPU seconds (CPU
time moves less with the load of other programs).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    best = {"before": (float("inf"),) * 2, "after": (float("inf"),) * 2}
    for _ in range(args.rounds):
        for name, (wall, cpu) in best.items():
            new_wall, new_cpu = seconds(getattr(args, name), args.data, args.limit)
            best[name] = (min(wall, new_wall), min(cpu, new_cpu))
    print(f"{'checkout':10} {'seconds':>8} {'stories/s':>9} {'cpu s':>8}")
    for name, (wall, cpu) in best.items():
        print(f"{name:10} {wall:8.2f} {args.limit / wall:9.1f} {cpu:8.2f}")
    (old_wall, old_cpu), (new_wall, new_cpu) = best["before"], best["after"]
    print(
        f"speed-up: {old_wall / new_wall:.2f}x wall, {old_cpu / new_cpu:.2f}x CPU "
        f"({args.data.name}, {args.limit} stories; fastest of {args.rounds} rounds each)"
    )


if __name__ == "__main__":
    main()
