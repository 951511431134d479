"""Readability and speed of the story order against report order, in one run.

    python benchmarks/bench_readable.py [STORIES.jsonl.gz] [--words N] [--limit N]

Summarizes every story twice with the same ranker, once with ``order = "source"`` (report by
report, the selector of before issue #12) and once with ``order = "story"`` (discourse units,
lead first, one reading order). Prints ROUGE F1, the readability measures and the time per
story of each, and the time ratio story/source (timings are noisy on a shared machine: compare
the ratio, not the seconds).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = SHARED / "multinews-raw" / "dev.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="?", default=str(DEFAULT))
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    from storydesk.evaluate.readability import measure, total
    from storydesk.evaluate.rouge import Rouge
    from storydesk.evaluate.runner import read_eval_stories
    from storydesk.settings import load_settings
    from storydesk.story.pipeline import summarize_story
    from storydesk.story.rank import ranker_for

    stories = list(read_eval_stories(args.stories, limit=args.limit))
    rows = []
    for order in ("source", "story"):
        settings = load_settings(words=args.words, order=order)
        ranker = ranker_for(settings)
        outputs, readable = [], []
        started = time.perf_counter()
        for story in stories:
            summary = summarize_story(story, settings, ranker)
            outputs.append([s.text for s in summary.sentences])
        seconds = time.perf_counter() - started
        for story, output in zip(stories, outputs, strict=True):
            readable.append(measure(output, [a.text for a in story.articles]))
        scores = Rouge().score_many(outputs, [s.references for s in stories])
        r1 = sum(s.f1["rouge1"] for s in scores) / len(scores)
        r2 = sum(s.f1["rouge2"] for s in scores) / len(scores)
        rows.append((order, r1, r2, total(readable), seconds))
    print(f"{args.stories}: {len(stories)} stories, {args.words} words")
    print("order    R1     R2     orphan%  speakerless%  off-news%  mojibake  s/story")
    for order, r1, r2, rd, seconds in rows:
        print(
            f"{order:<8} {r1:6.2f} {r2:6.2f} {rd.orphan_pct:8.1f} {rd.speakerless_pct:13.1f} "
            f"{rd.off_news_pct:10.1f} {rd.mojibake:9d} {seconds / len(stories):8.3f}"
        )
    print(f"time ratio story/source: {rows[1][4] / rows[0][4]:.2f}")


if __name__ == "__main__":
    main()
