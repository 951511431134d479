"""Draw the citation sample read by hand in docs/citations.md.

    python benchmarks/citation_sample.py [--data ../shared/data] [--size 200] > /tmp/sample.jsonl
    python benchmarks/citation_sample.py --refusals    # why candidate spans were not cited

Summarizes raw dev at 250 words and lists (summary sentence, cited document, cited span) pairs:
every citation of another report than the sentence's own source (the pairs the support rule
decides), then own-source citations (citations[0]) to fill ``--size``, chosen by a hash of
(story id, sentence number) so the draw is deterministic. One JSON object per line.
With ``--refusals`` it prints instead how often each rule of story.cite refused a candidate span
whose share of the sentence's evidence reached ``support`` (the spans the old share-only rule
cited), over the same summaries.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings
    from storydesk.story.pipeline import summarize_story

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--refusals", action="store_true")
    args = parser.parse_args()
    if args.refusals:
        _count_refusals(args.data)
        return
    others: list[dict] = []
    own: list[tuple[str, dict]] = []
    for story in read_stories(args.data / "multinews-raw/dev.jsonl.gz"):
        summary = summarize_story(story, Settings(words=250))
        texts = {a.id: a.text for a in story.articles}
        for number, sentence in enumerate(summary.sentences):
            for rank, citation in enumerate(sentence.citations):
                pair = {
                    "story": story.id,
                    "sentence": number,
                    "text": sentence.text,
                    "document": citation.document_id,
                    "own": rank == 0,
                    "span": texts[citation.document_id][citation.start : citation.end],
                }
                if rank == 0:
                    key = hashlib.sha256(f"{story.id}/{number}".encode()).hexdigest()
                    own.append((key, pair))
                else:
                    others.append(pair)
    own.sort(key=lambda item: item[0])
    sample = others[: args.size] + [pair for _, pair in own[: max(0, args.size - len(others))]]
    for pair in sample:
        print(json.dumps(pair, ensure_ascii=False))


def _count_refusals(data: Path) -> None:
    from collections import Counter

    from storydesk.ingest import read_stories
    from storydesk.settings import Settings
    from storydesk.story import cite
    from storydesk.story.pipeline import summarize_story

    reasons: Counter[str] = Counter()
    rule = cite.refusal

    def counted(claim: cite.Span, source: cite.Span, support: float) -> str | None:
        reason = rule(claim, source, support)
        if reason not in (None, "share", "no-content"):
            reasons[str(reason)] += 1
        return reason

    cite.refusal = counted  # type: ignore[assignment]
    for story in read_stories(data / "multinews-raw/dev.jsonl.gz"):
        summarize_story(story, Settings(words=250))
    print("refused candidate spans (share reached) by rule, raw dev at 250 words")
    for reason, count in reasons.most_common():
        print(f"{reason:12} {count:5}")


if __name__ == "__main__":
    main()
