"""API load test: single-item submission at 50 concurrent clients against uvicorn on 127.0.0.1.

    .venv/bin/python bench/api_load.py                      # the reference run: 3,000 requests, 50 clients
    .venv/bin/python bench/api_load.py --wait               # the synchronous mode (?wait=true)
    .venv/bin/python bench/api_load.py --db postgresql://postgres@127.0.0.1/bench

Starts ``uvicorn --factory threatdesk.api.app:app_from_env`` in a subprocess over a fresh
SQLite file (or --db), creates an ingest key, then sends --requests single-item
``POST /api/v1/items`` from --clients concurrent keep-alive connections (closed loop: each
client sends its next request when the answer to the last one arrives), bounded by
--max-seconds. In the same run it measures a baseline: a request without a key, which the
server refuses with 401 (the HTTP stack alone, no database).

What the latency measures: from writing the request to reading the whole answer, on the
client. By default (accept-then-assess) the answer is a 202 sent once the item and its
audit event are committed; the bench then also reports, from the store, how long each
item took from being received to having its assessment stored (and its alerts queued),
so the figure that matters to an analyst is printed too. With --wait the answer carries
the assessment.

Figures printed: p50/p90/p99/max latency, requests/s, and CPU milliseconds per request of
the server (its processes' user+system time over the phase, from /proc) and of this
client. On a shared machine wall-clock figures move with other load; CPU per request
does not, much.

The load generator is a small asyncio HTTP/1.1 client (uvloop when installed): requests
are pre-encoded bytes and answers are parsed by Content-Length, so the client costs a few
tens of microseconds per request instead of the ~1 ms of a full HTTP client library, and
leaves the cores to the server.
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

TARGET_P99_MS = 100.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def process_cpu(pid: int) -> float:
    """User+system CPU seconds of one process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_tree_cpu(pid: int) -> float:
    """User+system CPU seconds of ``pid`` and its live children (the assessor process)."""
    total = 0.0
    pids = [pid]
    while pids:
        p = pids.pop()
        total += process_cpu(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                pids.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def request_bytes(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    #: Per request, in the order of ``latencies``: seconds from the phase's start to sending it,
    #: and its position on its connection (0 = the connection's first request).
    sent_at: list[float] = field(default_factory=list)
    nth_on_connection: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    bodies: list[bytes] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
            break
    return status, (await reader.readexactly(length) if length else b"")


async def hammer(port: int, requests: list[bytes], clients: int, max_seconds: float, *,
                 keep_bodies: bool = False) -> Phase:
    """Send every request over ``clients`` keep-alive connections, each in a closed loop."""
    out = Phase()
    todo = iter(requests)
    deadline = time.monotonic() + max_seconds
    phase_started = time.perf_counter()

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for nth, request in enumerate(todo):  # the clients share todo; nth counts this connection's
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                writer.write(request)
                status, body = await _read_response(reader)
                out.latencies.append(time.perf_counter() - started)
                out.sent_at.append(started - phase_started)
                out.nth_on_connection.append(nth)
                out.statuses[status] = out.statuses.get(status, 0) + 1
                if keep_bodies:
                    out.bodies.append(body)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    out.seconds = time.perf_counter() - started
    return out


def run_phase(server_pid: int, port: int, requests: list[bytes], clients: int, max_seconds: float, *,
              keep_bodies: bool = False) -> Phase:
    cpu0, mine0 = process_tree_cpu(server_pid), time.process_time()
    phase = _run(hammer(port, requests, clients, max_seconds, keep_bodies=keep_bodies))
    phase.server_cpu = process_tree_cpu(server_pid) - cpu0
    phase.client_cpu = time.process_time() - mine0
    return phase


def _run(coro):  # type: ignore[no-untyped-def]
    try:
        import uvloop

        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)


def report(name: str, phase: Phase, *, detail: bool = True) -> dict[str, float]:
    ms = [x * 1000 for x in phase.latencies]
    n = len(ms)
    figures = {"p50": percentile(ms, 50), "p90": percentile(ms, 90), "p99": percentile(ms, 99), "max": max(ms)}
    print(f"{name}: {n:,} requests in {phase.seconds:.1f}s ({n / phase.seconds:,.0f}/s), "
          f"statuses {dict(sorted(phase.statuses.items()))}")
    print(f"  latency ms   p50 {figures['p50']:.1f}  p90 {figures['p90']:.1f}  p99 {figures['p99']:.1f}  "
          f"max {figures['max']:.1f}  mean {statistics.fmean(ms):.1f}")
    if detail:
        print(f"  CPU ms/request  server {phase.server_cpu * 1000 / n:.2f}  client {phase.client_cpu * 1000 / n:.2f}")
        timeline(phase)
    return figures


def timeline(phase: Phase, slices: int = 10) -> None:
    """Where the slow requests are: each connection's first request vs the rest, and by time in the phase.

    A tail made of one-off costs (connection set-up, first calls) shows in the first
    requests and the first slice; a tail from queueing shows in every slice.
    """
    ms = [x * 1000 for x in phase.latencies]
    first = [m for m, nth in zip(ms, phase.nth_on_connection, strict=True) if nth == 0]
    rest = [m for m, nth in zip(ms, phase.nth_on_connection, strict=True) if nth > 0]
    if first:
        print(f"  first request on each connection ({len(first)}): p50 {percentile(first, 50):.1f}  max {max(first):.1f};  "
              f"later requests ({len(rest)}): p50 {percentile(rest, 50):.1f}  p99 {percentile(rest, 99):.1f}  "
              f"max {max(rest, default=0):.1f}")
    order = sorted(range(len(ms)), key=phase.sent_at.__getitem__)
    size = max(1, -(-len(order) // slices))
    cells = []
    for start in range(0, len(order), size):
        chunk = [ms[i] for i in order[start:start + size]]
        cells.append(f"{percentile(chunk, 50):.0f}/{percentile(chunk, 99):.0f}/{max(chunk):.0f}")
    print(f"  by order sent, {size} requests a slice, p50/p99/max ms: {'  '.join(cells)}")


def assessment_delays(db: str, item_ids: list[str], timeout: float) -> list[float] | None:
    """Seconds from each item's receipt to its stored assessment (waits up to ``timeout`` for stragglers)."""
    from sqlalchemy import select

    from threatdesk.store import Store, as_utc, schema

    i, a = schema.items, schema.assessments
    deadline = time.monotonic() + timeout
    with Store.open(db, migrate=False) as store:
        while True:
            delays: dict[str, float] = {}
            with store.engine.connect() as conn:
                for chunk in range(0, len(item_ids), 500):
                    ids = item_ids[chunk:chunk + 500]
                    rows = conn.execute(select(i.c.id, i.c.received_at, a.c.assessed_at)
                                        .join(a, a.c.item_id == i.c.id).where(i.c.id.in_(ids)))
                    for item_id, received, assessed in rows:
                        delays[item_id] = (as_utc(assessed) - as_utc(received)).total_seconds()  # type: ignore[operator]
            if len(delays) == len(set(item_ids)) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    if len(delays) < len(set(item_ids)):
        print(f"  {len(set(item_ids)) - len(delays)} items still had no assessment {timeout:.0f}s after the run")
    return list(delays.values())


def item_ids(phase: Phase) -> list[str]:
    return [r["item_id"] for b in phase.bodies if b.startswith(b"{") for r in json.loads(b).get("results", [])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000, help="submissions to send (and as many baseline requests)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="stop each phase after this long")
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file)")
    parser.add_argument("--wait", action="store_true", help="submit with ?wait=true (answer carries the assessment)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        corpus = generate(Path(tmp) / "corpus.jsonl", args.requests + 500, seed=11)
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
        try:
            for _ in range(600):
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                raise SystemExit("uvicorn did not start")
            path = "/api/v1/items" + ("?wait=true" if args.wait else "")
            auth = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            submits = [request_bytes("POST", path, auth, json.dumps({"items": [r]}).encode()) for r in records]
            warm, submits = submits[:500], submits[500:]
            refused = [request_bytes("POST", path, {"Content-Type": "application/json"}, b'{"items": [{"text": "x"}]}')
                       ] * args.requests
            import importlib.util

            fast = [m for m in ("uvloop", "httptools") if importlib.util.find_spec(m)]
            print(f"server: uvicorn ({'+'.join(fast) or 'asyncio+h11'}), store "
                  f"{'SQLite' if '://' not in db else db.split(':')[0]}; {args.clients} concurrent clients; "
                  f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
            # Cold start, reported on its own: the first submissions arrive while the assessor
            # processes still build their pipelines, so they wait on the backpressure.
            warm_phase = run_phase(server.pid, port, warm, args.clients, 60, keep_bodies=True)
            report(f"cold start: the first {len(warm):,} submissions as soon as the port accepts (not in the figures below)",
                   warm_phase, detail=False)
            run_phase(server.pid, port, refused[:500], args.clients, 30)
            assessment_delays(db, item_ids(warm_phase), timeout=60)  # start measuring with nothing left over
            baseline = report("baseline (401, no key: HTTP stack only)",
                              run_phase(server.pid, port, refused, args.clients, args.max_seconds))
            cpu0, main0 = process_tree_cpu(server.pid), process_cpu(server.pid)
            phase = run_phase(server.pid, port, submits, args.clients, args.max_seconds, keep_bodies=True)
            mode = "?wait=true: validate, assess, store, audit, 200" if args.wait else \
                "accept-then-assess: validate, store with audit event, 202"
            submit = report(f"single-item POST /api/v1/items ({mode})", phase)
            ids = item_ids(phase)
            if not args.wait and ids:
                delays = assessment_delays(db, ids, timeout=60)
                if delays:
                    ms = [d * 1000 for d in delays]
                    print(f"  received → assessment stored (server clock, {len(ms):,} items): p50 {percentile(ms, 50):.1f} ms  "
                          f"p90 {percentile(ms, 90):.1f} ms  p99 {percentile(ms, 99):.1f} ms  max {max(ms):.1f} ms")
                n = len(phase.latencies)
                total, main_only = process_tree_cpu(server.pid) - cpu0, process_cpu(server.pid) - main0
                print(f"  server CPU ms/request including its assessment (until the last was stored): {total * 1000 / n:.2f} "
                      f"(HTTP process {main_only * 1000 / n:.2f}, assessor process {(total - main_only) * 1000 / n:.2f})")
            print(f"p99 ratio submit/baseline: {submit['p99'] / baseline['p99']:.1f}x; "
                  f"p99 {'under' if submit['p99'] < TARGET_P99_MS else 'OVER'} {TARGET_P99_MS:.0f} ms")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
