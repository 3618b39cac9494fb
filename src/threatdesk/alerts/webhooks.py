"""Signing and sending one webhook request, and the check a receiver runs.

Every request carries::

    X-Threatdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
    X-Threatdesk-Delivery:  <delivery id, the same on every retry>
    X-Threatdesk-Event:     item.alert | case.alert

A receiver recomputes the HMAC over the exact body bytes with the shared secret,
compares in constant time, and refuses a timestamp more than ``tolerance`` seconds away
from its clock (so a captured request cannot be replayed later). Delivery is at least
once: a receiver that must act once keeps the delivery ids it has seen for the tolerance
window and ignores repeats. ``verify_signature`` below is that check.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

import httpx

SIGNATURE_HEADER = "X-Threatdesk-Signature"
DELIVERY_HEADER = "X-Threatdesk-Delivery"
EVENT_HEADER = "X-Threatdesk-Event"
USER_AGENT = "threatdesk-webhooks/1"


def sign(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    """The signature header value for ``body`` at ``timestamp`` (now by default)."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify_signature(secret: str, header: str | None, body: bytes, tolerance: int = 300, *, now: float | None = None) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and its timestamp is within ``tolerance`` s of now.

    Several ``v1=`` entries are allowed (a sender rotating secrets); any match passes.
    """
    if not header:
        return False
    t_value: str | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            t_value = value
        elif key == "v1":
            candidates.append(value)
    if t_value is None or not (t_value.isascii() and t_value.isdigit()) or not candidates:
        return False
    if abs((time.time() if now is None else now) - int(t_value)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{t_value}.".encode() + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, c) for c in candidates)


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str | None = None


def post(url: str, body: bytes, *, secret: str, delivery_id: str, event: str, timeout: float) -> Outcome:
    """One attempt: any 2xx is success; anything else, a timeout or a refused connection is a failure."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(secret, body),
        DELIVERY_HEADER: delivery_id,
        EVENT_HEADER: event,
    }
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=timeout, follow_redirects=False)
    except httpx.TimeoutException:
        return Outcome(False, None, f"timed out after {timeout:g}s")
    except httpx.HTTPError as exc:
        return Outcome(False, None, f"{type(exc).__name__}: {exc}"[:500])
    if 200 <= response.status_code < 300:
        return Outcome(True, response.status_code)
    return Outcome(False, response.status_code, f"HTTP {response.status_code}")
