"""Batch summarization speed and peak memory: storydesk beside sumy's SumBasic, in one run.

    python benchmarks/bench_summarize.py [--data ../shared/data] [--jobs 1 2] [--sets raw val]
        [--repeat N] [--modes whole in-process]

Each data set is summarized by each system in two ways:
- whole: a fresh process for the whole command, start-up (imports, model load) included:
  ``python -m storydesk summarize --stories FILE --format jsonl --jobs N`` for storydesk, and
  the same reading, cleaning and sentence splitting followed by sumy's SumBasic for the peer
  (what ``storydesk eval`` runs as the sumbasic system, cut by the same word budget);
- in-process: a forked child that warms up on two stories, then times the loop alone.
Peak MB is the largest resident set of any one process of the run (ru_maxrss, the parent's or
a worker's). The ratio column is storydesk's stories/s over SumBasic's (jobs 1) in the same way
on the same data. Timings on a shared machine are noisy: compare ratios within one run. The CPU
columns (user + system seconds of the process and its workers) move much less with the load of
other programs on the machine; "cpu ratio" is SumBasic's CPU seconds over storydesk's. With
``--repeat N`` the systems run N rounds in alternation and each row keeps its fastest wall and
CPU seconds (the least disturbed run), and each round's own ratios (a round runs every system
once, one after the other) are printed below the table as median, min and max.
With ``--baseline OLD/src`` (a checkout of an earlier commit, e.g. ``git archive main src | tar
-x -C OLD``) the whole command of that source runs too, as system "baseline", in the same
rounds: the change's speed-up and both ratios to SumBasic come from one run. (SumBasic's
command always runs the current source's reading, cleaning and splitting.)
Before the first run the imported storydesk package is compiled to bytecode, as an installed
one is (pip compiles at install; a checkout writes it on its first run, unless
PYTHONDONTWRITEBYTECODE is set, as on the shared machine, where every whole command would
otherwise compile storydesk's sources again), and one storydesk command runs on one story with
bytecode writing allowed, which keeps the regular expressions it compiled for the next runs
(``storydesk.regex_cache``, as a user's first run does); ``--cold`` skips both.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
SETS = {
    "raw": ("multinews-raw dev", "multinews-raw/dev.jsonl.gz", None, 250),
    "val": ("multinews validation[:1000]", "multinews/validation.jsonl.gz", 1000, 250),
}


def sumbasic_records(path: str, limit: int | None, words: int) -> Iterator[dict[str, Any]]:
    """SumBasic over storydesk's cleaned sentences, one JSON-ready record per story."""
    from storydesk.errors import StorydeskError
    from storydesk.evaluate.peers import make_peer
    from storydesk.ingest import read_stories
    from storydesk.story.pipeline import prepare

    peer = make_peer("sumbasic")
    for story in itertools.islice(read_stories(path), limit):
        if isinstance(story, StorydeskError):
            yield {"error": str(story)}
            continue
        try:
            sentences = prepare(story).sentences
            yield {"id": story.id, "summary": peer.summarize(story, sentences, words)}
        except StorydeskError as error:
            yield {"id": story.id, "error": str(error)}


def storydesk_records(path: str, limit: int | None, jobs: int) -> Iterator[dict[str, Any]]:
    from storydesk.batch.local import summarize_stories
    from storydesk.ingest import read_stories
    from storydesk.settings import Settings

    yield from summarize_stories(itertools.islice(read_stories(path), limit), Settings(jobs=jobs))


def _whole_command(system: str, path: Path, limit: int | None, jobs: int) -> list[str]:
    if system in ("storydesk", "baseline"):
        argv = [sys.executable, "-m", "storydesk", "summarize", "--stories", str(path)]
        argv += ["--format", "jsonl", "--jobs", str(jobs), "--out", os.devnull]
        return argv + (["--limit", str(limit)] if limit else [])
    return [sys.executable, __file__, "--sumbasic-command", str(path), str(limit or 0)]


def whole(
    system: str, path: Path, limit: int | None, jobs: int, baseline: Path | None = None
) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak MB) of the whole command in a fresh process ("baseline":
    storydesk's command with ``baseline`` first on PYTHONPATH)."""
    env = dict(os.environ)
    if system == "baseline" and baseline is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(baseline), env.get("PYTHONPATH", "")])
    command = _whole_command(system, path, limit, jobs)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{system} failed with exit code {process.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and its finished workers so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _in_process(system: str, path: str, limit: int | None, jobs: int, queue: Any) -> None:
    def records(stories_limit: int | None, run_jobs: int) -> Iterator[dict[str, Any]]:
        if system == "storydesk":
            return storydesk_records(path, stories_limit, run_jobs)
        return sumbasic_records(path, stories_limit, 250)

    list(records(2, 1))  # warm-up: imports, model load, tokenizer start-up
    start, cpu = time.perf_counter(), _cpu()
    count = sum(1 for _ in records(limit, jobs))
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    queue.put((count, seconds, cpu, max(own, workers) / 1024))


def in_process(
    system: str, path: Path, limit: int | None, jobs: int
) -> tuple[int, float, float, float]:
    """(stories, seconds, CPU seconds, peak MB) of the summarize loop alone, in a fresh forked
    child."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_in_process, args=(system, str(path), limit, jobs, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def _first_run(path: Path) -> None:
    """One storydesk command on one story, allowed to write bytecode and its pattern cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(_whole_command("storydesk", path, 1, 1), env=env, check=True)


def _count(path: Path, limit: int | None) -> int:
    from storydesk.ingest import read_stories

    return sum(1 for _ in itertools.islice(read_stories(str(path)), limit))


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--sumbasic-command":
        limit = int(sys.argv[3]) or None
        with open(os.devnull, "w") as sink:
            for record in sumbasic_records(sys.argv[2], limit, 250):
                sink.write(json.dumps(record) + "\n")
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["raw", "val"])
    parser.add_argument("--cold", action="store_true", help="do not compile bytecode first")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds; each row keeps its fastest (wall, CPU)"
    )
    parser.add_argument(
        "--modes", nargs="+", choices=["whole", "in-process"], default=["whole", "in-process"]
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="an earlier source folder (OLD/src): its whole command runs too, as 'baseline'",
    )
    args = parser.parse_args()
    if not args.cold:
        import storydesk

        compileall.compile_dir(Path(storydesk.__file__).parent, quiet=1)
        if args.baseline is not None:
            compileall.compile_dir(args.baseline / "storydesk", quiet=1)
        _first_run(args.data / SETS[args.sets[0]][1])
    header = ("data", "system", "mode", "jobs", "stories", "seconds", "stories/s", "cpu s")
    print(
        f"{header[0]:28} {header[1]:10} {header[2]:10} "
        + " ".join(f"{h:>9}" for h in header[3:])
        + "   peak MB  ratio  cpu ratio"
    )
    for key in args.sets:
        name, relative, limit, _words = SETS[key]
        path = args.data / relative
        n = _count(path, limit)
        runs = [("sumbasic", 1)] + [("storydesk", j) for j in args.jobs]
        baseline: dict[str, tuple[float, float]] = {}
        for mode in args.modes:
            if args.baseline is not None:  # the earlier source: whole commands only
                old_runs = [("baseline", j) for j in args.jobs] if mode == "whole" else []
                runs = [("sumbasic", 1)] + [("storydesk", j) for j in args.jobs] + old_runs
            best: dict[tuple[str, int], tuple[float, float, float]] = {}
            rounds: list[dict[tuple[str, int], tuple[float, float]]] = []
            for _ in range(args.repeat):  # systems in alternation, each round
                rounds.append({})
                for system, jobs in runs:
                    if mode == "whole":
                        seconds, cpu, peak = whole(system, path, limit, jobs, args.baseline)
                    else:
                        n, seconds, cpu, peak = in_process(system, path, limit, jobs)
                    rounds[-1][system, jobs] = (seconds, cpu)
                    old = best.get((system, jobs), (seconds, cpu, peak))
                    best[system, jobs] = (min(old[0], seconds), min(old[1], cpu), max(old[2], peak))
            for system, jobs in runs:
                seconds, cpu, peak = best[system, jobs]
                rate = n / seconds
                base_rate, base_cpu = baseline.setdefault(mode, (rate, cpu))
                cells = f"{jobs:>9} {n:>9} {seconds:>9.2f} {rate:>9.1f} {cpu:>9.2f} {peak:>9.0f}"
                ratios = f"{rate / base_rate:5.2f}x {base_cpu / cpu:9.2f}x"
                print(f"{name:28} {system:10} {mode:10} {cells}  {ratios}", flush=True)
            if args.repeat > 1:
                _print_round_ratios(rounds, runs[1:], mode)
                if mode == "whole" and args.baseline is not None:
                    _print_speedups(rounds, args.jobs)


def _print_round_ratios(
    rounds: list[dict[tuple[str, int], tuple[float, float]]],
    runs: list[tuple[str, int]],
    mode: str,
) -> None:
    """Each round's ratio to SumBasic's run of the same round: the spread says how far one
    run's ratio can be trusted on a shared machine."""
    for system, jobs in runs:
        for label, k in (("wall", 0), ("cpu", 1)):
            ratios = sorted(r["sumbasic", 1][k] / r[system, jobs][k] for r in rounds)
            listed = " ".join(f"{x:.2f}" for x in ratios)
            print(
                f"  per round, {mode}, {system} jobs {jobs}, {label} ratio: median "
                f"{statistics.median(ratios):.2f}x (min {ratios[0]:.2f}x, max {ratios[-1]:.2f}x;"
                f" {listed})"
            )


def _print_speedups(
    rounds: list[dict[tuple[str, int], tuple[float, float]]], jobs: list[int]
) -> None:
    """Each round's speed-up of the current source over the baseline's (same round)."""
    for n_jobs in jobs:
        for label, k in (("wall", 0), ("cpu", 1)):
            ratios = sorted(r["baseline", n_jobs][k] / r["storydesk", n_jobs][k] for r in rounds)
            listed = " ".join(f"{x:.2f}" for x in ratios)
            print(
                f"  per round, whole, storydesk over baseline, jobs {n_jobs}, {label}: median "
                f"{statistics.median(ratios):.2f}x (min {ratios[0]:.2f}x, max {ratios[-1]:.2f}x;"
                f" {listed})"
            )


if __name__ == "__main__":
    main()
