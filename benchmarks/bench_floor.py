"""The per-story floor on short stories: SumBasic and storydesk per story, in one process.

    python benchmarks/bench_floor.py [FILE] [--limit 300] [--rounds 3]

Times, in one process and in alternation (fastest of ``--rounds`` each), CPU milliseconds per
story of: SumBasic's loop (storydesk's ``prepare`` + SumBasic, what ``storydesk eval`` runs),
``prepare`` alone (cleaning and sentence splitting, which both systems pay), and storydesk's
summarize loop (records included). Then, once under cProfile, how many calls a story makes:
Python functions, NumPy entry points (called from outside NumPy) and other C functions. With
the whole command's start-up (``--startup`` seconds, measured separately) this bounds the ratio
any per-story speed-up can reach: even with every stage after ``prepare`` free, storydesk
still pays ``prepare`` and its start-up.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import itertools
import pstats
import time
from pathlib import Path

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1].parent / "shared/data/multinews/validation.jsonl.gz"
)


def main() -> None:
    from storydesk.batch.local import summarize_stories
    from storydesk.errors import StorydeskError
    from storydesk.evaluate.peers import make_peer
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings
    from storydesk.story.pipeline import prepare
    from storydesk.types import Story

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--startup", type=float, default=0.45, help="whole-command start-up, s")
    parser.add_argument("--peer-startup", type=float, default=3.0, help="SumBasic's, s")
    args = parser.parse_args()
    stories: list[Story] = [
        s
        for s in itertools.islice(read_stories(args.file), args.limit)
        if not isinstance(s, StorydeskError)
    ]
    peer = make_peer("sumbasic")
    settings = Settings()

    def sumbasic(batch: list[Story]) -> None:
        for story in batch:
            with contextlib.suppress(StorydeskError):
                peer.summarize(story, prepare(story).sentences, 250)

    def prepare_only(batch: list[Story]) -> None:
        for story in batch:
            with contextlib.suppress(StorydeskError):
                prepare(story)

    def storydesk(batch: list[Story]) -> None:
        list(summarize_stories(batch, settings))

    loops = {"sumbasic": sumbasic, "prepare": prepare_only, "storydesk": storydesk}
    for loop in loops.values():
        loop(stories[:5])  # warm-up: imports, models, caches
    best = dict.fromkeys(loops, float("inf"))
    for _ in range(args.rounds):
        for name, loop in loops.items():
            start = time.process_time()
            loop(stories)
            best[name] = min(best[name], time.process_time() - start)
    n = len(stories)
    per = {name: 1000 * seconds / n for name, seconds in best.items()}
    print(f"{'loop':10} {'cpu s':>8} {'ms/story':>9}   ({n} stories of {args.file.name})")
    for name, seconds in best.items():
        print(f"{name:10} {seconds:8.3f} {per[name]:9.2f}")
    profile = cProfile.Profile()
    profile.enable()
    storydesk(stories)
    profile.disable()
    python = numpy = other = 0
    for (file, _, name), (_, calls, _, _, callers) in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        in_numpy = "/numpy/" in file or (file == "~" and "numpy" in name)
        if in_numpy:
            numpy += sum(c[1] for k, c in callers.items() if "/numpy/" not in k[0])
        elif file == "~":
            other += calls
        else:
            python += calls
    print(
        f"storydesk calls per story: {python / n:.0f} Python functions, {numpy / n:.0f} NumPy "
        f"entry points, {other / n:.0f} other C functions"
    )
    for label, own in (("as now", per["storydesk"]), ("stages after prepare free", per["prepare"])):
        # Whole commands over 1,000 stories: start-up seconds + 1,000 x ms per story.
        ratio = (args.peer_startup + per["sumbasic"]) / (args.startup + own)
        print(f"whole-command ratio over 1,000 stories, storydesk {label}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
