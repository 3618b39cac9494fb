"""Masking personal data in exports, and the one way to lift the mask.

Exports are redacted by default: every span a signal marks as personal data (kind ``pii``
or ``restricted=True``, the 18 U.S.C. 119 fields) becomes ``[TYPE]``, and a protectee
match becomes its alias, so a file that leaves the desk names nobody. Free text without
signals of its own (a case title, an analyst's note, the raw record) is scrubbed of the
same strings the item signals found.

Masking itself is ``threatdesk.redact.redact``, the one redaction function of the desk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from threatdesk import audit
from threatdesk.errors import UsageError
from threatdesk.models import Signal
from threatdesk.redact import _placeholder, redact
from threatdesk.store import Store, schema


def _masks(signal: Signal) -> bool:
    return signal.restricted or signal.kind in ("pii", "protectee")


def _tag(signal: Signal) -> str:
    return _placeholder(signal, alias=True) or f"[{signal.kind.upper()}]"


def _redact(text: str, signals: Iterable[Signal]) -> str:
    """``text`` with every personal-data span masked; protectee matches become their alias."""
    return redact(text, list(signals), protectee_alias=True)


def sensitive_strings(text: str, signals: Iterable[Signal]) -> dict[str, str]:
    """The personal-data strings of one item (span text and normalised values) and their tags."""
    found: dict[str, str] = {}
    for s in signals:
        if not _masks(s):
            continue
        span = s.span_text(text)
        if span and span.strip():
            found[span] = _tag(s)
        normalized = s.value.get("normalized") if isinstance(s.value, dict) else None
        if isinstance(normalized, str) and len(normalized) >= 3:
            found[normalized] = _tag(s)
    return found


def _encodings(value: str) -> set[str]:
    """How a string may appear inside a raw JSON line or CSV row."""
    return {value, json.dumps(value, ensure_ascii=False)[1:-1], json.dumps(value)[1:-1], value.replace('"', '""')}


def scrub(text: str, strings: dict[str, str]) -> str:
    """Replace every known personal-data string (longest first, in each encoding) by its tag."""
    for value in sorted(strings, key=len, reverse=True):
        for form in sorted(_encodings(value), key=len, reverse=True):
            if form:
                text = text.replace(form, strings[value])
    return text


def redact_signal(signal: dict[str, Any]) -> dict[str, Any]:
    """A signal's JSON form without the personal data in its value (offsets still point at the original text)."""
    parsed = Signal.from_json(signal)
    if not _masks(parsed) or parsed.kind == "protectee":
        return signal
    value = parsed.value if isinstance(parsed.value, dict) else {}
    kept = {"type": value["type"], "normalized": None} if "type" in value else None
    return {**signal, "value": kept}


def authorize_unredacted(store: Store, *, actor: str, what: str, object_type: str, object_id: str | int | None) -> None:
    """Let ``actor`` export personal data only if the users table says they are an admin.

    A refusal is audited (``pii.unmask_denied``) in its own transaction and stops the
    export; on success the export writes ``pii.unmask`` (``record_unmask``) in the same
    transaction as its own event.
    """
    u = schema.users
    with store.engine.connect() as conn:
        role = conn.execute(select(u.c.role).where(u.c.username == actor)).scalar()
    if role == "admin":
        return
    with store.transaction() as conn:
        audit.record(conn, actor=actor, action="pii.unmask_denied", object_type=object_type, object_id=object_id,
                     after={"export": what})
    raise UsageError(f"{actor!r} is not an admin: unredacted exports need an admin account (--actor NAME)",
                     hint="leave out --unredacted for a redacted export")


def record_unmask(conn: Connection, *, actor: str, what: str, object_type: str, object_id: str | int | None) -> None:
    audit.record(conn, actor=actor, action="pii.unmask", object_type=object_type, object_id=object_id,
                 after={"export": what})
