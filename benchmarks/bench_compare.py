"""Comparing sources: injected conflicts found, background conflicts, speed beside summarizing.

    python benchmarks/bench_compare.py [--data ../shared/data] [--show-background] [--runs 3]

1. Recall on ``conflicts/dev.jsonl.gz``: each story has one conflict injected into one report
   (a number changed, or a surname respelt, everywhere in that report). A story counts as
   found when one conflict has a claim citing the changed report over an injected span and
   another claim citing another report over an agreeing occurrence (the data README's rule).
2. Background: conflicts flagged per story on the same stories' ``original_documents``.
3. Speed: ``compare_story`` and ``summarize_story`` over the raw dev stories, one process, same
   run, each warmed up first (model, dateparser); stories per second and their ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from storydesk.comparison.pipeline import compare_story
from storydesk.comparison.types import Comparison
from storydesk.settings import load_settings
from storydesk.story.pipeline import summarize_story
from storydesk.story.rank import ranker_for
from storydesk.types import Article, Story

REPO = Path(__file__).resolve().parents[1]


def _rows(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _story(row: dict[str, Any], key: str = "documents") -> Story:
    return Story(row["id"], tuple(Article(id=d["id"], text=d["text"]) for d in row[key]))


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def found(comparison: Comparison, injected: dict[str, Any]) -> bool:
    """The data README's rule: one conflict cites the changed report over an injected span
    and another report over an agreeing occurrence."""
    changed = injected["document_id"]
    for conflict in comparison.conflicts:
        citations = [c for claim in conflict.claims for c in claim.citations]
        hits_change = any(
            c.document_id == changed
            and any(_overlaps(c.start, c.end, s, e) for s, e in injected["spans"])
            for c in citations
        )
        hits_agreeing = any(
            c.document_id != changed
            and any(
                c.document_id == a["document_id"]
                and _overlaps(c.start, c.end, a["start"], a["end"])
                for a in injected["agreeing"]
            )
            for c in citations
        )
        if hits_change and hits_agreeing:
            return True
    return False


def _speed(stories: list[Story], runs: int) -> tuple[float, float]:
    settings = load_settings()
    ranker = ranker_for(settings)
    summarize_story(stories[0], settings, ranker)  # warm: model and caches
    compare_story(stories[0], settings)  # warm: dateparser, templates
    summarize_times, compare_times = [], []
    for _ in range(runs):  # interleaved so both see the same machine load
        start = time.perf_counter()
        for story in stories:
            summarize_story(story, settings, ranker)
        summarize_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for story in stories:
            compare_story(story, settings)
        compare_times.append(time.perf_counter() - start)
    return len(stories) / statistics.median(summarize_times), len(stories) / statistics.median(
        compare_times
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--show-background", action="store_true")
    parser.add_argument("--show-missed", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings()
    rows = _rows(args.data / "conflicts" / "dev.jsonl.gz")

    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    background: Counter[str] = Counter()
    for row in rows:
        kind = row["conflict"]["kind"]
        totals[kind] += 1
        if found(compare_story(_story(row), settings), row["conflict"]):
            hits[kind] += 1
        elif args.show_missed:
            print(f"missed {row['id']}: {row['conflict']['was']} -> {row['conflict']['now']}")
        original = compare_story(_story(row, "original_documents"), settings)
        for conflict in original.conflicts:
            background[conflict.kind] += 1
            if args.show_background:
                sides = " | ".join(
                    f"{c.value} [{','.join(c.document_ids)}]: {c.text[:110]}"
                    for c in conflict.claims
                )
                print(f"background {row['id']} {conflict.kind} ({conflict.topic}): {sides}")

    raw = [_story(row) for row in _rows(args.data / "multinews-raw" / "dev.jsonl.gz")]
    summarize_rate, compare_rate = _speed(raw, args.runs)

    n = len(rows)
    print(f"| measure | value | target |  ({n} conflict stories, {len(raw)} raw dev stories)")
    print("|---|---|---|")
    recall = sum(hits.values()) / n
    print(
        f"| injected conflicts found (recall) | {recall:.2f} ({sum(hits.values())}/{n}) | >= 0.9 |"
    )
    for kind in sorted(totals):
        print(f"| … {kind} | {hits[kind]}/{totals[kind]} | |")
    per_story = sum(background.values()) / n
    print(f"| background conflicts per story (originals) | {per_story:.2f} | <= 1.0 |")
    for kind in sorted(background):
        print(f"| … {kind} | {background[kind]} | |")
    print(f"| summarize, stories/s | {summarize_rate:.2f} | |")
    print(f"| compare, stories/s | {compare_rate:.2f} | |")
    print(f"| compare time / summarize time | {summarize_rate / compare_rate:.2f} | <= 1.0 |")


if __name__ == "__main__":
    main()
