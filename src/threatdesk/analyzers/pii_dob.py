"""Dates of birth: a full date the words around it make a birth date.

Most dates in traffic are hearings, invoices and meetings, so a date is a date of birth
only after a birth word ("born", "DOB", "date of birth", "nació", "fecha de nacimiento",
or, more weakly, "birthday" / "cumpleaños"), or when it sits in a record beside a valid
social security number (a leaked personnel sheet). The year must be in the past, and for
the weak cue at least ten years back ("our bakery's birthday on 09/12/2025" is not a
person's). Normalised to ISO 8601; numeric dates are read month-first unless the day
cannot be a month or the text is Spanish.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from stdnum.us import ssn as stdnum_ssn

from threatdesk.analyzers._pii import has_digit, pii_signal
from threatdesk.models import Item, Signal

_MONTHS_EN = {m: i for i, ms in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in ms}
_MONTHS_ES = {m: i for i, m in enumerate(
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"], start=1)}
_MONTHS_ES["setiembre"] = 9
_EN = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
_ES = "|".join(sorted(_MONTHS_ES, key=len, reverse=True))

_DATE = re.compile(
    r"(?<![\w/.\-])(?:"
    r"(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<a2>\d{1,2})(?P<s2>[/.\-])(?P<b2>\d{1,2})(?P=s2)(?P<y2>\d{4}|\d{2})"
    r"|(?P<m3>(?i:" + _EN + r"))\.?\s+(?P<d3>\d{1,2})(?i:st|nd|rd|th)?,?\s+(?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})(?i:st|nd|rd|th)?\s+(?:(?i:of)\s+)?(?P<m4>(?i:" + _EN + r"))\.?,?\s+(?P<y4>\d{4})"
    r"|(?P<d5>\d{1,2})\s+(?i:de)\s+(?P<m5>(?i:" + _ES + r"))\s+(?i:de|del)\s+(?P<y5>\d{4}|['’]?\d{2})"  # "del 79"
    r"|(?P<m6>(?i:" + _EN + r"))\.?\s+(?P<d6>\d{1,2})(?i:st|nd|rd|th)?,?\s+['’](?P<y6>\d{2})"  # "May 5, '79"
    r")(?![\w/\-]|\.\d)"
)
_STRONG = re.compile(
    r"(?i:\bborn\b|\bb\.|\bd\.?o\.?b\b|date\s+of\s+birth|dates\s+of\s+birth|birth\s*date|"
    r"\bnacid[oa]s?\b|\bnaci[oó]\b|fecha\s+de\s+nac(?:imiento|\.)?|f\.\s*(?:de\s+)?nac\.?)"
)
_WEAK = re.compile(r"(?i:\bbirthday\b|\bcumplea[nñ]os\b|\bcumple\b)")
_SPANISH = re.compile(r"(?i:\b(?:el|la|de|del|su|y|nacid[oa]|naci[oó]|fecha)\b)")
_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")


def _century(year: int) -> int:
    """A two-digit year of birth: "79" is 1979, "05" is 2005 (the same cut as numeric dates)."""
    if year >= 100:
        return year
    return year + (1900 if year > 30 else 2000)


def _parse(m: re.Match[str], spanish: bool) -> date | None:
    try:
        if m["y1"]:
            return date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        if m["y2"]:
            a, b, y = int(m["a2"]), int(m["b2"]), int(m["y2"])
            if y < 100:
                y += 1900 if y > 30 else 2000
            if a > 12 or (spanish and b <= 12):
                a, b = b, a
            return date(y, a, b)
        if m["y3"]:
            return date(int(m["y3"]), _MONTHS_EN[m["m3"].lower()], int(m["d3"]))
        if m["y4"]:
            return date(int(m["y4"]), _MONTHS_EN[m["m4"].lower()], int(m["d4"]))
        if m["y6"]:
            return date(_century(int(m["y6"])), _MONTHS_EN[m["m6"].lower()], int(m["d6"]))
        return date(_century(int(m["y5"].lstrip("'’"))), _MONTHS_ES[m["m5"].lower()], int(m["d5"]))
    except ValueError:
        return None


class DobAnalyzer:
    name = "pii_dob"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        if not has_digit(text):
            return []
        today = (item.posted_at or datetime.now(UTC)).date()
        spanish = (item.lang or "").startswith("es") or len(_SPANISH.findall(text)) >= 2
        record = any(stdnum_ssn.is_valid(s) for s in _SSN.findall(text))
        found: list[Signal] = []
        previous_end = 0
        for m in _DATE.finditer(text):
            when = _parse(m, spanish)
            left = text[max(previous_end, m.start() - 45) : m.start()]
            previous_end = m.end()
            if when is None or not (when.year >= 1900 and when <= today):
                continue
            if _STRONG.search(left):
                why, confidence = "after a birth word", 0.9
            elif _WEAK.search(left) and when.year <= today.year - 10:
                why, confidence = "given as a birthday", 0.75
            elif record and when.year <= today.year - 14:
                why, confidence = "in a record beside a social security number", 0.7
            else:
                continue
            found.append(
                pii_signal(
                    "pii_dob.v1",
                    type="dob",
                    start=m.start(),
                    end=m.end(),
                    normalized=when.isoformat(),
                    confidence=confidence,
                    reason=f"date of birth {when.isoformat()} ({why})",
                )
            )
        return found
