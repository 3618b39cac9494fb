"""What text may leave the desk: personal data masked, for alerts and API readers without PII scope.

Masking is ``threatdesk.redact.redact``, the desk's one redactor; protectee matches leave
as their alias. Signal values that carry personal data (a normalised phone number, say)
are dropped as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from threatdesk.models import Assessment, Item, Signal
from threatdesk.redact import redact as _redact


def _personal(signal: Signal) -> bool:
    return signal.kind == "pii" or signal.restricted


def redact(text: str, signals: Sequence[Signal]) -> str:
    return _redact(text, list(signals), protectee_alias=True)


def redact_signal(signal: Signal) -> dict[str, Any]:
    data = signal.to_json()
    if _personal(signal):
        data["value"] = {"type": signal.value.get("type")} if isinstance(signal.value, dict) else None
    return data


def assessment_json(assessment: Assessment, *, pii: bool) -> dict[str, Any]:
    data = assessment.to_json()
    if not pii:
        data["signals"] = [redact_signal(s) for s in assessment.signals]
    return data


def item_json(item: Item, signals: Sequence[Signal], *, pii: bool) -> dict[str, Any]:
    """The contract JSON of an item; without ``pii`` its text is redacted and its exact place dropped."""
    data = item.to_json()
    if not pii:
        data["text"] = redact(item.text, signals)
        if data.get("place"):
            data["place"] = {"name": data["place"].get("name"), "lat": None, "lon": None, "accuracy_m": None}
    return data
