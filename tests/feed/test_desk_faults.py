"""Faults around the desk, each against real `storydesk add` processes: two writers at once,
kill -9, a full disk, a read-only, corrupt or locked file. Nothing committed is ever lost."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
TOWNS = ["Harbor", "Milton", "Avon", "Kessel", "Brook", "Oakley", "Dunmore", "Fenwick"]
EVENTS = ["bridge budget", "school strike", "river flood", "factory fire", "port expansion"]


def _lines(prefix: str, count: int) -> list[str]:
    """Distinct articles on a handful of events (so they cluster), one JSON line each."""
    lines = []
    for n in range(count):
        town, event = TOWNS[n % len(TOWNS)], EVENTS[(n // 3) % len(EVENTS)]
        text = (
            f"Officials in {town} discussed the {event} on day {n} of the month. "
            f"Residents said report {prefix}{n} described the {event} in detail, "
            f"and the council will meet again about the {event} next week."
        )
        lines.append(json.dumps({"id": f"{prefix}{n}", "text": text}))
    return lines


def _feed(path: Path, prefix: str, count: int) -> Path:
    path.write_text("\n".join(_lines(prefix, count)) + "\n", encoding="utf-8")
    return path


def _holding_writer(db: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    """A writer fed through stdin: it holds the desk mid-run until its input is closed."""
    process = _add(Path("-"), db, stdin=True)
    assert process.stdin is not None
    process.stdin.write("\n".join(_lines(prefix, count)) + "\n")
    process.stdin.flush()
    _wait_for_rows(db, process)
    return process


def _finish(process: subprocess.Popen[str], prefix: str, start: int, count: int) -> None:
    assert process.stdin is not None
    process.stdin.write("\n".join(_lines(prefix, start + count)[start:]) + "\n")
    process.stdin.close()


def _add(
    feed: Path,
    db: Path,
    *,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    stdin: bool = False,
) -> subprocess.Popen[str]:
    full_env = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "storydesk", "add", str(feed), "--db", str(db), "--batch-size", "5"],
        env=full_env,
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,
    )


def _stored(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT id FROM articles UNION ALL SELECT id FROM aliases").fetchall()
    return [r[0] for r in rows]


def _wait_for_rows(db: Path, process: subprocess.Popen[str], minimum: int = 1) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if db.exists() and len(_stored(db)) >= minimum:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    pytest.fail("the first writer committed nothing in time")


def _check(db: Path) -> list[str]:
    from storydesk.feed.desk import open_desk

    with open_desk(db) as desk:
        return desk.check()


def test_two_writers_second_waits_then_finishes_nothing_lost_or_doubled(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    first = _holding_writer(db, "a", 12)  # mid-run, holding the desk
    second = _add(_feed(tmp_path / "b.jsonl", "b", 60), db)
    time.sleep(1.0)
    assert second.poll() is None  # waiting for the first writer
    assert not any(i.startswith("b") for i in _stored(db))
    _finish(first, "a", 12, 40)
    assert first.wait(timeout=300) == 0
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    stored = _stored(db)
    assert sorted(stored) == sorted([f"a{n}" for n in range(52)] + [f"b{n}" for n in range(60)])
    assert _check(db) == []
    sqlite_own = {"desk.sqlite", "desk.sqlite-wal", "desk.sqlite-shm"}
    assert {p.name for p in tmp_path.iterdir()} - sqlite_own == {"b.jsonl"}  # no lock file


def test_second_writer_past_busy_timeout_gets_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    first = _holding_writer(db, "a", 12)
    env = {"STORYDESK_DESK_BUSY_TIMEOUT": "0.3"}
    second = _add(_feed(tmp_path / "b.jsonl", "b", 5), db, env=env)
    _, err = second.communicate(timeout=300)
    _finish(first, "a", 12, 0)
    assert first.wait(timeout=300) == 0
    assert second.returncode == 2
    # Refused at the whole-run lock, or at SQLite's own write lock the first writer holds.
    assert "busy" in err or "locked by another process" in err
    assert "desk_busy_timeout" in err and "Traceback" not in err
    assert sorted(_stored(db)) == sorted(f"a{n}" for n in range(12))


@pytest.mark.parametrize("victim", ["first", "second"])
def test_kill_9_mid_run_then_re_adding_stores_every_article_once(
    tmp_path: Path, victim: str
) -> None:
    db = tmp_path / "desk.sqlite"
    feeds = [_feed(tmp_path / "a.jsonl", "a", 60), _feed(tmp_path / "b.jsonl", "b", 400)]
    first = _holding_writer(db, "a", 12)  # a0..a11 of feed a, an open batch in flight
    second = _add(feeds[1], db)
    if victim == "first":
        time.sleep(0.5)
        first.send_signal(signal.SIGKILL)  # holding the lock, a batch uncommitted
    else:
        _finish(first, "a", 12, 0)
        deadline = time.monotonic() + 120
        while sum(i.startswith("b") for i in _stored(db)) < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        second.send_signal(signal.SIGKILL)  # writing its own batches
    for process in (first, second):
        process.wait(timeout=300)
    for feed in feeds:  # the user re-adds both feeds
        rerun = _add(feed, db)
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
    stored = _stored(db)
    expected = [f"a{n}" for n in range(60)] + [f"b{n}" for n in range(400)]
    assert sorted(stored) == sorted(expected)  # every article exactly once
    assert _check(db) == []


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_gives_a_clear_message_and_keeps_what_was_committed(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    assert _add(_feed(tmp_path / "a.jsonl", "a", 40), db).wait(timeout=300) == 0
    before = sorted(_stored(db))
    size = db.stat().st_size
    full = _add(_feed(tmp_path / "b.jsonl", "b", 400), db, preexec=_file_size_limit(size + 8192))
    _, err = full.communicate(timeout=300)
    assert full.returncode == 2, err
    assert "disk is full" in err and "free some space" in err and "Traceback" not in err
    stored = _stored(db)
    assert set(before) <= set(stored) and len(stored) == len(set(stored))
    assert _check(db) == []


def _without_root_overrides() -> None:
    """Root ignores file modes: drop the capabilities that let it (no-op for other users)."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone after exec


def test_read_only_desk_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    try:
        db = folder / "desk.sqlite"
        assert _add(_feed(tmp_path / "a.jsonl", "a", 10), db).wait(timeout=300) == 0
        feed = _feed(folder / "b.jsonl", "b", 10)
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        process = _add(feed, db, preexec=_without_root_overrides)
        _, err = process.communicate(timeout=300)
        assert process.returncode == 2, err
        assert "read-only" in err and "Traceback" not in err
        assert sorted(_stored(db)) == sorted(f"a{n}" for n in range(10))
    finally:
        os.chmod(folder, 0o755)


def test_corrupt_desk_gives_a_clear_message_and_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    garbage = b"this is not a database, just some bytes " * 200
    db.write_bytes(garbage)
    process = _add(_feed(tmp_path / "a.jsonl", "a", 5), db)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 2
    assert "corrupt or not a storydesk database" in err and "Traceback" not in err
    assert db.read_bytes() == garbage


def test_locked_desk_gives_a_clear_message_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "desk.sqlite"
    assert _add(_feed(tmp_path / "a.jsonl", "a", 10), db).wait(timeout=300) == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        env = {"STORYDESK_DESK_BUSY_TIMEOUT": "0.5"}
        process = _add(_feed(tmp_path / "b.jsonl", "b", 10), db, env=env)
        _, err = process.communicate(timeout=300)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert process.returncode == 2
    assert "locked" in err and "Traceback" not in err
    assert sorted(_stored(db)) == sorted(f"a{n}" for n in range(10))
