"""Fixtures for the web tests: stores with users, a TestClient, a live uvicorn, Chromium.

The browser is Debian's Chromium (``apt-get install -y chromium``), driven by Playwright and
never downloaded by it. Without it the browser tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from threatdesk import cases
from threatdesk.cli.demo import demo_corpus
from threatdesk.models import Assessment, Item, Reason, Signal
from threatdesk.pipeline import Pipeline
from threatdesk.scan import scan
from threatdesk.store import Store, schema
from threatdesk.web import WebSettings, create_app
from threatdesk.web.auth import create_user

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

PASSWORD = "correct-horse-battery"
ROLES = ("analyst", "supervisor", "auditor", "admin")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

XSS_TEXT = "Officer lives at 4419 W Brantwood Ln, call 773-555-0123 <script>alert('xss-text')</script> <img src=x onerror=alert('xss-img')>"
XSS_AUTHOR = "<img src=x onerror=alert('xss-author')>"


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests pin behaviour, not cost: hash with the smallest argon2id parameters."""
    from argon2 import PasswordHasher

    from threatdesk.web import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


def add_users(store: Store) -> None:
    with store.transaction() as conn:
        for role in ROLES:
            create_user(conn, role, PASSWORD, role=role, actor="test")


def add_pii_case(store: Store) -> tuple[str, int]:
    """A doxxing item with personal-data spans and script in its text and author, in its own case."""
    item = Item.from_text(XSS_TEXT, source="forum", author=XSS_AUTHOR, place=None)
    addr = XSS_TEXT.index("4419")
    phone = XSS_TEXT.index("773")
    signals = (
        Signal("intent.v1", "intent", "reads as doxxing", value={"label": "doxxing", "scores": {"doxxing": 1.0}}),
        Signal("pii.v1", "pii", "a street address", addr, addr + len("4419 W Brantwood Ln"),
               {"type": "address", "normalized": None}, 0.9, True),
        Signal("pii.v1", "pii", "a phone number", phone, phone + len("773-555-0123"),
               {"type": "phone", "normalized": "7735550123"}, 0.95, True),
    )
    assessment = Assessment(item.id, "doxxing", {"doxxing": 1.0}, 85, "P1",  # type: ignore[arg-type]
                            (Reason("label", "reads as doxxing", 45), Reason("pii", "home address and phone", 40)),
                            signals, "test")
    store.write_batch([item], [assessment])
    with store.transaction() as conn:
        case_id = cases.create(conn, title="Doxxing with a script in it", item_ids=[item.id], actor="test")
    return item.id, case_id


@dataclass
class Demo:
    db: str
    store: Store
    pii_item: str
    pii_case: int
    cases: list[int]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo registry enrolled, the demo corpus scanned into a SQLite file, a few cases, one user per role."""
    folder = tmp_path_factory.mktemp("web")
    db, key_file = str(folder / "demo.db"), str(folder / "protectees.key")
    store = Store.open(db)
    from threatdesk.analyzers import AnalyzerContext
    from threatdesk.protectees.registry import Registry
    from threatdesk.scan.engines import LocalEngine

    Registry(store, key_file=key_file).import_csv(demo_corpus().with_name("protectees.csv"))
    scan([str(demo_corpus())], store, engine=LocalEngine(Pipeline(context=AnalyzerContext(db=db, key_file=key_file))))
    made = []
    a, i = schema.assessments, schema.items
    with store.transaction() as conn:
        for author in ("@lawndale_plugg", "@ledger_of_wrongs"):
            ids = list(conn.execute(i.select().with_only_columns(i.c.id).join(a, a.c.item_id == i.c.id)
                                    .where(i.c.author == author)).scalars())
            if ids:
                made.append(cases.create(conn, title=f"Campaign by {author}", item_ids=ids, actor="test"))
        top = list(conn.execute(a.select().with_only_columns(a.c.item_id).where(a.c.priority == "P1")
                                .order_by(a.c.risk.desc()).limit(30)).scalars())
        loose = [t for t in top if not conn.execute(schema.case_items.select()
                                                     .where(schema.case_items.c.item_id == t)).first()]
        if loose:
            made.append(cases.create(conn, title="Top P1 items", item_ids=loose[:3], actor="test"))
    add_users(store)
    pii_item, pii_case = add_pii_case(store)
    yield Demo(db, store, pii_item, pii_case, made)
    store.close()


@pytest.fixture
def web_store(sqlite_url: str) -> Iterator[Store]:
    store = Store.open(sqlite_url)
    add_users(store)
    yield store
    store.close()


def make_client(store: Store, pipeline: Pipeline, **settings: object) -> TestClient:
    app = create_app(None, store=store, pipeline=pipeline, settings=WebSettings(**settings))  # type: ignore[arg-type]
    return TestClient(app, base_url="https://testserver", raise_server_exceptions=False, follow_redirects=False)


@pytest.fixture
def client(web_store: Store, pipeline: Pipeline) -> TestClient:
    return make_client(web_store, pipeline)


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in; returns the session's CSRF token (from the page signed in to)."""
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": username, "password": password, "csrf_token": token})
    assert r.status_code == 303, r.text
    return csrf_of(client.get(r.headers["location"]).text)


# --- live server and browser ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(demo_store: Demo, pipeline: Pipeline) -> Iterator[str]:
    app = create_app(demo_store.db, pipeline=pipeline, settings=WebSettings(tip_burst=50))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: apt-get install -y chromium")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page plus everything it must not do: open dialogs, break the CSP, log errors."""

    page: object
    dialogs: list[str]
    csp_violations: list[str]

    def shot(self, name: str) -> Path:
        return save_shot(self.page, name)


def save_shot(pg: object, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


@pytest.fixture
def page(browser: object, live_server: str) -> Iterator[Watched]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    watched = Watched(pg, [], [])

    def on_dialog(dialog: object) -> None:
        watched.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def on_console(msg: object) -> None:
        if "Content Security Policy" in msg.text:  # type: ignore[attr-defined]
            watched.csp_violations.append(msg.text)  # type: ignore[attr-defined]

    pg.on("dialog", on_dialog)
    pg.on("console", on_console)
    yield watched
    context.close()
    assert not watched.dialogs, f"a dialog opened: {watched.dialogs}"
    assert not watched.csp_violations, f"the page broke its CSP: {watched.csp_violations}"
