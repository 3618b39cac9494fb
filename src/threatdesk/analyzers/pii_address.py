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
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import usaddress

from threatdesk.analyzers._pii import has_digit, looks_business, pii_signal, trie_alternation
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
_UNIT = (
    r"(?:,?\s+(?i:apt|apartment|unit|suite|ste|fl|floor|room|rm|depto|dpto|dept|piso|departamento|depa|interior|int)\.?\s*#?\s*(?:\d[\w\-]{0,4}|[A-Za-z](?:-?\d{1,3})?)(?![\w\-])"
    r"|,?\s+#\s*[\w\-]{1,5}"
    r"|,?\s+\d(?i:st|nd|rd|th)\s+(?i:fl|floor)(?!\w)"
    r"|,?\s+(?i:basement|bsmt|rear|garden\s+(?:unit|apt))(?!\w))"
)
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

_MX_STREET = (
    r"(?:C\.|Av\.?|Blvd\.?|Priv\.?|Calz\.?|Cda\.|Prol\.?"
    r"|(?i:calle|avenida|av\.|bulevar|blvd\.|privada|priv\.|calzada|cerrada|andador|prolongaci[oó]n|carretera|callej[oó]n))"
)
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
    """The names as one trie-shaped group (150 names tried letter by letter, not name by name)."""
    alts = trie_alternation({n.lower() for n in names} if ignore_case else names)
    return f"(?i:{alts})" if ignore_case else alts


@lru_cache(maxsize=1)
def _intersection_re() -> re.Pattern[str]:
    distinctive, ambiguous = _gazetteer()
    strong = (
        r"(?:(?-i:la)\s+(?=[A-Za-z]))?"  # "la 26 y la Kedzie": Spanish names a street with its article
        r"(?:" + _street_alternation(distinctive, ignore_case=True) + r")"
        r"(?:\s+" + _TYPE_RE + r")?"
    )
    weak = r"(?:" + _street_alternation(ambiguous, ignore_case=False) + r")(?:\s+" + _TYPE_RE + r")?"
    numbered = (
        r"(?:" + _ORD + r"(?:\s+" + _TYPE_RE + r")?|(?i:la)\s+\d{1,3}(?i:st|nd|rd|th)?(?!\d)|(?i:calle)\s+\d{1,3}(?!\d))"
    )
    named_mx = r"(?:(?:Av\.?|Avenida|Calz\.?|Calzada|Blvd\.?)\s+" + _CAP + r"(?:\s+" + _CAP + r")?)"
    direction = r"(?:(?i:[NSEW]|north|south|east|west)\.?\s+)?"  # "w 26th st & s pulaski rd"
    side_strong = direction + r"(?:" + strong + r"|" + numbered + r"|" + named_mx + r")"
    side_any = r"(?:" + side_strong + r"|" + weak + r")"
    corner = r"(?:(?i:the\s+)?(?i:corner\s+of)\s+|(?i:la\s+)?(?i:esquina\s+de)\s+)?"
    joiner = (
        r"(?:\s+(?i:and|&|y|con|at|with)\s+|\s+n\s+|\s*/\s*"  # "47th n ashland", "47th/ashland" in chats
        r"|\s+(?i:esquina|esq\.)\s+(?:(?i:con)\s+)?)"  # "Av. Revolución esquina con Calle 12"
    )
    return re.compile(
        r"(?<![\w\-])" + corner
        + r"(?:(?P<a1>" + side_strong + r")" + joiner + r"(?P<b1>" + side_any + r")"
        + r"|(?P<a2>" + weak + r")" + joiner + r"(?P<b2>" + side_strong + r")"
        # a bare number for a numbered street ("en 26 y Pulaski"): checked for a place word before it
        + r"|(?P<a3>\d{1,3})(?!\d)(?:\s+(?i:and|&|y)\s+|\s*/\s*)(?P<b3>" + direction + strong + r"))"
        + r"(?![\w\-])"
    )


#: Words that, after a house number, measure or count something rather than name a street
#: ("a 5 minute drive", "150 mile road trip", "the 2200 block of"), so no address starts there.
_NOT_STREET_NAMES = frozenset(
    ["minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "mile", "miles", "mi", "block", "blocks", "day", "days", "year", "years", "yr", "week", "weeks", "month", "months", "foot", "feet", "ft", "inch", "inches", "yard", "yards", "meter", "meters", "dollar", "dollars", "buck", "bucks", "percent", "point", "points", "time", "times", "people", "guys", "kids", "car", "cars", "lb", "lbs", "pound", "pounds", "oz", "piece", "pieces", "more", "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "my", "his", "her", "our", "your", "their", "this", "that", "these", "those", "y", "de", "la", "el", "los", "las", "en", "con", "por", "para", "un", "una"]
)
_SLOPPY_DIR = r"(?i:ne|nw|se|sw|n|s|e|w|north|south|east|west)\.?"
_LOWER_WORD = r"[a-záéíóúñü][\wáéíóúñü'’\-]*"
#: Lower-case and sloppy US addresses ("1234 w 18th st", "2231 s hoyne ave apt 2", "4419 w
#: brantwood ln"); checked by :func:`_sloppy_ok`, because lower-case words are everywhere.
_US_SLOPPY = re.compile(
    r"(?<![\w\-/.$#:,])(?P<num>\d{1,6})\s+(?:(?P<dir>" + _SLOPPY_DIR + r")\s+)?"
    r"(?P<name>(?:" + _ORD + r"|" + _CAP + r"|" + _LOWER_WORD + r")(?:\s+(?:" + _ORD + r"|" + _CAP + r"|" + _LOWER_WORD + r")){0,2})"
    r"\s+(?P<type>" + _TYPE_RE + r")(?![\w\-])(?:" + _UNIT + r")?(?:" + _CITY_STATE + r")?"
)
#: A number right after one of these words is a code, not a house number ("model 4410 ...", "order 2231 ...").
_CODE_BEFORE = re.compile(
    r"(?i)\b(?:model|modelo|item|art[ií]culo|order|pedido|sku|part|serial|invoice|factura|case|caso|ticket|"
    r"flight|vuelo|room|cuarto|gate|seat|page|p[aá]gina|folio|gu[ií]a|no\.|number|n[uú]mero|#)\s*$"
)
_FULL_TYPES = frozenset({"way", "row", "pike", "plaza", "square", "trail", "circle", "place", "drive", "terrace"})


@lru_cache(maxsize=1)
def _gaz_lower() -> frozenset[str]:
    distinctive, ambiguous = _gazetteer()
    return frozenset(n.lower() for n in distinctive | ambiguous)


def _sloppy_ok(m: re.Match[str]) -> bool:
    """A lower-case address needs something street-like besides its type word.

    A direction ("1234 w ..."), an ordinal street ("18th st"), a street in the gazetteer
    ("2231 hoyne ave"), or a house number of three digits or more with a street type that is
    not also an ordinary word ("way", "drive", "place").
    """
    words = m["name"].lower().split()
    if any(w in _NOT_STREET_NAMES for w in words):
        return False
    if _CODE_BEFORE.search(m.string, 0, m.start()):
        return False
    if m["dir"] or re.fullmatch(_ORD, words[0]) or " ".join(words) in _gaz_lower():
        return True
    return len(m["num"]) >= 3 and m["type"].lower().rstrip(".") not in _FULL_TYPES


@lru_cache(maxsize=1)
def _sloppy_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Gazetteer-based sloppy forms: a number and direction before a street without its type
    ("2231 s hoyne", "1234 w 18th"); a Spanish-style street then number ("calle hoyne #2231",
    "la hoyne #2231", "Calle Morado no. 12"); a street beside a landmark ("on 47th by the
    walgreens", "en la 26 por el oxxo")."""
    distinctive, ambiguous = _gazetteer()
    gaz = _street_alternation(distinctive | ambiguous, ignore_case=True)
    strong = _street_alternation(distinctive, ignore_case=True)
    number_dir = re.compile(
        r"(?<![\w\-/.$#:,])\d{2,6}\s+" + _SLOPPY_DIR + r"\s+(?:" + _ORD + r"|" + gaz + r")(?![\w\-])"
        r"(?:" + _UNIT + r")?(?:" + _CITY_STATE + r")?"
    )
    street_number = re.compile(
        r"(?<![\w\-])(?:(?i:calle|avenida|av\.?|privada|priv\.?|calzada|calz\.?|blvd\.?)\s+"
        r"(?:(?:" + _CAP + r"|" + _LOWER_WORD + r")\s+){0,2}?(?:" + _CAP + r"|" + _LOWER_WORD + r"|\d{1,3})"
        r"(?:\s*#\s*|\s+(?i:no\.?|n[uú]m\.?|n[uú]mero)\s*)\d{1,5}"
        r"|(?i:calle|la|el)\s+(?:" + gaz + r"|\d{1,3})(?:\s*#\s*|\s+(?i:no\.?|n[uú]m\.?|n[uú]mero)\s*)\d{1,5}"
        r"|(?i:calle)\s+" + gaz + r"\s+\d{3,5})"
        r"(?:\s?[A-Za-z](?!\w))?(?![\w\-/])" + _MX_TAIL
    )
    landmark = re.compile(
        r"(?<![\w\-])(?i:on|at|around|off|of|en|sobre|por)\s+"
        r"(?P<street>(?:" + _ORD + r"|" + strong + r")(?:\s+" + _TYPE_RE + r")?|(?i:la)\s+\d{1,3}(?!\d))"
        r"\s+(?P<prep>(?i:right\s+by|by|near|next\s+to|across\s+from|behind|in\s+front\s+of|"
        r"junto\s+al?|enfrente\s+del?|frente\s+al?|cerca\s+del?|atr[aá]s\s+del?|por\s+el|por\s+la))\s+"
        r"(?P<mark>(?i:(?:the|el|la|los|las|an?|un|una)\s+)?" + _LANDMARKS + r"|" + _ORD + r"(?:\s+" + _TYPE_RE + r")?|" + strong + r")(?![\w\-])"
    )
    street_number = re.compile(
        street_number.pattern
        + r"|(?<![\w\-])(?i:mz\.?|mza\.?|manzana)\s*\d{1,4}[A-Z]?,?\s+(?i:lt\.?|lote)\s*\d{1,4}[A-Z]?(?![\w\-])" + _MX_TAIL
        + r"|(?<![\w\-/.$#:,])\d{3,5}\s+(?i:de\s+la)\s+(?:(?i:calle)\s+" + _CAP + r"|" + gaz + r")(?![\w\-])"
        # "vive en Hoyne 2231", "en la Kedzie 3300": a gazetteer street then its number, Spanish order
        + r"|(?<=\ben\s)(?:(?i:la)\s+)?" + strong + r"\s+(?!(?:19|20)\d\d(?!\d))\d{3,5}(?![\w\-/.,:]?\d)"
    )
    return number_dir, street_number, landmark


#: Shops and landmarks people give as a street's point of reference.
_LANDMARKS = (
    r"(?i:walgreens|cvs|mcdonald['’]?s|jewel(?:[\s\-]osco)?|aldi|target|walmart|7[\s\-]?eleven|dunkin['’]?|"
    r"starbucks|taco\s+bell|burger\s+king|subway|dollar\s+(?:store|tree|general)|family\s+dollar|oxxo|"
    r"gas\s+station|gasolinera|church|iglesia|park|parque|school|escuela|library|biblioteca|bank|banco|"
    r"laundromat|lavander[ií]a|liquor\s+store|corner\s+store|tienda|farmacia|pharmacy|bus\s+stop|"
    r"parada|(?:train|l|el)\s+(?:station|stop)|estaci[oó]n|metro|hospital|clinic|cl[ií]nica|car\s+wash|"
    r"currency\s+exchange|taquer[ií]a|panader[ií]a|barbershop|barber[ií]a|peluquer[ií]a|mural|"
    r"bodega|super(?:mercado)?|mercado|plaza|viaducto|viaduct|tracks|v[ií]as)"
)

_LANDMARK_QUICK = re.compile(
    r"(?i)\b(?:by|near|next\s+to|across|behind|front|junto|enfrente|frente|cerca|atr[aá]s|por)\b"
)


@lru_cache(maxsize=1)
def _gazetteer_words() -> frozenset[str]:
    distinctive, ambiguous = _gazetteer()
    return frozenset(name.split()[0].lower() for name in distinctive | ambiguous)


_WORDS = re.compile(r"[^\W\d_]+")
#: What comes before a corner written with a bare number: "en 26 y Pulaski", "at 26 & pulaski".
_PLACE_BEFORE = re.compile(r"(?i)\b(?:en|at|on|near|by|of|de|por|sobre|around)\s+$")
_NUMBERED_ONLY = re.compile(r"^(?:\d{1,3}(?:st|nd|rd|th)?|la\s+\d{1,3}|calle\s+\d{1,3})$", re.IGNORECASE)
#: Without a digit, a corner or a landmark needs one of these words (or "&", "/").
_QUICK_WORDS = frozenset(
    {"and", "y", "n", "con", "at", "with", "by", "near", "next", "across", "behind", "front", "junto", "frente",
     "enfrente", "cerca", "atrás", "atras", "por", "off", "on", "en", "sobre", "around", "of"}
)


#: The words of the intersection pattern's joiners ("and", "y", "con", "at", "with", "n",
#: "esquina", "esq."), each written between spaces, so a letter run of the text.
_JOINER_WORDS = frozenset({"and", "y", "con", "at", "with", "n", "esquina", "esq"})
#: Characters a case-insensitive pattern takes for an ASCII letter though ``str.lower`` does
#: not make them one (dotted and dotless i, long s).
_CASE_ODD = ("\u0130", "\u0131", "\u017f")


def _may_have_corner(text: str, words: set[str]) -> bool:
    """False only when the intersection pattern cannot match: no joiner is in the text.

    Every corner has a joiner ("&", "/", or one of ``_JOINER_WORDS`` between spaces), and
    the costly pattern (every street of the gazetteer) is then not tried at every word.
    """
    return (
        "&" in text
        or "/" in text
        or not words.isdisjoint(_JOINER_WORDS)
        or any(c in text for c in _CASE_ODD)
    )


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


_TYPE_WORDS = frozenset(_TYPES)
_DIRECTION_WORDS = frozenset(_DIRECTIONS)
_SPANISH_STREET_WORDS = frozenset(
    {"calle", "avenida", "av", "privada", "priv", "calzada", "calz", "blvd", "mz", "mza", "manzana", "no", "num",
     "núm", "numero", "número"}
)
_DE_LA_NUMBER = re.compile(r"\d{3}\s+de\s+la\s", re.IGNORECASE)


@lru_cache(maxsize=256)
def scan_addresses(text: str) -> tuple[Signal, ...]:
    """Every address and intersection in ``text`` (cached: the protectee analyzer asks again)."""
    digit = has_digit(text)
    words = set(map(str.lower, _WORDS.findall(text)))
    if not digit and "&" not in text and "/" not in text and words.isdisjoint(_QUICK_WORDS):
        return ()
    if not digit and _gazetteer_words().isdisjoint(words):
        return ()
    found: list[Signal] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def corner(start: int, end: int, normalized: str, confidence: float, reason: str) -> None:
        """A corner or landmark reference (never restricted: it names no one's door), if the span is free."""
        if not free(start, end):
            return
        taken.append((start, end))
        found.append(pii_signal("pii_address.v1", type="intersection", start=start, end=end, normalized=normalized,
                                restricted=False, confidence=confidence, reason=reason))

    for pattern, country in ((_US_ADDRESS, "US"), (_MX_ADDRESS, "Mexican")) if digit else ():
        for m in pattern.finditer(text):
            _add_address(text, m.start(), m.group(), country, found, taken, free)
    if digit:
        # Each sloppy pattern runs only when a word it needs is in the text: most messages
        # with a digit have no street type, no direction and no "calle".
        number_dir, street_number, _ = _sloppy_res()
        for pattern, country, check, needs in (
            (_US_SLOPPY, "US", _sloppy_ok, _TYPE_WORDS),
            (number_dir, "US", None, _DIRECTION_WORDS),
            (street_number, "Spanish-style", None, _SPANISH_STREET_WORDS),
        ):
            if words.isdisjoint(needs) and not (needs is _SPANISH_STREET_WORDS and ("#" in text or "en" in words or _DE_LA_NUMBER.search(text))):
                continue
            for m in pattern.finditer(text):
                if check is not None and not check(m):
                    continue
                _add_address(text, m.start(), m.group(), country, found, taken, free)
    for m in _intersection_re().finditer(text) if _may_have_corner(text, words) else ():
        start, end = m.start(), m.end()
        a, b = (m["a1"], m["b1"]) if m["a1"] else (m["a2"], m["b2"]) if m["a2"] else (m["a3"], m["b3"])
        if m["a3"] and not _PLACE_BEFORE.search(text, 0, start):
            continue  # "top 10 and Western", "won 3 and Kedzie" are not corners
        if _NUMBERED_ONLY.match(a.strip()) and _NUMBERED_ONLY.match(b.strip()) and not re.match(r"(?i)(the\s+)?corner|(la\s+)?esquina", m.group()):
            continue
        corner(start, end, f"{_fold(a).upper()} & {_fold(b).upper()}", 0.75, "street intersection")
    if _LANDMARK_QUICK.search(text):
        for m in _sloppy_res()[2].finditer(text):
            corner(m.start("street"), m.end(), f"{_fold(m['street']).upper()} @ {_fold(m['mark']).upper()}", 0.7,
                   "street named beside a landmark")
    found.sort(key=lambda s: s.start or 0)
    return tuple(found)


#: A number that is an amount, not a house number: "privada de 50 mil", "carretera cobra 20 mil".
_AMOUNT_AFTER = re.compile(r"(?i)\s*(?:mil|millones?|pesos|d[oó]lares|varos|bucks|dollars|k|%|a[nñ]os|mdp|usd)(?!\w)")
#: A Spanish-style street whose "name" is only function words ("privada de 50").
_NO_NAME = re.compile(r"(?i)^\S+\s+(?:(?:de|del|la|las|los|el)\s+)+(?:#\s*|no\.?\s*)?\d")


def _add_address(
    text: str, start: int, value: str, country: str, found: list[Signal], taken: list[tuple[int, int]], free: Callable[[int, int], bool]
) -> None:
    """One address signal for a match, its trailing punctuation trimmed, unless it overlaps one already found."""
    value = value.rstrip(",; ")
    if value.endswith(".") and not re.search(r",\s*[A-Z][a-z]{1,5}\.$", value):
        value = value[:-1]  # a sentence's full stop, unless it closes a state's abbreviation ("Jal.")
    end = start + len(value)
    if not free(start, end) or _AMOUNT_AFTER.match(text, end) or _NO_NAME.match(value):
        return
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
