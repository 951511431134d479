"""kill -9 of the live server during POST /api/articles: no committed article lost, desk sound."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import threading
import time
from pathlib import Path

import httpx

from storydesk.feed.desk import Desk
from tests.feed.test_desk import synthetic_feed
from tests.web.live import live_server


def test_server_killed_mid_post_loses_no_committed_article(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    records = synthetic_feed(4000, seed=3)
    first, rest = records[:40], records[40:]
    with live_server(db, env={"STORYDESK_DESK_BATCH_SIZE": "25"}) as (base, child):
        answered = httpx.post(f"{base}/api/articles", json={"articles": first}, timeout=60)
        assert answered.status_code == 200
        assert {a["status"] for a in answered.json()["articles"]} == {"added"}

        def post_rest() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server dies under it: the point
                httpx.post(f"{base}/api/articles", json={"articles": rest}, timeout=120)

        poster = threading.Thread(target=post_rest)
        poster.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with sqlite3.connect(db, timeout=10) as probe:
                if probe.execute("SELECT count(*) FROM articles").fetchone()[0] >= 140:
                    break
            time.sleep(0.05)
        assert child.poll() is None, "the server finished the post before it could be killed"
        child.send_signal(signal.SIGKILL)
        child.wait()
        poster.join(timeout=30)
    with Desk(db) as desk:
        assert desk.check() == []  # includes the search index's own integrity check
        stored = list(desk.assignments())
        assert 140 <= len(stored) < len(records) and len(stored) % 25 == 15
        assert stored == [r["id"] for r in records[: len(stored)]]
