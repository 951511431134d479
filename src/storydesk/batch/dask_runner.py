"""Many stories on a Dask cluster: chunks of lines spread over workers, records back in order.

Generic over the work done per story: ``work(story, settings) -> record`` is any picklable
module-level function (or ``functools.partial`` of one), e.g. ``batch.local.summarize_record``;
``storydesk eval`` and ``compare --stories`` pass their own. Workers must be able to import
storydesk (a LocalCluster's are this interpreter; a real cluster's need it installed).

Order: chunks are submitted in input order and collected in that order, a bounded number in flight
(memory stays bounded however long the input). A worker that dies mid-chunk loses nothing: the
scheduler gives its chunks to another worker (Dask's ``allowed-failures`` times), and the chunk is
recomputed from its lines, so the output is complete and the same.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from storydesk.batch.chunks import Chunk, StoryWork, plan_chunks, resolve, run_chunk
from storydesk.errors import ConfigError, InputError
from storydesk.settings import Settings

LOCAL = "local"
DEFAULT_LOCAL_WORKERS = 2
INSTALL_HINT = 'install the optional extra: pip install "storydesk[dask]"'


def parse_dask_spec(spec: str) -> tuple[str | None, int]:
    """``local`` / ``local:N`` -> (None, N); anything else is a scheduler address -> (it, 0)."""
    spec = spec.strip()
    if spec == LOCAL or spec.startswith(LOCAL + ":"):
        count = spec.partition(":")[2] or str(DEFAULT_LOCAL_WORKERS)
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(
                f"bad --dask value {spec!r}", hint="use local, local:N with N >= 1, or an address"
            )
        return None, int(count)
    if not spec:
        raise ConfigError("empty --dask value", hint="use local[:N] or tcp://HOST:PORT")
    return spec, 0


@contextmanager
def dask_client(spec: str) -> Iterator[Any]:
    """A ``dask.distributed.Client`` for ``spec``; a LocalCluster is started and shut down here."""
    address, workers = parse_dask_spec(spec)
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--dask needs Dask, which is not installed", hint=INSTALL_HINT) from None
    if address is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # the pipeline is CPU-bound Python: one story at a time each
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # any free port: never 8787 taken by another cluster
            silence_logs=logging.ERROR,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address}: {error}",
            where="--dask",
            hint="start one with `dask scheduler` (and `dask worker ADDRESS` on each machine)",
        ) from None
    with client:
        yield client


def run_on_client(
    client: Any, source: str, work: StoryWork, settings: Settings
) -> Iterator[dict[str, Any] | InputError]:
    """Records of the stories in ``source`` in input order, and an InputError per bad line."""
    workers = max(1, sum(client.nthreads().values()))
    window = 2 * workers + 2  # enough to keep every worker busy, few enough to bound memory
    in_flight: deque[tuple[Chunk, Any]] = deque()
    lines_before = 0
    seen_any = False
    origin = ""
    try:
        for chunk in plan_chunks(source, settings.dask_chunk_lines, settings.dask_chunk_bytes):
            origin = chunk.origin
            future = client.submit(run_chunk, chunk, work, settings, pure=False)
            in_flight.append((chunk, future))
            while len(in_flight) >= window:
                chunk_done, future_done = in_flight.popleft()
                result = future_done.result()
                seen_any = seen_any or result.nonblank > 0
                yield from resolve(result, chunk_done, lines_before)
                lines_before += result.lines
        while in_flight:
            chunk_done, future_done = in_flight.popleft()
            result = future_done.result()
            seen_any = seen_any or result.nonblank > 0
            yield from resolve(result, chunk_done, lines_before)
            lines_before += result.lines
    finally:
        for _, pending in in_flight:  # stopped early (a limit, an error): drop what is left
            pending.cancel()
    if not seen_any and origin:
        raise InputError("file holds no JSON lines", where=origin, hint="one JSON object a line")


def run_on_dask(
    source: str, work: StoryWork, settings: Settings, spec: str
) -> Iterator[dict[str, Any] | InputError]:
    """``run_on_client`` on the cluster ``spec`` names (``local[:N]`` or a scheduler address)."""
    with dask_client(spec) as client:
        yield from run_on_client(client, source, work, settings)
