"""``create_app``: the whole web application over one store.

Layers, outermost first: security headers (on every response), the catch-all that turns
an unexpected exception into a logged, plain 500, the request-size limit, then FastAPI's
routing with the shared error handlers of ``errors.py``. The HTTP API (``/api/v1``) is a
separate router that plugs in below and shares the same error shape.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from threatdesk import __version__
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store
from threatdesk.web import errors, public, views
from threatdesk.web.deps import LoginRequired, login_redirect
from threatdesk.web.security import BodyLimit, SecurityHeaders, TokenBucket
from threatdesk.web.settings import WebSettings

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["ago"] = _ago
    return Jinja2Templates(env=env)


def _when(value: Any) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "—"


def _ago(value: Any) -> str:
    """Due times as "in 3h" / "5h overdue": what an analyst scans for."""
    if not value:
        return "—"
    from datetime import datetime

    delta = value - datetime.now(UTC)
    seconds = abs(delta.total_seconds())
    text = f"{int(seconds // 60)}m" if seconds < 3600 else f"{int(seconds // 3600)}h" if seconds < 172800 else f"{int(seconds // 86400)}d"
    return f"in {text}" if delta.total_seconds() >= 0 else f"{text} overdue"


def create_app(store_url: str | None, *, settings: WebSettings | None = None, pipeline: Pipeline | None = None,
               store: Store | None = None) -> FastAPI:
    """The app over the store at ``store_url`` (a SQLite path or a PostgreSQL URL; migrated on open).

    Pass ``pipeline`` to reuse analyzers already built (tests); otherwise they are built on
    the first tip. ``store`` lets a caller share an open Store (the app then does not close it).
    """
    settings = settings or WebSettings()
    owned = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.api.start_worker()  # alert deliveries, beside the requests
        yield
        app.state.api.stop_worker()
        if owned:
            app.state.store.close()

    app = FastAPI(title="threatdesk", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.store = store or Store.open(store_url)
    app.state.store_url = store_url
    app.state.settings = settings
    app.state.pipeline = pipeline
    app.state.templates = _templates()
    app.state.tip_bucket = TokenBucket(burst=settings.tip_burst, per_minute=settings.tip_per_minute)

    errors.install(app)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if errors.is_api(request.url.path):
            return errors.error_json(401, "unauthorized", "sign in first")
        return login_redirect(request)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(public.router)
    app.include_router(views.router)
    _include_api(app)

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(errors.CatchAll)
    app.add_middleware(SecurityHeaders)
    return app


def _include_api(app: FastAPI) -> None:
    """The HTTP API, mounted at /api: same store, its own OpenAPI description and JSON errors."""
    from threatdesk.api.app import api_subapp
    from threatdesk.api.state import ApiState

    # The web app's own pipeline (shared with tips): API submissions are assessed in a thread
    # of this process rather than in worker processes of their own.
    state = ApiState(app.state.store, pipeline=app.state.pipeline or ApiState.default_pipeline(app.state.store))
    app.state.api = state
    app.state.pipeline = state.pipeline  # one set of analyzers for tips and API submissions
    app.mount("/api", api_subapp(state))
