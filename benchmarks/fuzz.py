"""Fuzz storydesk with hypothesis: hostile text through ingest, clean, segment, summarize,
compare (when ``storydesk.comparison`` exists) and cluster; list every crash.

    python benchmarks/fuzz.py --cases 100000 [--seed 0]

A crash is any exception other than a StorydeskError, a StorydeskError that only wraps an internal
error (the pipeline turns a stage's ValueError/IndexError/... into one: a bug all the same), or a
broken invariant: every summary sentence is its source text at its offsets, the budget holds,
citations point inside their documents, and the same input gives the same output. Inputs are
size-capped so that a case takes milliseconds; one failure never stops the run. The very last line
printed is ``N cases, K crashes``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fuzz_strategies beside this file
try:
    from fuzz_strategies import cases
    from hypothesis import HealthCheck, Phase, given, seed, settings
except ImportError:  # pragma: no cover - said to the user, not a crash
    sys.exit('fuzz.py needs hypothesis: pip install "storydesk[fuzz]" (also in the dev extra)')

from storydesk.errors import StorydeskError
from storydesk.settings import Settings, load_settings
from storydesk.types import Article, Story

try:  # the comparison package is being built in parallel; fuzz it once it exists
    from storydesk.comparison.pipeline import compare_story
except ImportError:
    compare_story = None


# --- invariants ------------------------------------------------------------------------------


def sentence_matches_source(text: str, source: str, start: int, end: int) -> bool:
    """A summary sentence is verbatim source text at its offsets, read through the Unicode
    repair (mojibake fixed, lost characters and line breaks inside it dropped): the one place
    the invariant is written."""
    from storydesk.story.repair import repair

    return text == repair(source[start:end])


def check_summary(summary: Any, story: Story, opts: Settings) -> list[str]:
    broken: list[str] = []
    texts = {a.id: a.text for a in story.articles}
    for s in summary.sentences:
        if not s.citations:
            broken.append("a summary sentence cites nothing")
            continue
        own = s.citations[0]
        if own.document_id in texts and not sentence_matches_source(
            s.text, texts[own.document_id], own.start, own.end
        ):
            broken.append(f"sentence text differs from its source at {own.start}:{own.end}")
        for c in s.citations:
            if c.document_id not in texts:
                broken.append(f"citation of unknown document {c.document_id!r}")
            elif not 0 <= c.start < c.end <= len(texts[c.document_id]):
                broken.append(f"citation {c.start}:{c.end} outside document {c.document_id!r}")
    if opts.sentences:
        if len(summary.sentences) > opts.sentences:
            broken.append(f"{len(summary.sentences)} sentences > budget {opts.sentences}")
    elif sum(len(s.text.split()) for s in summary.sentences) > opts.words:
        broken.append(f"summary over its {opts.words}-word budget")
    return broken


# --- one case --------------------------------------------------------------------------------


@dataclass
class Crashes:
    found: list[tuple[str, str, str]] = field(default_factory=list)  # (stage, problem, input)
    cases: int = 0
    targets: Counter[str] = field(default_factory=Counter)
    progress: int = 0  # print a progress line to stderr every this many cases (0: never)


def _internal(error: StorydeskError) -> bool:
    """A StorydeskError that only wraps an unexpected exception is a crash in disguise."""
    cause = error.__cause__
    return cause is not None and not isinstance(cause, StorydeskError)


def _story(case: dict[str, Any]) -> Story:
    from storydesk.ingest.records import parse_line, story_from_record
    from storydesk.ingest.source import decode

    texts = case["texts"]
    ids = case["ids"] or []
    docs: list[Any] = []
    for n, text in enumerate(texts):
        # Text as JSON carries it ("json"), or bytes as a scraper hands them over, then decoded.
        data = b"" if case["encoding"] == "json" else text.encode(case["encoding"], "replace")
        decoded = decode(data, "fuzz") if data else text
        doc_id = ids[n] if n < len(ids) else f"d{n}"
        dates = case["published"]
        published = dates[n] if isinstance(dates, list) and n < len(dates) else dates
        docs.append({"id": doc_id, "text": decoded, "published": published})
    line = json.dumps({"id": "fuzz", "documents": docs}, ensure_ascii=bool(len(texts) % 2))
    return story_from_record(parse_line(line, "fuzz:1"), "fuzz:1", "fuzz")


def _html_article(text: str, folder: Path) -> list[Article]:
    from storydesk.ingest import read_articles

    page = folder / "page.html"
    page.write_text(
        f"<html><body><article>{text}</article></body></html>", encoding="utf-8", errors="replace"
    )
    return read_articles([page])


def run_case(case: dict[str, Any], crashes: Crashes, folder: Path) -> None:
    """Ingest and one target stage on one input; each problem is recorded, none is raised."""
    crashes.cases += 1
    if crashes.progress and crashes.cases % crashes.progress == 0:
        print(f"{crashes.cases} cases, {len(crashes.found)} crashes so far", file=sys.stderr)
    target = case["target"]
    absent = target == "compare" and compare_story is None
    crashes.targets["compare (package absent: skipped)" if absent else target] += 1
    stage = "ingest"
    try:
        story = _story(case)
        stage = target
        for problem in _TARGETS[target](case, story, folder):
            crashes.found.append((stage, f"invariant: {problem}", repr(case)[:300]))
    except StorydeskError as error:
        if _internal(error):
            crashes.found.append((stage, f"wrapped {error}", repr(case)[:300]))
    except Exception as error:  # noqa: BLE001 - the point: any other exception is a crash
        crashes.found.append((stage, _describe(error), repr(case)[:300]))


def _summarize(case: dict[str, Any], story: Story, folder: Path) -> list[str]:
    from storydesk.story.pipeline import summarize_story
    from storydesk.story.render import to_record

    opts = load_settings(environ={}, **case["budget"])
    summary = summarize_story(story, opts)
    broken = check_summary(summary, story, opts)
    record = to_record(summary)
    if to_record(summarize_story(story, opts)) != record:
        broken.append("same input, another output")
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # what `summarize --stories` writes
    return broken


def _segment(case: dict[str, Any], story: Story, folder: Path) -> list[str]:
    from storydesk.story.pipeline import prepare

    prepared = prepare(story, load_settings(environ={}))
    texts = {a.id: a.text for a in story.articles}
    return [
        f"sentence {s.start}:{s.end} is not its source text"
        for s in prepared.sentences
        if not sentence_matches_source(s.text, texts[s.article_id], s.start, s.end)
    ]


def _cluster(case: dict[str, Any], story: Story, folder: Path) -> list[str]:
    from storydesk.feed.cluster import Clusterer

    articles = [a for a in story.articles if a.text.strip()]
    if not articles:
        return []
    labels = Clusterer().fit(articles).labels_
    return [] if len(labels) == len(articles) else ["a label per article expected"]


def _compare(case: dict[str, Any], story: Story, folder: Path) -> list[str]:
    if compare_story is None:
        return []
    opts = load_settings(environ={})
    first = compare_story(story, opts)
    return [] if repr(compare_story(story, opts)) == repr(first) else ["compare not deterministic"]


def _html(case: dict[str, Any], story: Story, folder: Path) -> list[str]:
    if case["texts"]:
        _html_article(case["texts"][0], folder)
    return []


_TARGETS = {
    "clean/segment": _segment,
    "summarize": _summarize,
    "cluster": _cluster,
    "compare": _compare,
    "ingest-html": _html,
}


def _describe(error: BaseException) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return (
        f"{type(error).__name__}: {str(error)[:160]} at {Path(frame.filename).name}:{frame.lineno}"
    )


# --- the run ---------------------------------------------------------------------------------


def fuzz(
    cases_wanted: int, seed_value: int | None = None, crashes: Crashes | None = None
) -> Crashes:
    """Run ``cases_wanted`` hypothesis cases; never stops on a failure."""
    crashes = crashes if crashes is not None else Crashes()
    import storydesk.feed.cluster  # noqa: F401 - loaded up front: imports are not cases
    import storydesk.story.pipeline  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        @settings(
            max_examples=cases_wanted,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(cases())
        def property_holds(case: dict[str, Any]) -> None:
            run_case(case, crashes, folder)

        test = property_holds if seed_value is None else seed(seed_value)(property_holds)
        test()
    return crashes


def report(crashes: Crashes, seconds: float, out: io.TextIOBase | Any = sys.stdout) -> None:
    kinds = Counter((stage, problem) for stage, problem, _ in crashes.found)
    first = {}
    for stage, problem, shown in crashes.found:
        first.setdefault((stage, problem), shown)
    for (stage, problem), count in kinds.most_common():
        print(f"CRASH x{count} [{stage}] {problem}\n    input: {first[(stage, problem)]}", file=out)
    rate = crashes.cases / seconds if seconds > 0 else 0.0
    targets = ", ".join(f"{name} {count}" for name, count in sorted(crashes.targets.items()))
    print(f"targets: ingest {crashes.cases}, {targets}", file=out)
    print(f"{seconds:.1f} s, {rate:.1f} cases/s", file=out)
    print(f"{crashes.cases} cases, {len(crashes.found)} crashes", file=out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--progress", type=int, default=0, help="stderr line every N cases")
    args = parser.parse_args()
    import storydesk.feed.cluster  # noqa: F401 - imports are not part of the rate
    import storydesk.story.pipeline  # noqa: F401

    started = time.perf_counter()
    crashes = Crashes(progress=args.progress)
    try:
        fuzz(args.cases, args.seed, crashes)
    except KeyboardInterrupt:  # stopped early (Ctrl-C, timeout -s INT): report what ran
        print("interrupted", file=sys.stderr)
    report(crashes, time.perf_counter() - started)


if __name__ == "__main__":
    main()
