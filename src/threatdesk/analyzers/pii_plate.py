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
        for m in _TOKEN.finditer(text, cue.end(), window_end):
            if m.start() < last_end:
                continue
            token = m.group()
            while token and not _valid(token):
                parts = re.split(r"[ \-]", token)
                if len(parts) == 1:
                    token = ""
                    break
                token = token[: len(token) - len(parts[-1]) - 1]
            if not token:
                continue
            start, end = m.start(), m.start() + len(token)
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
