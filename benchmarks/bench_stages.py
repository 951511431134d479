"""CPU seconds per stage of the summarize loop (no profiler), after a two-story warm-up.

    python benchmarks/bench_stages.py [FILE] [--limit 60]

Run it once per checkout (PYTHONPATH=OLD/src, then src) to see which stage a change moved.
CPU time (time.process_time) moves less than wall time with the load of other programs.
Stages: prepare (clean + segment), represent, features, rank (tree walk and centroid mix),
compose (units, selection, reading order), cite, headline.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/multinews-raw/dev.jsonl.gz"


def main() -> None:
    import numpy as np

    from storydesk.errors import StorydeskError
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings
    from storydesk.story import pipeline
    from storydesk.story.cite import cite
    from storydesk.story.headline import headline_for
    from storydesk.story.rank import ranker_for, sentence_features
    from storydesk.story.represent import represent

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    settings = Settings()
    ranker = ranker_for(settings)
    stories = [
        s
        for s in itertools.islice(read_stories(args.file), args.limit)
        if not isinstance(s, StorydeskError)
    ]
    seconds: dict[str, float] = defaultdict(float)

    def run(story: object) -> None:
        clock = time.process_time()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.process_time()
            seconds[stage] += now - clock
            clock = now

        try:
            prepared = pipeline.prepare(story, settings)  # type: ignore[arg-type]
        except StorydeskError:
            return
        lap("prepare")
        if not prepared.sentences:
            return
        index = prepared.article_index
        article_of = [index[s.article_id] for s in prepared.sentences]
        idf, default_idf = ranker.background()
        n_articles = len(prepared.story.articles)
        texts = [s.text for s in prepared.sentences]
        rep = represent(texts, article_of, n_articles, idf=idf)
        lap("represent")
        features = sentence_features(prepared.sentences, rep, n_articles, idf, default_idf)
        lap("features")
        scores = np.asarray(ranker.score(features))
        lap("rank")
        chosen = pipeline._compose(prepared, scores, rep, settings)
        lap("compose")
        sources = {a.id: a.text for a in prepared.story.articles}
        cited = [
            cite(i, prepared.sentences, rep, support=settings.support, sources=sources)
            for i in chosen
        ]
        lap("cite")
        headline_for(prepared.story.articles, [s.text for s in cited])
        lap("headline")

    for story in stories[:2]:
        run(story)
    seconds.clear()
    start = time.process_time()
    for story in stories:
        run(story)
    total = time.process_time() - start
    print(f"{'stage':10} {'cpu s':>8} {'share':>7}   ({len(stories)} stories of {args.file.name})")
    for stage, value in seconds.items():
        print(f"{stage:10} {value:8.3f} {100 * value / total:6.1f}%")
    print(f"{'total':10} {total:8.3f}")


if __name__ == "__main__":
    main()
