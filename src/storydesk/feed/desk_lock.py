"""One writer at a time on a desk, for the whole of its run: an OS lock on the database file.

SQLite alone serialises single transactions, but ``Desk.add`` commits every batch and keeps the
live window in memory, so two writers interleaving would each work from a stale window (and one
could starve waiting between the other's batches). The writer therefore takes ``flock`` on the
database file itself for the whole ``add``: a second writer waits (polling, up to the busy
timeout) and then runs on fresh state. No lock file is made; the kernel drops the lock when the
process ends, however it ends (kill -9 included).

The descriptor is kept open until the desk closes: closing any descriptor of a file drops every
POSIX lock the process holds on it, SQLite's own included. flock and SQLite's POSIX locks do not
interact on local file systems. Where ``fcntl`` does not exist (Windows) only SQLite's busy
timeout applies.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storydesk.errors import StoreError
from storydesk.feed.desk_store import store_error

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05


class WriterLock:
    """An exclusive, whole-run writer lock on ``path``; ``acquire`` waits up to ``timeout`` s.

    ``conn`` is the desk's connection: its ``PRAGMA data_version`` tells whether another
    connection committed since the desk last loaded its in-memory state.
    """

    def __init__(self, path: Path, timeout: float, conn: sqlite3.Connection) -> None:
        self.path = path
        self.timeout = timeout
        self.conn = conn
        self._fd: int | None = None
        self._held = False
        self._version = self._data_version()

    def _data_version(self) -> int:
        try:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    @contextmanager
    def holding(self, reload: Callable[[], None]) -> Iterator[None]:
        """Hold the lock for the block; first ``reload`` if another writer committed meanwhile."""
        self.acquire()
        try:
            if self._data_version() != self._version:
                reload()
            yield
        finally:
            self._version = self._data_version()
            self.release()

    def acquire(self) -> None:
        if fcntl is None or self._held:
            return
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDONLY)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._held = True
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the desk is busy: another storydesk command has been writing to it "
                        f"for the {self.timeout:g} s this one may wait",
                        where=str(self.path),
                        hint="run again when it has finished, or raise desk_busy_timeout "
                        "(config file or STORYDESK_DESK_BUSY_TIMEOUT)",
                    ) from None
                time.sleep(POLL_SECONDS)

    def release(self) -> None:
        if fcntl is not None and self._held and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._held = False

    def close(self) -> None:
        """Call after the SQLite connection is closed (see the module notes)."""
        self.release()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
