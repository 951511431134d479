"""Trust audit: speed, citations per sentence, mojibake and U+FFFD in outputs, baseline vs now.

    git archive <base-commit> src | tar -x -C /tmp/base
    python benchmarks/bench_trust.py --baseline-src /tmp/base/src [--data ../shared/data]

Each measurement runs in a fresh child process per source tree (PYTHONPATH set to that tree),
the trees alternating, so both see the same machine load. Speed is the median of ``--repeats``
timed passes of summarize over raw dev (250 words) after a warm-up, reported as a ratio.
Citations and mojibake are counted on raw dev (250 words) and on validation[:600].
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
HERE_SRC = Path(__file__).resolve().parents[1] / "src"
# Common mojibake: UTF-8 read as Windows-1252/Latin-1 ("â€™", "Ã©", "Â "), and U+FFFD.
MOJIBAKE = ("\ufffd", "â€", "Ã©", "Ã¨", "Ã¡", "Ã³", "Ã±", "Ã¼", "Ã¶", "Ã¤", "Â ", "Â·", "Ã¢")


def _worker(mode: str, path: str, limit: int, repeats: int) -> None:
    import itertools
    import time

    from storydesk.ingest import read_stories
    from storydesk.settings import Settings
    from storydesk.story.pipeline import summarize_story

    stories = list(itertools.islice(read_stories(path), limit))
    settings = Settings(words=250)
    if mode == "speed":
        for story in stories[:2]:
            summarize_story(story, settings)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            for story in stories:
                summarize_story(story, settings)
            times.append(time.perf_counter() - start)
        print(json.dumps({"seconds": times}))
        return
    from storydesk.errors import StorydeskError

    sentences = others = mojibake = lost = failed = 0
    counts: dict[int, int] = {}
    for story in stories:
        try:
            summary = summarize_story(story, settings)
        except StorydeskError:  # a story with no readable text: counted, as in `eval`
            failed += 1
            continue
        for sentence in summary.sentences:
            sentences += 1
            extra = len(sentence.citations) - 1
            others += extra
            counts[extra] = counts.get(extra, 0) + 1
            mojibake += sum(sentence.text.count(m) for m in MOJIBAKE)
            lost += sentence.text.count("\ufffd")
    print(json.dumps({"sentences": sentences, "other_citations": others, "by_count": counts,
                      "mojibake": mojibake, "lost": lost, "failed": failed}))  # fmt: skip


def _child(src: Path, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--baseline-src", type=Path, required=False)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", nargs=4, metavar=("MODE", "PATH", "LIMIT", "REPEATS"))
    args = parser.parse_args()
    if args.worker:
        mode, path, limit, repeats = args.worker
        _worker(mode, path, int(limit), int(repeats))
        return
    trees = [("now", HERE_SRC)]
    if args.baseline_src:
        trees.insert(0, ("baseline", args.baseline_src))
    raw = str(args.data / "multinews-raw/dev.jsonl.gz")
    validation = str(args.data / "multinews/validation.jsonl.gz")

    print("speed: summarize raw dev (60 stories, 250 words), seconds per pass")
    times: dict[str, list[float]] = {name: [] for name, _ in trees}
    for _ in range(args.repeats):
        for name, src in trees:
            times[name] += _child(src, "speed", raw, "60", "1")["seconds"]
    base = statistics.median(times[trees[0][0]])
    print(f"{'tree':10} {'median s':>9} {'ratio':>7}  passes")
    for name, _ in trees:
        median = statistics.median(times[name])
        passes = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:10} {median:9.2f} {median / base:7.2f}  {passes}")

    print("\ncitations and mojibake in summaries (250 words)")
    header = ("data", "tree", "sentences", "other cites", "per sent", "0/1/2/3+", "mojibake")
    header += ("U+FFFD", "failed")
    print(f"{header[0]:18} {header[1]:9} " + " ".join(f"{h:>11}" for h in header[2:]))
    for label, path, limit in (("raw dev (60)", raw, 60), ("validation[:600]", validation, 600)):
        for name, src in trees:
            r = _child(src, "audit", path, str(limit), "1")
            by = {int(k): v for k, v in r["by_count"].items()}
            spread = "/".join(str(by.get(k, 0)) for k in (0, 1, 2))
            spread += f"/{sum(v for k, v in by.items() if k >= 3)}"
            per = r["other_citations"] / max(r["sentences"], 1)
            cells = (r["sentences"], r["other_citations"], f"{per:.3f}", spread, r["mojibake"])
            cells += (r["lost"], r["failed"])
            print(f"{label:18} {name:9} " + " ".join(f"{c:>11}" for c in cells))


if __name__ == "__main__":
    main()
