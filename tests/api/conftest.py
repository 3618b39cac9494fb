"""An API on a real uvicorn on 127.0.0.1, over the store under test, with keys of each kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.alerts.servers import pipeline_with_pii, serve_app
from threatdesk.alerts.settings import AlertSettings
from threatdesk.api import keys
from threatdesk.api.app import create_api_app
from threatdesk.api.state import ApiState
from threatdesk.store import Store

KEY_SCOPES = {
    "ingest": "ingest",
    "read": "read",
    "pii": "read,pii",
    "write": "read,write",
    "supervise": "read,write,supervise",
    "all": "ingest,read,pii,write,supervise",
}


@dataclass
class Api:
    url: str
    state: ApiState
    keys: dict[str, str]

    @property
    def store(self) -> Store:
        return self.state.store

    def client(self, who: str | None = "all") -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[who]}"} if who else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def make_api(db_url: str, *, settings: AlertSettings | None = None, rate: float = 0.0) -> Iterator[Api]:
    state = ApiState(Store.open(db_url), pipeline=pipeline_with_pii(), settings=settings or AlertSettings(), rate=rate)
    made = {name: keys.create(state.store, scopes=keys.parse_scopes(scopes), label=name) for name, scopes in KEY_SCOPES.items()}
    app = create_api_app(state=state, start_worker=settings is not None)
    with serve_app(app) as url:
        yield Api(url, state, made)


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    yield from make_api(db_url)


@pytest.fixture
def sqlite_api(sqlite_url: str) -> Iterator[Api]:
    """For tables of request/response cases that do not depend on the database."""
    yield from make_api(sqlite_url)
