"""Demo accounts, only ever for the demo database.

``ensure_demo_users`` (re)creates one account per role with a fresh random password each
time, which ``threatdesk demo --serve`` and ``threatdesk serve`` on the demo file print.
The demo's cases come from correlation (``threatdesk demo`` runs it after the scan).
"""

from __future__ import annotations

import secrets

from sqlalchemy import select

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
