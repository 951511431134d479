"""Write or compare summary records on raw dev, the first 1,000 validation stories and DUC 2003.

    python benchmarks/check_outputs.py write /tmp/before    # before a change
    python benchmarks/check_outputs.py compare /tmp/before  # after it: prints differences
    python benchmarks/check_outputs.py compare /tmp/before --sets raw-dev  # one set only

A speed change must leave every summary and citation identical; this is the check. Scores are
compared to 1e-9 relative (float summation order may differ), everything else exactly.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETS = {
    "raw-dev": ("multinews-raw/dev.jsonl.gz", None),
    "validation-1000": ("multinews/validation.jsonl.gz", 1000),
    "duc2003": ("duc2003/duc2003.jsonl.gz", None),
    "duc2003-100w": ("duc2003/duc2003.jsonl.gz", None),
}
WORDS = {"duc2003-100w": 100}  # the gate's DUC budget; every other set: the default


def _records(
    data: Path, relative: str, limit: int | None, words: int | None
) -> list[dict[str, Any]]:
    from storydesk.batch.local import summarize_stories
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings

    stories = itertools.islice(read_stories(str(data / relative)), limit)
    settings = Settings() if words is None else Settings(words=words)
    return list(summarize_stories(stories, settings))


def _same(a: Any, b: Any, path: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            _same(a.get(key), b.get(key), f"{path}.{key}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: length {len(a)} != {len(b)}")
            return
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{i}]", out)
    elif isinstance(a, float) and isinstance(b, float):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            out.append(f"{path}: {a} != {b}")
    elif a != b:
        out.append(f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["write", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        relative, limit = SETS[name]
        records = _records(args.data, relative, limit, WORDS.get(name))
        target = args.folder / f"{name}.jsonl"
        if args.action == "write":
            target.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records))
            print(f"{name}: wrote {len(records)} records to {target}")
            continue
        before = [json.loads(line) for line in target.read_text().splitlines()]
        differences: list[str] = []
        _same(before, records, name, differences)
        changed = {d.split(".")[0].split("]")[0] for d in differences}
        print(f"{name}: {len(records)} records, {len(changed)} differ")
        for line in differences[:20]:
            print("  " + line)


if __name__ == "__main__":
    main()
