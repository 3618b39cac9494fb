"""The HTTP API (/api/v1): batch intake, reads, case moves; API keys; one JSON error shape.

- ``routes.router``: the routes, mounted at /api/v1 (by ``app.create_api_app`` or the web app).
- ``state.ApiState``: store, one Pipeline per process, the alert outbox and its worker.
- ``keys``: creation (shown once), hashing, scopes, revocation.
- ``errors``: the error shape and the handlers that render it.
"""

from threatdesk.api.app import create_api_app
from threatdesk.api.routes import router

__all__ = ["create_api_app", "router"]
