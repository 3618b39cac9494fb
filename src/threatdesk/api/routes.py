"""The /api/v1 routes. Mount with ``app.include_router(router, prefix="/api/v1")``.

Handlers are thin: authenticate and check the scope, then call the same functions the CLI
and web app use (``record_to_item``, ``Pipeline``, ``Store``, ``cases``), inside one
transaction that also appends the audit event ``api.<verb>`` by ``key:<prefix>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BaseModel, Field
from sqlalchemy import select

from threatdesk import cases
from threatdesk.alerts.redaction import assessment_json, item_json, redact
from threatdesk.api.errors import ApiError, error_response, log, responses
from threatdesk.api.keys import ApiKey
from threatdesk.api.state import MAX_BODY_BYTES, MAX_ITEMS, ApiState, check_text
from threatdesk.errors import ThreatdeskError
from threatdesk.labels import LABEL_ORDER
from threatdesk.models import CASE_STATUSES, CLOSE_REASONS, Signal
from threatdesk.store import QueueFilter, schema
from threatdesk.store.database import QueueRow

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="An API key from `threatdesk keys create`.")

Priority = Literal["P1", "P2", "P3", "P4"]
Status = Literal["new", "triage", "escalated", "referred", "closed"]
LabelName = Literal[tuple(str(label) for label in LABEL_ORDER)]  # type: ignore[valid-type]
ITEM_ID = r"^itm_[0-9a-f]{20}$"


def state_of(request: Request) -> ApiState:
    state = getattr(request.app.state, "threatdesk_api", None)
    if state is None:
        raise ApiError(500, "the API is not configured on this app (call threatdesk.api.app.attach)")
    return state


async def check_key(state: ApiState, token: str | None, scope: str, verb: str) -> ApiKey:
    """The key behind ``token``, which must hold ``scope`` (a refusal is audited).

    A key checked in the last second (``KEY_CACHE_SECONDS``) costs no thread and no
    query; otherwise the lookup runs in the thread pool.
    """
    cached = state.cached_key(token) if token else None
    if cached is not None:
        state.check_rate(cached)
        key = cached
    else:
        key = await run_in_threadpool(state.authenticate, token)
    if scope not in key.scopes:
        error = ApiError(403, f"this key lacks the {scope!r} scope")
        await run_in_threadpool(state.audit_refusal, key, verb, error)
        raise error
    return key


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, read as ``HTTPBearer`` reads it."""
    scheme, token = get_authorization_scheme_param(authorization)
    return token if authorization and scheme.lower() == "bearer" and token else None


def require(scope: str, verb: str) -> Callable[..., Any]:
    """A dependency: the caller's key, which must hold ``scope`` (see ``check_key``)."""

    async def dependency(request: Request,
                         credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> ApiKey:
        return await check_key(state_of(request), credentials.credentials if credentials else None, scope, verb)

    return dependency


# --- request and response models (the OpenAPI description is generated from these) -------------------


class SubmitResult(BaseModel):
    index: int
    item_id: str
    new: bool = Field(description="false when the same item was already stored (nothing was re-assessed)")
    status: Literal["assessed", "pending"] = Field(
        description="pending: stored, assessment under way (GET /items/{item_id} has it within milliseconds)")
    label: str | None = Field(description="null while pending")
    risk: int | None
    priority: str | None


class Rejected(BaseModel):
    index: int = Field(description="position of the record in the submitted `items` list")
    error: str


class SubmitResponse(BaseModel):
    accepted: int
    new: int
    rejected: list[Rejected]
    results: list[SubmitResult]


class ItemResponse(BaseModel):
    item: dict[str, Any] = Field(description="the Item's contract JSON (docs/contract.md); text redacted without the pii scope")
    status: Literal["assessed", "pending"] = Field(description="pending: submitted, assessment not stored yet")
    assessment: dict[str, Any] | None = Field(description="the Assessment's contract JSON; null while pending")


#: A queue entry is the store's QueueRow as it is (text redacted without the pii scope).
QueueEntry = QueueRow


class Page(BaseModel):
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, or null on the last page")


class QueueResponse(Page):
    items: list[QueueEntry]


class CaseOut(BaseModel):
    id: int
    title: str
    status: str
    close_reason: str | None
    priority: str
    risk: int
    assignee: str | None
    item_ids: list[str]
    protectees: list[str]
    created_at: str | None
    updated_at: str | None
    due_at: str | None


class CasesResponse(Page):
    cases: list[CaseOut]


class CaseDetail(BaseModel):
    case: CaseOut
    items: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    changes: list[dict[str, Any]]


class TransitionIn(BaseModel):
    to: Status
    close_reason: Literal["actioned", "unfounded"] | None = Field(None, description="required when `to` is closed")


_ITEM_PROPERTIES = {
    "text": {"type": "string", "minLength": 1, "maxLength": 20000, "description": "the message (required)"},
    "id": {"type": ["string", "integer", "null"], "description": "the source's own id for the record"},
    "source": {"type": ["string", "null"], "maxLength": 64},
    "author": {"type": ["string", "null"], "maxLength": 256, "description": "handle as given; never resolved to a person"},
    "posted_at": {"type": ["string", "number", "null"], "description": "ISO 8601 (naive means UTC) or epoch seconds"},
    "lang": {"type": ["string", "null"], "maxLength": 16},
    "place": {"type": ["string", "null"], "maxLength": 256, "description": "place name as the source gave it"},
    "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
    "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
}
SUBMIT_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "type": "object",
        "required": ["items"],
        "properties": {"items": {
            "type": "array", "minItems": 1, "maxItems": MAX_ITEMS,
            "items": {"type": "object", "required": ["text"], "properties": _ITEM_PROPERTIES},
        }},
    }}},
}

# --- routes -------------------------------------------------------------------------------------------


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body is larger than {limit:,} bytes; send fewer items per request")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the body is larger than {limit:,} bytes; send fewer items per request")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/items", response_model=SubmitResponse, status_code=202, openapi_extra={"requestBody": SUBMIT_BODY},
    responses={200: {"model": SubmitResponse, "description": "with wait=true: stored and assessed"},
               **responses(400, 401, 403, 413, 415, 422, 429, 503)},
    summary="Submit items (up to 500 and 2 MiB per request)",
    description="Each record is checked like a line of a file: bad ones are listed in `rejected` by index. "
    "The rest are stored with the call's audit event, and the answer (202) comes once that has committed: "
    "each result is `pending`, and its assessment (and, at P1/P2, its alert) follows within milliseconds "
    "(read it with GET /items/{item_id}). With `wait=true` the answer (200) comes once the assessments are "
    "stored too, and carries label, risk and priority. Submitting the same record again stores nothing new "
    "and answers with the assessment on record.",
)
async def submit_items(
    request: Request, key: Annotated[ApiKey, Depends(require("ingest", "submit"))],
    wait: Annotated[bool, Query(description="answer once the items are assessed (200), not once stored (202)")] = False,
) -> Response:
    return await submit(state_of(request), request, key, wait)


async def submit(state: ApiState, request: Request, key: ApiKey, wait: bool) -> Response:
    """POST /items once the key is checked: shared by the route and ``SubmitFastPath``."""
    body = await _read_body(request, MAX_BODY_BYTES)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ApiError(415, "send the items as application/json")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise ApiError(400, 'the body is not valid JSON; send {"items": [{"text": "..."}]}') from None
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise ApiError(422, 'expected a JSON object with an "items" list')
    records = payload["items"]
    if not records:
        raise ApiError(422, '"items" is empty; send at least one record')
    if len(records) > MAX_ITEMS:
        raise ApiError(413, f"{len(records)} items in one request; the limit is {MAX_ITEMS}")
    if len(records) <= 8:  # microseconds each: not worth a thread
        accepted, rejected = state.validate(records)
    else:
        accepted, rejected = await run_in_threadpool(state.validate, records)
    result = await state.submit_async(key, accepted, rejected, wait=wait)
    # Built here rather than through response_model: the answer is already plain JSON types.
    return Response(json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":")),
                    status_code=200 if wait else 202, media_type="application/json")


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class SubmitFastPath:
    """``POST /api/v1/items`` without FastAPI's routing and dependency solving; same answers.

    The submission is the API's hot path (one request per item for many feeds). This
    pure ASGI middleware serves it with the same functions as the route (``check_key``,
    ``submit``) and the same error shape, and passes every other request on. The route
    stays for the OpenAPI description and for apps that mount the router without it.
    """

    def __init__(self, app: Any, path: str = "/api/v1/items") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            state = state_of(request)
            key = await check_key(state, bearer_token(request.headers.get("authorization")), "ingest", "submit")
            response: Response = await submit(state, request, key, _wait_param(request))
        except ApiError as exc:  # as errors.install_error_handlers renders them
            response = error_response(exc.http_status, exc.message, code=exc.code, headers=exc.headers)
        except ThreatdeskError as exc:
            response = error_response(exc.http_status, str(exc))
        except Exception:  # noqa: BLE001 - the same generic 500 as every other route
            log.exception("unexpected error on POST %s", self.path)
            response = error_response(500, "internal error; the server log has the details")
        await response(scope, receive, send)


def _wait_param(request: Request) -> bool:
    values = request.query_params.getlist("wait")
    if not values:
        return False
    value = values[-1].strip().lower()
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise ApiError(422, "query.wait: Input should be a valid boolean, unable to interpret input")


@router.get("/items/{item_id}", response_model=ItemResponse, responses=responses(401, 403, 404, 422, 429),
            summary="An item and its assessment")
def get_item(
    request: Request, item_id: Annotated[str, Path(max_length=64)],
    key: Annotated[ApiKey, Depends(require("read", "read_item"))],
) -> dict[str, Any]:
    state = state_of(request)
    if not _matches_item_id(item_id):
        error = ApiError(404, f"no item {item_id[:40]!r}")
        state.audit_refusal(key, "read_item", error, object_type="item")
        raise error
    with state.audited(key, "read_item", object_type="item", object_id=item_id):
        item = state.store.get_item(item_id)
        if item is None:
            raise ApiError(404, f"no item {item_id}")
        assessment = state.store.get_assessment(item_id)
    pii = "pii" in key.scopes
    signals = assessment.signals if assessment else ()
    return {"item": item_json(item, signals, pii=pii), "status": "assessed" if assessment else "pending",
            "assessment": assessment_json(assessment, pii=pii) if assessment else None}


def _matches_item_id(value: str) -> bool:
    import re

    return re.fullmatch(ITEM_ID, value) is not None


def _text_param(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return check_text(value, name)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from None


def _utc(value: datetime | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:
        raise ApiError(422, f"{name} is out of range") from None


@router.get("/queue", response_model=QueueResponse, responses=responses(401, 403, 422, 429),
            summary="The ranked queue: priority, then risk, then newest")
def get_queue(
    request: Request,
    key: Annotated[ApiKey, Depends(require("read", "read_queue"))],
    label: Annotated[list[LabelName] | None, Query()] = None,
    priority: Annotated[list[Priority] | None, Query()] = None,
    status: Annotated[list[Status] | None, Query()] = None,
    protectee: Annotated[str | None, Query(max_length=64, description="protectee alias, e.g. PROTECTEE-0042")] = None,
    place: Annotated[str | None, Query(max_length=256)] = None,
    since: Annotated[datetime | None, Query(description="posted at or after (ISO 8601; naive means UTC)")] = None,
    until: Annotated[datetime | None, Query(description="posted before")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    state = state_of(request)
    flt = QueueFilter(label=tuple(label or ()), priority=tuple(priority or ()), status=tuple(status or ()),
                      protectee=_text_param(protectee, "protectee"), place=_text_param(place, "place"),
                      since=_utc(since, "since"), until=_utc(until, "until"))
    with state.audited(key, "read_queue", object_type="queue", after={"limit": limit, "offset": offset}):
        rows = state.store.queue(flt, limit=limit + 1, offset=offset)
    more = len(rows) > limit
    rows = rows[:limit]
    pii = "pii" in key.scopes
    signals = {} if pii else _signals_of(state, [r.item_id for r in rows])
    entries = [r if pii else replace(r, text=redact(r.text, signals.get(r.item_id, []))) for r in rows]
    return {"items": entries, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


def _signals_of(state: ApiState, item_ids: list[str]) -> dict[str, list[Signal]]:
    if not item_ids:
        return {}
    a = schema.assessments
    with state.store.engine.connect() as conn:
        rows = conn.execute(select(a.c.item_id, a.c.signals).where(a.c.item_id.in_(item_ids))).all()
    return {r[0]: [Signal.from_json(s) for s in r[1] or []] for r in rows}


@router.get("/cases", response_model=CasesResponse, responses=responses(401, 403, 422, 429),
            summary="Cases: open work first, by priority and risk")
def get_cases(
    request: Request,
    key: Annotated[ApiKey, Depends(require("read", "list_cases"))],
    status: Annotated[list[Status] | None, Query()] = None,
    priority: Annotated[list[Priority] | None, Query()] = None,
    assignee: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    state = state_of(request)
    assignee = _text_param(assignee, "assignee")
    with state.audited(key, "list_cases", object_type="cases", after={"limit": limit, "offset": offset}) as (conn, _):
        found = cases.list_cases(conn, status=list(status or ()), priority=list(priority or ()), assignee=assignee,
                                 limit=limit + 1, offset=offset)
    more = len(found) > limit
    return {"cases": [c.to_json() for c in found[:limit]], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/cases/{case_id}", response_model=CaseDetail, responses=responses(401, 403, 404, 422, 429),
            summary="One case with its items (assessed), notes and timeline")
def get_case(request: Request, case_id: CaseId,
             key: Annotated[ApiKey, Depends(require("read", "read_case"))]) -> dict[str, Any]:
    state = state_of(request)
    pii = "pii" in key.scopes
    with state.audited(key, "read_case", object_type="case", object_id=case_id) as (conn, _):
        v = cases.view(conn, case_id)
    items = []
    for ci in v.items:
        signals = [Signal.from_json(s) for s in ci.signals]
        items.append({
            "item_id": ci.item_id, "text": ci.text if pii else redact(ci.text, signals), "author": ci.author,
            "posted_at": ci.posted_at.isoformat().replace("+00:00", "Z") if ci.posted_at else None,
            "label": ci.label, "risk": ci.risk, "priority": ci.priority, "reasons": ci.reasons,
            "signals": ci.signals if pii else [_redacted_signal(s) for s in signals],
        })
    notes = [{"id": n["id"], "author": n["author"], "created_at": _iso(n["created_at"]),
              "text": n["text"] if pii else None} for n in v.notes]
    changes = [{"actor": c["actor"], "action": c["action"], "detail": c["detail"], "at": _iso(c["at"])} for c in v.changes]
    return {"case": v.case.to_json(), "items": items, "notes": notes, "changes": changes}


def _redacted_signal(signal: Signal) -> dict[str, Any]:
    from threatdesk.alerts.redaction import redact_signal

    return redact_signal(signal)


def _iso(value: Any) -> str | None:
    from threatdesk.store import as_utc

    value = as_utc(value)
    return value.isoformat().replace("+00:00", "Z") if value else None


@router.post("/cases/{case_id}/transition", response_model=CaseOut, responses=responses(400, 401, 403, 404, 409, 422, 429),
             summary="Move a case to another state",
             description="Allowed moves: " + "; ".join(f"{k} → {', '.join(v)}" for k, v in cases.TRANSITIONS.items())
             + f". Closing needs close_reason ({' or '.join(CLOSE_REASONS)}). A key with `write` moves as an analyst; "
             "with `write` and `supervise`, as a supervisor.")
def transition_case(request: Request, case_id: CaseId, body: TransitionIn,
                    key: Annotated[ApiKey, Depends(require("write", "transition"))]) -> dict[str, Any]:
    state = state_of(request)
    with state.audited(key, "transition", object_type="case", object_id=case_id,
                       after={"to": body.to, "close_reason": body.close_reason}) as (conn, _):
        case = cases.transition(conn, case_id, body.to, actor=key.actor, role=key.role, close_reason=body.close_reason)
    return case.to_json()


assert set(CASE_STATUSES) == set(Status.__args__)  # type: ignore[attr-defined]
