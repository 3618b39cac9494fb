"""The analysts' pages: sign-in, queue, cases, case, item, map, audit trail, users.

Routes are plain (sync) functions: the store is synchronous SQLAlchemy, and FastAPI runs
sync routes in its thread pool. Every POST checks the session's CSRF token first. Who may
see what is decided here from ``auth`` (pages) and ``cases.allowed_moves`` (case moves).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from sqlalchemy import func, or_, select
from starlette.responses import Response

from threatdesk import audit, cases
from threatdesk.errors import ConflictError, NotFoundError, ThreatdeskError, UsageError
from threatdesk.labels import LABEL_ORDER, is_actionable
from threatdesk.models import CASE_STATUSES
from threatdesk.store import QueueFilter, as_utc, schema
from threatdesk.store.database import row_to_assessment, row_to_item
from threatdesk.web import auth, geo, spans
from threatdesk.web.deps import (
    SESSION_COOKIE,
    check_csrf,
    client_of,
    login_redirect,
    redirect,
    render,
    require,
    session_of,
    session_ttl,
    set_cookie,
    settings,
    signed_in,
    store,
)
from threatdesk.web.spans import segments, snippet
from threatdesk.web.tipcheck import CATEGORIES

router = APIRouter()
PRIORITIES = ("P1", "P2", "P3", "P4")
LABELS = tuple(str(label) for label in LABEL_ORDER)
CATEGORY_LABELS = dict(CATEGORIES)
Signed = Annotated[auth.Session, Depends(signed_in)]
Csrf = Annotated[str, Form()]


def home_for(user: auth.User) -> str:
    if user.works_cases:
        return "/queue"
    return "/audit" if user.reads_audit else "/login"


# --- sign in and out ---------------------------------------------------------------------------


def _safe_next(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/")
def index(request: Request) -> Response:
    session = session_of(request)
    return redirect(home_for(session.user)) if session else login_redirect(request)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    session = session_of(request)
    if session:
        return redirect(_safe_next(next) or home_for(session.user))
    return render(request, "login.html", {"next": _safe_next(next) or "", "error": None, "username": ""})


@router.post("/login")
def login_submit(request: Request, csrf_token: Csrf = "", username: Annotated[str, Form()] = "",
                 password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    cfg = settings(request)
    with store(request).transaction() as conn:
        result = auth.login(conn, username.strip(), password, max_failed=cfg.max_failed_logins,
                            lockout=timedelta(minutes=cfg.lockout_minutes), session_ttl=session_ttl(request),
                            client=client_of(request))
    if result.token is None:
        return render(request, "login.html", {"next": _safe_next(next) or "", "error": result.message,
                                              "username": username[:128]}, status=401)
    with store(request).engine.connect() as conn:
        session = auth.session_for(conn, result.token)
    assert session is not None
    response = redirect(_safe_next(next) or home_for(session.user))
    set_cookie(response, request, SESSION_COOKIE, result.token, max_age=cfg.session_minutes * 60)
    return response


@router.post("/logout")
def logout(request: Request, session: Signed, csrf_token: Csrf = "") -> Response:
    check_csrf(request, csrf_token)
    with store(request).transaction() as conn:
        auth.logout(conn, request.cookies.get(SESSION_COOKIE, ""), username=session.user.username)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- queue -------------------------------------------------------------------------------------


def _day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise UsageError(f"{value!r} is not a date", hint="use YYYY-MM-DD") from None


def _page_extras(conn: Any, ids: list[str]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, tuple[str, bool]]]:
    if not ids:
        return {}, {}
    a, t = schema.assessments, schema.tips
    signals = {r[0]: r[1] or [] for r in conn.execute(select(a.c.item_id, a.c.signals).where(a.c.item_id.in_(ids)))}
    tips = {r[0]: (r[1], bool(r[2])) for r in
            conn.execute(select(t.c.item_id, t.c.category, t.c.flagged_identity_only).where(t.c.item_id.in_(ids)))}
    return signals, tips


@router.get("/queue")
def queue(request: Request, session: Signed,
          label: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
          priority: Annotated[list[str], Query()] = [],  # noqa: B006
          status: Annotated[list[str], Query()] = [],  # noqa: B006
          protectee: str = "", place: str = "", since: str = "", until: str = "",
          page: Annotated[int, Query(ge=1)] = 1) -> Response:
    require(session, auth.CAN_WORK_CASES)
    cfg = settings(request)
    page = min(page, cfg.max_page)
    until_day = _day(until)
    flt = QueueFilter(
        label=[v for v in label if v in LABELS], priority=[v for v in priority if v in PRIORITIES],
        status=[v for v in status if v in CASE_STATUSES], protectee=protectee.strip() or None,
        place=place.strip() or None, since=_day(since), until=until_day + timedelta(days=1) if until_day else None,
    )
    st = store(request)
    rows = st.queue(flt, limit=cfg.page_size + 1, offset=(page - 1) * cfg.page_size)
    more = len(rows) > cfg.page_size
    rows = rows[: cfg.page_size]
    with st.engine.connect() as conn:
        signals, tips = _page_extras(conn, [r.item_id for r in rows])
    view_rows = [{"row": r, "text": snippet(r.text, signals.get(r.item_id, [])),
                  "tip": tips.get(r.item_id)} for r in rows]
    query = {"label": flt.label, "priority": flt.priority, "status": flt.status, "protectee": protectee,
             "place": place, "since": since, "until": until}
    base = {k: v for k, v in query.items() if v}
    return render(request, "queue.html", {
        "rows": view_rows, "page": page, "more": more, "filters": query, "labels": LABELS, "priorities": PRIORITIES,
        "statuses": CASE_STATUSES, "prev_url": "/queue?" + urlencode({**base, "page": page - 1}, doseq=True),
        "next_url": "/queue?" + urlencode({**base, "page": page + 1}, doseq=True),
        "filtered": bool(base), "first_index": (page - 1) * cfg.page_size,
    })


# --- cases -------------------------------------------------------------------------------------


@router.get("/cases")
def case_list(request: Request, session: Signed,
              status: Annotated[list[str], Query()] = [],  # noqa: B006
              priority: Annotated[list[str], Query()] = [],  # noqa: B006
              mine: bool = False, page: Annotated[int, Query(ge=1)] = 1) -> Response:
    require(session, auth.CAN_WORK_CASES)
    size = settings(request).page_size
    status = [s for s in status if s in CASE_STATUSES]
    priority = [p for p in priority if p in PRIORITIES]
    with store(request).engine.connect() as conn:
        found = cases.list_cases(conn, status=status or None, priority=priority or None,
                                 assignee=session.user.username if mine else None, limit=size + 1,
                                 offset=(page - 1) * size)
        counts = dict(conn.execute(select(schema.cases.c.status, func.count()).group_by(schema.cases.c.status)).all())
    base = {"status": status, "priority": priority, **({"mine": "1"} if mine else {})}
    return render(request, "cases.html", {
        "cases": found[:size], "more": len(found) > size, "page": page, "statuses": CASE_STATUSES,
        "priorities": PRIORITIES, "filters": {"status": status, "priority": priority, "mine": mine}, "counts": counts,
        "prev_url": "/cases?" + urlencode({**base, "page": page - 1}, doseq=True),
        "next_url": "/cases?" + urlencode({**base, "page": page + 1}, doseq=True), "now": datetime.now(UTC),
    })


def _related(conn: Any, case_id: int, item_ids: list[str], aliases: list[str]) -> list[dict[str, Any]]:
    """Other cases that share an author or a protectee with this one."""
    if not item_ids:
        return []
    i, ci, ip, c = schema.items, schema.case_items, schema.item_protectees, schema.cases
    authors = [a for a in conn.execute(select(i.c.author).where(i.c.id.in_(item_ids), i.c.author.is_not(None))
                                       .distinct()).scalars()]
    conditions = []
    if authors:
        conditions.append(ci.c.item_id.in_(select(i.c.id).where(i.c.author.in_(authors))))
    if aliases:
        conditions.append(ci.c.item_id.in_(select(ip.c.item_id).where(ip.c.alias.in_(aliases))))
    if not conditions:
        return []
    rows = conn.execute(select(c.c.id, c.c.title, c.c.status, c.c.priority, c.c.risk)
                        .where(c.c.id.in_(select(ci.c.case_id).where(or_(*conditions))), c.c.id != case_id)
                        .order_by(c.c.priority, c.c.risk.desc()).limit(12)).mappings().all()
    out = []
    for r in rows:
        case_items = select(ci.c.item_id).where(ci.c.case_id == r["id"])
        shared_authors = sorted(set(conn.execute(select(i.c.author).where(i.c.id.in_(case_items),
                                                                           i.c.author.in_(authors))).scalars()))
        shared_aliases = sorted(set(conn.execute(select(ip.c.alias).where(ip.c.item_id.in_(case_items),
                                                                           ip.c.alias.in_(aliases))).scalars()))
        out.append({**r, "authors": shared_authors, "aliases": shared_aliases})
    return out


def _listed(signals: list[dict[str, Any]], text: str, *, unmask: bool) -> list[dict[str, Any]]:
    """The signals worth a line under an item: not the label itself, each reason once, masked like the text."""
    seen: set[tuple[str, str]] = set()
    out = []
    for s in signals:
        reason = s.get("reason", "") if unmask else spans.scrub(s.get("reason", ""), text, signals)
        key = (s.get("kind", ""), reason)
        if s.get("kind") != "intent" and key not in seen:
            seen.add(key)
            out.append({**s, "reason": reason})
    return out


def _case_page(request: Request, session: auth.Session, case_id: int, *, unmask: bool = False,
               error: str | None = None, status: int = 200) -> Response:
    require(session, auth.CAN_WORK_CASES)
    user = session.user
    with store(request).transaction() as conn:
        view = cases.view(conn, case_id)
        audit.record(conn, actor=user.username, action="case.view", object_type="case", object_id=case_id,
                     after={"unmasked": unmask} if unmask else None)
        related = _related(conn, case_id, view.case.item_ids, view.case.protectees)
        t = schema.tips
        tips = {r[0]: (r[1], bool(r[2])) for r in conn.execute(
            select(t.c.item_id, t.c.category, t.c.flagged_identity_only).where(t.c.item_id.in_(view.case.item_ids)))}
        u = schema.users
        assignees = list(conn.execute(select(u.c.username).where(u.c.role.in_(("analyst", "supervisor")))
                                      .order_by(u.c.username)).scalars())
    items = [{"item": it, "segments": segments(it.text, it.signals, unmask=unmask),
              "signals": _listed(it.signals, it.text, unmask=unmask), "tip": tips.get(it.item_id),
              "has_pii": any(s.get("kind") in ("pii", "protectee") or s.get("restricted") for s in it.signals)}
             for it in view.items]
    timeline = [{"at": as_utc(c["at"]), "actor": c["actor"], "kind": "change", "action": c["action"],
                 "detail": c["detail"] or {}} for c in view.changes if c["action"] != "note"]
    timeline += [{"at": as_utc(n["created_at"]), "actor": n["author"], "kind": "note", "action": "note",
                  "text": n["text"]} for n in view.notes]
    timeline.sort(key=lambda e: e["at"] or datetime.min.replace(tzinfo=UTC))
    breakdown = max((it for it in view.items if it.risk is not None), key=lambda it: it.risk, default=None)
    return render(request, "case.html", {
        "case": view.case, "items": items, "timeline": timeline, "related": related, "unmask": unmask,
        "moves": cases.allowed_moves(view.case.status, user.role), "assignees": assignees, "error": error,
        "breakdown": breakdown, "any_pii": any(i["has_pii"] for i in items), "now": datetime.now(UTC),
        "categories": CATEGORY_LABELS,
    }, status=status)


@router.get("/cases/{case_id}")
def case_page(request: Request, session: Signed, case_id: int) -> Response:
    return _case_page(request, session, case_id)


@router.post("/cases/{case_id}/unmask")
def case_unmask(request: Request, session: Signed, case_id: int, csrf_token: Csrf = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_UNMASK)
    with store(request).transaction() as conn:
        cases.get(conn, case_id)
        audit.record(conn, actor=session.user.username, action="pii.unmask", object_type="case", object_id=case_id)
    return _case_page(request, session, case_id, unmask=True)


@router.post("/cases/{case_id}/transition")
def case_transition(request: Request, session: Signed, case_id: int, csrf_token: Csrf = "",
                    to: Annotated[str, Form()] = "", close_reason: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_WORK_CASES)
    try:
        with store(request).transaction() as conn:
            cases.transition(conn, case_id, to, actor=session.user.username, role=session.user.role,
                             close_reason=close_reason or None)
    except (ConflictError, UsageError) as exc:
        return _case_page(request, session, case_id, error=str(exc), status=409)
    return redirect(f"/cases/{case_id}")


@router.post("/cases/{case_id}/notes")
def case_note(request: Request, session: Signed, case_id: int, csrf_token: Csrf = "",
              text: Annotated[str, Form(max_length=10_000)] = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_WORK_CASES)
    try:
        with store(request).transaction() as conn:
            cases.add_note(conn, case_id, text, actor=session.user.username)
    except UsageError as exc:
        return _case_page(request, session, case_id, error=str(exc), status=400)
    return redirect(f"/cases/{case_id}#timeline")


@router.post("/cases/{case_id}/assign")
def case_assign(request: Request, session: Signed, case_id: int, csrf_token: Csrf = "",
                assignee: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_ASSIGN)
    with store(request).transaction() as conn:
        u = schema.users
        if assignee and not conn.execute(select(u.c.id).where(u.c.username == assignee)).first():
            raise NotFoundError(f"no user {assignee}")
        cases.assign(conn, case_id, assignee or None, actor=session.user.username)
    return redirect(f"/cases/{case_id}")


# --- items -------------------------------------------------------------------------------------


def _item_page(request: Request, session: auth.Session, item_id: str, *, unmask: bool = False) -> Response:
    require(session, auth.CAN_WORK_CASES)
    i, a, ci, t = schema.items, schema.assessments, schema.case_items, schema.tips
    with store(request).transaction() as conn:
        row = conn.execute(select(i).where(i.c.id == item_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no item {item_id}")
        item = row_to_item(row)
        arow = conn.execute(select(a).where(a.c.item_id == item_id)).mappings().first()
        assessment = row_to_assessment(arow) if arow else None
        case_id = conn.execute(select(ci.c.case_id).where(ci.c.item_id == item_id)).scalar()
        tip = conn.execute(select(t.c.category, t.c.flagged_identity_only).where(t.c.item_id == item_id)).first()
        audit.record(conn, actor=session.user.username, action="item.view", object_type="item", object_id=item_id,
                     after={"unmasked": unmask} if unmask else None)
    signals = [s.to_json() for s in assessment.signals] if assessment else []
    contact = None
    if tip and item.raw:
        try:
            contact = json.loads(item.raw).get("contact")
        except (ValueError, AttributeError):
            contact = None
    return render(request, "item.html", {
        "contact": contact,
        "item": item, "a": assessment, "segments": segments(item.text, signals, unmask=unmask), "case_id": case_id,
        "signals": _listed(signals, item.text, unmask=unmask), "unmask": unmask, "categories": CATEGORY_LABELS,
        "tip": (tip[0], bool(tip[1])) if tip else None,
        "has_pii": bool(contact) or any(s["kind"] in ("pii", "protectee") or s["restricted"] for s in signals),
        "actionable": bool(assessment and is_actionable(assessment.label)),
    })


@router.get("/items/{item_id}")
def item_page(request: Request, session: Signed, item_id: str) -> Response:
    return _item_page(request, session, item_id)


@router.post("/items/{item_id}/unmask")
def item_unmask(request: Request, session: Signed, item_id: str, csrf_token: Csrf = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_UNMASK)
    with store(request).transaction() as conn:
        audit.record(conn, actor=session.user.username, action="pii.unmask", object_type="item", object_id=item_id)
    return _item_page(request, session, item_id, unmask=True)


@router.post("/items/{item_id}/case")
def item_open_case(request: Request, session: Signed, item_id: str, csrf_token: Csrf = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_WORK_CASES)
    with store(request).transaction() as conn:
        if conn.execute(select(schema.case_items.c.case_id).where(schema.case_items.c.item_id == item_id)).first():
            raise ConflictError(f"item {item_id} is already in a case")
        label = conn.execute(select(schema.assessments.c.label).where(schema.assessments.c.item_id == item_id)).scalar()
        if label is None:
            raise NotFoundError(f"no item {item_id}")
        case_id = cases.create(conn, title=f"{label} — {item_id}", item_ids=[item_id], actor=session.user.username,
                               reason="opened from the item page")
    return redirect(f"/cases/{case_id}")


# --- map ---------------------------------------------------------------------------------------


@router.get("/map")
def map_page(request: Request, session: Signed) -> Response:
    require(session, auth.CAN_WORK_CASES)
    areas = geo.load_outlines(settings(request).map_outlines)
    proj = geo.projection_for(areas)
    with store(request).engine.connect() as conn:
        found = geo.markers(conn)
    clusters = geo.cluster(found, proj)
    listing = sorted(clusters, key=lambda c: (c.priority, -c.count))
    return render(request, "map.html", {
        "areas": geo.outline_paths(areas, proj), "width": proj.width, "height": proj.height, "clusters": clusters,
        "listing": listing, "cases": sum(m.kind == "case" for m in found), "tips": sum(m.kind == "tip" for m in found),
        "has_outlines": bool(areas),
    })


# --- audit trail (auditors) --------------------------------------------------------------------


@router.get("/audit")
def audit_page(request: Request, session: Signed, action: str = "", actor: str = "", object_id: str = "",
               verify: bool = False, page: Annotated[int, Query(ge=1)] = 1) -> Response:
    require(session, auth.CAN_READ_AUDIT)
    a = schema.audit_events
    size = 100
    query = select(a)
    if action:
        query = query.where(a.c.action == action)
    if actor:
        query = query.where(a.c.actor == actor)
    if object_id:
        query = query.where(a.c.object_id == object_id)
    with store(request).engine.connect() as conn:
        rows = conn.execute(query.order_by(a.c.seq.desc()).limit(size + 1).offset((page - 1) * size)).mappings().all()
        total = conn.execute(select(func.count()).select_from(a)).scalar_one()
        actions = list(conn.execute(select(a.c.action).distinct().order_by(a.c.action)).scalars())
        broken = audit.verify(conn) if verify else None
    base = {k: v for k, v in {"action": action, "actor": actor, "object_id": object_id}.items() if v}
    return render(request, "audit.html", {
        "events": [{**r, "at": as_utc(r["at"])} for r in rows[:size]], "more": len(rows) > size, "page": page,
        "total": total, "actions": actions, "filters": {"action": action, "actor": actor, "object_id": object_id},
        "verified": verify, "broken": broken, "pages": max(1, math.ceil(total / size)),
        "prev_url": "/audit?" + urlencode({**base, "page": page - 1}),
        "next_url": "/audit?" + urlencode({**base, "page": page + 1}),
    })


# --- users (admins) ----------------------------------------------------------------------------


@router.get("/admin/users")
def users_page(request: Request, session: Signed, error: str | None = None) -> Response:
    require(session, auth.CAN_MANAGE_USERS)
    with store(request).engine.connect() as conn:
        users = auth.list_users(conn)
    return render(request, "users.html", {"users": users, "roles": cases.ROLES, "error": error,
                                          "now": datetime.now(UTC)})


@router.post("/admin/users")
def users_add(request: Request, session: Signed, csrf_token: Csrf = "", username: Annotated[str, Form()] = "",
              role: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_MANAGE_USERS)
    try:
        with store(request).transaction() as conn:
            auth.create_user(conn, username, password, role=role, actor=session.user.username)
    except ThreatdeskError as exc:
        response = users_page(request, session, error=str(exc))
        response.status_code = 400
        return response
    return redirect("/admin/users")


@router.post("/admin/users/{username}/{action}")
def users_change(request: Request, session: Signed, username: str, action: str, csrf_token: Csrf = "") -> Response:
    check_csrf(request, csrf_token)
    require(session, auth.CAN_MANAGE_USERS)
    with store(request).transaction() as conn:
        if action == "remove":
            if username == session.user.username:
                raise ConflictError("you cannot remove yourself")
            auth.remove_user(conn, username, actor=session.user.username)
        elif action == "unlock":
            auth.unlock_user(conn, username, actor=session.user.username)
        else:
            raise HTTPException(404)
    return redirect("/admin/users")


# --- protectee registry (read-only) ------------------------------------------------------------


@router.get("/protectees")
def protectees_page(request: Request, session: Signed) -> Response:
    """Aliases, roles and agencies only: the registry holds no plaintext to show."""
    require(session, auth.CAN_WORK_CASES)
    p, ip, ci, c = schema.protectees, schema.item_protectees, schema.case_items, schema.cases
    items = select(ip.c.alias, func.count().label("n")).group_by(ip.c.alias).subquery()
    open_cases = (select(ip.c.alias, func.count(func.distinct(c.c.id)).label("n"))
                  .select_from(ip.join(ci, ci.c.item_id == ip.c.item_id).join(c, c.c.id == ci.c.case_id))
                  .where(c.c.status != "closed").group_by(ip.c.alias).subquery())
    with store(request).engine.connect() as conn:
        rows = conn.execute(
            select(p.c.alias, p.c.role, p.c.agency, p.c.created_at, func.coalesce(items.c.n, 0),
                   func.coalesce(open_cases.c.n, 0))
            .select_from(p.outerjoin(items, items.c.alias == p.c.alias).outerjoin(open_cases, open_cases.c.alias == p.c.alias))
            .order_by(p.c.alias)).all()
    return render(request, "protectees.html", {"protectees": [
        {"alias": r[0], "role": r[1], "agency": r[2], "created_at": as_utc(r[3]), "item_count": r[4], "open_cases": r[5],
         "queue_url": "/queue?" + urlencode({"protectee": r[0]})} for r in rows]})
