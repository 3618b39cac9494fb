"""The analysts' web app and the public tip form (FastAPI, server-rendered).

``create_app(store_url)`` builds the whole application; ``threatdesk serve`` runs it with
uvicorn. Pages are Jinja2 templates with autoescaping; there is no front-end build step
and no inline script or style, so the Content-Security-Policy can forbid both.
"""

from __future__ import annotations

from threatdesk.web.app import create_app
from threatdesk.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
