"""One place that turns every error into a response.

Under ``/api`` every error is ``{"error": {"code": ..., "message": ...}}`` with the HTTP
status; elsewhere it is a plain error page. A ``ThreatdeskError`` carries its own status
and a message written for users; anything else is logged with its traceback and shown as
"internal error" and nothing more, so no stack trace or SQL ever reaches a browser.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from threatdesk.errors import ThreatdeskError

log = logging.getLogger("threatdesk.web")

#: HTTP status -> the ``code`` of the JSON error shape.
CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 422: "invalid", 429: "rate_limited", 500: "internal", 503: "unavailable",
}

MESSAGES: dict[int, str] = {
    400: "the request could not be understood",
    401: "please sign in",
    403: "your role does not allow this",
    404: "there is nothing here",
    405: "that method is not allowed here",
    409: "that change is not allowed in the current state",
    413: "the request is too large",
    422: "some fields are missing or invalid",
    429: "too many requests: please wait a little and try again",
    500: "internal error: it has been logged",
    503: "the database is not available right now",
}


class ApiError(Exception):
    """Raise from an /api route to answer with a given status, code and message."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def error_json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def error_response(scope: dict[str, Any], status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    if is_api(scope.get("path", "")):
        return error_json(status, code, message, headers)
    app = scope.get("app")
    templates = getattr(getattr(app, "state", None), "templates", None)
    if templates is None:
        return HTMLResponse(f"<!doctype html><title>{status}</title><p>{status}</p>", status_code=status, headers=headers)
    request = Request(scope)
    session = scope.get("td_session_obj")
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "message": message, "user": session.user if session else None,
        "csrf_token": session.csrf_token if session else ""}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app`` (the API router, when included, shares them)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) and exc.detail else MESSAGES.get(exc.status_code, "error")
        if exc.status_code in MESSAGES and not is_api(request.url.path) and exc.detail == _default_detail(exc.status_code):
            message = MESSAGES[exc.status_code]
        return error_response(request.scope, exc.status_code, CODES.get(exc.status_code, "error"), message,
                              dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        message = f"{where}: {first.get('msg', 'invalid')}" if where else MESSAGES[422]
        return error_response(request.scope, 422, "invalid", message)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request.scope, exc.status, exc.code, exc.message)

    @app.exception_handler(ThreatdeskError)
    async def domain_error(request: Request, exc: ThreatdeskError) -> Response:
        return error_response(request.scope, exc.http_status, CODES.get(exc.http_status, "error"), str(exc))


def _default_detail(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class CatchAll:
    """Outer middleware: an unexpected exception is logged and becomes a plain 500."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        from threatdesk.web.security import TooLarge

        try:
            await self.app(scope, receive, tracking)
        except TooLarge:
            if not started:
                await error_response(scope, 413, "too_large", MESSAGES[413])(scope, receive, send)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await error_response(scope, 500, "internal", MESSAGES[500])(scope, receive, send)
