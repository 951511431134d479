"""Desk growth: ``Desk.add`` on synthetic feeds of 10k, 100k and 1M articles.

    nice python benchmarks/bench_desk_growth.py [--sizes 10000 100000 1000000] [--pool FILE]

The feed is built from real articles (Multi-News validation pieces and the raw dev feed): copy
``c`` of the pool is re-timed to start ``CYCLE_DAYS`` after copy ``c - 1`` (its articles spread
over ``SPREAD_DAYS``) and perturbed: per copy, a third of the vocabulary is swapped for other
words of the pool (the same swap for every article of that copy, so a story's articles still
match each other), and a tenth of each article's words are dropped, so no copy is a syndicated
near-copy (cosine < 0.8) of an earlier one. Each size runs in its own process (peak memory is
its own) and prints a progress line to stderr every 10k articles, so a run cut short still
shows its trend (one JSON line per block; ``--from-log FILE`` prints the tables from them).
A run cut short also leaves its desk: ``--resume DESK --size N`` opens it, skips the articles it
holds (the feed is the same on every run) and adds the rest, in a new process (its peak memory is
that process's own; ``--from-log`` reads both runs' logs, in order, as one run).
Prints a summary table per size (articles/s overall, at the first 10k and over the last 10k,
their ratio, issue target >= 0.5, wall and per CPU second, steadier on a shared machine; peak
memory, target <= 2 GB) and a table per 10k block.
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


def synthetic_feed(size: int, texts: list[str], first: int = 0) -> Iterator[object]:
    from storydesk.types import Article

    vocabulary = sorted({w for t in texts[:2000] for w in t.split()})
    for number in range(first, size):
        cycle, index = divmod(number, len(texts))
        words = texts[index].split()
        if cycle:
            words = [
                vocabulary[_hash(w, cycle, "to") % len(vocabulary)]
                if _hash(w, cycle) % 3 == 0
                else w
                for position, w in enumerate(words)
                if _hash(number, position) % 10
            ] or words[:1]  # a one-word text whose word was dropped keeps it: no empty article
        when = START + timedelta(
            days=cycle * CYCLE_DAYS + SPREAD_DAYS * index / len(texts), seconds=number % 60
        )
        yield Article(
            id=f"g{number:07d}", text=" ".join(words), published=when.isoformat(timespec="seconds")
        )


def _resume_point(desk: object) -> int:
    """How many feed articles an earlier run added: the highest stored id, plus one.

    Junk articles are not stored, so the count of rows would undercount; ids are ``g{number}``.
    """
    row = desk.conn_.execute("SELECT max(id) FROM articles").fetchone()  # type: ignore[attr-defined]
    done = int(row[0][1:]) + 1 if row and row[0] else 0
    return -(-done // BLOCK) * BLOCK  # an earlier run commits whole blocks


def run_one(size: int, resume: Path | None = None) -> dict[str, object]:
    from storydesk.feed.desk import Desk

    texts = pool_texts()
    blocks: list[dict[str, float]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Desk(resume or Path(folder) / "g.sqlite") as desk:
        done = _resume_point(desk) if resume else 0
        feed = synthetic_feed(size, texts, first=done)
        while done < size:
            chunk = [next(feed) for _ in range(min(BLOCK, size - done))]
            began, cpu = time.perf_counter(), time.process_time()
            report = desk.add(chunk)  # type: ignore[arg-type]
            wall, used = time.perf_counter() - began, time.process_time() - cpu
            done += len(chunk)
            block = {
                "size": size,
                "done": done,
                "rate": len(chunk) / wall,
                "cpu_rate": len(chunk) / max(used, 1e-9),
                "new_stories": report.new_stories,
                "copies": report.copies,
                "junk": report.junk,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "elapsed": time.perf_counter() - start,
            }
            blocks.append(block)
            print(json.dumps(block), file=sys.stderr, flush=True)  # a cut run keeps its trend
        stories = desk.conn_.execute("SELECT count(*) FROM stories").fetchone()[0]
    return {
        "size": size,
        "seconds": time.perf_counter() - start,
        "stories": stories,
        "blocks": blocks,
    }


def block_table(blocks: list[dict[str, float]]) -> str:
    """One row per 10k block: articles/s (wall and per CPU second), stories, copies, memory."""
    lines = [
        "| articles | art/s wall | art/s per CPU s | new stories | copies | junk | peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for b in blocks:
        lines.append(
            f"| {b['done']:,.0f} | {b['rate']:.0f} | {b['cpu_rate']:.0f} | {b['new_stories']:.0f}"
            f" | {b['copies']:.0f} | {b['junk']:.0f} | {b['peak_mb']:.0f} |"
        )
    return "\n".join(lines)


def summary_row(size: int, blocks: list[dict[str, float]], seconds: float) -> str:
    first, last = blocks[0], blocks[-1]
    return (
        f"| {size:,} | {last['done']:,.0f} | {seconds:.0f} | {last['done'] / seconds:.0f} |"
        f" {first['rate']:.0f} | {last['rate']:.0f} | {last['rate'] / first['rate']:.2f} |"
        f" {first['cpu_rate']:.0f} | {last['cpu_rate']:.0f} |"
        f" {last['cpu_rate'] / first['cpu_rate']:.2f} |"
        f" {max(b['peak_mb'] for b in blocks):.0f} |"
    )


SUMMARY_HEAD = (
    "| size | added | seconds | art/s | first 10k | last 10k | last/first |"
    " first 10k per CPU s | last 10k per CPU s | last/first (CPU) | peak MB |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def from_log(paths: list[Path]) -> None:
    """The tables of a run from its progress lines (stderr), also of a run cut short and resumed.

    A resumed run's elapsed time restarts at zero: it continues from the earlier log's last.
    """
    runs: dict[int, list[dict[str, float]]] = {}
    for path in paths:
        offset = {size: blocks[-1]["elapsed"] for size, blocks in runs.items()}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                block = json.loads(line)
                size = int(block["size"])
                block["elapsed"] += offset.get(size, 0.0)
                runs.setdefault(size, []).append(block)
    print(SUMMARY_HEAD)
    for size, blocks in runs.items():
        print(summary_row(size, blocks, blocks[-1]["elapsed"]))
    for size, blocks in runs.items():
        print(f"\n{size:,} articles, per block of {BLOCK:,}:\n{block_table(blocks)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--from-log", type=Path, nargs="+", help="print the tables of progress logs"
    )
    parser.add_argument("--resume", type=Path, help="continue a cut run on its desk file")
    parser.add_argument("--size", type=int, help="with --resume: the run's full size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.from_log:
        from_log(args.from_log)
        return
    if args.resume:
        if not args.resume.is_file() or not args.size:
            parser.error("--resume needs an existing desk file and --size")
        print(json.dumps(run_one(args.size, args.resume)))
        return
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size)]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
        if done.returncode != 0:
            print(f"{size:>9} failed (exit {done.returncode})", flush=True)
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(SUMMARY_HEAD)
    for r in results:
        print(summary_row(r["size"], r["blocks"], r["seconds"]))
    for r in results:
        print(f"\n{r['size']:,} articles, per block of {BLOCK:,}:\n{block_table(r['blocks'])}")


if __name__ == "__main__":
    main()
