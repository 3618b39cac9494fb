"""Accounts, passwords, sessions, CSRF and lockout.

Passwords are argon2id hashes. A session is a random token in an HttpOnly, SameSite=Strict
cookie; the database keeps only its SHA-256, so a copy of the database opens no session.
Each session has its own CSRF token, checked on every POST. After ``max_failed_logins``
failures in a row an account is locked for ``lockout_minutes``; every login, failure and
logout goes to the audit trail.

The CLI (``threatdesk users``) and the web app share the functions here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, insert, select, update

from threatdesk import audit
from threatdesk.cases import ROLES
from threatdesk.errors import ConflictError, NotFoundError, UsageError
from threatdesk.models import now_utc
from threatdesk.store import as_utc, schema

MIN_PASSWORD = 12
#: argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): a login costs tens of
#: milliseconds on a server, not a second, and a stolen hash still costs an attacker that much per guess.
HASHER_PARAMS = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
_hasher = PasswordHasher(**HASHER_PARAMS)
#: Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))

#: What each role may do in the web app, beyond the case moves in ``threatdesk.cases``.
CAN_WORK_CASES = frozenset({"analyst", "supervisor", "admin"})
CAN_UNMASK = frozenset({"supervisor", "admin"})
CAN_ASSIGN = frozenset({"supervisor", "admin"})
CAN_READ_AUDIT = frozenset({"auditor", "admin"})
CAN_MANAGE_USERS = frozenset({"admin"})


@dataclass(slots=True, frozen=True)
class User:
    id: int
    username: str
    role: str

    @property
    def works_cases(self) -> bool:
        return self.role in CAN_WORK_CASES

    @property
    def may_unmask(self) -> bool:
        return self.role in CAN_UNMASK

    @property
    def may_assign(self) -> bool:
        return self.role in CAN_ASSIGN

    @property
    def reads_audit(self) -> bool:
        return self.role in CAN_READ_AUDIT

    @property
    def manages_users(self) -> bool:
        return self.role in CAN_MANAGE_USERS


@dataclass(slots=True, frozen=True)
class Session:
    user: User
    csrf_token: str
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}", hint=f"use one of: {', '.join(ROLES)}")


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 128 or any(c.isspace() for c in name):
        raise UsageError("a username is 1-128 characters without spaces")
    return name


def create_user(conn: Connection, username: str, password: str, *, role: str, actor: str) -> int:
    _check_role(role)
    name = _check_username(username)
    u = schema.users
    if conn.execute(select(u.c.id).where(u.c.username == name)).first():
        raise ConflictError(f"user {name} already exists", hint="threatdesk users reset changes a password")
    user_id = conn.execute(
        insert(u).values(username=name, password_hash=hash_password(password), role=role, created_at=now_utc())
    ).inserted_primary_key[0]
    audit.record(conn, actor=actor, action="user.add", object_type="user", object_id=name, after={"role": role})
    return int(user_id)


def remove_user(conn: Connection, username: str, *, actor: str) -> None:
    u = schema.users
    row = conn.execute(select(u.c.id, u.c.role).where(u.c.username == username)).first()
    if row is None:
        raise NotFoundError(f"no user {username}", hint="threatdesk users list shows them")
    conn.execute(delete(schema.web_sessions).where(schema.web_sessions.c.user_id == row[0]))
    conn.execute(delete(u).where(u.c.id == row[0]))
    audit.record(conn, actor=actor, action="user.remove", object_type="user", object_id=username,
                 before={"role": row[1]})


def reset_password(conn: Connection, username: str, password: str, *, actor: str) -> None:
    """New password, lock lifted, every open session of the user ended."""
    u = schema.users
    row = conn.execute(select(u.c.id).where(u.c.username == username)).first()
    if row is None:
        raise NotFoundError(f"no user {username}", hint="threatdesk users add creates one")
    conn.execute(update(u).where(u.c.id == row[0]).values(password_hash=hash_password(password), failed_logins=0,
                                                          locked_until=None))
    conn.execute(delete(schema.web_sessions).where(schema.web_sessions.c.user_id == row[0]))
    audit.record(conn, actor=actor, action="user.reset", object_type="user", object_id=username)


def unlock_user(conn: Connection, username: str, *, actor: str) -> None:
    u = schema.users
    if conn.execute(update(u).where(u.c.username == username).values(failed_logins=0, locked_until=None)).rowcount == 0:
        raise NotFoundError(f"no user {username}")
    audit.record(conn, actor=actor, action="user.unlock", object_type="user", object_id=username)


def list_users(conn: Connection) -> list[dict[str, object]]:
    u = schema.users
    rows = conn.execute(select(u.c.username, u.c.role, u.c.failed_logins, u.c.locked_until, u.c.created_at)
                        .order_by(u.c.username)).mappings()
    return [{**r, "locked_until": as_utc(r["locked_until"]), "created_at": as_utc(r["created_at"])} for r in rows]


@dataclass(slots=True, frozen=True)
class LoginResult:
    token: str | None
    message: str | None = None


def login(conn: Connection, username: str, password: str, *, max_failed: int, lockout: timedelta,
          session_ttl: timedelta, client: str | None = None) -> LoginResult:
    """Check a password; on success open a session and return its token (shown once, never stored)."""
    u = schema.users
    now = now_utc()
    row = conn.execute(select(u).where(u.c.username == username[:128])).mappings().first()
    generic = "wrong username or password"
    if row is None:
        _verify(_DUMMY_HASH, password)
        audit.record(conn, actor=username[:128] or "-", action="auth.login_failed", object_type="user",
                     object_id=username[:64], after={"reason": "unknown user", "client": client})
        return LoginResult(None, generic)
    locked_until = as_utc(row["locked_until"])
    if locked_until and locked_until > now:
        audit.record(conn, actor=row["username"], action="auth.login_failed", object_type="user",
                     object_id=row["username"], after={"reason": "locked", "client": client})
        return LoginResult(None, f"too many failed attempts: this account is locked until "
                                 f"{locked_until:%H:%M} UTC (an admin can unlock it sooner)")
    failed = row["failed_logins"] if not locked_until else 0
    if not _verify(row["password_hash"], password):
        failed += 1
        values: dict[str, object] = {"failed_logins": failed, "locked_until": None}
        if failed >= max_failed:
            values["locked_until"] = now + lockout
        conn.execute(update(u).where(u.c.id == row["id"]).values(**values))
        audit.record(conn, actor=row["username"], action="auth.login_failed", object_type="user",
                     object_id=row["username"],
                     after={"reason": "wrong password", "failed": failed, "locked": failed >= max_failed, "client": client})
        if failed >= max_failed:
            return LoginResult(None, f"too many failed attempts: this account is locked for "
                                     f"{int(lockout.total_seconds() // 60)} minutes")
        return LoginResult(None, generic)
    conn.execute(update(u).where(u.c.id == row["id"]).values(failed_logins=0, locked_until=None))
    if _hasher.check_needs_rehash(row["password_hash"]):
        conn.execute(update(u).where(u.c.id == row["id"]).values(password_hash=_hasher.hash(password)))
    ws = schema.web_sessions
    conn.execute(delete(ws).where(ws.c.expires_at < now))
    token = secrets.token_urlsafe(32)
    conn.execute(insert(ws).values(token_hash=token_hash(token), user_id=row["id"], csrf_token=secrets.token_urlsafe(32),
                                   created_at=now, expires_at=now + session_ttl))
    audit.record(conn, actor=row["username"], action="auth.login", object_type="user", object_id=row["username"],
                 after={"client": client})
    return LoginResult(token)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def session_for(conn: Connection, token: str | None) -> Session | None:
    if not token:
        return None
    ws, u = schema.web_sessions, schema.users
    row = conn.execute(
        select(u.c.id, u.c.username, u.c.role, ws.c.csrf_token, ws.c.expires_at)
        .select_from(ws.join(u, u.c.id == ws.c.user_id)).where(ws.c.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    expires = as_utc(row[4])
    if expires is None or expires <= now_utc():
        return None
    return Session(User(row[0], row[1], row[2]), row[3], expires)


def logout(conn: Connection, token: str, *, username: str) -> None:
    conn.execute(delete(schema.web_sessions).where(schema.web_sessions.c.token_hash == token_hash(token)))
    audit.record(conn, actor=username, action="auth.logout", object_type="user", object_id=username)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
