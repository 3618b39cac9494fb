"""Validate one record (a dict from a JSON line or a CSV row) into an Item."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from threatdesk.models import Item, Place, content_hash, item_id_for

#: Longest message text accepted, in characters. Real posts and tips are far shorter; a
#: bigger value is almost always a concatenation mistake or an attempt to choke the analyzers.
MAX_TEXT_CHARS = 20_000
#: Longest line read from a file, in bytes (a line longer than this is rejected unread).
MAX_LINE_BYTES = 256 * 1024

KNOWN_FIELDS = ("id", "source", "author", "posted_at", "lang", "place", "lat", "lon", "text")
_STR_FIELDS = ("id", "source", "author", "lang", "place")


@dataclass(slots=True, frozen=True)
class Rejection:
    """A line or row intake could not accept, and why (one line, for a human)."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class RecordError(ValueError):
    pass


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 (naive means UTC) or epoch seconds, as int, float or digit string."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"posted_at {value!r} is not a date")
    if isinstance(value, int | float) or (isinstance(value, str) and _is_number(value)):
        seconds = float(value)
        if not math.isfinite(seconds) or not (0 <= seconds < 32_503_680_000):
            raise RecordError(f"posted_at {value!r} is out of range for epoch seconds")
        return datetime.fromtimestamp(seconds, UTC)
    if not isinstance(value, str):
        raise RecordError(f"posted_at {value!r} is not a date")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(
            f"posted_at {value!r} is not ISO 8601 (like 2026-10-03T21:14:00-05:00) or epoch seconds"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise RecordError(f"posted_at {value!r} is out of range") from None


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _coordinate(record: dict[str, Any], name: str, limit: float) -> float | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except OverflowError:
        raise RecordError(f"{name} is out of range (-{limit:g} to {limit:g})") from None
    except (TypeError, ValueError):
        raise RecordError(f"{name} {value!r} is not a number") from None
    if isinstance(value, bool) or not math.isfinite(number) or abs(number) > limit:
        raise RecordError(f"{name} {value!r} is out of range (-{limit:g} to {limit:g})")
    return number


def record_to_item(
    record: Any, *, raw: str | None = None, received_at: datetime | None = None
) -> Item:
    """Build an Item from one record or raise ``RecordError`` with a one-line reason."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise RecordError("no text (the 'text' field is required and must not be empty)")
    if not isinstance(text, str):
        raise RecordError(f"text must be a string, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise RecordError(f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    fields: dict[str, Any] = {}
    for name in _STR_FIELDS:
        value = record.get(name)
        if value is None or value == "":
            fields[name] = None
        elif isinstance(value, str | int) and not isinstance(value, bool):
            fields[name] = str(value)
        else:
            raise RecordError(f"{name} must be a string, got {type(value).__name__}")
    lat = _coordinate(record, "lat", 90.0)
    lon = _coordinate(record, "lon", 180.0)
    if (lat is None) != (lon is None):
        raise RecordError("lat and lon must be given together")
    place = None
    if fields["place"] is not None or lat is not None:
        place = Place(name=fields["place"], lat=lat, lon=lon)
    posted_at = parse_time(record.get("posted_at"))
    lang = fields["lang"].lower() if fields["lang"] else None
    identity = {
        "source": fields["source"],
        "external_id": fields["id"],
        "author": fields["author"],
        "posted_at": posted_at,
        "lang": lang,
        "place": place,
    }
    digest = content_hash(text=text, **identity)
    return Item(
        id=item_id_for(digest),
        text=text,
        content_sha256=digest,
        received_at=received_at,
        raw=raw,
        **identity,
    )
