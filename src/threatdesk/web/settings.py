"""Settings of the web app, in one table so each has a default and a reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(slots=True, frozen=True)
class WebSettings:
    """Everything ``create_app`` can be told; the defaults suit a desk on one machine.

    ``secure_cookies`` sets the Secure flag on the session cookie. Browsers accept Secure
    cookies from http://127.0.0.1 and http://localhost, so it stays on even for the demo;
    turn it off only for a client that refuses them over plain HTTP.
    """

    session_minutes: int = 480
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    secure_cookies: bool = True
    page_size: int = 50
    max_page: int = 200
    tip_burst: int = 5
    tip_per_minute: float = 2.0
    max_body_bytes: int = 32 * 1024
    map_outlines: Path | None = None
    trust_proxy: bool = False
