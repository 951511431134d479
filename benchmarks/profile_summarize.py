"""Profile the summarize loop in one process (cProfile), after a two-story warm-up.

    python benchmarks/profile_summarize.py [FILE] [--limit 60] [--sort cumulative] [--lines 45]

FILE defaults to raw Multi-News dev. Start-up (imports, model load) is outside the profile:
``python -X importtime -m storydesk summarize --stories FILE --limit 1 -f jsonl -o /dev/null``
shows that part.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/multinews-raw/dev.jsonl.gz"


def main() -> None:
    from storydesk.batch.local import summarize_stories
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    stories = list(itertools.islice(read_stories(args.file), args.limit))
    list(summarize_stories(stories[:2], Settings()))
    profile = cProfile.Profile()
    profile.enable()
    list(summarize_stories(stories, Settings()))
    profile.disable()
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()
