"""Clustering benchmark: a story file as one shuffled feed, batch and incremental (desk) mode.

    python benchmarks/bench_cluster.py [STORIES.jsonl.gz] [--limit N] [--seed S]

Each mode runs in its own process so that its peak memory (max RSS) is its own. Prints a table:
articles, seconds, articles/s, peak memory, B-cubed P/R/F1, ARI, stories found/true.
Targets (issue): batch F1 >= 0.92 in <= 60 s and <= 2 GB; incremental within 0.01 F1 of batch
at >= 200 articles/s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = SHARED / "multinews" / "validation.jsonl.gz"


def run_one(path: str, mode: str, limit: int | None, seed: int) -> dict[str, float | str]:
    from storydesk.errors import InputError
    from storydesk.evaluate.cluster import evaluate_clustering
    from storydesk.ingest import read_stories

    stories = []
    for item in read_stories(path):
        if isinstance(item, InputError):
            raise item
        if limit is not None and len(stories) >= limit:
            break
        stories.append(item)
    score = evaluate_clustering(stories, mode=mode, seed=seed)
    record = dict(vars(score))
    record["articles_per_second"] = score.articles_per_second
    record["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=["batch", "incremental"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:  # the child process
        print(json.dumps(run_one(args.stories, args.mode, args.limit, args.seed)))
        return
    rows = []
    for mode in ("batch", "incremental"):
        command = [sys.executable, __file__, args.stories, "--mode", mode, "--seed", str(args.seed)]
        if args.limit is not None:
            command += ["--limit", str(args.limit)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{mode} run failed:\n{done.stderr}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    header = (
        f"{'mode':<12} {'articles':>8} {'seconds':>8} {'art/s':>7} {'peak MB':>8} "
        f"{'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'ARI':>6} {'found/true':>12}"
    )
    print(f"{args.stories} (seed {args.seed}{f', {args.limit} stories' if args.limit else ''})")
    print(header)
    for r in rows:
        print(
            f"{r['mode']:<12} {r['articles']:>8} {r['seconds']:>8.1f} "
            f"{r['articles_per_second']:>7.0f} {r['peak_mb']:>8.0f} {r['precision']:>6.3f} "
            f"{r['recall']:>6.3f} {r['f1']:>6.3f} {r['ari']:>6.3f} "
            f"{str(r['found_stories']) + '/' + str(r['true_stories']):>12}"
        )
    gap = rows[0]["f1"] - rows[1]["f1"]  # type: ignore[operator]
    print(f"incremental F1 - batch F1 = {-gap:+.3f}")


if __name__ == "__main__":
    main()
