"""Batch summarizing on one machine vs on Dask: the same stories with --jobs 1, --jobs 2 and
--dask local:2; stories/s, peak memory of every process, Dask's overhead, identical output.

    python benchmarks/bench_dask.py [--stories 1000] [--data PATH.jsonl[.gz]]

Each run is the real CLI (`storydesk summarize --stories ... --format jsonl`) in a subprocess,
timed wall-clock from start to exit (start-up included: Dask's cluster start is part of its
overhead). Memory: every process of the run (the CLI, its pool workers, Dask's scheduler, nannies
and workers) is sampled every 0.1 s with psutil; the table shows each one's peak RSS. The stories
are written once, uncompressed, to a temporary file, so Dask's workers read their own byte ranges
(the path that scales out); nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"


def first_lines(source: Path, count: int, target: Path) -> int:
    opener = gzip.open if source.name.endswith(".gz") else open
    written = 0
    with (
        opener(source, "rt", encoding="utf-8") as handle,
        target.open("w", encoding="utf-8") as out,
    ):
        for line in handle:
            if written >= count:
                break
            out.write(line)
            written += 1
    return written


def run(stories: Path, out: Path, extra: list[str]) -> tuple[float, list[tuple[str, float]]]:
    """Wall seconds of one CLI run and the peak RSS (MiB) of each of its processes."""
    command = [sys.executable, "-m", "storydesk", "summarize", "--stories", str(stories)]
    command += ["--format", "jsonl", "--out", str(out), *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peaks: dict[int, tuple[str, float]] = {}
    while process.poll() is None:
        try:
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in family:
            try:
                rss = member.memory_info().rss / 2**20
                name = _role(member, root.pid)
            except psutil.Error:
                continue
            if rss > peaks.get(member.pid, ("", 0.0))[1]:
                peaks[member.pid] = (name, rss)
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    _, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"run {' '.join(extra)} failed ({process.returncode}): {err[-500:]}")
    return seconds, sorted(peaks.values())


def _role(member: psutil.Process, root: int) -> str:
    if member.pid == root:
        return "cli"
    line = " ".join(member.cmdline())
    if "spawn_main" in line:
        return "dask-worker"  # LocalCluster's nannies start each worker with spawn
    for role in ("resource_tracker", "forkserver"):
        if role in line:
            return role
    return "pool-worker" if member.ppid() == root else "child"


def cluster_start_seconds(workers: int) -> float:
    """Start and stop a LocalCluster alone: the fixed cost of --dask local:N."""
    code = (
        "import time,logging;from dask.distributed import Client,LocalCluster;"
        "t=time.perf_counter();"
        f"c=LocalCluster(n_workers={workers},threads_per_worker=1,host='127.0.0.1',"
        "dashboard_address=None,silence_logs=logging.ERROR);cl=Client(c);"
        "cl.submit(sum,[1]).result();cl.close();c.close();print(time.perf_counter()-t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"no data at {args.data} (clone the project beside ../shared, or pass --data)")
    with tempfile.TemporaryDirectory() as tmp:
        stories = Path(tmp) / "stories.jsonl"
        count = first_lines(args.data, args.stories, stories)
        runs = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"]}
        runs["--dask local:2"] = ["--dask", "local:2"]
        results = {}
        for label, extra in runs.items():
            out = Path(tmp) / f"{label.replace(' ', '_')}.jsonl"
            seconds, peaks = run(stories, out, extra)
            digest = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
            results[label] = (seconds, peaks, digest)
            print(f"{label}: {seconds:.1f} s", file=sys.stderr)
        startup = cluster_start_seconds(2)
    base = results["--jobs 1"][0]
    print(
        f"{count} stories from {args.data.name}; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"{'run':<16} {'seconds':>8} {'stories/s':>10} {'vs jobs 1':>10}  output sha256  "
        "peak RSS per process (MiB)"
    )
    for label, (seconds, peaks, digest) in results.items():
        memory = ", ".join(f"{name} {rss:.0f}" for name, rss in peaks)
        print(
            f"{label:<16} {seconds:8.1f} {count / seconds:10.2f} {base / seconds:9.2f}x  "
            f"{digest}   {memory}"
        )
    dask_s, jobs2_s = results["--dask local:2"][0], results["--jobs 2"][0]
    same = len({digest for _, _, digest in results.values()}) == 1
    print(
        f"Dask overhead vs --jobs 2: {dask_s - jobs2_s:+.1f} s ({dask_s / jobs2_s - 1:+.0%}); "
        f"LocalCluster(2) start+stop alone: {startup:.1f} s"
    )
    print(f"outputs byte-identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
