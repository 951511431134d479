"""Clustering benchmark: every feed with known stories, batch and incremental (desk) mode.

    python benchmarks/bench_cluster.py [FILE ...] [--limit N] [--seed S]

FILE is a feed with a gold map beside it (``X.jsonl.gz`` + ``X.gold.json``) or a story file
(shuffled into a feed with opaque ids). Default: the DUC 2003 feed, the raw Multi-News dev feed
and the Multi-News validation story file (15,317 pieces). Each feed and mode runs in its own
process so that its peak memory (max RSS) is its own. Prints one table: articles, seconds,
articles/s, peak memory, B-cubed P/R/F1, ARI, stories found/true, and per feed the incremental
minus batch F1. Targets (issue #15, one default setting): DUC 2003 and raw dev F1 >= 0.92,
validation >= 0.78 within 60 s and 2 GB, incremental within 0.01 F1 of batch.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULTS = [
    SHARED / "feeds" / "duc2003.jsonl.gz",
    SHARED / "feeds" / "multinews-raw-dev.jsonl.gz",
    SHARED / "multinews" / "validation.jsonl.gz",
]


def run_one(path: str, mode: str, limit: int | None, seed: int) -> dict[str, float | str]:
    from storydesk.cli.cluster import _stories, gold_beside, stream_feed
    from storydesk.evaluate.cluster import evaluate_clustering, evaluate_feed, read_gold

    file = Path(path)
    gold = gold_beside(file)
    if gold is not None:
        feed = list(stream_feed(path, False))
        score = evaluate_feed(feed, read_gold(gold), mode=mode, name=file.name)
    else:
        score = evaluate_clustering(
            _stories(file, limit, False), mode=mode, seed=seed, name=file.name
        )
    record = dict(vars(score))
    record["articles_per_second"] = score.articles_per_second
    record["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(p) for p in DEFAULTS])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--modes", nargs="+", default=["batch", "incremental"])
    parser.add_argument("--mode", choices=["batch", "incremental"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:  # the child process
        print(json.dumps(run_one(args.files[0], args.mode, args.limit, args.seed)))
        return
    print(
        f"{'feed':<28} {'mode':<12} {'articles':>8} {'seconds':>8} {'art/s':>7} {'peak MB':>8} "
        f"{'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'ARI':>6} {'found/true':>12}",
        flush=True,
    )
    for path in args.files:
        if not Path(path).exists():
            print(f"{Path(path).name:<28} missing, skipped")
            continue
        f1: dict[str, float] = {}
        for mode in args.modes:
            command = [sys.executable, __file__, path, "--mode", mode, "--seed", str(args.seed)]
            if args.limit is not None:
                command += ["--limit", str(args.limit)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{Path(path).name:<28} {mode:<12} failed:\n{done.stderr}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            f1[mode] = float(r["f1"])
            print(
                f"{r['name'][:28]:<28} {r['mode']:<12} {r['articles']:>8} {r['seconds']:>8.1f} "
                f"{r['articles_per_second']:>7.0f} {r['peak_mb']:>8.0f} {r['precision']:>6.3f} "
                f"{r['recall']:>6.3f} {r['f1']:>6.3f} {r['ari']:>6.3f} "
                f"{str(r['found_stories']) + '/' + str(r['true_stories']):>12}",
                flush=True,
            )
        if len(f1) == 2:
            print(f"{'':<28} incremental F1 - batch F1 = {f1['incremental'] - f1['batch']:+.3f}")


if __name__ == "__main__":
    main()
