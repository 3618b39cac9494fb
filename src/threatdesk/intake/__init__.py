"""Intake: turn files of JSON Lines or CSV into Items, one line at a time.

Intake never raises for a bad line. It yields a ``Rejection`` naming the file, the line
and the reason, and carries on, so one malformed record never loses the rest of a file.
Whole-file problems (missing, unreadable, empty, a CSV with the wrong header) raise
``UsageError`` / ``InputFormatError`` before anything is yielded.
"""

from threatdesk.intake.normalize import (
    KNOWN_FIELDS,
    MAX_LINE_BYTES,
    MAX_TEXT_CHARS,
    Rejection,
    record_to_item,
)
from threatdesk.intake.readers import detect_format, read_items

__all__ = [
    "KNOWN_FIELDS",
    "MAX_LINE_BYTES",
    "MAX_TEXT_CHARS",
    "Rejection",
    "detect_format",
    "read_items",
    "record_to_item",
]
