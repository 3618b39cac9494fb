"""The web app without a browser: auth, CSRF, lockout, roles, headers, errors, tips, limits.

Each test gets its own store with one user per role (SQLite and PostgreSQL where the
behaviour touches the database), and a TestClient over https://testserver so the Secure
session cookie is sent back.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from tests.web.conftest import PASSWORD, add_pii_case, add_users, csrf_of, login, make_client

from threatdesk import cases
from threatdesk.models import Item, now_utc
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema
from threatdesk.web.security import CSP


@pytest.fixture
def any_store(db_url: str) -> Store:
    store = Store.open(db_url)
    add_users(store)
    yield store
    store.close()


def audit_actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(schema.audit_events.c.action).order_by(schema.audit_events.c.seq)).scalars())


# --- sign-in, sessions, lockout ---------------------------------------------------------------------


def test_login_sets_a_strict_cookie_and_stores_only_its_hash(any_store: Store, pipeline: Pipeline) -> None:
    client = make_client(any_store, pipeline)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    cookie = r.headers["set-cookie"]
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    value = cookie.split("td_session=", 1)[1].split(";", 1)[0]
    with any_store.engine.connect() as conn:
        stored = list(conn.execute(select(schema.web_sessions.c.token_hash)).scalars())
    assert stored == [hashlib.sha256(value.encode()).hexdigest()]
    assert client.get("/queue").status_code == 200
    assert audit_actions(any_store)[-1] == "auth.login"


@pytest.mark.parametrize("username", ["analyst", "nobody-here"])
def test_wrong_password_and_unknown_user_get_the_same_answer(client, web_store: Store, username: str) -> None:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": username, "password": "wrong-password-123", "csrf_token": token})
    assert r.status_code == 401
    assert "wrong username or password" in r.text
    assert "td_session" not in r.headers.get("set-cookie", "")
    assert audit_actions(web_store)[-1] == "auth.login_failed"


def test_lockout_after_repeated_failures_and_reset_lifts_it(any_store: Store, pipeline: Pipeline) -> None:
    from threatdesk.web.auth import reset_password

    client = make_client(any_store, pipeline, max_failed_logins=3)
    token = csrf_of(client.get("/login").text)
    for _ in range(3):
        client.post("/login", data={"username": "analyst", "password": "wrong-password-123", "csrf_token": token})
    r = client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 401 and "locked" in r.text
    with any_store.engine.connect() as conn:
        row = conn.execute(select(schema.users.c.failed_logins, schema.users.c.locked_until)
                           .where(schema.users.c.username == "analyst")).one()
    assert row[0] == 3 and row[1] is not None
    with any_store.transaction() as conn:
        reset_password(conn, "analyst", PASSWORD, actor="test")
    assert client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": token}).status_code == 303


def test_an_expired_session_is_sent_back_to_sign_in(client, web_store: Store) -> None:
    login(client, "analyst")
    with web_store.transaction() as conn:
        conn.execute(update(schema.web_sessions).values(expires_at=now_utc() - timedelta(seconds=1)))
    r = client.get("/queue")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=%2Fqueue")


def test_logout_ends_the_session(client, web_store: Store) -> None:
    csrf = login(client, "supervisor")
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert client.get("/queue").status_code == 303
    with web_store.engine.connect() as conn:
        assert conn.execute(select(schema.web_sessions)).first() is None
    assert audit_actions(web_store)[-1] == "auth.logout"


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x", "/\\evil.example.com"])
def test_login_never_redirects_off_site(client, target: str) -> None:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": token, "next": target})
    assert r.headers["location"] == "/queue"


# --- CSRF --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_every_post_needs_the_sessions_csrf_token(client, web_store: Store, pipeline: Pipeline, token: str | None) -> None:
    item = Item.from_text("2k to whoever gets me pics of where the tall agent sleeps")
    web_store.write_batch([item], [pipeline.assess(item)])
    with web_store.transaction() as conn:
        case_id = cases.create(conn, title="t", item_ids=[item.id], actor="test")
    login(client, "supervisor")
    data = {"to": "triage"} | ({} if token is None else {"csrf_token": token})
    for path, body in [(f"/cases/{case_id}/transition", data), (f"/cases/{case_id}/notes", {**data, "text": "x"}),
                       ("/logout", data), ("/tip", {**data, "category": "other", "what": "someone tried the door"})]:
        assert client.post(path, data=body).status_code == 403, path
    with web_store.engine.connect() as conn:
        assert cases.get(conn, case_id).status == "new"


def test_the_login_form_needs_its_csrf_cookie(client) -> None:
    token = csrf_of(client.get("/login").text)
    client.cookies.clear()
    r = client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 403


# --- roles ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("analyst", "/queue", 200), ("analyst", "/cases", 200), ("analyst", "/map", 200), ("analyst", "/protectees", 200),
        ("auditor", "/protectees", 403),
        ("analyst", "/audit", 403), ("analyst", "/admin/users", 403),
        ("supervisor", "/queue", 200), ("supervisor", "/audit", 403), ("supervisor", "/admin/users", 403),
        ("auditor", "/audit", 200), ("auditor", "/queue", 403), ("auditor", "/cases", 403), ("auditor", "/map", 403),
        ("admin", "/admin/users", 200), ("admin", "/audit", 200), ("admin", "/queue", 200),
    ],
)
def test_who_may_open_which_page(client, role: str, path: str, status: int) -> None:
    login(client, role)
    assert client.get(path).status_code == status


@pytest.mark.parametrize("path", ["/queue", "/cases", "/map", "/audit", "/admin/users", "/cases/1", "/items/x"])
def test_pages_need_a_session(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_an_analyst_cannot_escalate_but_a_supervisor_can(any_store: Store, pipeline: Pipeline) -> None:
    web_store, client = any_store, make_client(any_store, pipeline)
    item = Item.from_text("green light on the chief, 50 bands when it's done")
    web_store.write_batch([item], [pipeline.assess(item)])
    with web_store.transaction() as conn:
        case_id = cases.create(conn, title="chief", item_ids=[item.id], actor="test")
        cases.transition(conn, case_id, "triage", actor="test")
    csrf = login(client, "analyst")
    page = client.get(f"/cases/{case_id}").text
    assert 'data-move="escalated"' not in page
    r = client.post(f"/cases/{case_id}/transition", data={"to": "escalated", "csrf_token": csrf})
    assert r.status_code == 409 and "cannot move" in r.text
    client.cookies.clear()
    csrf = login(client, "supervisor")
    assert 'data-move="escalated"' in client.get(f"/cases/{case_id}").text
    assert client.post(f"/cases/{case_id}/transition", data={"to": "escalated", "csrf_token": csrf}).status_code == 303
    with web_store.engine.connect() as conn:
        assert cases.get(conn, case_id).status == "escalated"
    for page in ("/queue", "/cases", "/map", "/protectees", f"/items/{item.id}"):
        assert client.get(page).status_code == 200, page


def test_personal_data_is_masked_and_unmasking_is_recorded(client, web_store: Store) -> None:
    item_id, case_id = add_pii_case(web_store)
    csrf = login(client, "analyst")
    page = client.get(f"/cases/{case_id}").text
    assert "4419 W Brantwood Ln" not in page and "773-555-0123" not in page and "[ADDRESS]" in page
    assert "4419 W Brantwood" not in client.get("/queue").text
    assert "4419 W Brantwood" not in client.get(f"/items/{item_id}").text
    assert client.post(f"/cases/{case_id}/unmask", data={"csrf_token": csrf}).status_code == 403
    client.cookies.clear()
    csrf = login(client, "supervisor")
    page = client.post(f"/cases/{case_id}/unmask", data={"csrf_token": csrf}).text
    assert "4419 W Brantwood Ln" in page and "773-555-0123" in page
    assert "&lt;script&gt;alert(&#39;xss-text&#39;)&lt;/script&gt;" in page
    assert "<script>alert(" not in page
    actions = audit_actions(web_store)
    assert "pii.unmask" in actions and "case.view" in actions and "item.view" in actions


# --- headers and errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/login", "/tip", "/tip/follow-up", "/queue", "/audit", "/nowhere", "/static/app.css",
                                  "/api/v1/nothing", "/boom", "/api/boom"])
def test_every_response_carries_the_security_headers(client, path: str) -> None:
    _add_boom(client)
    login(client, "analyst")
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "'unsafe-inline'" not in CSP and "frame-ancestors 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


def _add_boom(client) -> None:
    def boom() -> None:
        raise RuntimeError("secret detail: SELECT * FROM users")

    routes = client.app.router.routes
    if any(getattr(r, "path", None) == "/boom" for r in routes):
        return
    for path in ("/boom", "/api/boom"):
        client.app.add_api_route(path, boom)
        routes.insert(0, routes.pop())  # ahead of the /api catch-all


def test_an_unexpected_error_shows_no_trace(client, caplog: pytest.LogCaptureFixture) -> None:
    _add_boom(client)
    r = client.get("/boom")
    assert r.status_code == 500
    assert "secret detail" not in r.text and "Traceback" not in r.text and "internal error" in r.text.lower()
    assert "secret detail" in caplog.text


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [("GET", "/api/v1/cases", 401, "unauthorized"), ("POST", "/api/v1/tips", 404, "not_found"), ("GET", "/api/boom", 500, "internal")],
)
def test_api_errors_have_one_json_shape(client, method: str, path: str, status: int, code: str) -> None:
    _add_boom(client)
    r = client.request(method, path)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert "secret" not in body["error"]["message"]


def test_templates_escape_what_items_say(client, web_store: Store) -> None:
    item_id, _ = add_pii_case(web_store)
    login(client, "supervisor")
    page = client.get(f"/items/{item_id}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(&#39;xss-author&#39;)&gt;" in page


def test_every_setting_is_documented() -> None:
    import dataclasses
    from pathlib import Path

    from threatdesk.web import WebSettings

    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(WebSettings) if f"| `{f.name}` |" not in doc]
    assert missing == []


def test_templates_carry_no_inline_script_style_or_handlers() -> None:
    """The CSP forbids them; this finds one before a browser does."""
    import re
    from pathlib import Path

    import threatdesk.web

    folder = Path(threatdesk.web.__file__).parent / "templates"
    bad = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:|\|\s*safe\b", re.I)
    found = {p.name: m.group(0) for p in folder.glob("*.html") if (m := bad.search(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_web_app_serves_the_api_and_its_description(client) -> None:
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    assert any(path.endswith("/items") for path in spec.json()["paths"])
    assert client.post("/api/v1/items", json={"items": [{"text": "hola"}]}).status_code == 401
