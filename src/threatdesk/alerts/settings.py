"""Alert settings, read from the environment once and checked before anything is sent.

A setting that does not parse stops start-up with a ``ConfigError`` naming the variable
and how to fix it; nothing falls back to a default silently.

    THREATDESK_WEBHOOK_URLS          comma-separated http(s) URLs (plus any `webhooks add`)
    THREATDESK_WEBHOOK_SECRET        HMAC secret for the URLs above (required with them)
    THREATDESK_WEBHOOK_MIN_PRIORITY  P1..P4: alert at this priority or more urgent [P2]
    THREATDESK_WEBHOOK_TIMEOUT       seconds per attempt, connect and read [5]
    THREATDESK_WEBHOOK_MAX_ATTEMPTS  attempts before a delivery is dead-lettered [8]
    THREATDESK_SMTP_HOST, _PORT      the mail server [port 587]
    THREATDESK_SMTP_USER, _PASSWORD  log in (only ever after STARTTLS)
    THREATDESK_SMTP_FROM, _TO        sender; comma-separated recipients
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from threatdesk.errors import ConfigError

PRIORITIES = ("P1", "P2", "P3", "P4")


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = "threatdesk@localhost"
    recipients: tuple[str, ...] = ()
    timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class AlertSettings:
    webhook_urls: tuple[str, ...] = ()
    webhook_secret: str | None = None
    min_priority: str = "P2"
    timeout: float = 5.0
    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_cap: float = 3600.0
    smtp: SmtpSettings | None = None

    def alerting(self, priority: str) -> bool:
        """P1 < P2 < ...: alert when ``priority`` is at least as urgent as the minimum."""
        return priority in PRIORITIES and priority <= self.min_priority

    @property
    def priorities(self) -> tuple[str, ...]:
        return tuple(p for p in PRIORITIES if p <= self.min_priority)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AlertSettings:
        env = os.environ if env is None else env
        urls = tuple(u.strip() for u in env.get("THREATDESK_WEBHOOK_URLS", "").split(",") if u.strip())
        for url in urls:
            check_url(url, "THREATDESK_WEBHOOK_URLS")
        secret = env.get("THREATDESK_WEBHOOK_SECRET") or None
        if urls and not secret:
            raise ConfigError(
                "THREATDESK_WEBHOOK_URLS is set but THREATDESK_WEBHOOK_SECRET is not",
                hint="set a long random secret (python -c 'import secrets; print(secrets.token_hex(32))') "
                "and give it to the receiver",
            )
        min_priority = env.get("THREATDESK_WEBHOOK_MIN_PRIORITY", "P2").strip().upper()
        if min_priority not in PRIORITIES:
            raise ConfigError(f"THREATDESK_WEBHOOK_MIN_PRIORITY={min_priority!r} is not a priority", hint="use P1, P2, P3 or P4")
        timeout = _number(env, "THREATDESK_WEBHOOK_TIMEOUT", 5.0, low=0.1, high=120)
        attempts = int(_number(env, "THREATDESK_WEBHOOK_MAX_ATTEMPTS", 8, low=1, high=50, integer=True))
        return cls(urls, secret, min_priority, timeout, attempts, smtp=_smtp(env))


def check_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL", hint="give a full URL like https://example.com/hook")
    return url


def _number(env: Mapping[str, str], name: str, default: float, *, low: float, high: float, integer: bool = False) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number", hint=f"use a number from {low:g} to {high:g}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={raw!r} is out of range", hint=f"use a number from {low:g} to {high:g}")
    return value


def _smtp(env: Mapping[str, str]) -> SmtpSettings | None:
    host = env.get("THREATDESK_SMTP_HOST", "").strip()
    if not host:
        return None
    recipients = tuple(r.strip() for r in env.get("THREATDESK_SMTP_TO", "").split(",") if r.strip())
    if not recipients or any("@" not in r for r in recipients):
        raise ConfigError("THREATDESK_SMTP_HOST is set but THREATDESK_SMTP_TO has no valid address",
                          hint="set THREATDESK_SMTP_TO to comma-separated e-mail addresses")
    sender = env.get("THREATDESK_SMTP_FROM", "").strip()
    if "@" not in sender:
        raise ConfigError("THREATDESK_SMTP_FROM is missing or not an e-mail address", hint="set THREATDESK_SMTP_FROM")
    port = int(_number(env, "THREATDESK_SMTP_PORT", 587, low=1, high=65535, integer=True))
    user = env.get("THREATDESK_SMTP_USER") or None
    password = env.get("THREATDESK_SMTP_PASSWORD") or None
    if (user is None) != (password is None):
        raise ConfigError("THREATDESK_SMTP_USER and THREATDESK_SMTP_PASSWORD go together", hint="set both or neither")
    return SmtpSettings(host, port, user, password, sender, recipients)
