"""What text may leave the desk: personal data masked, for alerts and API readers without PII scope.

``threatdesk.redact.redact(text, signals)`` is the project's redactor (exports use it).
Until it is present this module falls back to masking the span of every signal of kind
``pii`` or marked ``restricted``, which is the same minimum the exports promise. Signal
values that carry personal data (a normalised phone number, say) are dropped as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from threatdesk.models import Assessment, Item, Signal

try:  # the shared redactor, when it has landed
    from threatdesk.redact import redact as _shared_redact  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on which branches are merged
    _shared_redact = None


def _personal(signal: Signal) -> bool:
    return signal.kind == "pii" or signal.restricted


def mask_spans(text: str, signals: Iterable[Signal]) -> str:
    """Replace each personal-data span with ``[kind:type]``; overlapping spans merge."""
    spans: list[tuple[int, int, str]] = []
    for s in signals:
        if _personal(s) and s.start is not None and s.end is not None and 0 <= s.start < s.end <= len(text):
            kind = s.value.get("type") if isinstance(s.value, dict) and s.value.get("type") else s.kind
            spans.append((s.start, s.end, f"[{'pii' if s.kind == 'pii' else s.kind}:{kind}]"))
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, tag in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(tag)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def redact(text: str, signals: Sequence[Signal]) -> str:
    if _shared_redact is not None:
        return str(_shared_redact(text, list(signals)))
    return mask_spans(text, signals)


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
