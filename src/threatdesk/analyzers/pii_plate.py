"""Licence plates, US and Mexican formats, only where the words say it is a plate.

A plate-shaped token ("CV 71904", "JKL-12-34", "482RTC") is everywhere: flight numbers,
bill numbers, product codes. So a plate is only read right after a plate word ("plate",
"tag", "licence plate", "placas", "matrícula", "tablilla"), optionally with a state in
between ("Illinois plate DX 48213", "placas de Illinois HV 38857"). The token must mix
letters and digits, in capitals, 5 to 8 characters without separators. Not restricted
under 18 U.S.C. 119, but part of doxxing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from threatdesk.analyzers._pii import pii_signal
from threatdesk.models import Item, Signal

_CUE = re.compile(
    r"\b(?:licen[cs]e\s+plates?|plates?|tags?|placas?|matr[ií]culas?|tablillas?)\b", re.IGNORECASE
)
_TOKEN = re.compile(r"(?<![\w\-])[A-Z0-9]{1,7}(?:[ \-][A-Z0-9]{1,6}){0,2}(?![\w\-])")
#: A plate typed in lower case ("plate abc1234", "placas jkl-12-34"): its first part must hold a
#: digit or be one to three letters before a digit, so "is", "son", "de" after the cue are not it.
_TOKEN_LOW = re.compile(
    r"(?<![\w\-])(?=[a-z0-9]*\d|[a-z]{1,3}[ \-]?\d)[a-z0-9]{1,7}(?:[ \-][a-z0-9]{1,6}){0,2}(?![\w\-])"
)
#: Other senses of the plate words: "placa base" (motherboard), "placas de video", "plate sticker".
_OTHER_SENSE = re.compile(
    r"\s*(?:base|madre|conmemorativas?|de\s+video|de\s+identificaci[oó]n|sticker|special|glass|armor|number\s+of)\b",
    re.IGNORECASE,
)
_STOP = re.compile(r"[.;!?](?:\s|$)|\n")


def normalize_plate(raw: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", raw.upper())


def _valid(token: str) -> bool:
    bare = normalize_plate(token)
    return (
        5 <= len(bare) <= 8
        and any(c.isdigit() for c in bare)
        and any(c.isalpha() for c in bare)
        and not re.fullmatch(r"(?:19|20)\d{2}", token.split()[0])
    )


_NOT_PLATE_WORDS = frozenset(
    ["the", "a", "an", "at", "in", "on", "by", "to", "is", "was", "won", "lost", "vs", "and", "y", "of", "for", "son", "es", "de", "del", "la", "el", "no", "num", "number", "inning", "game",
     "que", "se", "lo", "le", "su", "mi", "tu", "al", "ya", "pa", "con", "por", "sin", "mas", "his", "her", "its"]
)


def _lower_plate(token: str) -> str:
    """The plate in a lower-case token, or "": two letters and two digits, no ordinal, no word.

    Trailing words are cut first ("abc1234 on a" → "abc1234").
    """
    parts = re.split(r"([ \-])", token)
    while parts and parts[-1] in _NOT_PLATE_WORDS:
        parts = parts[:-2]
    token = "".join(parts)
    bare = normalize_plate(token)
    ok = (
        sum(c.isalpha() for c in bare) >= 2
        and sum(c.isdigit() for c in bare) >= 2
        and not re.search(r"\d(?:st|nd|rd|th)\b", token)
        and not any(p in _NOT_PLATE_WORDS for p in parts[::2])
    )
    return token if ok else ""


class PlateAnalyzer:
    name = "pii_plate"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        return list(scan_plates(item.text))


@lru_cache(maxsize=256)
def scan_plates(text: str) -> tuple[Signal, ...]:
    """Every plate in ``text`` (cached: the protectee analyzer asks again for the same text)."""
    found: list[Signal] = []
    last_end = -1
    for cue in _CUE.finditer(text):
        if _OTHER_SENSE.match(text, cue.end()):
            continue
        window_end = min(len(text), cue.end() + 45)
        stop = _STOP.search(text, cue.end(), window_end)
        window_end = stop.start() if stop else window_end
        tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, cue.end(), window_end)]
        if not any(_valid(t.split()[0]) or _valid(t) for _, t in tokens):
            tokens = [(m.start(), t) for m in _TOKEN_LOW.finditer(text, cue.end(), window_end) if (t := _lower_plate(m.group()))]
        for at, token in tokens:
            if at < last_end:
                continue
            while token and not _valid(token):
                parts = re.split(r"[ \-]", token)
                if len(parts) == 1:
                    token = ""
                    break
                token = token[: len(token) - len(parts[-1]) - 1]
            if not token:
                continue
            start, end = at, at + len(token)
            last_end = end
            found.append(
                pii_signal(
                    "pii_plate.v1",
                    type="plate",
                    start=start,
                    end=end,
                    normalized=normalize_plate(token),
                    confidence=0.85,
                    reason=f"licence plate after {cue.group().lower()!r}",
                )
            )
            break
    return tuple(found)
