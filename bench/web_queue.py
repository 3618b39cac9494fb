"""Queue page benchmark: GET /queue over real HTTP against uvicorn, with 100,000 items.

Fills a SQLite store with N assessed items (assessments built directly, with the contract's
shapes, so the fill does not depend on how fast the analyzers are), a few thousand cases and
protectee links; starts the real app with uvicorn on 127.0.0.1; logs in; then times

  - the baseline: the bare ``Store.queue`` call the page makes (same filter, same page size),
  - GET /queue (first page, unfiltered), GET /queue?priority=P1&label=..., and a deep page,

with httpx, and prints the medians and the ratio page / baseline. The target is a median
under 200 ms for the page; this is a benchmark, not a test.

    .venv/bin/python bench/web_queue.py                 # 100,000 items
    .venv/bin/python bench/web_queue.py --items 20000 --runs 30
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import insert

from threatdesk import cases
from threatdesk.labels import LABEL_ORDER
from threatdesk.models import Assessment, Item, Place, Reason, Signal
from threatdesk.risk import LABEL_BASE, priority_for
from threatdesk.store import QueueFilter, Store, schema
from threatdesk.web import WebSettings, create_app
from threatdesk.web.auth import create_user

PASSWORD = "bench-password-123"
PLACES = ["West Loop", "Little Village", "Pilsen", "Brighton Park", "Lawndale", "Hyde Park", None, None]
WORDS = ["agent", "officer", "address", "car", "plate", "radio", "roof", "corner", "school", "tonight", "mañana", "dónde", "vive", "lana", "feria", "bands", "racks", "pics", "photos", "watch", "follow", "house", "street", "market", "game"]


def fill(store: Store, n: int, *, seed: int = 7, batch: int = 5000) -> None:
    rnd = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = 0
    while made < n:
        items: list[Item] = []
        assessments: list[Assessment] = []
        for k in range(made, min(n, made + batch)):
            label = rnd.choices(LABEL_ORDER, weights=[1, 1, 2, 2, 2, 2, 3, 6, 30, 51])[0]
            text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 40))) + f" #{k}"
            place = rnd.choice(PLACES)
            item = Item.from_text(
                text, source=rnd.choice(["x", "telegram", "tipline", "forum"]), author=f"@user{rnd.randint(1, 5000)}",
                posted_at=start + timedelta(minutes=5 * k), place=Place(name=place) if place else None,
            )
            risk = min(100, LABEL_BASE[label] + rnd.choice([0, 0, 10, 20]))
            signals = (Signal("intent.v1", "intent", f"reads as {label}", value={"label": str(label), "scores": {str(label): 1.0}}),)
            assessments.append(Assessment(item.id, label, {str(label): 1.0}, risk, priority_for(risk),
                                          (Reason("label", f"reads as {label}", risk),), signals, "bench"))
            items.append(item)
        store.write_batch(items, assessments)
        made += len(items)
    with store.transaction() as conn:
        ids = [a for a in conn.execute(schema.assessments.select().with_only_columns(schema.assessments.c.item_id)
                                       .where(schema.assessments.c.risk >= 40).limit(3000)).scalars()]
        for n_case in range(0, len(ids), 3):
            cases.create(conn, title=f"bench case {n_case // 3}", item_ids=ids[n_case:n_case + 3], actor="bench")
        conn.execute(insert(schema.item_protectees), [{"item_id": i, "alias": f"PROTECTEE-{rnd.randint(1, 50):04d}"}
                                                     for i in ids[::2]])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def median_ms(fn, runs: int) -> float:
    fn()  # warm the caches once
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", metavar="PATH", help="fill this SQLite file once and reuse it on later runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        with Store.open(db) as store:
            if store.count(schema.items) == 0:
                fill(store, args.items)
                with store.transaction() as conn:
                    create_user(conn, "bench", PASSWORD, role="analyst", actor="bench")
            n = store.count(schema.items)
        print(f"items                      {n:,} (ready in {time.perf_counter() - t0:.1f}s)")

        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db, settings=WebSettings(secure_cookies=False)),
                                               host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        store = Store.open(db)
        try:
            with httpx.Client(base_url=base, follow_redirects=False) as client:
                page = client.get("/login")
                token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
                r = client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token})
                assert r.status_code == 303, r.text
                cases_cfg = [
                    ("first page", QueueFilter(), 0, "/queue"),
                    ("P1 + label filter", QueueFilter(priority=("P1",), label=("solicit_kill",)), 0,
                     "/queue?priority=P1&label=solicit_kill"),
                    ("status=new", QueueFilter(status=("new",)), 0, "/queue?status=new"),
                    ("page 50", QueueFilter(), 49 * 50, "/queue?page=50"),
                ]
                print(f"{'query':<22} {'Store.queue':>12} {'GET /queue':>12} {'ratio':>7}")
                for name, flt, offset, url in cases_cfg:
                    bare = median_ms(lambda f=flt, o=offset: store.queue(f, limit=51, offset=o), args.runs)

                    def get(u: str = url) -> None:
                        resp = client.get(u)
                        assert resp.status_code == 200, resp.status_code

                    page_ms = median_ms(get, args.runs)
                    verdict = "ok" if page_ms < 200 else "OVER 200 ms"
                    print(f"{name:<22} {bare:>9.1f} ms {page_ms:>9.1f} ms {page_ms / bare:>6.2f}x  {verdict}")
        finally:
            store.close()
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
