"""API keys: shown once, stored as a SHA-256 hash, scoped, revocable.

A key looks like ``td_<8 hex prefix>_<43 random characters>`` (256 bits of randomness).
The prefix names the key in listings, audit events (``key:<prefix>``) and ``keys revoke``;
only the hash of the whole key is stored, so the database cannot give a key back. A
plain SHA-256 is enough here (no slow KDF): the secret is random, not a password.

Scopes:
    ingest     submit items
    read       read items, assessments, cases and the queue (personal data redacted)
    pii        with read: see text and places unredacted
    write      change a case's state as an analyst (new→triage, closing)
    supervise  with write: every allowed move (escalate, refer, reopen)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from threatdesk import audit
from threatdesk.errors import NotFoundError, UsageError
from threatdesk.models import now_utc
from threatdesk.store import Store, as_utc, schema

SCOPES = ("ingest", "read", "pii", "write", "supervise")


@dataclass(frozen=True, slots=True)
class ApiKey:
    prefix: str
    scopes: frozenset[str]
    label: str | None = None
    created_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def actor(self) -> str:
        return f"key:{self.prefix}"

    @property
    def role(self) -> str:
        return "supervisor" if "supervise" in self.scopes else "analyst"


def parse_scopes(text: str) -> frozenset[str]:
    scopes = frozenset(s.strip().lower() for s in text.split(",") if s.strip())
    unknown = sorted(scopes - set(SCOPES))
    if not scopes or unknown:
        raise UsageError(f"unknown scope {', '.join(unknown) or '(none given)'}", hint=f"use some of: {','.join(SCOPES)}")
    return scopes


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(store: Store, *, scopes: frozenset[str], label: str | None = None, actor: str = "cli") -> str:
    """Make a key and return it; this is the only time the whole key exists."""
    prefix = secrets.token_hex(4)
    key = f"td_{prefix}_{secrets.token_urlsafe(32)}"
    with store.transaction() as conn:
        conn.execute(insert(schema.api_keys).values(
            prefix=prefix, key_hash=_hash(key), scopes=",".join(sorted(scopes)), label=label, created_at=now_utc()))
        audit.record(conn, actor=actor, action="key.create", object_type="api_key", object_id=prefix,
                     after={"scopes": sorted(scopes), "label": label})
    return key


def lookup(conn: Connection, key: str) -> ApiKey | None:
    """The live key matching ``key``, or None (unknown, malformed or revoked)."""
    parts = key.split("_")
    if len(parts) < 3 or parts[0] != "td" or len(parts[1]) != 8:
        return None
    k = schema.api_keys
    row = conn.execute(select(k).where(k.c.prefix == parts[1])).mappings().first()
    if row is None or row["revoked_at"] is not None or not hmac.compare_digest(row["key_hash"], _hash(key)):
        return None
    return ApiKey(row["prefix"], frozenset(row["scopes"].split(",")), row["label"], as_utc(row["created_at"]))


def list_keys(store: Store) -> list[ApiKey]:
    k = schema.api_keys
    with store.engine.connect() as conn:
        rows = conn.execute(select(k).order_by(k.c.created_at, k.c.id)).mappings().all()
    return [ApiKey(r["prefix"], frozenset(r["scopes"].split(",")), r["label"], as_utc(r["created_at"]), as_utc(r["revoked_at"]))
            for r in rows]


def revoke(store: Store, prefix: str, *, actor: str = "cli") -> None:
    prefix = prefix.removeprefix("td_").split("_")[0]
    k = schema.api_keys
    with store.transaction() as conn:
        result = conn.execute(update(k).where(k.c.prefix == prefix, k.c.revoked_at.is_(None)).values(revoked_at=now_utc()))
        if result.rowcount != 1:
            raise NotFoundError(f"no live key with prefix {prefix!r}", hint="threatdesk keys list shows them")
        audit.record(conn, actor=actor, action="key.revoke", object_type="api_key", object_id=prefix)
