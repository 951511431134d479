"""CPU seconds of each step a `summarize --stories` command takes before its first story.

    python benchmarks/bench_startup_steps.py [FILE] [--runs 5]

Each run is a fresh process that does what the command does, in its order (the collector
threshold and one BLAS thread as ``cli.main`` sets them), timing each step with
``time.process_time``; the table keeps each step's fastest of ``--runs``. The steps before the
first story are paid once per command, in the parent, before a ``--jobs`` fork: they bound what
``--jobs N`` can gain on a short batch.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/multinews-raw/dev.jsonl.gz"

STEPS = """
import gc, os, sys, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
gc.set_threshold(50_000, 10, 10)
marks = [("python", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
import typer
mark("typer")
import storydesk.cli
mark("storydesk.cli (command modules)")
from storydesk.settings import load_settings
settings = load_settings()
mark("load_settings")
from storydesk.batch import local
mark("batch.local (NumPy, the stages, their patterns)")
from storydesk.story.rank.model import load_model
load_model()
mark("model (npz, IDF table, leaf masks)")
from storydesk.story.segment import load_sentence_splitter
load_sentence_splitter()
mark("nupunkt model, first sentence")
import itertools
from storydesk.ingest import read_stories
stories = list(itertools.islice(read_stories(sys.argv[1]), 1))
mark("read the first story")
list(local.summarize_stories(stories, settings))
mark("first story")
last = 0.0
for name, at in marks:
    print(f"{name}\\t{at - last}")
    last = at
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    best: dict[str, float] = {}
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, "-c", STEPS, str(args.file)],
            check=True,
            capture_output=True,
            text=True,
            env=dict(os.environ),
        )
        for line in done.stdout.splitlines():
            name, seconds = line.rsplit("\t", 1)
            best[name] = min(best.get(name, float("inf")), float(seconds))
    print(f"{'step':50} {'cpu s':>7}   (fastest of {args.runs} fresh processes)")
    for name, seconds in best.items():
        print(f"{name:50} {seconds:7.3f}")
    before = sum(s for name, s in best.items() if name != "first story")
    print(f"{'before the first story':50} {before:7.3f}")


if __name__ == "__main__":
    main()
