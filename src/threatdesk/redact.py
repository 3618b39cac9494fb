"""Mask personal information in text before it leaves the system.

Used wherever text goes to someone not entitled to see personal data (exports, alerts, the
public side of the web app). Every ``pii`` signal's span becomes a placeholder for its type
and every ``protectee`` match becomes ``[NAME]`` (or its identifier's placeholder), so a
redacted message still reads: "Officer's plate is [PLATE], lives on [ADDRESS]". Where
spans overlap, their union is masked under the longest one's placeholder, and a name mask
takes in the other half of a hyphenated name, so no part of a name is left beside a mask.
"""

from __future__ import annotations

import re
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
        start, end = sig.start, sig.end
        if sig.kind == "protectee" and sig.value.get("matched") in ("name", "family"):
            start, end = _whole_name(text, start, end)
        spans.append((start, end, label))
    out = text
    for start, end, label in sorted(_merge(spans), reverse=True):
        out = out[:start] + label + out[end:]
    return out


#: Letters hyphen- or apostrophe-joined to a name ("Delacroix-" before "Whitfield", "-Ruiz" after it).
_JOINED_BEFORE = re.compile(r"(?:[^\W\d_]+[\-\u2010\u2011\u2013'’])+$")
_JOINED_AFTER = re.compile(r"(?:[\-\u2010\u2011\u2013'’](?![sS](?![^\W\d_]))[^\W\d_]+)+")


def _whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A name span grown over the other halves of a compound name joined to it by a hyphen.

    The protectee analyzer already does this; redaction does it again because it may be
    given signals stored by an older analyzer, and half a name beside a mask is a leak.
    A possessive "'s" is not part of the name.
    """
    before = _JOINED_BEFORE.search(text, 0, start)
    if before is not None and before.end() == start:
        start = before.start()
    after = _JOINED_AFTER.match(text, end)
    if after is not None:
        end = after.end()
    return start, end


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans become one mask over their union, labelled as the longest of them.

    Keeping only the longest of two overlapping spans would leave the part of the shorter
    one that sticks out of it readable, and that part may be half a name.
    """
    merged: list[tuple[int, int, str, int]] = []  # start, end, label, length of the label's span
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if merged and start < merged[-1][1]:
            s0, e0, l0, n0 = merged[-1]
            merged[-1] = (s0, max(e0, end), l0 if n0 >= end - start else label, max(n0, end - start))
        else:
            merged.append((start, end, label, end - start))
    return [(s, e, label) for s, e, label, _ in merged]
