"""What every route needs: the store, the signed-in user, the CSRF check, page rendering."""

from __future__ import annotations

import secrets
import threading
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from starlette.responses import RedirectResponse, Response

from threatdesk.pipeline import Pipeline
from threatdesk.store import Store
from threatdesk.web import auth
from threatdesk.web.settings import WebSettings

SESSION_COOKIE = "td_session"
ANON_CSRF_COOKIE = "td_csrf"


class LoginRequired(Exception):
    """Raised by ``signed_in`` when there is no valid session; answered with a redirect to /login."""


def store(request: Request) -> Store:
    return request.app.state.store


def settings(request: Request) -> WebSettings:
    return request.app.state.settings


_pipeline_lock = threading.Lock()


def pipeline(request: Request) -> Pipeline:
    """Built on first use (it loads the analyzers' models), then shared by every request."""
    state = request.app.state
    if state.pipeline is None:
        with _pipeline_lock:
            if state.pipeline is None:
                from threatdesk.analyzers import AnalyzerContext

                state.pipeline = Pipeline(context=AnalyzerContext(db=state.store_url))
    return state.pipeline


def session_of(request: Request) -> auth.Session | None:
    if "td_session_obj" in request.scope:
        return request.scope["td_session_obj"]
    token = request.cookies.get(SESSION_COOKIE)
    session = None
    if token:
        with store(request).engine.connect() as conn:
            session = auth.session_for(conn, token)
    request.scope["td_session_obj"] = session
    return session


def signed_in(request: Request) -> auth.Session:
    session = session_of(request)
    if session is None:
        raise LoginRequired
    return session


def require(session: auth.Session, allowed: frozenset[str] | set[str]) -> None:
    if session.user.role not in allowed:
        raise HTTPException(403, "your role does not allow this page")


def client_of(request: Request) -> str:
    if settings(request).trust_proxy:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "unknown"


def anon_csrf(request: Request) -> str:
    """The CSRF token of a visitor with no session (login and tip forms): a double-submit cookie."""
    token = request.cookies.get(ANON_CSRF_COOKIE) or request.scope.get("td_new_csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.scope["td_new_csrf"] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    session = session_of(request)
    expected = session.csrf_token if session else request.cookies.get(ANON_CSRF_COOKIE)
    if not auth.same_token(expected, submitted):
        raise HTTPException(403, "this form has expired or did not come from this site: reload the page and try again")


def set_cookie(response: Response, request: Request, name: str, value: str, *, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=settings(request).secure_cookies)


def render(request: Request, template: str, context: dict[str, Any] | None = None, *, status: int = 200) -> Response:
    session = session_of(request)
    ctx = {"user": session.user if session else None,
           "csrf_token": session.csrf_token if session else anon_csrf(request),
           "path": request.url.path}
    ctx.update(context or {})
    response = request.app.state.templates.TemplateResponse(request, template, ctx, status_code=status)
    if new := request.scope.get("td_new_csrf"):
        set_cookie(response, request, ANON_CSRF_COOKIE, new, max_age=None)
    return response


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return redirect(f"/login?next={quote(target, safe='')}")


def session_ttl(request: Request) -> timedelta:
    return timedelta(minutes=settings(request).session_minutes)
