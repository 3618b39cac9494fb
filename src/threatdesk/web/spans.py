"""Item text as segments: plain, highlighted by a signal, or masked personal data.

Templates render the segments with autoescaping, one element per segment, so the item's
text is never inserted as markup: an item that contains ``<script>`` shows those
characters. Masking works from the signal spans (``pii`` signals, and the spans where a
protectee was matched, which show as the alias), with the placeholders of
``threatdesk.redact`` so a page reads like an export. It keeps intervals rather than a string
(the page renders highlights around them), and where spans overlap it masks their union,
never leaving part of a shorter span in clear; a test pins that it agrees with
``redact(text, signals, protectee_alias=True)`` everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from threatdesk.redact import PLACEHOLDERS

#: Signal kinds whose span is personal data, masked unless the viewer may unmask.
MASKED_KINDS = frozenset({"pii", "protectee"})


@dataclass(slots=True, frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    masked: bool = False
    restricted: bool = False

    @property
    def css(self) -> str:
        if self.masked:
            return "masked"
        return " ".join(f"sig-{k}" for k in self.kinds)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(self.reasons))


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    kind: str
    reason: str
    label: str | None = None
    restricted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _get(sig: Any, name: str, default: Any = None) -> Any:
    if isinstance(sig, Mapping):
        return sig.get(name, default)
    return getattr(sig, name, default)


def _spans(text: str, signals: Iterable[Any]) -> list[_Span]:
    out = []
    for sig in signals:
        start, end = _get(sig, "start"), _get(sig, "end")
        if start is None or end is None:
            continue
        start, end = max(0, int(start)), min(len(text), int(end))
        if end <= start:
            continue
        kind = str(_get(sig, "kind", ""))
        value = _get(sig, "value") or {}
        label = None
        if kind == "pii":
            label = PLACEHOLDERS.get(value.get("type"), "[PII]") if isinstance(value, Mapping) else "[PII]"
        elif kind == "protectee":
            label = f"[{value.get('alias') or 'PROTECTEE'}]" if isinstance(value, Mapping) else "[PROTECTEE]"
        out.append(_Span(start, end, kind, str(_get(sig, "reason", "")), label, bool(_get(sig, "restricted", False))))
    return out


def masked_intervals(text: str, signals: Iterable[Any]) -> list[tuple[int, int, str, bool]]:
    """Merged (start, end, label, restricted) intervals of personal data in ``text``."""
    spans = sorted((s for s in _spans(text, signals) if s.kind in MASKED_KINDS or s.restricted),
                   key=lambda s: (s.start, -s.end))
    merged: list[tuple[int, int, str, bool]] = []
    for s in spans:
        label = s.label or "[PII]"
        if merged and s.start < merged[-1][1]:
            start, end, first, restricted = merged[-1]
            merged[-1] = (start, max(end, s.end), first, restricted or s.restricted)
        else:
            merged.append((s.start, s.end, label, s.restricted))
    return merged


def mask(text: str, signals: Iterable[Any]) -> str:
    """The text with every personal-data span replaced by its label (for snippets and titles)."""
    out, pos = [], 0
    for start, end, label, _ in masked_intervals(text, signals):
        out.append(text[pos:start])
        out.append(label)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def scrub(line: str, text: str, signals: Iterable[Any]) -> str:
    """``line`` (a signal's reason, say) with every masked string of ``text`` replaced by its label.

    Reasons quote the text ("offer of 2,000 against Officer Whitfield"): masking the text
    alone would leave the name readable one line below it.
    """
    found = {text[start:end]: label for start, end, label, _ in masked_intervals(text, signals) if end - start >= 3}
    for original in sorted(found, key=len, reverse=True):
        line = line.replace(original, found[original])
    return line


def segments(text: str, signals: Sequence[Any], *, unmask: bool = False) -> list[Segment]:
    """Split ``text`` at every signal boundary; masked spans become one segment showing their label."""
    signals = list(signals)
    spans = _spans(text, signals)
    masks = [] if unmask else masked_intervals(text, signals)
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s.start, s.end))
    for start, end, _, _ in masks:
        cuts.update((start, end))
    points = sorted(cuts)
    out: list[Segment] = []
    mask_iter = iter(masks)
    current = next(mask_iter, None)
    for a, b in zip(points, points[1:], strict=False):
        while current and current[1] <= a:
            current = next(mask_iter, None)
        if current and current[0] <= a < current[1]:
            if a == current[0]:
                out.append(Segment(current[2], ("pii",), ("personal data, masked",), masked=True, restricted=current[3]))
            continue
        covering = [s for s in spans if s.start <= a and b <= s.end]
        out.append(Segment(text[a:b], tuple(dict.fromkeys(s.kind for s in covering)),
                           tuple(s.reason for s in covering), restricted=any(s.restricted for s in covering)))
    return out


def snippet(text: str, signals: Sequence[Any], *, unmask: bool = False, limit: int = 220) -> str:
    flat = " ".join((text if unmask else mask(text, signals)).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
