"""Shared by the web benchmark and tour: a desk built from a feed, a live `storydesk serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED_FEED = REPO.parent / "shared" / "data" / "feeds" / "multinews-raw-dev.jsonl.gz"
FIXTURE_FEED = REPO / "tests" / "fixtures" / "cluster_feed.jsonl"


def build_desk(feed: Path, db: Path) -> float:
    """`storydesk add` the feed into a new desk; seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "storydesk", "add", str(feed), "--db", str(db)],
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


@contextmanager
def live_server(db: Path, *args: str, log: Path | None = None) -> Iterator[str]:
    """`storydesk serve` on a free port; its log (stderr) goes to ``log`` when given."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    child = subprocess.Popen(
        [sys.executable, "-m", "storydesk", "serve", "--db", str(db), "--port", str(port), *args],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb") if log else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        yield base
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
