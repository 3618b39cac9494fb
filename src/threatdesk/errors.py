"""Errors a user can act on.

    ThreatdeskError            catch this at an edge (CLI, API) to show one clear line
    ├── UsageError             bad option, missing or unreadable file: fix the command
    ├── InputFormatError       a whole input file is unusable (empty, wrong header)
    ├── ConfigError            a setting or key file that does not parse or is missing
    └── StoreError             the database cannot be opened or migrated

Problems with single lines of an input file are not exceptions: intake reports them as
``Rejection`` values and goes on, so one bad line never loses the rest of a file.
"""

from __future__ import annotations


class ThreatdeskError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with, ``http_status`` what the API sends."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(ThreatdeskError):
    pass


class InputFormatError(ThreatdeskError):
    pass


class ConfigError(ThreatdeskError):
    http_status = 500


class StoreError(ThreatdeskError):
    http_status = 503


class NotFoundError(ThreatdeskError):
    http_status = 404


class ConflictError(ThreatdeskError):
    """A state change that is not allowed from the current state."""

    http_status = 409
