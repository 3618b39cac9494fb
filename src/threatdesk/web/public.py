"""The public tip form: no sign-in, anonymous by default, rate-limited per client."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from threatdesk.errors import UsageError
from threatdesk.web import tips
from threatdesk.web.deps import check_csrf, client_of, pipeline, render, store
from threatdesk.web.tipcheck import CATEGORIES

router = APIRouter()
Field = Annotated[str, Form()]


def _limited(request: Request) -> Response | None:
    wait = request.app.state.tip_bucket.take(client_of(request))
    if not wait:
        return None
    response = render(request, "error.html", {
        "status": 429, "message": "Too many reports from this connection in a short time. "
                                  f"Please wait about {max(1, round(wait / 60))} minute(s) and try again."}, status=429)
    response.headers["Retry-After"] = str(max(1, round(wait)))
    return response


def _coord(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


@router.get("/tip")
def tip_form(request: Request) -> Response:
    return render(request, "tip.html", {"categories": CATEGORIES, "form": {}, "errors": [], "limits": tips.LIMITS})


@router.post("/tip")
def tip_submit(request: Request, csrf_token: Field = "", category: Field = "", what: Field = "", where: Field = "",
               when: Field = "", contact: Field = "", lat: Field = "", lon: Field = "") -> Response:
    check_csrf(request, csrf_token)
    if limited := _limited(request):
        return limited
    form = tips.TipForm(category=category, what=what, where=where, when=when, contact=contact,
                        lat=_coord(lat), lon=_coord(lon))
    problems = tips.validate(form)
    if lat.strip() and form.lat is None or lon.strip() and form.lon is None:
        problems.append("the coordinates are not numbers")
    if problems:
        return render(request, "tip.html", {"categories": CATEGORIES, "errors": problems, "limits": tips.LIMITS,
                                            "form": {"category": category, "what": what[:tips.LIMITS["what"]],
                                                     "where": where[:200], "when": when[:120],
                                                     "contact": contact[:200]}}, status=400)
    result = tips.submit(store(request), pipeline(request), form)
    return render(request, "tip_done.html", {"receipt": result.receipt, "flagged": result.flagged_identity_only})


@router.get("/tip/follow-up")
def follow_up_form(request: Request) -> Response:
    return render(request, "tip_followup.html", {"error": None, "done": False, "receipt": "", "more": ""})


@router.post("/tip/follow-up")
def follow_up_submit(request: Request, csrf_token: Field = "", receipt: Field = "", more: Field = "") -> Response:
    check_csrf(request, csrf_token)
    if limited := _limited(request):
        return limited
    try:
        tips.follow_up(store(request), pipeline(request), receipt[:64], more)
    except UsageError as exc:
        return render(request, "tip_followup.html", {"error": str(exc), "done": False, "receipt": receipt[:64],
                                                     "more": more[:tips.LIMITS["more"]]}, status=400)
    return render(request, "tip_followup.html", {"error": None, "done": True, "receipt": "", "more": ""})
