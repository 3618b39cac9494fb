"""``create_api_app(store_url)``: the API on its own (the web app mounts ``router`` instead).

Run it with uvicorn::

    THREATDESK_DB=threatdesk.db uvicorn --factory threatdesk.api.app:app_from_env
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from threatdesk import __version__
from threatdesk.api.errors import install_error_handlers, log
from threatdesk.api.heap import freeze_startup_heap
from threatdesk.api.routes import SubmitFastPath, router
from threatdesk.api.state import ApiState
from threatdesk.errors import ConfigError

DESCRIPTION = """Submit items, read assessments, cases and the queue, and move cases.

Authenticate with `Authorization: Bearer <key>` (keys come from `threatdesk keys create`).
Every error is `{"error": {"code": "...", "message": "..."}}`. Text is redacted for keys
without the `pii` scope. Assessments are indicators for human review, never legal findings.
"""


def attach(app: FastAPI, state: ApiState) -> None:
    """Give an existing app (the web app) what the router needs; the caller starts/stops ``state``."""
    app.state.threatdesk_api = state


def api_subapp(state: ApiState) -> FastAPI:
    """The API as a sub-application for the web app to mount at /api (routes under /v1).

    Its own OpenAPI description (/api/v1/openapi.json) and JSON error handlers; the web app
    owns the state's worker (``start_worker`` / ``stop_worker`` in its lifespan).
    """
    app = FastAPI(
        title="threatdesk API", version=__version__, description=DESCRIPTION,
        openapi_url="/v1/openapi.json", docs_url="/v1/docs", redoc_url=None,
    )
    attach(app, state)
    install_error_handlers(app)
    app.include_router(router, prefix="/v1")
    return app


def create_api_app(store_url: str | None = None, *, state: ApiState | None = None, start_worker: bool = True,
                   freeze_heap: bool = False, **state_options: Any) -> FastAPI:
    """The standalone API. ``freeze_heap``: this process serves only the API, so once started
    its start-up objects are left out of later garbage collections (``threatdesk.api.heap``);
    an app embedded in another process (tests, the web app) leaves that process's heap alone.
    """
    state = state or ApiState.open(store_url, **state_options)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if start_worker:
            state.start_worker()
            # uvicorn opens the port once this returns: the first requests find the assessors ready.
            if not await asyncio.to_thread(state.intake.wait_ready):
                log.warning("the assessor processes were not ready in time; the first submissions may wait")
        if freeze_heap:
            freeze_startup_heap()
        yield
        state.close()

    app = FastAPI(
        title="threatdesk API", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs", redoc_url=None,
    )
    attach(app, state)
    install_error_handlers(app)
    app.include_router(router, prefix="/api/v1")
    app.add_middleware(SubmitFastPath, path="/api/v1/items")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: THREATDESK_DB names the store; THREATDESK_API_RATE (requests/s per key, 0 = off)."""
    raw = os.environ.get("THREATDESK_API_RATE", "50")
    try:
        rate = float(raw)
    except ValueError:
        raise ConfigError(f"THREATDESK_API_RATE={raw!r} is not a number", hint="requests per second per key; 0 turns it off") from None
    return create_api_app(os.environ.get("THREATDESK_DB"), rate=rate, burst=max(int(rate * 4), 1), freeze_heap=True)
