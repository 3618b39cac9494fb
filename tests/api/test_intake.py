"""Accept-then-assess: answered once stored, assessed and alerted right after, nothing lost."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from tests.alerts.servers import BENIGN, URGENT, pipeline_with_pii, receiver
from tests.api.conftest import Api, make_api
from threatdesk.alerts.settings import AlertSettings
from threatdesk.api import keys
from threatdesk.api.state import ApiState
from threatdesk.intake import record_to_item
from threatdesk.models import Item, now_utc
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema


def eventually(check: Callable[[], Any], seconds: float = 20.0) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.02)


def deliveries(store: Store) -> list[str]:
    wd = schema.webhook_deliveries
    with store.engine.connect() as conn:
        return list(conn.execute(select(wd.c.event_key)).scalars())


def item(text: str) -> Item:
    return record_to_item({"text": text}, raw=f'{{"text": "{text}"}}', received_at=now_utc())


def test_a_submission_is_answered_once_stored_and_assessed_right_after(api: Api) -> None:
    with api.client("all") as c:
        r = c.post("/api/v1/items", json={"items": [{"text": URGENT[0]}, {"text": BENIGN}]})
        assert r.status_code == 202, r.text
        results = r.json()["results"]
        # answered: stored, with its audit event, whatever the assessor has done yet
        assert all(api.store.get_item(x["item_id"]) is not None for x in results)
        assert {x["status"] for x in results} <= {"pending", "assessed"}
        assert all(x["label"] is None for x in results if x["status"] == "pending")
        read = eventually(lambda: all(c.get(f"/api/v1/items/{x['item_id']}").json()["status"] == "assessed"
                                      for x in results))
        assert read
        got = [c.get(f"/api/v1/items/{x['item_id']}").json()["assessment"] for x in results]
    expected = [pipeline_with_pii().assess(item(t)) for t in (URGENT[0], BENIGN)]
    assert [(g["label"], g["risk"], g["priority"]) for g in got] == [(str(e.label), e.risk, e.priority) for e in expected]
    a = schema.audit_events
    with api.store.engine.connect() as conn:
        assert conn.execute(select(a.c.action).where(a.c.action == "api.submit")).scalars().all() == ["api.submit"]


def test_wait_true_answers_with_the_assessment(api: Api) -> None:
    with api.client("ingest") as c:
        r = c.post("/api/v1/items", params={"wait": "true"}, json={"items": [{"text": URGENT[1]}]})
        again = c.post("/api/v1/items", json={"items": [{"text": URGENT[1]}]})
    assert r.status_code == 200
    first = r.json()["results"][0]
    assert first["status"] == "assessed" and first["priority"] == "P2" and first["new"] is True
    repeat = again.json()["results"][0]  # already stored: the assessment on record, even without waiting
    assert again.status_code == 202 and repeat["new"] is False and repeat["status"] == "assessed"
    assert repeat["label"] == first["label"]


def test_urgent_items_are_alerted_without_waiting(sqlite_url: str) -> None:
    with receiver() as rx:
        settings = AlertSettings(webhook_urls=(rx.url,), webhook_secret="s3cret", timeout=2.0)
        gen = make_api(sqlite_url, settings=settings)
        api = next(gen)
        try:
            with api.client("ingest") as c:
                ids = [x["item_id"] for x in c.post("/api/v1/items", json={"items": [{"text": URGENT[0]}]}).json()["results"]]
            assert eventually(lambda: len(rx.received) == 1)
            assert json.loads(rx.received[0]["body"])["event_key"] == f"item:{ids[0]}"
        finally:
            gen.close()


def test_items_stored_but_never_assessed_are_assessed_and_alerted_at_start(db_url: str) -> None:
    """A crash between storing (the 202) and assessing: the next start finds and finishes them."""
    stored = [item(URGENT[0]), item(BENIGN)]
    with Store.open(db_url) as store:
        store.write_batch(stored, [])  # items without assessments, as a crash would leave them
    settings = AlertSettings(webhook_urls=("http://127.0.0.1:9/hook",), webhook_secret="s3cret")
    state = ApiState(Store.open(db_url), pipeline=pipeline_with_pii(), settings=settings)
    try:
        state.intake.start()
        assert eventually(lambda: all(state.store.get_assessment(i.id) for i in stored))
        assert eventually(lambda: deliveries(state.store) == [f"item:{stored[0].id}"])
    finally:
        state.close()


class Flaky(Pipeline):
    """The real pipeline, except that one text makes it fail."""

    def assess(self, item: Item) -> Any:
        if "boom" in item.text:
            raise RuntimeError("an analyzer bug")
        return super().assess(item)


def test_a_failing_assessment_leaves_the_item_stored_and_intake_running(sqlite_url: str, caplog: pytest.LogCaptureFixture) -> None:
    state = ApiState(Store.open(sqlite_url), pipeline=Flaky(pipeline_with_pii().analyzers), settings=AlertSettings())
    try:
        key = _ingest_key(state)
        bad = state.submit(key, [{"text": "boom"}], wait=True)
        good = state.submit(key, [{"text": BENIGN}], wait=True)
        assert bad.results[0]["status"] == "pending" and state.store.get_item(bad.results[0]["item_id"]) is not None
        assert good.results[0]["status"] == "assessed"
        assert "without an assessment until the API restarts" in caplog.text
    finally:
        state.close()


@pytest.mark.slow
def test_the_assessor_process_assesses_like_the_pipeline(sqlite_url: str) -> None:
    """The production path (no pipeline given): a worker process assesses, the answer is the same."""
    state = ApiState(Store.open(sqlite_url), settings=AlertSettings())
    try:
        key = _ingest_key(state)
        state.intake.start()
        # every assessor process has built its pipeline: what the standalone server waits for before opening its port
        assert state.intake.wait_ready(timeout=120)
        assert state.intake.checkpointer.enabled and state.intake.checkpointer.running
        out = state.submit(key, [{"text": t} for t in [*URGENT, BENIGN]], wait=True)
        expected = [Pipeline().assess(item(t)) for t in [*URGENT, BENIGN]]
        assert [(r["label"], r["risk"], r["priority"]) for r in out.results] == \
            [(str(e.label), e.risk, e.priority) for e in expected]
        # the assessor's pipeline is out of the collector's way (threatdesk.api.heap)
        assert state.intake._executor is not None
        assert state.intake._executor.submit(gc.get_freeze_count).result(timeout=30) > 10_000
    finally:
        state.close()


def _ingest_key(state: ApiState) -> keys.ApiKey:
    text = keys.create(state.store, scopes=frozenset({"ingest"}), label="test")
    return state.authenticate(text)


class Slow(Pipeline):
    """The real pipeline, 5 ms slower per item: assessment falls behind submission."""

    def assess(self, item: Item) -> Any:
        time.sleep(0.005)
        return super().assess(item)


def test_submissions_wait_while_the_assessor_is_behind(sqlite_url: str) -> None:
    """Backpressure: the unassessed backlog stays near its bound however fast items arrive."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    state = ApiState(Store.open(sqlite_url), pipeline=Slow(pipeline_with_pii().analyzers), settings=AlertSettings())
    state.intake.max_backlog = 8
    peak, done = [0], threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], len(state.intake._pending) + len(state.intake._in_flight))
            time.sleep(0.001)

    try:
        key = _ingest_key(state)
        watcher = threading.Thread(target=watch)
        watcher.start()
        with ThreadPoolExecutor(max_workers=10) as pool:
            answers = list(pool.map(lambda n: state.submit(key, [{"text": f"{BENIGN} #{n}"}], wait=False), range(200)))
        done.set()
        watcher.join()
        assert sum(a.new for a in answers) == 200
        assert 8 <= peak[0] <= 8 + 10  # the bound, plus at most one group of the 10 concurrent requests
        assert eventually(lambda: state.store.count(schema.assessments) == 200)
    finally:
        done.set()
        state.close()


SUBMISSIONS = [
    # (who, query, body or raw bytes, content type)
    (None, "", {"items": [{"text": "x"}]}, "application/json"),
    ("bogus", "", {"items": [{"text": "x"}]}, "application/json"),
    ("read", "", {"items": [{"text": "x"}]}, "application/json"),
    ("ingest", "", b"{not json", "application/json"),
    ("ingest", "", {"items": [{"text": "x"}]}, "text/plain"),
    ("ingest", "", {"records": []}, "application/json"),
    ("ingest", "", {"items": []}, "application/json"),
    ("ingest", "", {"items": [{"text": "x"}] * 501}, "application/json"),
    ("ingest", "?wait=maybe", {"items": [{"text": "x"}]}, "application/json"),
    ("ingest", "?wait=true", {"items": [{"text": URGENT[0]}, {"text": ""}, {"text": BENIGN}]}, "application/json"),
    ("ingest", "?wait=no", {"items": [{"text": "hola"}]}, "application/json"),
]


@pytest.fixture(scope="module")
def route_and_fast_path(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The same API twice: the standalone app (fast path) and the router mounted as docs/api.md shows."""
    from fastapi import FastAPI

    from tests.alerts.servers import serve_app
    from threatdesk.api import router
    from threatdesk.api.app import attach, create_api_app
    from threatdesk.api.errors import install_error_handlers

    made = []
    for name in ("fast", "route"):
        state = ApiState(Store.open(str(tmp_path_factory.mktemp(name) / "api.db")), pipeline=pipeline_with_pii(),
                         settings=AlertSettings())
        tokens = {who: keys.create(state.store, scopes=frozenset({who}), label=who) for who in ("ingest", "read")}
        tokens["bogus"] = "td_00000000_" + "x" * 43
        if name == "fast":
            app = create_api_app(state=state, start_worker=False)
        else:
            app = FastAPI()
            attach(app, state)
            app.include_router(router, prefix="/api/v1")
            install_error_handlers(app)
        made.append((app, state, tokens))
    with serve_app(made[0][0]) as fast_url, serve_app(made[1][0]) as route_url:
        yield [(fast_url, made[0][2]), (route_url, made[1][2])]
    made[1][1].close()


@pytest.mark.parametrize(("who", "query", "body", "ctype"), SUBMISSIONS)
def test_the_fast_path_answers_exactly_as_the_route(route_and_fast_path: Any, who: str | None, query: str,
                                                    body: Any, ctype: str) -> None:
    import httpx

    answers = []
    for url, tokens in route_and_fast_path:
        headers = {"Content-Type": ctype} | ({"Authorization": f"Bearer {tokens[who]}"} if who else {})
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        r = httpx.post(f"{url}/api/v1/items{query}", content=content, headers=headers, timeout=30)
        answer = r.json()
        for result in answer.get("results", []):  # 202: how far the assessor got is a matter of timing
            if result["status"] == "pending" or "wait=true" not in query:
                result.update(status=None, label=None, risk=None, priority=None)
        answers.append((r.status_code, answer, r.headers.get("www-authenticate")))
    assert answers[0] == answers[1]


def test_a_submission_during_shutdown_is_refused_with_503(sqlite_url: str) -> None:
    from threatdesk.api.errors import ApiError

    state = ApiState(Store.open(sqlite_url), pipeline=pipeline_with_pii(), settings=AlertSettings())
    key = _ingest_key(state)
    assert state.submit(key, [{"text": BENIGN}]).new == 1
    state.stop_worker()
    with pytest.raises(ApiError) as refused:
        state.submit(key, [{"text": URGENT[0]}])
    assert refused.value.http_status == 503
    state.intake.start()  # an explicit start (the app's lifespan) opens it again
    assert state.submit(key, [{"text": URGENT[0]}]).new == 1
    state.close()
