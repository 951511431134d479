"""Desk growth: ``Desk.add`` on synthetic feeds of 10k, 100k and 1M articles.

    nice python benchmarks/bench_desk_growth.py [--sizes 10000 100000 1000000] [--pool FILE]

The feed is built from real articles (Multi-News validation pieces and the raw dev feed): copy
``c`` of the pool is re-timed to start ``CYCLE_DAYS`` after copy ``c - 1`` (its articles spread
over ``SPREAD_DAYS``) and perturbed: per copy, a third of the vocabulary is swapped for other
words of the pool (the same swap for every article of that copy, so a story's articles still
match each other), and a tenth of each article's words are dropped, so no copy is a syndicated
near-copy (cosine < 0.8) of an earlier one. Each size runs in its own process (peak memory is
its own) and prints a progress line to stderr every 10k articles, so a run cut short still
shows its trend. Prints a table: size, seconds, articles/s overall, at the first 10k and over
the last 10k, their ratio (issue target: >= 0.5; also per CPU second, steadier on a shared
machine), and peak memory (target: <= 2 GB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
POOL = [
    SHARED / "multinews" / "validation.jsonl.gz",
    SHARED / "feeds" / "multinews-raw-dev.jsonl.gz",
]
BLOCK = 10_000
CYCLE_DAYS = 1100  # three years: the next copy of a story is a new story, as next year's event
SPREAD_DAYS = 60
START = datetime(1990, 1, 1, tzinfo=UTC)


def pool_texts() -> list[str]:
    from storydesk.errors import InputError
    from storydesk.ingest import read_feed, read_stories

    texts: list[str] = []
    for item in read_stories(POOL[0]):
        if not isinstance(item, InputError):
            texts += [a.text for a in item.articles if a.text.strip()]
    for article in read_feed(POOL[1]):
        if not isinstance(article, InputError):
            texts.append(article.text)
    return texts


def _hash(*parts: object) -> int:
    return zlib.crc32("\x1f".join(map(str, parts)).encode("utf-8"))


def synthetic_feed(size: int, texts: list[str]) -> Iterator[object]:
    from storydesk.types import Article

    vocabulary = sorted({w for t in texts[:2000] for w in t.split()})
    for number in range(size):
        cycle, index = divmod(number, len(texts))
        words = texts[index].split()
        if cycle:
            words = [
                vocabulary[_hash(w, cycle, "to") % len(vocabulary)]
                if _hash(w, cycle) % 3 == 0
                else w
                for position, w in enumerate(words)
                if _hash(number, position) % 10
            ]
        when = START + timedelta(
            days=cycle * CYCLE_DAYS + SPREAD_DAYS * index / len(texts), seconds=number % 60
        )
        yield Article(
            id=f"g{number:07d}", text=" ".join(words), published=when.isoformat(timespec="seconds")
        )


def run_one(size: int) -> dict[str, float]:
    from storydesk.feed.desk import Desk

    texts = pool_texts()
    rates: list[float] = []
    cpu_rates: list[float] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "g.sqlite") as desk:
        feed = synthetic_feed(size, texts)
        done = 0
        while done < size:
            chunk = [next(feed) for _ in range(min(BLOCK, size - done))]
            began, cpu = time.perf_counter(), time.process_time()
            desk.add(chunk)  # type: ignore[arg-type]
            rates.append(len(chunk) / (time.perf_counter() - began))
            cpu_rates.append(len(chunk) / max(time.process_time() - cpu, 1e-9))
            done += len(chunk)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{size}: {done} added, last block {rates[-1]:.0f} art/s"
                f" ({cpu_rates[-1]:.0f} per CPU second), peak {peak:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
        stories = desk.conn_.execute("SELECT count(*) FROM stories").fetchone()[0]
    seconds = time.perf_counter() - start
    return {
        "size": size,
        "seconds": seconds,
        "rate": size / seconds,
        "first": rates[0],
        "last": rates[-1],
        "cpu_first": cpu_rates[0],
        "cpu_last": cpu_rates[-1],
        "stories": stories,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    print(
        f"{'articles':>9} {'seconds':>8} {'art/s':>6} {'first 10k':>9} {'last 10k':>9} "
        f"{'last/first':>10} {'CPU last/first':>14} {'stories':>8} {'peak MB':>8}"
    )
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size)]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
        if done.returncode != 0:
            print(f"{size:>9} failed (exit {done.returncode})")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{r['size']:>9} {r['seconds']:>8.0f} {r['rate']:>6.0f} {r['first']:>9.0f} "
            f"{r['last']:>9.0f} {r['last'] / r['first']:>10.2f} "
            f"{r['cpu_last'] / r['cpu_first']:>14.2f} {r['stories']:>8} "
            f"{r['peak_mb']:>8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
