"""The data contract between stages: Item -> Signal -> Assessment -> Case.

Plain dataclasses, because the same objects cross process boundaries (multi-process and
Ray engines pickle them) and are built a million times in a bulk scan. Each has a stable
JSON form (``to_json`` / ``from_json``) documented in docs/contract.md; a test pins it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from threatdesk.labels import Label

CONTRACT_VERSION = 1


def _dt_out(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def _dt_in(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


@dataclass(slots=True, frozen=True)
class Place:
    """Where an item says it comes from (as given by the source, not inferred)."""

    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    accuracy_m: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "lat": self.lat, "lon": self.lon, "accuracy_m": self.accuracy_m}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Place:
        return cls(data.get("name"), data.get("lat"), data.get("lon"), data.get("accuracy_m"))


@dataclass(slots=True, frozen=True)
class Attachment:
    sha256: str
    type: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "type": self.type, "size": self.size}


@dataclass(slots=True, frozen=True)
class Item:
    """One message, post or tip as it entered the system.

    ``content_sha256`` is the dedupe key: the same record imported twice is one item.
    ``raw`` is the original line or row exactly as received, kept for evidence bundles.
    """

    id: str
    text: str
    content_sha256: str
    source: str | None = None
    external_id: str | None = None
    author: str | None = None
    lang: str | None = None
    posted_at: datetime | None = None
    received_at: datetime | None = None
    place: Place | None = None
    attachments: tuple[Attachment, ...] = ()
    raw: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "external_id": self.external_id,
            "author": self.author,
            "text": self.text,
            "lang": self.lang,
            "posted_at": _dt_out(self.posted_at),
            "received_at": _dt_out(self.received_at),
            "place": self.place.to_json() if self.place else None,
            "attachments": [a.to_json() for a in self.attachments],
            "content_sha256": self.content_sha256,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        return cls(
            id=data["id"],
            text=data["text"],
            content_sha256=data["content_sha256"],
            source=data.get("source"),
            external_id=data.get("external_id"),
            author=data.get("author"),
            lang=data.get("lang"),
            posted_at=_dt_in(data.get("posted_at")),
            received_at=_dt_in(data.get("received_at")),
            place=Place.from_json(data["place"]) if data.get("place") else None,
            attachments=tuple(Attachment(**a) for a in data.get("attachments") or ()),
            raw=data.get("raw"),
        )

    @classmethod
    def from_text(cls, text: str, **fields: Any) -> Item:
        """An item built in code (tests, `explain`, the tip form): the hash covers the same fields as intake."""
        digest = content_hash(text=text, **{k: v for k, v in fields.items() if k in HASHED_FIELDS})
        return cls(id=item_id_for(digest), text=text, content_sha256=digest, **fields)


#: Fields that make two records the same item. Timestamps of receipt are not among them:
#: importing the same file twice must add nothing.
HASHED_FIELDS = ("source", "external_id", "author", "posted_at", "lang", "place")


def content_hash(*, text: str, **fields: Any) -> str:
    """SHA-256 over the canonical JSON of the item's identifying fields."""
    canonical: dict[str, Any] = {"text": text}
    for name in HASHED_FIELDS:
        value = fields.get(name)
        if isinstance(value, datetime):
            value = _dt_out(value)
        elif isinstance(value, Place):
            value = value.to_json()
        canonical[name] = value
    blob = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def item_id_for(content_sha256: str) -> str:
    """Item ids derive from content, so every engine and every re-run names an item alike."""
    return "itm_" + content_sha256[:20]


@dataclass(slots=True, frozen=True)
class Signal:
    """One piece of evidence an analyzer found, pointing at the text that shows it.

    ``analyzer`` is the versioned registry name (``money.v1``). ``start``/``end`` are
    character offsets into ``Item.text`` (both None for item-level signals). ``value`` is
    JSON-ready structured data whose shape is fixed per ``kind`` (docs/contract.md).
    ``restricted`` marks the personal data that 18 U.S.C. 119 makes a crime to publish.
    """

    analyzer: str
    kind: str
    reason: str
    start: int | None = None
    end: int | None = None
    value: Any = None
    confidence: float = 1.0
    restricted: bool = False

    def span_text(self, text: str) -> str | None:
        return None if self.start is None or self.end is None else text[self.start : self.end]

    def to_json(self) -> dict[str, Any]:
        return {
            "analyzer": self.analyzer,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "confidence": round(self.confidence, 4),
            "restricted": self.restricted,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signal:
        return cls(
            analyzer=data["analyzer"],
            kind=data["kind"],
            reason=data["reason"],
            start=data.get("start"),
            end=data.get("end"),
            value=data.get("value"),
            confidence=data.get("confidence", 1.0),
            restricted=data.get("restricted", False),
        )


@dataclass(slots=True, frozen=True)
class Reason:
    """One line of a risk breakdown: what moved the score and by how much."""

    code: str
    text: str
    weight: int = 0

    def __str__(self) -> str:
        return f"{self.text} ({self.weight:+d})" if self.weight else self.text

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "weight": self.weight}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reason:
        return cls(data["code"], data["text"], data.get("weight", 0))


@dataclass(slots=True, frozen=True)
class Assessment:
    """What the desk concludes about one item. Indicators for human review, never a legal finding."""

    item_id: str
    label: Label
    scores: dict[str, float]
    risk: int
    priority: str
    reasons: tuple[Reason, ...]
    signals: tuple[Signal, ...]
    model_version: str

    def to_json(self) -> dict[str, Any]:
        return {
            "contract": CONTRACT_VERSION,
            "item_id": self.item_id,
            "label": str(self.label),
            "scores": {k: round(v, 4) for k, v in sorted(self.scores.items())},
            "risk": self.risk,
            "priority": self.priority,
            "reasons": [r.to_json() for r in self.reasons],
            "signals": [s.to_json() for s in self.signals],
            "model_version": self.model_version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        return cls(
            item_id=data["item_id"],
            label=Label(data["label"]),
            scores=dict(data["scores"]),
            risk=int(data["risk"]),
            priority=data["priority"],
            reasons=tuple(Reason.from_json(r) for r in data["reasons"]),
            signals=tuple(Signal.from_json(s) for s in data["signals"]),
            model_version=data["model_version"],
        )


CASE_STATUSES = ("new", "triage", "escalated", "referred", "closed")
CLOSE_REASONS = ("actioned", "unfounded")


@dataclass(slots=True)
class Case:
    """A group of items an analyst works as one: same protectee, author, story or place and time."""

    id: int | None
    title: str
    status: str = "new"
    priority: str = "P4"
    risk: int = 0
    assignee: str | None = None
    close_reason: str | None = None
    item_ids: list[str] = field(default_factory=list)
    protectees: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    due_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "close_reason": self.close_reason,
            "priority": self.priority,
            "risk": self.risk,
            "assignee": self.assignee,
            "item_ids": list(self.item_ids),
            "protectees": list(self.protectees),
            "created_at": _dt_out(self.created_at),
            "updated_at": _dt_out(self.updated_at),
            "due_at": _dt_out(self.due_at),
        }


def now_utc() -> datetime:
    return datetime.now(UTC)
