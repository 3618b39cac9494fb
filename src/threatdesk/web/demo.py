"""Demo accounts and a few demo cases, only ever for the demo database.

``ensure_demo_users`` (re)creates one account per role with a fresh random password each
time, which ``threatdesk demo --serve`` and ``threatdesk serve`` on the demo file print.
``seed_cases`` opens a handful of cases from the demo corpus's top items, grouped by
author, so the case pages have something to show before correlation has run; the
correlation stage replaces it when it lands.
"""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from threatdesk import cases
from threatdesk.store import Store, schema
from threatdesk.web import auth

DEMO_USERS = (("analyst", "analyst"), ("supervisor", "supervisor"), ("auditor", "auditor"), ("admin", "admin"))


def ensure_demo_users(store: Store) -> str:
    password = "demo-" + secrets.token_urlsafe(9)
    with store.transaction() as conn:
        existing = set(conn.execute(select(schema.users.c.username)).scalars())
        for username, role in DEMO_USERS:
            if username in existing:
                auth.reset_password(conn, username, password, actor="demo")
            else:
                auth.create_user(conn, username, password, role=role, actor="demo")
    return password


def seed_cases(store: Store, *, max_cases: int = 8) -> list[int]:
    """Open cases over the top P1/P2 items, one per author, when the store has no case yet."""
    i, a = schema.items, schema.assessments
    with store.transaction() as conn:
        if conn.execute(select(func.count()).select_from(schema.cases)).scalar_one():
            return []
        rows = conn.execute(select(i.c.id, i.c.author, a.c.label).join(a, a.c.item_id == i.c.id)
                            .where(a.c.priority.in_(("P1", "P2")), i.c.author.is_not(None))
                            .order_by(a.c.priority, a.c.risk.desc(), i.c.posted_at)).all()
        groups: dict[str, list[tuple[str, str]]] = {}
        for item_id, author, label in rows:
            groups.setdefault(author, []).append((item_id, label))
        made = []
        for author, members in list(groups.items())[:max_cases]:
            title = f"{members[0][1].replace('_', ' ')} from {author}"
            made.append(cases.create(conn, title=title, item_ids=[m[0] for m in members], actor="demo",
                                     reason="demo: grouped by author"))
        return made
