"""Assertion helpers shared by the PII analyzers' tables."""

from __future__ import annotations

from threatdesk.models import Item, Signal


def found(analyzer, text: str, *, lang: str | None = None) -> list[Signal]:  # type: ignore[no-untyped-def]
    signals = analyzer(Item.from_text(text, lang=lang))
    for s in signals:
        assert s.kind == "pii" and s.reason and s.start is not None and s.end is not None
        assert s.analyzer == f"{analyzer.name}.v{analyzer.version}"
    return signals


def spans(analyzer, text: str, *, lang: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    return [text[s.start : s.end] for s in found(analyzer, text, lang=lang)]


def values(analyzer, text: str, *, lang: str | None = None) -> list[tuple[str, str | None, bool]]:  # type: ignore[no-untyped-def]
    return [(text[s.start : s.end], s.value["normalized"], s.restricted) for s in found(analyzer, text, lang=lang)]
