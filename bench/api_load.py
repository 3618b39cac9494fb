"""API load test: single-item submission at 50 concurrent clients against uvicorn on 127.0.0.1.

Starts ``uvicorn --factory threatdesk.api.app:app_from_env`` in a subprocess over a fresh
SQLite file, creates an ingest key, then sends REQUESTS single-item POST /api/v1/items
from CLIENTS concurrent httpx AsyncClients (bounded by --max-seconds), and prints p50,
p90, p99 and max latency. In the same run it measures a baseline, an unauthenticated
request that the server refuses with 401 (the HTTP stack alone, no database write),
and prints the ratio of the two p99s.

    .venv/bin/python bench/api_load.py                      # 3,000 requests, 50 clients
    .venv/bin/python bench/api_load.py --requests 5000 --clients 50 --db postgresql://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def hammer(url: str, headers: dict[str, str], bodies: list[bytes], clients: int, max_seconds: float,
                 method: str = "POST") -> tuple[list[float], dict[int, int], float]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client() -> None:
        async with httpx.AsyncClient(headers=headers, timeout=30, limits=limits) as c:
            while time.monotonic() < deadline:
                try:
                    body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                r = await c.request(method, url, content=body)
                latencies.append(time.perf_counter() - started)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, statuses, time.perf_counter() - started


def report(name: str, latencies: list[float], statuses: dict[int, int], seconds: float) -> dict[str, float]:
    ms = [x * 1000 for x in latencies]
    figures = {"p50": percentile(ms, 50), "p90": percentile(ms, 90), "p99": percentile(ms, 99), "max": max(ms)}
    print(f"{name}: {len(ms):,} requests in {seconds:.1f}s ({len(ms) / seconds:,.0f}/s), statuses {dict(sorted(statuses.items()))}")
    print(f"  latency ms  p50 {figures['p50']:.1f}  p90 {figures['p90']:.1f}  p99 {figures['p99']:.1f}  "
          f"max {figures['max']:.1f}  mean {statistics.fmean(ms):.1f}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        corpus = generate(Path(tmp) / "corpus.jsonl", args.requests + 200, seed=11)
        records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
        from threatdesk.api import keys
        from threatdesk.store import Store

        with Store.open(db) as store:
            key = keys.create(store, scopes=frozenset({"ingest"}), label="bench")
        port = free_port()
        env = dict(os.environ, THREATDESK_DB=db, THREATDESK_API_RATE="0")
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "threatdesk.api.app:app_from_env", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning", "--no-access-log"], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/api/v1/openapi.json", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise SystemExit("uvicorn did not start")
            headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            bodies = [json.dumps({"items": [r]}).encode() for r in records]
            warm, bodies = bodies[:200], bodies[200:]
            asyncio.run(hammer(f"{base}/api/v1/items", headers, warm, args.clients, 30))
            import importlib.util

            fast = [m for m in ("uvloop", "httptools") if importlib.util.find_spec(m)]
            print(f"server: uvicorn 1 process ({'+'.join(fast) or 'asyncio+h11'}), store "
                  f"{'SQLite' if '://' not in db else db.split(':')[0]}; {args.clients} concurrent clients; "
                  f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
            base_lat, base_st, base_s = asyncio.run(hammer(
                f"{base}/api/v1/items", {"Content-Type": "application/json"}, bodies, args.clients, args.max_seconds))
            baseline = report("baseline (401, no key: HTTP stack only)", base_lat, base_st, base_s)
            lat, st, seconds = asyncio.run(hammer(f"{base}/api/v1/items", headers, bodies, args.clients, args.max_seconds))
            submit = report("single-item POST /api/v1/items (validate, assess, store, audit)", lat, st, seconds)
            print(f"p99 ratio submit/baseline: {submit['p99'] / baseline['p99']:.1f}x; "
                  f"p99 {'under' if submit['p99'] < 100 else 'OVER'} 100 ms")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
