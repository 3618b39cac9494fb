"""Street addresses (US and Mexican) and street intersections.

Three shapes, each a cheap regular expression over the capitalised words of the text:

- a US street address: house number, optional direction, street name, street type
  ("1234 W 18th St"), or number, direction and name when the type is left off ("3320 S
  Calle Morado"), with an optional unit, city, state and ZIP;
- a Mexican address: Calle / Av. / Priv. / Blvd. + name + number, with optional interior,
  colonia, fraccionamiento, código postal and city ("Calle Fresno 88, int. 3, col. Moderna");
- an intersection of two streets joined by and / & / y ("18th and Blue Island", "la 26 y
  Kedzie", "Av. Revolución y Calle 12"), where at least one side is a numbered street or a
  name in the street gazetteer (threatdesk/data/chicago_streets.txt), so "Sons and Lovers"
  is not a corner.

US addresses are normalised through usaddress (components, abbreviated types and
directions, upper case, no city or unit), so the same home written "2816 W Tamarind Ct,
Chicago" and "2816 West Tamarind Court" gets one fingerprint in the protectee registry.
A home address is restricted under 18 U.S.C. 119; an address the words around call an
office, a shop or a church is not, and neither is an intersection.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import usaddress

from threatdesk.analyzers._pii import looks_business, pii_signal
from threatdesk.models import Item, Signal

_TYPES = {
    "street": "ST", "st": "ST", "avenue": "AVE", "ave": "AVE", "av": "AVE", "boulevard": "BLVD",
    "blvd": "BLVD", "road": "RD", "rd": "RD", "place": "PL", "pl": "PL", "court": "CT", "ct": "CT",
    "drive": "DR", "dr": "DR", "lane": "LN", "ln": "LN", "parkway": "PKWY", "pkwy": "PKWY",
    "way": "WAY", "terrace": "TER", "ter": "TER", "circle": "CIR", "cir": "CIR", "highway": "HWY",
    "hwy": "HWY", "square": "SQ", "sq": "SQ", "trail": "TRL", "trl": "TRL", "plaza": "PLZ",
    "plz": "PLZ", "expressway": "EXPY", "expy": "EXPY", "row": "ROW", "pike": "PIKE",
}
_DIRECTIONS = {"n": "N", "s": "S", "e": "E", "w": "W", "north": "N", "south": "S", "east": "E",
               "west": "W", "ne": "NE", "nw": "NW", "se": "SE", "sw": "SW"}
_STATES = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"]

_TYPE_RE = r"(?i:" + "|".join(sorted(_TYPES, key=len, reverse=True)) + r")\.?"
_DIR_RE = r"(?:NE|NW|SE|SW|[NSEW]|(?i:north|south|east|west))\.?"
_CAP = r"[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚáéíóúñÑü'’\-]*"
_ORD = r"\d{1,3}(?i:st|nd|rd|th)"
_UNIT = r"(?:,?\s+(?i:apt|apartment|unit|suite|ste|fl|floor|room|rm|depto|dpto)\.?\s*#?\s*[\w\-]{1,5}|,?\s+#\s*[\w\-]{1,5})"
_CITY_STATE = (
    r"(?:,\s*" + _CAP + r"(?:\s+" + _CAP + r"){0,2},\s*(?:" + "|".join(_STATES) + r")\b(?:\s+\d{5}(?:-\d{4})?)?"
    r"|,?\s+(?:" + "|".join(_STATES) + r")\s+\d{5}(?:-\d{4})?)"
)
_US_ADDRESS = re.compile(
    r"(?<![\w\-/.$#])\d{1,6}[A-Z]?\s+"
    r"(?:"
    r"(?:" + _DIR_RE + r"\s+)?(?:" + _ORD + r"|" + _CAP + r")(?:\s+(?:" + _ORD + r"|" + _CAP + r")){0,3}\s+" + _TYPE_RE +
    r"|" + _DIR_RE + r"\s+(?:" + _ORD + r"|" + _CAP + r")(?:\s+" + _CAP + r"){0,2}"
    r")"
    r"(?!\w)(?:" + _UNIT + r")?(?:" + _CITY_STATE + r")?"
)

_MX_STREET = r"(?:Calle|C\.|Av\.?|Avenida|Blvd\.?|Bulevar|Priv\.?|Privada|Calz\.?|Calzada|Cerrada|Cda\.|Andador|Prol\.?|Prolongaci[oó]n|Carretera|Callej[oó]n)"
_MX_WORD = r"(?:" + _CAP + r"|\d{1,2}\s+de(?!\w)|(?:del|de|las|los|la|el)(?!\w))"
_MX_TAIL = (
    r"(?:,?\s+(?i:int\.?|interior|depto\.?|dpto\.?|ext\.?|local)\s*#?\s*[\w\-]{1,5})?"
    r"(?:,?\s+(?i:col\.?|colonia|fracc\.?|fraccionamiento|barrio|unidad|u\.h\.)\s+" + _MX_WORD + r"(?:\s+" + _MX_WORD + r"){0,3}"
    r"(?:,?\s+(?i:c\.?\s?p\.?|c[oó]digo\s+postal)\s*\d{5})?"
    r"(?:,\s*" + _CAP + r"(?:\s+" + _CAP + r")?(?:,\s*[A-Z][a-z]{1,5}\.)?)?)?"
)
_MX_ADDRESS = re.compile(
    r"(?<!\w)" + _MX_STREET + r"\s+" + _MX_WORD + r"(?:\s+" + _MX_WORD + r"){0,3}\s+(?:(?i:no\.?|n[uú]m\.?)\s*|#\s*)?\d{1,5}(?:\s?[A-Z](?!\w))?(?![\w\-/])" + _MX_TAIL
)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    text = resources.files("threatdesk.data").joinpath("chicago_streets.txt").read_text(encoding="utf-8")
    distinctive, ambiguous = set(), set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        (ambiguous if line.startswith("~") else distinctive).add(line.lstrip("~"))
    return frozenset(distinctive), frozenset(ambiguous - distinctive)


def _street_alternation(names: frozenset[str], *, ignore_case: bool) -> str:
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return f"(?i:{alts})" if ignore_case else f"(?:{alts})"


@lru_cache(maxsize=1)
def _intersection_re() -> re.Pattern[str]:
    distinctive, ambiguous = _gazetteer()
    strong = (
        r"(?:" + _street_alternation(distinctive, ignore_case=True) + r")"
        r"(?:\s+" + _TYPE_RE + r")?"
    )
    weak = r"(?:" + _street_alternation(ambiguous, ignore_case=False) + r")(?:\s+" + _TYPE_RE + r")?"
    numbered = r"(?:" + _ORD + r"(?:\s+" + _TYPE_RE + r")?|(?i:la)\s+\d{1,3}(?!\d)|(?i:calle)\s+\d{1,3}(?!\d))"
    named_mx = r"(?:(?:Av\.?|Avenida|Calz\.?|Calzada|Blvd\.?)\s+" + _CAP + r"(?:\s+" + _CAP + r")?)"
    side_strong = r"(?:" + strong + r"|" + numbered + r"|" + named_mx + r")"
    side_any = r"(?:" + side_strong + r"|" + weak + r")"
    corner = r"(?:(?i:the\s+)?(?i:corner\s+of)\s+|(?i:la\s+)?(?i:esquina\s+de)\s+)?"
    joiner = r"\s+(?:and|&|y|con|at|with)\s+"
    return re.compile(
        r"(?<![\w\-])" + corner
        + r"(?:(?P<a1>" + side_strong + r")" + joiner + r"(?P<b1>" + side_any + r")"
        + r"|(?P<a2>" + weak + r")" + joiner + r"(?P<b2>" + side_strong + r"))"
        + r"(?![\w\-])"
    )


@lru_cache(maxsize=1)
def _gazetteer_words() -> frozenset[str]:
    distinctive, ambiguous = _gazetteer()
    return frozenset(name.split()[0].lower() for name in distinctive | ambiguous)


_WORDS = re.compile(r"[^\W\d_]+")
_NUMBERED_ONLY = re.compile(r"^(?:\d{1,3}(?:st|nd|rd|th)?|la\s+\d{1,3}|calle\s+\d{1,3})$", re.IGNORECASE)
_QUICK = re.compile(r"\d|\b(?:and|y|&)\b", re.IGNORECASE)


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value if not unicodedata.combining(c))


def normalize_address(raw: str) -> str:
    """A canonical street line: number, direction, name, type; upper case, no accents, no city or unit.

    US addresses go through usaddress; anything it cannot label (Mexican addresses) is
    reduced to its street and number in upper case.
    """
    folded = _fold(raw)
    try:
        tagged = usaddress.parse(folded)
    except Exception:  # usaddress raises a bare RepeatedLabelError subclass on odd input
        tagged = []
    labels = {label for _, label in tagged}
    if "AddressNumber" in labels and "StreetName" in labels:
        parts: list[str] = []
        for token, label in tagged:
            token = token.strip(",.").lower()
            if label == "AddressNumber":
                parts.append(token.upper())
            elif label in ("StreetNamePreDirectional", "StreetNamePostDirectional"):
                parts.append(_DIRECTIONS.get(token, token.upper()))
            elif label == "StreetName":
                parts.append(token.upper())
            elif label == "StreetNamePostType":
                parts.append(_TYPES.get(token, token.upper()))
        return " ".join(parts)
    street = re.split(r",", folded, maxsplit=1)[0]
    return " ".join(street.replace(".", " ").upper().split())


class AddressAnalyzer:
    name = "pii_address"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        return list(scan_addresses(item.text))


@lru_cache(maxsize=256)
def scan_addresses(text: str) -> tuple[Signal, ...]:
    """Every address and intersection in ``text`` (cached: the protectee analyzer asks again)."""
    if not _QUICK.search(text):
        return ()
    has_digit = any(c.isdigit() for c in text)
    has_street = has_digit or not _gazetteer_words().isdisjoint(w.lower() for w in _WORDS.findall(text))
    if not has_street:
        return ()
    found: list[Signal] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for pattern, country in ((_US_ADDRESS, "US"), (_MX_ADDRESS, "Mexican")) if has_digit else ():
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            value = m.group().rstrip(",; ")
            if value.endswith(".") and not re.search(r",\s*[A-Z][a-z]{1,5}\.$", value):
                value = value[:-1]  # a sentence's full stop, unless it closes a state's abbreviation ("Jal.")
            end = start + len(value)
            if not free(start, end):
                continue
            business = looks_business(text, start, end) or re.search(r"(?i)\b(?:suite|ste)\b", value)
            taken.append((start, end))
            found.append(
                pii_signal(
                    "pii_address.v1",
                    type="address",
                    start=start,
                    end=end,
                    normalized=normalize_address(value),
                    restricted=not business,
                    confidence=0.85,
                    reason=f"{country} street address" + (" (business or office)" if business else ""),
                )
            )
    for m in _intersection_re().finditer(text):
        start, end = m.start(), m.end()
        a, b = (m["a1"], m["b1"]) if m["a1"] else (m["a2"], m["b2"])
        if _NUMBERED_ONLY.match(a.strip()) and _NUMBERED_ONLY.match(b.strip()) and not re.match(r"(?i)(the\s+)?corner|(la\s+)?esquina", m.group()):
            continue
        if not free(start, end):
            continue
        taken.append((start, end))
        found.append(
            pii_signal(
                "pii_address.v1",
                type="intersection",
                start=start,
                end=end,
                normalized=f"{_fold(a).upper()} & {_fold(b).upper()}",
                restricted=False,
                confidence=0.75,
                reason="street intersection",
            )
        )
    found.sort(key=lambda s: s.start or 0)
    return tuple(found)
