"""The /api/v1 contract: batch intake, reads, case moves, keys and scopes, one error shape."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from tests.alerts.servers import BENIGN, URGENT
from tests.api.conftest import Api, make_api
from threatdesk import audit, cases
from threatdesk.api import keys
from threatdesk.api.state import KEY_CACHE_SECONDS
from threatdesk.cli import main
from threatdesk.store import schema


def audit_rows(api: Api, actor_prefix: str = "key:") -> list[dict]:
    a = schema.audit_events
    with api.store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(a).where(a.c.actor.startswith(actor_prefix)).order_by(a.c.seq)).mappings()]


def test_batch_stores_valid_records_and_reports_bad_ones_by_index(api: Api) -> None:
    records = [
        {"text": URGENT[0], "id": "tip-1", "source": "tipline", "posted_at": "2026-10-03T21:14:00-05:00"},
        {"text": ""},
        {"text": URGENT[1], "lang": "ES", "place": "Pilsen", "lat": 41.85, "lon": -87.66},
        {"text": "hola", "lat": 91, "lon": 0},
        "not an object",
        {"text": BENIGN, "author": "@fan"},
        {"text": "fecha imposible", "posted_at": "0001-01-01T00:00:00+14:00"},
        {"text": "x", "lat": 10**400, "lon": 0},
        {"text": "nul \u0000 inside"},
        {"text": "ok", "source": "s" * 65},
    ]
    with api.client("ingest") as c:
        r = c.post("/api/v1/items?wait=true", json={"items": records})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [x["index"] for x in body["rejected"]] == [1, 3, 4, 6, 7, 8, 9]
    assert "NUL" in body["rejected"][5]["error"] and "longer than 64" in body["rejected"][6]["error"]
    assert "text" in body["rejected"][0]["error"] and "lat" in body["rejected"][1]["error"]
    assert [x["index"] for x in body["results"]] == [0, 2, 5]
    assert body["accepted"] == 3 and body["new"] == 3
    assert [x["priority"] for x in body["results"]] == ["P2", "P2", "P4"]
    stored = api.store.get_item(body["results"][1]["item_id"])
    assert stored is not None and stored.lang == "es" and stored.place and stored.place.name == "Pilsen"

    with api.client("ingest") as c:
        again = c.post("/api/v1/items?wait=true", json={"items": records[:1]}).json()
    assert again["new"] == 0 and again["results"][0]["new"] is False
    assert again["results"][0]["item_id"] == body["results"][0]["item_id"]
    assert again["results"][0]["label"] == body["results"][0]["label"]


def test_item_read_is_redacted_unless_the_key_has_pii(api: Api) -> None:
    with api.client("ingest") as c:
        item_id = c.post("/api/v1/items?wait=true", json={"items": [{"text": URGENT[0], "place": "Pilsen", "lat": 41.85, "lon": -87.66}]}).json()["results"][0]["item_id"]
    with api.client("read") as c:
        plain = c.get(f"/api/v1/items/{item_id}").json()
        queue = c.get("/api/v1/queue").json()
    with api.client("pii") as c:
        full = c.get(f"/api/v1/items/{item_id}").json()
    assert "312-555-0142" not in json.dumps(plain) and "312-555-0142" not in json.dumps(queue)
    assert "[PHONE]" in plain["item"]["text"] and "[PHONE]" in queue["items"][0]["text"]
    assert plain["item"]["place"]["lat"] is None
    assert full["item"]["text"] == URGENT[0] and full["item"]["place"]["lat"] == 41.85
    pii = [s for s in plain["assessment"]["signals"] if s["kind"] == "pii"]
    assert pii and pii[0]["value"] == {"type": "phone"}


ERROR_CASES = [
    # (who, method, path, body, status, code)
    (None, "GET", "/api/v1/queue", None, 401, "unauthorized"),
    ("bogus", "GET", "/api/v1/queue", None, 401, "unauthorized"),
    ("ingest", "GET", "/api/v1/queue", None, 403, "forbidden"),
    ("read", "POST", "/api/v1/items", {"items": [{"text": "x"}]}, 403, "forbidden"),
    ("read", "POST", "/api/v1/cases/1/transition", {"to": "triage"}, 403, "forbidden"),
    ("read", "GET", "/api/v1/items/itm_00000000000000000000", None, 404, "not_found"),
    ("read", "GET", "/api/v1/items/nonsense", None, 404, "not_found"),
    ("read", "GET", "/api/v1/cases/999", None, 404, "not_found"),
    ("read", "GET", "/api/v1/no-such-thing", None, 404, "not_found"),
    ("ingest", "POST", "/api/v1/items", b"{not json", 400, "bad_request"),
    ("ingest", "POST", "/api/v1/items", {"records": []}, 422, "invalid"),
    ("ingest", "POST", "/api/v1/items", {"items": []}, 422, "invalid"),
    ("ingest", "POST", "/api/v1/items", {"items": [{"text": "x"}] * 501}, 413, "too_large"),
    ("ingest", "POST", "/api/v1/items", {"items": [{"text": "y" * 20_000}] * 110}, 413, "too_large"),
    ("read", "GET", "/api/v1/queue?priority=P9", None, 422, "invalid"),
    ("read", "GET", "/api/v1/queue?limit=0", None, 422, "invalid"),
    ("read", "GET", "/api/v1/queue?place=a%00b", None, 422, "invalid"),
    ("read", "GET", "/api/v1/queue?since=0001-01-01T00:00:00%2B14:00", None, 422, "invalid"),
    ("write", "POST", "/api/v1/cases/1/transition", {"to": "sideways"}, 422, "invalid"),
]


@pytest.mark.parametrize(("who", "method", "path", "body", "status", "code"), ERROR_CASES)
def test_every_error_has_one_shape(sqlite_api: Api, who: str | None, method: str, path: str, body: object, status: int,
                                   code: str) -> None:
    api = sqlite_api
    api.keys["bogus"] = "td_00000000_" + "x" * 43
    with api.client(who) as c:
        if isinstance(body, bytes):
            r = c.request(method, path, content=body, headers={"Content-Type": "application/json"})
        else:
            r = c.request(method, path, json=body)
    assert r.status_code == status, r.text
    assert r.json() == {"error": {"code": code, "message": r.json()["error"]["message"]}}
    assert isinstance(r.json()["error"]["message"], str) and "Traceback" not in r.text


def test_case_moves_respect_the_keys_role_and_conflicts_are_409(api: Api) -> None:
    with api.client("ingest") as c:
        ids = [r["item_id"] for r in c.post("/api/v1/items?wait=true", json={"items": [{"text": t} for t in URGENT]}).json()["results"]]
    with api.store.transaction() as conn:
        case_id = cases.create(conn, title="Bounty posts", item_ids=ids, actor="test")
    with api.client("read") as c:
        listed = c.get("/api/v1/cases", params={"status": "new"}).json()
        detail = c.get(f"/api/v1/cases/{case_id}").json()
    assert [x["id"] for x in listed["cases"]] == [case_id]
    assert detail["case"]["priority"] == "P2" and {i["item_id"] for i in detail["items"]} == set(ids)
    assert all("312-555-0142" not in i["text"] for i in detail["items"])
    with api.client("write") as c:
        assert c.post(f"/api/v1/cases/{case_id}/transition", json={"to": "triage"}).json()["status"] == "triage"
        refused = c.post(f"/api/v1/cases/{case_id}/transition", json={"to": "escalated"})
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "conflict"
        assert c.post(f"/api/v1/cases/{case_id}/transition", json={"to": "closed"}).status_code == 400
    with api.client("supervise") as c:
        assert c.post(f"/api/v1/cases/{case_id}/transition", json={"to": "escalated"}).json()["status"] == "escalated"
        wrong = c.post(f"/api/v1/cases/{case_id}/transition", json={"to": "new"})
        assert wrong.status_code == 409
    actions = [(r["action"], (r["after"] or {}).get("refused")) for r in audit_rows(api) if r["object_type"] == "case"]
    assert ("case.transition", None) in actions
    assert actions.count(("api.transition", None)) == 2 and ("api.transition", 409) in actions


def test_queue_pages_and_filters(api: Api) -> None:
    records = [{"text": f"{BENIGN} #{i}"} for i in range(5)] + [{"text": t} for t in URGENT]
    with api.client("all") as c:
        c.post("/api/v1/items?wait=true", json={"items": records})
        first = c.get("/api/v1/queue", params={"limit": 3}).json()
        second = c.get("/api/v1/queue", params={"limit": 3, "offset": first["next_offset"]}).json()
        last = c.get("/api/v1/queue", params={"limit": 3, "offset": 6}).json()
        urgent = c.get("/api/v1/queue", params=[("priority", "P1"), ("priority", "P2")]).json()
    assert first["next_offset"] == 3 and last["next_offset"] is None and len(last["items"]) == 1
    seen = [r["item_id"] for r in first["items"] + second["items"] + last["items"]]
    assert len(set(seen)) == 7
    assert [r["priority"] for r in first["items"][:2]] == ["P2", "P2"]
    assert {r["priority"] for r in urgent["items"]} == {"P2"} and len(urgent["items"]) == 2


def test_every_call_is_audited_by_key_and_the_chain_holds(api: Api) -> None:
    prefix = api.keys["all"].split("_")[1]
    with api.client("all") as c:
        item_id = c.post("/api/v1/items", json={"items": [{"text": URGENT[1]}]}).json()["results"][0]["item_id"]
        c.get(f"/api/v1/items/{item_id}")
        c.get("/api/v1/queue")
        c.get("/api/v1/cases")
        c.get("/api/v1/cases/42")
    with api.client("ingest") as c:
        c.get("/api/v1/queue")
    rows = audit_rows(api, f"key:{prefix}")
    assert [r["action"] for r in rows] == ["api.submit", "api.read_item", "api.read_queue", "api.list_cases", "api.read_case"]
    assert rows[0]["after"]["item_ids"] == [item_id] and rows[-1]["after"]["refused"] == 404
    ingest_prefix = api.keys["ingest"].split("_")[1]
    assert [r["after"]["refused"] for r in audit_rows(api, f"key:{ingest_prefix}")] == [403]
    with api.store.engine.connect() as conn:
        assert audit.verify(conn) is None


def test_keys_cli_creates_lists_and_revokes(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    gen = make_api(db_url)
    api = next(gen)
    try:
        main(["keys", "create", "--scope", "read", "--label", "partner feed", "--db", db_url])
        key = capsys.readouterr().out.strip()
        assert key.startswith("td_")
        with api.client(None) as c:
            ok = c.get("/api/v1/queue", headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
        main(["keys", "list", "--db", db_url])
        listing = capsys.readouterr().out
        assert "partner feed" in listing and key not in listing
        with api.store.engine.connect() as conn:
            stored = conn.execute(select(schema.api_keys.c.key_hash)).scalars().all()
        assert all(key not in h for h in stored)
        main(["keys", "revoke", key.split("_")[1], "--db", db_url])
        time.sleep(KEY_CACHE_SECONDS + 0.1)  # a key checked just now is trusted this long, no longer
        with api.client(None) as c:
            gone = c.get("/api/v1/queue", headers={"Authorization": f"Bearer {key}"})
        assert gone.status_code == 401
        with pytest.raises(SystemExit) as exc:
            main(["keys", "create", "--scope", "read,admin", "--db", db_url])
        assert exc.value.code == 2 and "unknown scope admin" in capsys.readouterr().err
    finally:
        gen.close()


def test_a_key_over_its_rate_gets_429(sqlite_url: str) -> None:
    gen = make_api(sqlite_url, rate=1.0)
    api = next(gen)
    try:
        api.state.limiter.burst = 2
        with api.client("read") as c:
            statuses = [c.get("/api/v1/cases").status_code for _ in range(4)]
            last = c.get("/api/v1/cases")
        assert statuses[:2] == [200, 200] and 429 in statuses
        assert last.json()["error"]["code"] == "rate_limited" and int(last.headers["Retry-After"]) >= 1
    finally:
        gen.close()


def test_the_openapi_description_is_served(sqlite_api: Api) -> None:
    api = sqlite_api
    with api.client(None) as c:
        spec = c.get("/api/v1/openapi.json").json()
    assert {"/api/v1/items", "/api/v1/items/{item_id}", "/api/v1/queue", "/api/v1/cases", "/api/v1/cases/{case_id}",
            "/api/v1/cases/{case_id}/transition"} <= set(spec["paths"])
    body = spec["paths"]["/api/v1/items"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["items"]["maxItems"] == 500
    assert keys.SCOPES == ("ingest", "read", "pii", "write", "supervise")


def test_concurrent_submissions_are_all_stored_and_each_audited(api: Api) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def submit(n: int) -> dict:
        with api.client("ingest") as c:
            return c.post("/api/v1/items?wait=true", json={"items": [{"text": f"{BENIGN} #{n}"}, {"text": URGENT[n % 2]}]}).json()

    with ThreadPoolExecutor(max_workers=16) as pool:
        bodies = list(pool.map(submit, range(32)))
    assert sum(b["new"] for b in bodies) == 32 + 2  # every distinct item stored once
    urgent_new = [r["new"] for b in bodies for r in b["results"] if r["priority"] == "P2"]
    assert urgent_new.count(True) == 2
    assert api.store.count(schema.items) == 34
    submits = [r for r in audit_rows(api) if r["action"] == "api.submit"]
    assert len(submits) == 32 and sum(r["after"]["new"] for r in submits) == 34
    with api.store.engine.connect() as conn:
        assert audit.verify(conn) is None
