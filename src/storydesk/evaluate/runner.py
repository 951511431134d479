"""One evaluation run: every system on the same stories, sentences and word budget."""

from __future__ import annotations

import gzip
import hashlib
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from storydesk.errors import BudgetError, ConfigError, InputError
from storydesk.evaluate.readability import Readability, measure, total
from storydesk.evaluate.rouge import METRICS, Rouge, cut_words
from storydesk.evaluate.systems import System
from storydesk.types import Sentence, Story

Preparer = Callable[[Story], Sequence[Sentence]]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class StoryResult:
    """One system's output for one story and its scores (×100)."""

    story_id: str
    output: tuple[str, ...]
    words: int
    f1: dict[str, float]
    recall: dict[str, float]
    error: str | None = None
    readability: Readability = field(default_factory=Readability)


@dataclass(frozen=True)
class SystemResult:
    """All of one system's stories, with the time it spent summarizing them."""

    label: str
    stories: tuple[StoryResult, ...]
    seconds: float

    def mean_f1(self, metric: str) -> float:
        return statistics.fmean(s.f1[metric] for s in self.stories) if self.stories else 0.0

    def mean_recall(self, metric: str) -> float:
        return statistics.fmean(s.recall[metric] for s in self.stories) if self.stories else 0.0

    @property
    def stories_per_second(self) -> float:
        return len(self.stories) / self.seconds if self.seconds > 0 else float("inf")

    @property
    def lengths(self) -> list[int]:
        return [s.words for s in self.stories]

    @property
    def readability(self) -> Readability:
        """Orphans, speakerless quotations, openings and mojibake over all its stories."""
        return total([s.readability for s in self.stories])

    @property
    def failures(self) -> int:
        return sum(1 for s in self.stories if s.error)

    def summary(self) -> dict[str, Any]:
        lengths = self.lengths
        return {
            "system": self.label,
            "f1": {m: self.mean_f1(m) for m in METRICS},
            "recall": {m: self.mean_recall(m) for m in METRICS},
            "stories": len(self.stories),
            "seconds": self.seconds,
            "stories_per_second": self.stories_per_second if self.seconds > 0 else None,
            "mean_words": statistics.fmean(lengths) if lengths else 0.0,
            "failures": self.failures,
            "readability": self.readability.to_dict(),
        }


@dataclass(frozen=True)
class EvalResult:
    """A whole run: settings, the stories' references, and every system's results."""

    source: str
    words: int
    cut: int | None
    systems: tuple[SystemResult, ...]
    references: dict[str, tuple[str, ...]]
    skipped: tuple[str, ...] = ()
    prepare_seconds: float = 0.0
    sha256: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def stories(self) -> int:
        return len(self.references)

    def system(self, label: str) -> SystemResult:
        for result in self.systems:
            if result.label == label:
                return result
        raise KeyError(label)

    def to_dict(self) -> dict[str, Any]:
        """Every number of the run, for ``--json``."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "words": self.words,
            "cut": self.cut,
            "stories": self.stories,
            "skipped": list(self.skipped),
            "prepare_seconds": self.prepare_seconds,
            "conventions": (
                "rouge-score (Google) via rouge-score-rs: Porter stemming; ROUGE-Lsum one sentence "
                "per line (references split with nupunkt); F1 and recall x100; mean over "
                "references per story, then over stories"
            ),
            "notes": list(self.notes),
            "systems": [
                {
                    **result.summary(),
                    "per_story": [
                        {
                            "id": s.story_id,
                            "words": s.words,
                            "f1": s.f1,
                            "recall": s.recall,
                            **({"error": s.error} if s.error else {}),
                        }
                        for s in result.stories
                    ],
                }
                for result in self.systems
            ],
        }


def sha256_of(path: Path | str) -> str:
    """The file's digest; a URL is read through fsspec (the dask extra has it)."""
    from storydesk.batch.chunks import is_url

    digest = hashlib.sha256()
    if is_url(str(path)):
        import fsspec

        opened: Any = fsspec.open(str(path), "rb")
    else:
        opened = open(path, "rb")  # noqa: SIM115 - closed by the with below
    with opened as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_stories(path: Path | str, limit: int | None = None) -> int:
    """Lines in a story file (for a progress bar's total), at most ``limit``."""
    opener = gzip.open if str(path).endswith(".gz") else open
    count = 0
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                count += 1
                if limit is not None and count >= limit:
                    break
    return count


def _default_preparer(settings: Any) -> Preparer:
    from storydesk.story.pipeline import prepare

    def run(story: Story) -> Sequence[Sentence]:
        return prepare(story, settings).sentences

    return run


def story_outputs(
    story: Story,
    systems: Sequence[System],
    *,
    words: int,
    cut: int | None,
    prepare: Preparer,
) -> dict[str, Any]:
    """One story through every system: the run record ``score_runs`` collects (JSON-ready)."""
    if not story.references:
        return {"id": story.id, "skip": "no reference summary"}
    started = time.perf_counter()
    sentences = list(prepare(story))
    prepare_seconds = time.perf_counter() - started
    outputs: dict[str, list[Any]] = {}
    seconds: dict[str, float] = {}
    readability: dict[str, dict[str, int]] = {}
    texts = [a.text for a in story.articles]
    for system in systems:
        started = time.perf_counter()
        error: str | None = None
        try:
            output = system.summarize(story, sentences, words)
        except (InputError, BudgetError) as exc:
            # A story a system cannot summarize scores zero and the run goes on; a
            # missing model or a bad setting stops it (it would fail every story).
            output, error = [], str(exc)
        seconds[system.label] = time.perf_counter() - started
        if cut is not None:
            output = cut_words(output, cut)
        outputs[system.label] = [list(output), error]
        readability[system.label] = asdict(measure(output, texts))
    return {
        "id": story.id,
        "references": list(story.references),
        "outputs": outputs,
        "seconds": seconds,
        "prepare_seconds": prepare_seconds,
        "readability": readability,
    }


def evaluate_stories(
    stories: Iterable[Story],
    systems: Sequence[System],
    *,
    words: int = 250,
    cut: int | None = None,
    prepare: Preparer,
    on_story: Progress | None = None,
    source: str = "<stories>",
) -> EvalResult:
    """Run every system on every story with references, then score them all."""

    def runs() -> Iterable[dict[str, Any]]:
        seen: set[str] = set()
        for story in stories:
            if story.references and story.id in seen:
                yield {"id": story.id, "skip": "duplicate story id"}
                continue
            if story.references:
                seen.add(story.id)
            yield story_outputs(story, systems, words=words, cut=cut, prepare=prepare)

    return score_runs(runs(), systems, words=words, cut=cut, on_story=on_story, source=source)


def score_runs(
    runs: Iterable[dict[str, Any]],
    systems: Sequence[System],
    *,
    words: int = 250,
    cut: int | None = None,
    on_story: Progress | None = None,
    source: str = "<stories>",
) -> EvalResult:
    """Collect ``story_outputs`` records (in input order, from here or from workers), score them."""
    outputs: dict[str, list[tuple[str, list[str], str | None]]] = {s.label: [] for s in systems}
    readable: dict[str, list[Readability]] = {s.label: [] for s in systems}
    seconds = dict.fromkeys(outputs, 0.0)
    references: dict[str, tuple[str, ...]] = {}
    skipped: list[str] = []
    prepare_seconds = 0.0
    for done, run in enumerate(runs, start=1):
        skip = run.get("skip") or ("duplicate story id" if run["id"] in references else None)
        if skip:
            skipped.append(f"{run['id']}: {skip}")
        else:
            references[run["id"]] = tuple(run["references"])
            prepare_seconds += run["prepare_seconds"]
            for label in outputs:
                output, error = run["outputs"][label]
                seconds[label] += run["seconds"][label]
                outputs[label].append((run["id"], list(output), error))
                readable[label].append(Readability(**run["readability"][label]))
        if on_story:
            on_story(done)
    rouge = Rouge()
    results: list[SystemResult] = []
    for system in systems:
        rows = outputs[system.label]
        scores = rouge.score_many([o for _, o, _ in rows], [references[i] for i, _, _ in rows])
        stories_results = tuple(
            StoryResult(
                story_id=story_id,
                output=tuple(output),
                words=sum(len(s.split()) for s in output),
                f1=score.f1,
                recall=score.recall,
                error=error,
                readability=readability,
            )
            for (story_id, output, error), score, readability in zip(
                rows, scores, readable[system.label], strict=True
            )
        )
        results.append(SystemResult(system.label, stories_results, seconds[system.label]))
    return EvalResult(
        source=source,
        words=words,
        cut=cut,
        systems=tuple(results),
        references=references,
        skipped=tuple(skipped),
        prepare_seconds=prepare_seconds,
    )


def read_eval_stories(
    path: Path | str, *, limit: int | None = None, skip_bad: bool = False
) -> Iterable[Story]:
    """Stories of a story-schema file, the first ``limit`` of them."""
    from storydesk.ingest import read_stories

    count = 0
    for item in read_stories(path, skip_bad=skip_bad):
        if limit is not None and count >= limit:
            return
        count += 1
        if isinstance(item, InputError):
            if skip_bad:
                continue
            raise item
        yield item


def run_eval(
    path: Path | str,
    systems: Sequence[System],
    *,
    words: int = 250,
    cut: int | None = None,
    limit: int | None = None,
    settings: Any = None,
    skip_bad: bool = False,
    on_story: Progress | None = None,
    prepare: Preparer | None = None,
    dask: str | None = None,
) -> EvalResult:
    """Evaluate ``systems`` on the stories of ``path`` (story-schema JSONL, maybe gzipped).

    With ``dask`` (``local[:N]`` or a scheduler address) the stories run on Dask workers and
    are scored here, in input order: the same scores as without it.
    """
    from storydesk.batch.chunks import is_url

    if is_url(str(path)):
        if dask is None:
            raise InputError(
                "a URL is read only by Dask workers", where=str(path), hint="add --dask local"
            )
    else:
        path = Path(path)
        if not path.exists():
            raise InputError(
                "story file not found", where=str(path), hint="pass a .jsonl or .jsonl.gz"
            )
    if settings is None:
        from storydesk.settings import load_settings

        settings = load_settings(words=words)
    if dask is not None:
        from storydesk.evaluate.on_dask import dask_runs

        if prepare is not None:
            raise ConfigError("a custom preparer cannot run on Dask workers", where="--dask")
        bad = settings.with_overrides(skip_bad=skip_bad)
        runs = dask_runs(path, systems, bad, dask, limit, words, cut)
        result = score_runs(
            runs, systems, words=words, cut=cut, on_story=on_story, source=str(path)
        )
    else:
        result = evaluate_stories(
            read_eval_stories(path, limit=limit, skip_bad=skip_bad),
            systems,
            words=words,
            cut=cut,
            prepare=prepare or _default_preparer(settings),
            on_story=on_story,
            source=str(path),
        )
    if not result.references:
        raise InputError(
            "no story with a reference summary to score against",
            where=str(path),
            hint="eval needs stories whose 'summaries' list is not empty",
        )
    return EvalResult(
        source=result.source,
        words=result.words,
        cut=result.cut,
        systems=result.systems,
        references=result.references,
        skipped=result.skipped,
        prepare_seconds=result.prepare_seconds,
        sha256=sha256_of(path),
    )
