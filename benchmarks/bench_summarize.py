"""Batch summarization speed and peak memory.

    python benchmarks/bench_summarize.py [--data ../shared/data] [--jobs 1 2] [--ranker learned]

Prints one row per (data set, jobs): stories, seconds, stories/s, peak RSS (MB). Peak RSS is the
largest resident set of this process or any worker (ru_maxrss), measured in a fresh child
process per row so rows do not inherit each other's peaks.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import resource
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _run(path: str, limit: int, jobs: int, ranker: str, queue: multiprocessing.Queue) -> None:
    from storydesk.batch.local import summarize_stories
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings

    settings = Settings(jobs=jobs, ranker=ranker)
    stories = list(itertools.islice(read_stories(path), limit))
    # Warm-up: model load, tokenizer and sentence-splitter start-up are paid once per process.
    list(summarize_stories(stories[:2], Settings(ranker=ranker)))
    start = time.perf_counter()
    failures = sum("error" in r for r in summarize_stories(stories, settings))
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    queue.put((len(stories), failures, seconds, max(own, children) / 1024))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--ranker", default="learned")
    args = parser.parse_args()
    sets = [
        ("multinews validation (first 1000)", args.data / "multinews/validation.jsonl.gz", 1000),
        ("multinews-raw dev (60)", args.data / "multinews-raw/dev.jsonl.gz", 60),
    ]
    context = multiprocessing.get_context("fork")
    print(f"ranker: {args.ranker}")
    header = ("data", "jobs", "stories", "failed", "seconds", "stories/s", "peak MB")
    print(f"{header[0]:36} " + " ".join(f"{h:>9}" for h in header[1:]))
    for (name, path, limit), jobs in itertools.product(sets, args.jobs):
        queue: multiprocessing.Queue = context.Queue()
        child = context.Process(target=_run, args=(str(path), limit, jobs, args.ranker, queue))
        child.start()
        n, failed, seconds, peak = queue.get()
        child.join()
        row = f"{jobs:>9} {n:>9} {failed:>9} {seconds:>9.2f} {n / seconds:>9.1f} {peak:>9.0f}"
        print(f"{name:36} {row}")


if __name__ == "__main__":
    main()
