"""Mask personal information in text before it leaves the system.

Used wherever text goes to someone not entitled to see personal data (exports, alerts, the
public side of the web app). Every ``pii`` signal's span becomes a placeholder for its type
and every ``protectee`` match becomes ``[NAME]`` (or its identifier's placeholder), so a
redacted message still reads: "Officer's plate is [PLATE], lives on [ADDRESS]". Where
spans overlap, the longer one wins and is masked whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from threatdesk.models import Item, Signal

PLACEHOLDERS = {
    "address": "[ADDRESS]",
    "intersection": "[ADDRESS]",
    "phone": "[PHONE]",
    "email": "[EMAIL]",
    "plate": "[PLATE]",
    "dob": "[DOB]",
    "ssn": "[SSN]",
    "vehicle": "[VEHICLE]",
    "family": "[FAMILY]",
    "school": "[FAMILY]",
    "name": "[NAME]",
}


def _placeholder(signal: Signal, *, alias: bool = False) -> str | None:
    if signal.kind == "pii":
        return PLACEHOLDERS.get(signal.value.get("type"), "[PII]")
    if signal.kind == "protectee" and alias and signal.value.get("alias"):
        return f"[{signal.value['alias']}]"
    if signal.kind == "protectee":
        matched = signal.value.get("matched")
        return "[NAME]" if matched in ("name", "family") else PLACEHOLDERS.get(matched, "[NAME]")
    return None


@lru_cache(maxsize=1)
def _pii_analyzers() -> tuple:
    from threatdesk.analyzers import PII_ANALYZERS, build_analyzers

    return tuple(build_analyzers(PII_ANALYZERS))


def redact(text: str, signals: Sequence[Signal] | None = None, *, protectee_alias: bool = False) -> str:
    """``text`` with every PII and protectee span replaced by its placeholder.

    With ``signals`` None, the PII analyzers are run on the text here (protectee names are
    then not masked: that needs the registry; pass the assessment's signals for that).
    ``protectee_alias`` masks a protectee match as its alias (``[PROTECTEE-0042]``) rather
    than ``[NAME]``, so an export still says whom a message is about without naming them.
    """
    if signals is None:
        item = Item.from_text(text)
        signals = [s for analyzer in _pii_analyzers() for s in analyzer(item)]
    spans: list[tuple[int, int, str]] = []
    for sig in signals:
        label = _placeholder(sig, alias=protectee_alias)
        if label is None or sig.start is None or sig.end is None or not 0 <= sig.start < sig.end <= len(text):
            continue
        spans.append((sig.start, sig.end, label))
    chosen: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, label))
    out = text
    for start, end, label in sorted(chosen, reverse=True):
        out = out[:start] + label + out[end:]
    return out
