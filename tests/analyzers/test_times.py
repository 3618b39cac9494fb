"""Relative times resolved against the item's time, in Chicago local time."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from threatdesk.analyzers.times import TimeAnalyzer
from threatdesk.models import Item

ANALYZER = TimeAnalyzer()
#: Wednesday 14 October 2026, 09:30 in Chicago (CDT, UTC-5).
POSTED = datetime(2026, 10, 14, 14, 30, tzinfo=UTC)


def times(text: str, posted: datetime | None = POSTED) -> list[tuple[str, str, str]]:
    signals = ANALYZER(Item.from_text(text, posted_at=posted))
    for s in signals:
        assert s.analyzer == "times.v1" and s.kind == "time" and s.reason
        assert text[s.start : s.end] == s.value["text"]
    return [(s.value["text"], s.value["resolved"], s.value["grain"]) for s in signals]


TABLE = [
    # English
    ("we ride tonight", "tonight", "2026-10-14T21:00:00-05:00", "part"),
    ("tomorrow morning at the annex", "tomorrow morning", "2026-10-15T08:00:00-05:00", "part"),
    ("this Friday, no excuses", "this Friday", "2026-10-16T00:00:00-05:00", "day"),
    ("be there at 6am", "at 6am", "2026-10-15T06:00:00-05:00", "minute"),
    ("Friday at 6 he leaves", "Friday at 6", "2026-10-16T18:00:00-05:00", "minute"),
    ("I know you leave at 5:20", "at 5:20", "2026-10-14T17:20:00-05:00", "minute"),
    ("next Wednesday", "next Wednesday", "2026-10-21T00:00:00-05:00", "day"),
    ("Deadline is November 20.", "November 20", "2026-11-20T00:00:00-06:00", "day"),
    ("in 2 hours it starts", "in 2 hours", "2026-10-14T11:30:00-05:00", "minute"),
    ("by Friday night", "by Friday night", "2026-10-16T21:00:00-05:00", "part"),
    ("meet at noon", "at noon", "2026-10-14T12:00:00-05:00", "minute"),
    ("the day after tomorrow", "the day after tomorrow", "2026-10-16T00:00:00-05:00", "day"),
    # Spanish
    ("mañana en la mañana lo agarramos", "mañana en la mañana", "2026-10-15T08:00:00-05:00", "part"),
    ("esta noche en la 26", "esta noche", "2026-10-14T21:00:00-05:00", "part"),
    ("el viernes sale temprano", "el viernes", "2026-10-16T00:00:00-05:00", "day"),
    ("a las 10 en la esquina", "a las 10", "2026-10-14T10:00:00-05:00", "minute"),
    ("tu niño sale a las 3", "a las 3", "2026-10-14T15:00:00-05:00", "minute"),
    ("mañana a las 8 de la noche", "mañana a las 8 de la noche", "2026-10-15T20:00:00-05:00", "minute"),
    ("el 20 de noviembre se acaba", "20 de noviembre", "2026-11-20T00:00:00-06:00", "day"),
    ("en dos horas llegamos", "en dos horas", "2026-10-14T11:30:00-05:00", "minute"),
    ("pasado mañana", "pasado mañana", "2026-10-16T00:00:00-05:00", "day"),
    ("el próximo lunes en la tarde", "el próximo lunes en la tarde", "2026-10-19T15:00:00-05:00", "part"),
    ("a medianoche", "medianoche", "2026-10-15T00:00:00-05:00", "minute"),
]


@pytest.mark.parametrize(("text", "span", "resolved", "grain"), TABLE, ids=[t[0] for t in TABLE])
def test_resolves_against_the_posted_time(text: str, span: str, resolved: str, grain: str) -> None:
    assert times(text)[0] == (span, resolved, grain)


@pytest.mark.parametrize(
    "text",
    ["last night was wild", "ayer en la noche", "10 racks at 10 racks", "won 3-1 at the half",
     "toda la mañana lloviendo", "suite 500 on the 4th floor", "no time at all"],
)
def test_no_time(text: str) -> None:
    assert times(text) == []


def test_no_reference_time_means_nothing_resolved() -> None:
    assert times("tonight at 9", posted=None) == []


def test_received_at_is_the_reference_when_posted_at_is_missing() -> None:
    item = Item.from_text("esta noche", received_at=POSTED)
    [signal] = ANALYZER(item)
    assert signal.value["resolved"] == "2026-10-14T21:00:00-05:00"


def test_the_dst_change_is_respected() -> None:
    sunday = datetime(2026, 10, 31, 20, 0, tzinfo=UTC)  # Saturday 15:00 CDT; DST ends at 02:00 Sunday
    [(_, resolved, _)] = times("tomorrow at 6pm", posted=sunday)
    assert resolved == "2026-11-01T18:00:00-06:00"


def test_hours_ahead_lets_risk_tell_near_from_far() -> None:
    [tonight] = ANALYZER(Item.from_text("tonight", posted_at=POSTED))
    [later] = ANALYZER(Item.from_text("November 20", posted_at=POSTED))
    assert tonight.value["hours_ahead"] == 11.5
    assert later.value["hours_ahead"] > 7 * 24


def test_another_time_zone() -> None:
    [signal] = TimeAnalyzer(tz="America/Mexico_City")(Item.from_text("esta noche", posted_at=POSTED))
    assert signal.value["resolved"] == "2026-10-14T21:00:00-06:00"


#: Texts that trigger several alternatives at once, overlapping, adjacent, in upper case and
#: with a character that lower-cases to two (the case-insensitive path).
TOKEN_TEXTS = [
    "Friday at 6 tonight, or mañana a las 10 de la noche",
    "ayer en la noche, pero el viernes a las 7:30 pm",
    "in 2 hours, by 10. Then November 20 at noon, 20 de noviembre a medianoche",
    "THE DAY AFTER TOMORROW AT 5 PM, NOT LAST FRIDAY",
    "İstanbul crew: this morning @ 7:30, tomorrow evening, hoy en la madrugada",
    "pasado mañana a la una de la tarde, dentro de dos horas",
    "10 racks at 10 and 12:45 p.m. on sat",
]


@pytest.mark.parametrize("text", TOKEN_TEXTS)
def test_tokens_equal_the_alternation_of_the_triggered_alternatives(text: str) -> None:
    """The alternatives run one by one must find what their alternation compiled whole finds.

    ``_tokens`` no longer compiles an alternation per combination of triggered alternatives;
    this pins its matches (span, alternative, every group) to the compiled alternation's.
    """
    from threatdesk.analyzers import times

    lower = text.lower()
    exact = len(lower) == len(text)
    active = [i for i, (_, triggers) in enumerate(times._ALTERNATIVES) if any(t in lower for t in triggers)]
    whole = re.compile("|".join(times._ALTERNATIVES[i][0] for i in active), 0 if exact else re.IGNORECASE)
    expected = [(m.span(), m.lastgroup, _set_groups(m)) for m in whole.finditer(lower if exact else text)]
    assert len(active) > 1 and expected
    assert [(m.span(), m.lastgroup, _set_groups(m)) for m in times._tokens(text)] == expected


def _set_groups(m: re.Match[str]) -> dict[str, str]:
    return {k: v for k, v in m.groupdict().items() if v is not None}
