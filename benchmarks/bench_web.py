"""Load benchmark of the web desk: 50 concurrent clients x 20 requests against a live server.

    python benchmarks/bench_web.py [FEED.jsonl[.gz]] [--clients 50] [--requests 20]

Builds a desk from the feed (default: ../shared/data/feeds/multinews-raw-dev.jsonl.gz, else the
test fixture feed), starts `storydesk serve` on 127.0.0.1 (one uvicorn process), reads every
story once (summaries are computed and cached then: the "warm-up" row), then runs the clients
over the front page (with paging and a search) and the story pages. Bounded: each request
times out after 30 s, the run after 300 s. Prints requests, errors, p50/p95/max latency and
requests/s, with GET /api/health under the same load as the baseline (ratio column).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from web_live import FIXTURE_FEED, SHARED_FEED, build_desk, live_server

RUN_LIMIT_S = 300.0


async def _client(
    http: httpx.AsyncClient,
    urls: list[str],
    count: int,
    offset: int,
    out: list[tuple[float, bool]],
    failures: list[str],
) -> None:
    for i in range(count):
        url = urls[(offset + i * 7) % len(urls)]
        started = time.perf_counter()
        try:
            response = await http.get(url)
            ok = response.status_code == 200 and len(response.content) > 0
            if not ok:
                failures.append(f"{url}: HTTP {response.status_code} {response.text[:200]}")
        except httpx.HTTPError as error:
            ok = False
            failures.append(f"{url}: {type(error).__name__} {error}")
        out.append((time.perf_counter() - started, ok))


async def load(base: str, urls: list[str], clients: int, requests: int) -> dict[str, float]:
    results: list[tuple[float, bool]] = []
    failures: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(
                *(_client(http, urls, requests, c, results, failures) for c in range(clients))
            ),
            timeout=RUN_LIMIT_S,
        )
        wall = time.perf_counter() - started
    latencies = sorted(t for t, _ in results)
    for failure in failures[:10]:
        print("failed:", failure)
    return {
        "requests": len(results),
        "errors": sum(not ok for _, ok in results),
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "max_ms": 1000 * latencies[-1],
        "rps": len(results) / wall,
        "seconds": wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = SHARED_FEED if SHARED_FEED.exists() else FIXTURE_FEED
    parser.add_argument("feed", nargs="?", type=Path, default=default)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "desk.sqlite"
        built = build_desk(args.feed, db)
        log = Path(tmp) / "server.log"
        with live_server(db, log=log) as base:
            total = httpx.get(base + "/api/stories?limit=1").json()["total"]
            ids = [
                s["id"]
                for offset in range(0, total, 100)
                for s in httpx.get(f"{base}/api/stories?limit=100&offset={offset}").json()[
                    "stories"
                ]
            ]
            started = time.perf_counter()
            for sid in ids:
                httpx.get(f"{base}/stories/{sid}", timeout=120).raise_for_status()
            warm = time.perf_counter() - started
            pages = ["/", "/?offset=20", "/?q=police", "/?q=said"]
            urls = pages + [f"/stories/{sid}" for sid in ids]
            baseline = asyncio.run(load(base, ["/api/health"], args.clients, args.requests))
            measured = asyncio.run(load(base, urls, args.clients, args.requests))
        faults = [line for line in log.read_text().splitlines() if "ERROR" in line]
        for line in faults[:10]:
            print("server:", line)
    print(f"feed {args.feed.name}: desk built in {built:.1f} s, {len(ids)} stories;")
    print(f"warm-up: every story page once, sequentially (summaries computed): {warm:.1f} s\n")
    print(f"{args.clients} clients x {args.requests} requests, one uvicorn process on 127.0.0.1")
    header = f"{'what':<28}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}"
    print(header + f"{'max ms':>9}{'req/s':>8}{'p50 vs health':>15}")
    for name, row in (("GET /api/health (baseline)", baseline), ("front + story pages", measured)):
        ratio = row["p50_ms"] / baseline["p50_ms"]
        print(
            f"{name:<28}{row['requests']:>9.0f}{row['errors']:>8.0f}{row['p50_ms']:>9.1f}"
            f"{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}{row['rps']:>8.1f}{ratio:>14.2f}x"
        )


if __name__ == "__main__":
    main()
