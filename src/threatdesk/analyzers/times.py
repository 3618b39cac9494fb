"""Relative times in English and Spanish, resolved against the item's own time.

"tonight", "tomorrow morning", "this Friday", "at 6am", "mañana en la mañana", "esta noche",
"el viernes", "a las 10", "November 20", "in 2 hours": each becomes a ``time`` signal with
the resolved local time (America/Chicago by default), so risk can tell a threat for tonight
from one with no date, and correlation can line items up on a timeline.

A small rule set rather than ``dateparser``: the phrases that matter in threats are few, the
rules are exact and documented, and they run well over ten thousand messages a second (a
general parser costs milliseconds a message and guesses at every number). Times in the past
("last night", "ayer") are not emitted: a time here means when something may happen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from threatdesk.models import Item, Signal

NAME = "times.v1"
DEFAULT_TZ = "America/Chicago"

#: Hour a part of the day stands for when no clock time is given.
DAYPART_HOUR = {"morning": 8, "afternoon": 15, "evening": 19, "night": 21, "early": 3}
_DAYPART_WORDS = {
    "morning": "morning", "mañana": "morning", "manana": "morning",
    "afternoon": "afternoon", "tarde": "afternoon",
    "evening": "evening",
    "night": "night", "tonight": "night", "noche": "night",
    "madrugada": "early",
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "lunes": 0,
    "tuesday": 1, "tues": 1, "martes": 1,
    "wednesday": 2, "miércoles": 2, "miercoles": 2,
    "thursday": 3, "thurs": 3, "jueves": 3,
    "friday": 4, "fri": 4, "viernes": 4,
    "saturday": 5, "sat": 5, "sábado": 5, "sabado": 5,
    "sunday": 6, "sun": 6, "domingo": 6,
}
_MONTHS = {
    "january": 1, "jan": 1, "enero": 1, "february": 2, "feb": 2, "febrero": 2, "march": 3, "mar": 3,
    "marzo": 3, "april": 4, "apr": 4, "abril": 4, "may": 5, "mayo": 5, "june": 6, "jun": 6, "junio": 6,
    "july": 7, "jul": 7, "julio": 7, "august": 8, "aug": 8, "agosto": 8, "september": 9, "sept": 9,
    "sep": 9, "septiembre": 9, "october": 10, "oct": 10, "octubre": 10, "november": 11, "nov": 11,
    "noviembre": 11, "december": 12, "dec": 12, "diciembre": 12,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "un": 1, "una": 1, "uno": 1, "two": 2, "dos": 2, "three": 3, "tres": 3,
    "four": 4, "cuatro": 4, "five": 5, "cinco": 5, "six": 6, "seis": 6, "seven": 7, "siete": 7,
    "few": 3, "couple": 2, "un par de": 2, "a couple of": 2,
}

_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

_PART_WORDS = ("morning", "afternoon", "evening", "night", "mañana", "manana", "tarde", "noche", "madrugada")
_DIGITS = tuple("0123456789")

#: One token per alternative, most specific first; ``_groups`` combines adjacent ones. Each
#: has trigger substrings: only the alternatives whose triggers occur in a text are run on
#: it, which keeps the analyzer fast on the many messages that name no time at all.
_ALTERNATIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (rf"(?P<past>\b(?:last\s+night|yesterday|ayer|anoche|antier|last\s+(?:{_WD})|el\s+(?:{_WD})\s+pasado)\b)",
     ("last", "yesterday", "ayer", "anoche", "antier", "pasado")),
    (r"(?P<after_tomorrow>\b(?:the\s+day\s+after\s+tomorrow|pasado\s+mañana|pasado\s+manana)\b)", ("after", "pasado")),
    (r"(?P<tonight>\btonight\b|\btonite\b|\besta\s+noche\b|\besta\s+madrugada\b)", ("tonight", "tonite", "esta")),
    (r"(?P<this_part>\b(?:this|esta)\s+(?P<this_part_word>morning|afternoon|evening|mañana|manana|tarde)\b)", ("this", "esta")),
    (r"(?P<part>\b(?:(?:in|on)\s+the|en\s+la|por\s+la|de\s+la|a\s+la|at)\s+(?P<part_word>morning|afternoon|evening|night|mañana|manana|tarde|noche|madrugada)\b)",
     _PART_WORDS),
    (r"(?P<today>\btoday\b|\bhoy\b)", ("today", "hoy")),
    (r"(?P<tomorrow>\b(?:tomorrow|tmrw|tmr|2morrow)\b(?:\s+(?P<tm_part>morning|afternoon|evening|night))?|(?<!la\s)(?<!las\s)\bmañana\b)",
     ("tomorrow", "tmr", "2morrow", "mañana")),
    (rf"(?P<weekday>\b(?:(?P<wd_mod>this|next|este|el\s+próximo|el\s+proximo|próximo|proximo|el|on|by|until|til|till|hasta\s+el|para\s+el)\s+)?(?P<wd>{_WD})\b(?:\s+(?P<wd_part>morning|afternoon|evening|night|noche|tarde))?)",
     ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "lunes", "martes", "rcoles", "jueves", "viernes", "bado", "domingo")),
    (rf"(?P<date>\b(?:(?P<mo1>{_MO})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})\s+(?:de\s+)?(?P<mo2>{_MO}))\b)", _DIGITS),
    (rf"(?P<relative>\b(?:in|en|within|dentro\s+de)\s+(?P<rel_n>{_NUM})\s+(?P<rel_unit>hours?|hrs?|horas?|days?|días?|dias?|minutes?|mins?|minutos?)\b)",
     ("hour", "hr", "hora", "day", "día", "dia", "min")),
    (r"(?P<noon>\b(?:at\s+)?(?:noon|midnight)\b|\b(?:al\s+)?mediod[ií]a\b|\b(?:a\s+la\s+)?medianoche\b)", ("noon", "midnight", "mediod", "medianoche")),
    (r"(?P<clock>(?:\b(?:at|@|a\s+las|a\s+la|by)\s+|(?<=\s)|^)(?P<h>\d{1,2}|una)(?::(?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?(?![\w:])"
     r"(?:\s+(?:de\s+la\s+|en\s+la\s+|del\s+)(?P<clock_part>mañana|manana|tarde|noche|madrugada))?)",
     (*_DIGITS, "una")),
)


@lru_cache(maxsize=2 * len(_ALTERNATIVES))
def _alternative(index: int, flags: int) -> re.Pattern[str]:
    """One alternative compiled alone: at most 24 small patterns per process, ever.

    Compiling the alternation of whichever alternatives a text triggers cost a compile (up
    to tens of milliseconds) for every new combination, of which there are up to 4,096.
    """
    return re.compile(_ALTERNATIVES[index][0], flags)


def _tokens(text: str) -> Iterator[re.Match[str]]:
    lower = text.lower()
    exact = len(lower) == len(text)  # a few characters lower-case to two: then search the original
    active = [i for i, (_, triggers) in enumerate(_ALTERNATIVES) if any(t in lower for t in triggers)]
    if not active:
        return iter(())
    flags, subject = (0, lower) if exact else (re.IGNORECASE, text)
    if len(active) == 1:
        return _alternative(active[0], flags).finditer(subject)
    return _leftmost_first([_alternative(i, flags) for i in active], subject)


def _leftmost_first(patterns: list[re.Pattern[str]], subject: str) -> Iterator[re.Match[str]]:
    """The matches ``finditer`` of the alternation ``p1|p2|...`` yields, without compiling it.

    An alternation matches at the leftmost position where any alternative does, with the
    first alternative (in order) that matches there, and the next search starts where that
    match ended. So: keep each pattern's next match, yield the leftmost (ties to the
    earlier pattern), and search again only the patterns whose next match began before the
    end of the one yielded. ``search(subject, pos)`` sees the text before ``pos`` (look-behind,
    ``\\b``) exactly as the alternation's own scan does. No alternative matches the empty string.
    """
    ahead: list[re.Match[str] | None] = [p.search(subject) for p in patterns]
    while True:
        best: re.Match[str] | None = None
        for m in ahead:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        end = best.end()
        for k, m in enumerate(ahead):
            if m is not None and m.start() < end:
                ahead[k] = patterns[k].search(subject, end)


#: Glue allowed between the parts of one time expression ("Friday at 6", "mañana a las 10").
_GLUE = re.compile(r"^[\s,]*(?:at|a|around|como|sobre|by|@)?[\s,]*$", re.IGNORECASE)


@dataclass(slots=True)
class _Parts:
    start: int
    end: int
    day_offset: int | None = None
    day: date | None = None
    daypart: str | None = None
    hour: int | None = None
    minute: int = 0
    ampm: str | None = None
    delta: timedelta | None = None
    strong_clock: bool = False
    weak: bool = False

    def has_day(self) -> bool:
        return self.day_offset is not None or self.day is not None


class TimeAnalyzer:
    name = "times"
    version = 1

    def __init__(self, *, tz: str = DEFAULT_TZ) -> None:
        self.tz = ZoneInfo(tz)

    def __call__(self, item: Item) -> list[Signal]:
        reference = item.posted_at or item.received_at
        if reference is None:
            return []
        local = reference.astimezone(self.tz)
        signals = []
        for parts in self._groups(item.text, local):
            resolved = self._resolve(parts, local)
            if resolved is None:
                continue
            when, grain = resolved
            hours = round((when - local).total_seconds() / 3600, 1)
            text = item.text[parts.start : parts.end]
            signals.append(
                Signal(
                    analyzer=NAME,
                    kind="time",
                    start=parts.start,
                    end=parts.end,
                    value={"text": text, "resolved": when.isoformat(), "grain": grain, "hours_ahead": hours},
                    confidence=0.9 if grain != "minute" or parts.has_day() or parts.strong_clock else 0.7,
                    reason=f"names a time: {text!r} = {when:%a %d %b %H:%M} local",
                )
            )
        return signals

    def _groups(self, text: str, local: datetime) -> list[_Parts]:
        groups: list[_Parts] = []
        current: _Parts | None = None
        past_end = -1
        for m in _tokens(text):
            if m.lastgroup == "past" or (past_end >= 0 and _GLUE.match(text[past_end : m.start()])):
                current, past_end = None, m.end()  # "ayer en la noche": all of it is past
                continue
            past_end = -1
            token = self._token(m, local)
            if token is None:
                continue
            if current is not None and _GLUE.match(text[current.end : token.start]) and _compatible(current, token):
                _merge(current, token)
            else:
                current = token
                groups.append(current)
        return [g for g in groups if not g.weak]

    def _token(self, m: re.Match[str], local: datetime) -> _Parts | None:
        p = _Parts(m.start(), m.end())
        kind = m.lastgroup
        if kind == "after_tomorrow":
            p.day_offset = 2
        elif kind == "tonight":
            p.day_offset, p.daypart = 0, "early" if "madrugada" in m[0].lower() else "night"
        elif kind == "this_part":
            p.day_offset, p.daypart = 0, _DAYPART_WORDS[m["this_part_word"].lower()]
        elif kind == "part":
            p.daypart = _DAYPART_WORDS[m["part_word"].lower()]
        elif kind == "today":
            p.day_offset = 0
        elif kind == "tomorrow":
            p.day_offset = 1
            if m["tm_part"]:
                p.daypart = _DAYPART_WORDS[m["tm_part"].lower()]
        elif kind == "weekday":
            wd = _WEEKDAYS[m["wd"].lower()]
            mod = (m["wd_mod"] or "").lower()
            ahead = (wd - local.weekday()) % 7
            if ahead == 0 and mod not in ("this", "este", "on"):
                ahead = 7
            p.day_offset = ahead
            if m["wd_part"]:
                p.daypart = _DAYPART_WORDS[m["wd_part"].lower()]
        elif kind == "date":
            month = _MONTHS[(m["mo1"] or m["mo2"]).lower()]
            day = int(m["d1"] or m["d2"])
            try:
                when = date(local.year, month, day)
            except ValueError:
                return None
            if when < local.date() - timedelta(days=2):
                when = when.replace(year=local.year + 1)
            p.day = when
        elif kind == "relative":
            raw = m["rel_n"].lower()
            n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
            unit = m["rel_unit"].lower()
            if unit.startswith(("h", "hr")):
                p.delta = timedelta(hours=n)
            elif unit.startswith("d"):
                p.delta = timedelta(days=n)
            else:
                p.delta = timedelta(minutes=n)
        elif kind == "noon":
            word = m[0].lower()
            p.hour, p.ampm, p.strong_clock = (0, "am", True) if "midnight" in word or "medianoche" in word else (12, "pm", True)
        elif kind == "clock":
            h = 1 if m["h"].lower() == "una" else int(m["h"])
            lead = m[0][: m.start("h") - m.start()].strip().lower()
            if h > 23 or (m["m"] and int(m["m"]) > 59):
                return None
            if not (lead or m["ampm"] or m["m"] or m["clock_part"]):
                return None
            # A bare "at 10" stands alone only before a clear end ("at 10." / "at 10 tonight");
            # after a day ("Friday at 6") it is a time whatever follows.
            p.weak = lead in ("at", "by", "@") and not (m["ampm"] or m["m"]) and not _BARE_AT_OK.match(m.string, m.end())
            p.hour, p.minute = h, int(m["m"] or 0)
            if m["ampm"]:
                p.ampm = "am" if m["ampm"].lower().startswith("a") else "pm"
            if m["clock_part"]:
                p.daypart = _DAYPART_WORDS[m["clock_part"].lower()]
            p.strong_clock = bool(m["ampm"] or m["clock_part"] or lead.startswith("a l"))
        return p

    def _resolve(self, p: _Parts, local: datetime) -> tuple[datetime, str] | None:
        if p.delta is not None:
            return (local + p.delta).replace(second=0, microsecond=0), "minute" if p.delta < timedelta(days=1) else "day"
        if p.day is not None:
            day = p.day
        elif p.day_offset is not None:
            day = local.date() + timedelta(days=p.day_offset)
        else:
            day = local.date()
        if p.hour is not None:
            hour = _hour24(p.hour, p.ampm, p.daypart)
            when = datetime.combine(day, time(hour, p.minute), self.tz)
            if not p.has_day() and when < local:
                when += timedelta(days=1)
            return when, "minute"
        if p.daypart is not None:
            when = datetime.combine(day, time(DAYPART_HOUR[p.daypart]), self.tz)
            if not p.has_day() and when < local - timedelta(hours=3):
                when += timedelta(days=1)
            return when, "part"
        if p.has_day():
            return datetime.combine(day, time(0), self.tz), "day"
        return None


#: After a bare "at 10" (no am/pm, no minutes), what makes it a clock time and not "at 10 racks".
_BARE_AT_OK = re.compile(
    r"\s*(?:$|[.,;!?)]|o'?clock\b|sharp\b|tonight\b|tomorrow\b|today\b|on\b|this\b|in\s+the\b|and\b|or\b)",
    re.IGNORECASE,
)


def _hour24(hour: int, ampm: str | None, daypart: str | None) -> int:
    if hour > 12:
        return hour
    if ampm == "am":
        return 0 if hour == 12 else hour
    if ampm == "pm":
        return 12 if hour == 12 else hour + 12
    if daypart in ("afternoon", "evening", "night"):
        return hour + 12 if hour < 12 and not (daypart == "night" and hour <= 3) else hour
    if daypart in ("morning", "early"):
        return hour
    return hour + 12 if 1 <= hour <= 6 else hour


def _compatible(a: _Parts, b: _Parts) -> bool:
    """Two tokens describe one moment when they do not both fix the same field."""
    if a.delta is not None or b.delta is not None:
        return False
    if a.has_day() and b.has_day():
        return False
    if a.hour is not None and b.hour is not None:
        return False
    return not (a.daypart and b.daypart and a.hour is None and b.hour is None and a.has_day() == b.has_day())


def _merge(a: _Parts, b: _Parts) -> None:
    a.end = b.end
    a.day_offset = a.day_offset if a.day_offset is not None else b.day_offset
    a.day = a.day or b.day
    a.daypart = a.daypart or b.daypart
    if b.hour is not None:
        a.hour, a.minute, a.ampm, a.strong_clock = b.hour, b.minute, b.ampm, b.strong_clock
    a.weak = a.weak and b.weak
