"""Does the default (learned) ranker beat ``--ranker lead`` on raw stories? ROUGE of both on
raw Multi-News dev (250 words), DUC 2003 (100 words) and the first validation stories (250
words), with the paired bootstrap 95% interval of the per-story ROUGE-1 difference.

    python benchmarks/ranker_transfer.py [--data ../shared/data] [--model FILE] [--validation 1000]
        [--sets raw duc val] [--variant storydesk:centroid]

``--model`` scores another model file (from ``storydesk train``) instead of the shipped one.
``--variant`` adds one more storydesk system (``storydesk:centroid`` ...) compared with lead
the same way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETS = {
    "raw": ("multinews-raw dev", "multinews-raw/dev.jsonl.gz", 250, None),
    "duc": ("DUC 2003", "duc2003/duc2003.jsonl.gz", 100, None),
    "val": ("multinews validation", "multinews/validation.jsonl.gz", 250, 1000),
}


def main() -> None:
    from storydesk.evaluate.bootstrap import paired_bootstrap
    from storydesk.evaluate.runner import run_eval
    from storydesk.evaluate.systems import make_systems
    from storydesk.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--validation", type=int, default=1000, help="validation stories")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["raw", "duc", "val"])
    parser.add_argument("--variant", action="append", default=[], help="more storydesk systems")
    args = parser.parse_args()
    labels = ["storydesk", *args.variant, "storydesk:lead"]
    print(f"model: {args.model or 'shipped'}")
    print(f"{'data':22} {'system':20} {'words':>5} {'stories':>7} {'R1':>6} {'R2':>6} {'RL':>6}")
    for key in args.sets:
        name, relative, words, limit = SETS[key]
        limit = args.validation if key == "val" else limit
        overrides = {"words": words, **({"model": str(args.model)} if args.model else {})}
        settings = load_settings(**overrides)
        result = run_eval(
            args.data / relative,
            make_systems(labels, settings),
            words=words,
            limit=limit,
            settings=settings,
        )
        for label in labels:
            system = result.system(label)
            r1, r2, rl = (system.mean_f1(m) for m in ("rouge1", "rouge2", "rougeL"))
            print(
                f"{name:22} {label:20} {words:>5} {len(system.stories):>7} "
                f"{r1:6.2f} {r2:6.2f} {rl:6.2f}"
            )
        lead = [s.f1["rouge1"] for s in result.system("storydesk:lead").stories]
        for label in labels[:-1]:
            ours = [s.f1["rouge1"] for s in result.system(label).stories]
            interval = paired_bootstrap(ours, lead)
            print(f"{name:22} {label} - lead, R1: {interval.describe()}", flush=True)


if __name__ == "__main__":
    main()
