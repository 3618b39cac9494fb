"""Amounts of money in English and Spanish, including street and cartel slang.

An amount is only money when something marks it as money: a currency sign or word
("$2,000", "diez mil pesos", "2 mil dólares", "USD 500"), or a money multiplier
("2k", "10 racks", "50 bands", "a stack", "ten grand", "5 mil", "5 bills", "7 hundred"), or
the grammar of an offer around a bare number: "600 to whoever", "900 to follow", "700 for
the plate", "pay 1200", "pago 1500 por", "te doy 300 si". Any other bare number is not,
which is what keeps times ("at 5", "a las 10"), street numbers ("2400 S Pulaski"),
scores ("3-1"), phone numbers and years out. A multiplier followed by a count noun
("5k run", "10k followers", "2 mil personas") is a count, not money.

Unstated sums ("una feria", "buena lana", "a bag") have no amount, so they are a
separate kind, ``money_vague``, rather than a ``money`` signal with a made-up number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from threatdesk.models import Item, Signal

_T = TypeVar("_T")

_EN_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "couple": 2,
    "few": 3,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ES_UNITS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintidós": 22, "veintidos": 22, "veintitrés": 23,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}
_ES_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}
_ES_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
}
#: The Spanish hundreds as a pattern (both genders), for the frames that follow "mil".
_ES_HUNDREDS_RE = r"cien|ciento|doscient[oa]s|trescient[oa]s|cuatrocient[oa]s|quinient[oa]s|seiscient[oa]s|setecient[oa]s|ochocient[oa]s|novecient[oa]s"
_WORD_VALUES = {**_EN_UNITS, **_EN_TENS, **_ES_UNITS, **_ES_TENS, **_ES_HUNDREDS, "hundred": 100}
_NUMBER_WORDS = sorted(_WORD_VALUES, key=len, reverse=True)

#: Multipliers that make a number money by themselves (slang) or scale it (thousand, mil).
_MULTIPLIERS = {
    "k": 1_000, "g": 1_000, "grand": 1_000, "gs": 1_000, "rack": 1_000, "racks": 1_000, "band": 1_000,
    "bands": 1_000, "stack": 1_000, "stacks": 1_000, "stacc": 1_000, "staccs": 1_000, "mil": 1_000,
    "thousand": 1_000, "thousands": 1_000, "bandz": 1_000, "rackz": 1_000,
    "ban": 1_000, "bans": 1_000, "large": 1_000, "g's": 1_000, "grandes": 1_000, "bandas": 1_000, "bills": 100, "hundred": 100, "hundreds": 100,
    "hunnid": 100, "hunnids": 100, "hunnit": 100, "hunnits": 100, "hundo": 100, "hundos": 100,
    "m": 1_000_000, "million": 1_000_000, "millions": 1_000_000, "mill": 1_000_000, "millón": 1_000_000,
    "millon": 1_000_000, "millones": 1_000_000, "mdp": 1_000_000, "mdd": 1_000_000,
}
_CURRENCY_WORDS: dict[str, str | None] = {
    "dollars": "USD", "dollar": "USD", "usd": "USD", "bucks": "USD", "dólares": "USD", "dolares": "USD",
    "dólar": "USD", "dolar": "USD", "dlls": "USD", "dls": "USD", "verdes": "USD", "verdolagas": "USD",
    "dolaritos": "USD",
    "pesos": "MXN", "peso": "MXN", "mxn": "MXN",
    # slang that makes a number money without naming a currency (TAXONOMY lists *varos* beside
    # *lana* and *feria*; in Chicago Spanglish "5 mil varos" is as often dollars as pesos)
    "varos": None, "baros": None, "bolas": None,
    # Puerto Rican and Caribbean Spanish: "500 chavos", "mil chavos" (only from _CURRENCY_MIN up)
    "chavos": None,
    "euros": "EUR", "eur": "EUR", "btc": "BTC", "bitcoin": "BTC", "bitcoins": "BTC", "eth": "ETH",
    "ether": "ETH", "usdt": "USDT", "tether": "USDT",
}
#: Currency words that are also people below some value: in Mexico *chavos* are kids ("dos
#: chavos con radio"), while "500 chavos" is money.
_CURRENCY_MIN = {"chavos": 100}
#: Count nouns: "5k run", "10k followers", "2 mil personas" are not money.
_COUNT_NOUNS = frozenset(
    ["run", "runs", "race", "races", "carrera", "carreras", "followers", "follower", "seguidores", "views", "vistas", "likes", "subs", "subscribers", "people", "persons", "personas", "gente", "habitantes", "manifestantes", "votos", "votes", "voters", "votantes", "miles", "km", "kms", "kilómetros", "kilometros", "metros", "meters", "miles", "steps", "pasos", "años", "years", "casos", "cases", "elementos", "soldados", "soldiers", "agentes", "agents", "policías", "policias", "officers", "migrantes", "migrants", "familias", "families", "niños", "children", "kids", "hectáreas", "acres", "tons", "toneladas", "litros", "liters", "words", "palabras", "members", "miembros", "users", "usuarios", "tweets", "posts", "pages", "páginas", "copies", "copias", "units", "unidades", "rounds", "balas", "cartuchos", "hours", "horas", "jury", "juries", "theft", "larceny", "xp", "exp", "experiencia", "experience", "puntos", "points", "pts", "coins", "monedas", "gold", "oro", "gemas", "gems", "vbucks", "robux", "calls", "llamadas", "times", "veces", "minutes", "minutos", "mins", "seconds", "segundos", "days", "días", "dias", "weeks", "semanas", "months", "meses", "yards", "feet", "lbs", "pounds", "kilos", "kg", "grams", "gramos", "percent", "por ciento", "mph", "guys", "men", "hombres", "dudes", "shots", "tiros", "followers", "slam", "prix", "opening", "finale", "canyon", "marshal", "master", "champion", "of", "de"]
)

_NUM_WORD_RE = "|".join(re.escape(w) for w in _NUMBER_WORDS)
_DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d+)?"
_WORDS = rf"(?:{_NUM_WORD_RE})(?:(?:\s+y\s+|[\s-]+)(?:{_NUM_WORD_RE}))*"
_MULT_RE = "|".join(re.escape(m) for m in sorted(_MULTIPLIERS, key=len, reverse=True))
_CUR_RE = "|".join(re.escape(c) for c in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_CRYPTO = ("BTC", "ETH", "USDT")
_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "usd": "USD", "mxn": "MXN"}

_PATTERN = re.compile(
    rf"(?<![\w$])(?P<prefix>US\$|\$|USD\s?|MXN\s?|€)?\s?"
    rf"(?P<num>{_DIGITS}|{_WORDS}|mil(?=\s+(?:(?:de\s+)?(?:{_CUR_RE})|(?:y\s+)?(?:{_ES_HUNDREDS_RE})\s+(?:de\s+)?(?:{_CUR_RE}))\b))"
    rf"(?:[\s-]?(?P<mult>{_MULT_RE})(?:\s+(?P<mult2>mil|thousand|millones|million))?)?"
    # the rest of a written-out sum after its thousands: "dos mil quinientos", "five thousand five hundred"
    rf"(?:(?:(?<=mil)|(?<=thousand))\s+(?:y\s+)?(?!(?:a|an|un|una|uno|few|couple)(?![\w-]))(?P<rest>{_WORDS}))?"
    rf"(?![\w])"
    rf"(?:[\s-]+(?:de\s+|in\s+|en\s+)?(?P<cur>{_CUR_RE})(?![\w])|\s?(?P<post>\$)(?![\w$]))?",
    re.IGNORECASE,
)
#: Half of a slang unit, and sums written as an adjective: "half a band", "medio millón",
#: "a million-dollar bounty", "a thousand-dollar reward".
_HALF = re.compile(
    r"(?<![\w$])(?:half\s+an?|medio|media)\s+(?P<unit>millions?|mill?|millón|millon|grand|k|racks?|bands?|bans?|stacks?|staccs?)(?![\w])"
    rf"(?:[\s-]+(?:de\s+|in\s+|en\s+)?(?P<cur>{_CUR_RE})(?![\w]))?",
    re.IGNORECASE,
)
_COMPOUND = re.compile(r"(?<![\w$-])(?:(?:a|one)\s+)?(?P<unit>million|thousand|hundred)(?:-dollars?|\s+dollar)(?![\w])", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(rf"(?:\d|\b(?:{_NUM_WORD_RE}))\s*$", re.IGNORECASE)
_QUARTER = re.compile(r"(?<![\w$])(?:a\s+)?quarter(?:\s+of\s+a)?\s+(?:mil|mill|million)(?![\w])", re.IGNORECASE)
#: A slang unit with no number that opens a sentence and is priced for something: "band for the
#: addy", "rack if u make him crawl". Mid-sentence ("the band for the wedding") it is music.
_BARE_UNIT = re.compile(
    r"(?m)(?:^|(?<=[.!?] ))(?P<unit>bands?|racks?|stacks?|staccs?)(?=\s+(?:for|to|if|a (?:day|week|night)|pa'?l?|al|por)\b)",
    re.IGNORECASE,
)
_HALF_VALUES = {"million": 500_000, "millions": 500_000, "mil": 500_000, "mill": 500_000, "millón": 500_000, "millon": 500_000}
_COMPOUND_VALUES = {"million": 1_000_000, "thousand": 1_000, "hundred": 100}
#: "a ban" is a prohibition unless an offer's grammar follows it ("a ban to whoever", "a ban if u").
_A_BAN_OK = re.compile(
    r"\s*(?:$|[.,!?;:]|(?:to|if|when|cash|now|up ?front|after|pa|pal|al|once|for (?:whoever|anyone|anybody|the first|his|her|their|each|every))\b)",
    re.IGNORECASE,
)
#: "a band", "a rack", "a stack" are music, a shelf and a pile after these words or before
#: "of", "-aid", "called": "he plays in a band", "a stack of papers", "a rack of ribs".
_A_UNIT_WORDS = frozenset(["band", "rack", "stack"])
_A_UNIT_NOT_BEFORE = re.compile(
    r"\b(?:in|join(?:s|ed|ing)?|start(?:s|ed|ing)?|form(?:s|ed|ing)?|see|saw|seen|hear|heard|"
    r"watch(?:ed)?|book(?:ed)?|hire[ds]?|hiring|favou?rite)\s+$",
    re.IGNORECASE,
)
_A_UNIT_NOT_AFTER = re.compile(r"(?:\s+(?:of|called|named|practice|camp|teacher|that plays|play(?:s|ed|ing)?)\b|-aid|\s+aid\b)", re.IGNORECASE)


def _not_a_unit(text: str, start: int, end: int) -> bool:
    return bool(_A_UNIT_NOT_BEFORE.search(text, max(0, start - 20), start) or _A_UNIT_NOT_AFTER.match(text, end))


_VAGUE = re.compile(
    r"\b(?:una\s+(?:buena\s+)?feria|buena\s+(?:lana|feria|plata)|mucha\s+(?:lana|feria|plata)|"
    r"(?:una\s+)?lanita|un\s+billete|a\s+bag|the\s+bag|a\s+(?:nice|fat|big)\s+(?:bag|check|payout|reward)|"
    r"(?:big|good|real)\s+money|paid\s+well|bien\s+pagado|se\s+paga\s+bien|pago\s+bien)\b",
    re.IGNORECASE,
)
#: A bare number is money when an offer frames it: "600 to whoever", "700 for the plate",
#: "te doy 300 si", "500 in crypto", "1500 ahora y 1500 cuando", "500 por hora", or after a
#: verb of paying or earning: "will pay 1200", "pago 1500 por", "paying him 300", "earn a quick
#: 200", "sell u the address for 500." A bare decimal under 100 in such a frame is thousands in
#: street speech ("who tryna make 2.5 tonight"): nobody offers $2.50 for an act.
_BARE = (
    r"(?P<bare>\d{1,3}(?:,\d{3})+(?![.,]?\d)|\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d{1,2}\.\d(?![\d,])|\d{2,7}(?![.,]?\d)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten) and a half"
    rf"|mil(?: (?:y )?(?:{_ES_HUNDREDS_RE}))?|a hundred|one hundred|(?:{_ES_HUNDREDS_RE}))"
)
_KIND_AFTER = (
    r"(?:cash|each|c/u|en cripto|en crypto|in crypto|in btc|en btc|(?:in|on|por|via|en) (?:cash ?app|venmo|zelle|paypal)|en efectivo|real money|"
    r"in (?:\w+ )?gift ?cards?|en tarjetas? de regalo)"
)
_OFFER_AFTER = re.compile(
    rf"(?<![\w$.,:/#-]){_BARE}(?:\s+(?:more|extra|m[aá]s))?(?:\s+{_KIND_AFTER}\b|(?:\s+(?:and|y|plus|\+) (?:a|an|un|una|some|the|la|el) \w+)?\s+"
    r"(?:to (?:whoever|whichever|anyone|anybody|any1|the (?:first|one|person)|the \w+ (?:who|that|q|que)\b|(?!be\b|\d)[a-z]+ (?:[a-z]+ )?(?:what|where|who|which|when|how)\b|(?!be\b|\d)[a-z]+ (?:[a-z]+ )?(?:the|that|a|his|her|me|us|him|them|this|those|these))|"
    r"for (?:the|a|an|every|each|any|whoever|anyone|anybody|his|her|their|somebody|someone|pics?|photos?|pictures?|info|intel|where|\w+ing)\b|if (?:u|ur|ya|y'?all|you|someone|somebody|any\w*|the|that|he|she|they)\b|"
    r"on (?:whoever|whoever'?s|anyone|him|her|them|his|their|the|that|ese|el|la|a|an)\b|(?:la )?mitad\b|half\b|"
    r"per (?:pic|photo|hit|head|person|hour|day|week)|(?:an|a) (?:hour|day|week|pic|photo|head)\b|"
    r"al (?:que|q)\b|a (?:la |el )?(?:quien|q|que)\b|a cualquier|pa'?l? (?:que|quien|q)\b|para (?:el|la|quien|ti)|"
    r"por (?:la|el|las|los|cada|su|sus|un|una|unos|unas|hora|d[ií]a|semana|persona|cabeza|foto|esa|ese|esta|este)\b|"
    r"si (?:me|le|lo|la|los|el|ese|esa|alguien|alguno|t[uú])\b|"
    r"(?:now|up ?front|ahora|ahorita|adelantad[oa]|por adelantado|al final|after|later|despu[eé]s|when|cuando|on delivery)\b|"
    r"(?:de )?(?:recompensa|premio)\b|(?:bounty|reward)\b|waiting\b|esper[aá]ndo\w*))",
    re.IGNORECASE,
)
#: A verb of paying or earning right before a bare number ("will pay 1200", "pago 1500 por"): tested
#: backwards from each candidate number, which is cheaper than scanning the text for every verb.
_OFFER_BEFORE_TAIL = re.compile(
    r"\b(?:pay(?:ing|s)?|i'?ll (?:send|give|pay|wire)|will (?:pay|wire|send)|se (?:lo |la )?lleva|te llevas|another|bonus|"
    r"i got|got|reward|te doy|le doy|les doy|doy|pago|te pago|hay|ill send|"
    r"there'?s|offering|ofrezco|pagamos|damos|earn|make|gets?|(?:te |les |le )?(?:paso|mando|caen|deposito)|(?:and |y )?(?:it'?s|its|make it|that'?s|son|es)|gana|ganas|ganar|ganarte|cobra|cobras|recibe|recibes|bounty:?|recompensa:?|"
    r"(?:sell|vendo|te vendo)\b[^.!?\n]{0,40}?\b(?:for|por))"
    r"\s+(?:u\s+|you\s+|him\s+|her\s+|them\s+|ya\s+|a\s+|an\s+|una\s+)?(?:(?:quick|easy|fast|cool|f[aá]cil(?:es)?|r[aá]pid[oa]s?)\s+)?"
    r"$",
    re.IGNORECASE,
)
_BARE_CANDIDATE = re.compile(rf"(?<=\s){_BARE}(?![\w:/-]|[.,]\d)", re.IGNORECASE)
#: "…fotos de la casa del periodista, fachada y carros, 1500": a sum that closes the message
#: after a comma or a dash is the price of what it asks for.
_TRAILING = re.compile(rf"(?<!\d)[,:;\u2013\u2014-]\s*(?!0){_BARE}\s*(?:[.!?]+\s*)?(?:[^\w\s]\s*)*$", re.IGNORECASE)
#: A sum someone needs, owes or spends is money but not an offer's frame: "we need 100 to get the van fixed".
_NEED_BEFORE = re.compile(
    r"\b(?:need|needs|needed|cost|costs|costing|takes|took|goal|owe|owes|owed|spent|spend|"
    r"borrow|lend|lent|fee|fees|rent|necesito|necesitamos|cuesta|cost[oó]|debo|debe|debemos|gast[eé]|renta)\b[^.!?\n]{0,20}$",
    re.IGNORECASE,
)
_BENEFICIARY = re.compile(r"\s+(?:to (?:whoever|anyone|anybody)|al (?:que|q)\b|a quien|pa'?l? (?:que|q|quien)\b|if (?:u|you)\b|si (?:alguien|me)\b)", re.IGNORECASE)
#: Street offers name thousands by the bare figure: "20 on his head", "put him to sleep and its
#: 20.", "put 10 on it". Only in these frames is a number under 50 money ("i'll give u 5 if u help
#: me move" stays five dollars, so it is not read at all).
_SMALL_THOUSANDS = re.compile(
    r"(?:\b(?:and it'?s|and its|put|putting)\s+(?P<a>\d{1,2}(?:\.\d)?)(?=\s+on (?:it|him|her|his|their|that)\b|(?<=s\s\d)\s*[.!]|(?<=s\s\d\d)\s*[.!]|\s*$))"
    r"|(?:(?<![\w$.,:/#-])(?P<b>\d{1,2}(?:\.\d)?)\s+on\s+(?:(?:the|his|her|their|a|an|\w+)\s+){0,2}(?:[\w'’]+\s+)?head\b)",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"\s*(?::\d\d|am\b|pm\b|a\.m\.|p\.m\.|o'?clock|hrs\b|horas\b)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(?:\b(?:from|between|de|entre|of|out of)\s+|\d\s*[-–]\s*)$", re.IGNORECASE)
#: After "de" / "of", the words to skip to reach the thing counted ("2 mil de los manifestantes").
_DE_SKIP = re.compile(r"\s*(?:de|of)\s+(?:(?:los|las|el|la|the|mis|sus|my|his|her|their|our|these|those|estos|esos|esas|estas)\s+)?([^\W\d_]+)", re.IGNORECASE)
_PEOPLE_PRONOUNS = frozenset(["them", "us", "you", "ellos", "ellas", "nosotros", "ustedes", "those", "these", "estos", "esos"])


@dataclass(slots=True, frozen=True)
class Amount:
    start: int
    end: int
    amount: int
    currency: str | None
    text: str
    framed: bool = False  # a bare number that an offer's grammar makes money


def _parse_digits(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", raw):
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", "."))


def word_value(word: str) -> int | None:
    """The value of one English or Spanish number word ("two", "cinco"), or None."""
    return _WORD_VALUES.get(word.lower())


def _parse_words(raw: str) -> int | None:
    total = 0
    for word in re.split(r"[\s-]+", raw.lower()):
        if word == "y":
            continue
        value = _WORD_VALUES.get(word)
        if value is None:
            return None
        if word == "hundred":
            total = max(total, 1) * 100
        else:
            total += value
    return total or None


def _is_count(text: str, end: int) -> bool:
    """A multiplier followed by a count noun is a count: "5k run", "2 mil personas",
    "10 mil de los manifestantes"; "20 mil de mi bolsa" stays money."""
    nxt = re.match(r"\s*([^\W\d_]+)", text[end:])
    if not nxt:
        return False
    word = nxt.group(1).lower()
    if word in ("de", "of"):
        after = _DE_SKIP.match(text, end)
        return bool(after) and (after.group(1).lower() in _COUNT_NOUNS or after.group(1).lower() in _PEOPLE_PRONOUNS)
    return word in _COUNT_NOUNS


def _currency(prefix: str | None, cur: str, post: str | None, value: float) -> str | None:
    sign = _SIGNS.get((prefix or post or "").strip().lower()) if (prefix or post) else None
    if cur:
        stated = _CURRENCY_WORDS[cur]
        if stated is None:
            return sign
        if stated in _CRYPTO and (sign or value >= 100):
            # "$3k in btc", "3k in btc": a dollar sum paid in crypto (nobody offers 3,000 BTC)
            return sign or "USD"
        return stated
    return sign


def _remember_last(find: Callable[[str], list[_T]]) -> Callable[[str], list[_T]]:
    """The money analyzer and the intent reading both ask for the same text's amounts, one
    after the other: the last text's answer is kept (as a tuple, handed out as a new list,
    so no caller can change another's) and the second call runs no pattern."""
    last: list[tuple[str | None, tuple[_T, ...]]] = [(None, ())]

    @functools.wraps(find)
    def remembered(text: str) -> list[_T]:
        seen, found = last[0]
        if seen != text:
            found = tuple(find(text))
            last[0] = (text, found)
        return list(found)

    return remembered


@_remember_last
def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in ``text``, in order, with its span and currency if stated."""
    found: list[Amount] = _special_forms(text)
    special = [(a.start, a.end) for a in found]
    for m in _PATTERN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in special):
            continue
        prefix, mult, cur = m["prefix"], (m["mult"] or "").lower(), (m["cur"] or "").lower()
        raw = m["num"]
        is_digits = raw[0].isdigit()
        # "twenty five hundred to whoever rams his truck" is money; "five hundred people" is not
        worded_offer = not is_digits and raw.lower().endswith(" hundred") and _offer_context(text, m.start(), m.end())
        if not (prefix or mult or cur or m["post"] or worded_offer):
            continue
        if not is_digits and not (mult or cur or worded_offer):
            continue
        if not is_digits and raw.lower() in ("a", "an", "un", "una", "few", "couple") and (not mult or mult in ("bills", "hundred", "hundreds")):
            continue
        if raw.lower() in ("a", "an") and mult in _A_UNIT_WORDS and not (prefix or cur) and _not_a_unit(text, m.start(), m.end()):
            continue  # "he plays in a band", "a stack of papers", "a rack of ribs"
        if mult in ("ban", "bans") and not prefix and not cur and not (is_digits or _A_BAN_OK.match(text, m.end())):
            continue  # "a ban on assault weapons"
        if mult in _WEAK_MULTIPLIERS and not (prefix or cur) and not _offer_context(text, m.start(), m.end()):
            # "5m", "5g", "20 large", "3 grandes", "5 bandas" are metres, networks, sizes and
            # music bands unless an offer frames them: "4g for the ice agent", "6 bandas pal que"
            continue
        if mult and not prefix and not cur and _is_count(text, m.end()):
            continue
        if is_digits and not mult and not cur and _TIME_AFTER.match(text, m.end()):
            continue
        value = 1000 if raw.lower() == "mil" else _parse_digits(raw) if is_digits else _parse_words(raw)
        if value is None:
            continue
        if mult in _HUNDREDS_SLANG and value >= 100:
            mult = ""  # "5 bills" is 500; "500 bills" is 500 in notes
        value *= _MULTIPLIERS.get(mult, 1)
        if m["mult2"]:
            value *= _MULTIPLIERS[m["mult2"].lower()]
        if m["rest"] and (mult in ("mil", "thousand", "thousands") or raw.lower() == "mil"):
            rest = _parse_words(m["rest"])
            if rest and rest < 1000 and m["rest"].lower() not in ("a", "an", "un", "una", "uno"):
                value += rest
        if value < 1:  # "0.5 btc": no whole amount to state; the offer is read as crypto
            continue
        if value < _CURRENCY_MIN.get(cur, 0):
            continue
        if mult == "mdd":
            currency: str | None = "USD"
        elif mult == "mdp":
            currency = "MXN"
        else:
            currency = _currency(prefix, cur, m["post"], value)
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        found.append(Amount(start, m.end(), int(round(value)), currency, text[start : m.end()]))
    taken = [(a.start, a.end) for a in found]
    found.extend(a for a in _offered_bare_numbers(text) if not any(s < a.end and a.start < e for s, e in taken))
    found.sort(key=lambda a: a.start)
    return found


#: Units of a hundred: "5 bills" is 500, "500 bills" is 500 in notes; "eight hunnid" is 800.
_HUNDREDS_SLANG = frozenset(["bills", "hundreds", "hunnid", "hunnids", "hunnit", "hunnits", "hundo", "hundos"])
_WEAK_MULTIPLIERS = frozenset(["m", "g", "large", "grandes", "bandas"])
_FRAME_AFTER = re.compile(
    r"\s*,?\s+(?:to (?:whoever|anyone|anybody|the)|for (?:the|whoever|anyone|his|her|their|a|an|each|every)|if (?:u|ur|you|someone|somebody|any\w*)|"
    r"on (?:whoever|anyone|him|her|his|their|the)|al (?:que|q)|a quien|pa'?l? (?:que|q|quien)|para (?:el|quien)|por (?:la|el|las|los|cada|su|sus)|"
    r"si (?:alguien|el|la|me|le|lo|ese)|carnal|bro|homie|fam)\b",
    re.IGNORECASE,
)
_FRAME_BEFORE = re.compile(
    r"\b(?:make|making|earn|hacer|ganar|gana|ganas|putting up|put up|pay(?:ing)?|pago|doy|te doy|hay|there'?s|got|offering|ofrezco)\s+$",
    re.IGNORECASE,
)


def _offer_context(text: str, start: int, end: int) -> bool:
    return bool(_FRAME_AFTER.match(text, end) or _FRAME_BEFORE.search(text, max(0, start - 20), start))


_SPECIAL_HINT = re.compile(r"half|medi[oa]|dollar|quarter|band|rack|stac", re.IGNORECASE)
_BARE_HINT = re.compile(r"\d|mil|hundred|cien|ient[oa]s|and a half", re.IGNORECASE)


def _special_forms(text: str) -> list[Amount]:
    """"half a band", "medio millón", "a million-dollar bounty": sums no digit states."""
    taken: list[tuple[int, int]] = []
    out: list[Amount] = []
    if not _SPECIAL_HINT.search(text):  # a cheap test first: most texts have neither
        return out
    for m in _QUARTER.finditer(text):  # "quarter mil on the head of ..."
        out.append(Amount(m.start(), m.end(), 250_000, None, m.group(0)))
        taken.append(m.span())
    for pattern in (_HALF, _COMPOUND):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            unit = m["unit"].lower()
            if pattern is _COMPOUND:
                if m.group(0).lower().startswith(unit) and _NUMBER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue  # "two million dollar..." is read whole by the main pattern
                value, currency = _COMPOUND_VALUES[unit], "USD"
            else:
                if unit in ("ban", "bans") and not _A_BAN_OK.match(text, m.end()):
                    continue
                value = _HALF_VALUES.get(unit, 500)
                cur = (m["cur"] or "").lower()
                currency = _CURRENCY_WORDS[cur] if cur else None
            out.append(Amount(m.start(), m.end(), value, currency, m.group(0)))
            taken.append(m.span())
    for m in _BARE_UNIT.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(Amount(m.start(), m.end(), 1000, None, m.group(0), framed=True))
    return out


def _bare_value(raw: str) -> int | None:
    low = raw.lower()
    if low == "mil":
        return 1000
    if low.startswith("mil "):
        rest = _WORD_VALUES.get(low.split()[-1]) or _WORD_VALUES.get(low.split()[-1][:-2] + "os")
        return 1000 + rest if rest else None
    if low.endswith(" and a half"):
        return int((_WORD_VALUES[low.split()[0]] + 0.5) * 1000)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return int(raw.replace(".", ""))
    if low in ("a hundred", "one hundred", "cien"):
        return 100
    if low[0].isalpha():
        return _WORD_VALUES.get(low) or _WORD_VALUES.get(low[:-2] + "os")
    if re.fullmatch(r"\d{1,2}\.\d", raw):
        return int(round(float(raw) * 1000))
    return int(raw.replace(",", ""))


def _offered_bare_numbers(text: str) -> list[Amount]:
    """Bare numbers an offer frames as money ("600 to whoever", "pago 1500 por"), also beside
    marked amounts: "$200 to whoever elbows him, break his nose and its 400" names two prices."""
    out: list[Amount] = []
    seen: set[int] = set()
    if not _BARE_HINT.search(text):
        return out
    before = [m for m in _BARE_CANDIDATE.finditer(text) if _OFFER_BEFORE_TAIL.search(text, max(0, m.start() - 60), m.start())]
    for pattern, matches in ((_OFFER_AFTER, _OFFER_AFTER.finditer(text)), (_OFFER_BEFORE_TAIL, before), (_TRAILING, _TRAILING.finditer(text))):
        for m in matches:
            start, end = m.span("bare")
            raw = m["bare"]
            value = _bare_value(raw)
            if value is None or start in seen or _TIME_AFTER.match(text, end):
                continue
            if raw in ("411", "911", "311"):
                continue  # "the 411 on her" is information, "911" a phone number
            if raw[0].isdigit() and len(raw) == 4 and 1900 <= value <= 2099 and not _BENEFICIARY.match(text, end):
                continue  # a year, unless a beneficiary follows it: "2000 pa'l que averigüe"
            if raw[0].isdigit() and value < 50:
                continue
            if pattern is _TRAILING and value < 100:
                continue
            if pattern is _OFFER_AFTER and _RANGE_BEFORE.search(text, max(0, start - 12), start):
                continue  # "from 100 to 200", "10-200 to the"
            if raw[0].isdigit() and _is_count(text, end):
                continue
            if _NEED_BEFORE.search(text, max(0, start - 40), start):
                continue
            seen.add(start)
            out.append(Amount(start, end, value, None, raw, framed=True))
    for m in _SMALL_THOUSANDS.finditer(text):
        group = "a" if m["a"] else "b"
        start, end = m.span(group)
        if start in seen or _TIME_AFTER.match(text, end):
            continue
        value = int(round(float(m[group]) * 1000))
        if value >= 1000:
            seen.add(start)
            out.append(Amount(start, end, value, None, m[group], framed=True))
    return sorted(out, key=lambda a: a.start)


#: Street shorthand for thousands: "15 for the cop", "50 when it's done", "ima pay 6 for him",
#: "20. judge. gone. half now" name no unit. Read only by the solicitation reading, and only when
#: the text names an act it pays for and no other sum: nobody offers $15 for a killing, while
#: "20 for the pizza" elsewhere stays a plain number.
_SHORTHAND_NUMBER = re.compile(r"(?<![\w$.,:/#@'’-])[1-9]\d?(?![\w,:/%'’-]|\.\d)")
_SHORTHAND_AFTER = re.compile(
    r"\s*[.,:]?\s*(?:for (?:the|a|an|his|her|their|him|whoever|anyone|anybody|somebody|someone|it|that|this|each|every|one)\b|"
    r"to (?:whoever|whichever|anyone|anybody|any1|the (?:one|first|person)|(?!be\b)[a-z]+ (?:the|him|her|his|that|a|em|them)\b)|"
    r"if (?:u|you|ya|someone|somebody|anyone|any1|he|she|it'?s|its|they)\b|on (?:it|him|her|delivery|his|the|that)\b|"
    r"when\b|once\b|after\b|cuando\b|al (?:que|q)\b|pa'?l? (?:que|q|quien)\b|a quien\b|por (?:el|la|su|sus|los|las|bajar\w*|\w+rlo|\w+rla)\b|"
    r"si (?:lo|la|le|me|alguien)\b|each\b|apiece\b|all in\b|total\b|en total\b|up ?front\b|now\b|ahorita\b|ahora\b|"
    r"(?:and|y|&) (?:you|u|nunca|never)\b|\.\s*(?:judge|cop|agent|the \w+)\b)",
    re.IGNORECASE,
)
_SHORTHAND_BEFORE = re.compile(
    r"\b(?:pay|paying|give (?:u|you|ya)|giving|i got|got|get|gets|u get|offer|te doy|le doy|doy|pago|te pago|want|wants|make|earn)\s+(?:u\s+|you\s+|him\s+|the\s+)?$",
    re.IGNORECASE,
)
_SHORTHAND_NOT_BEFORE = re.compile(r"\b(?:at|by|around|til|till|until|before|block|apt|unit|no\.?|number|las|a las|del|de la|cap|chapter|ex\.?|message|#)\s*$", re.IGNORECASE)


def find_shorthand_thousands(text: str) -> list[Amount]:
    """Bare numbers under 100 that an offer's grammar frames, read as thousands (see _SHORTHAND_AFTER)."""
    out: list[Amount] = []
    for m in _SHORTHAND_NUMBER.finditer(text):
        start, end = m.span()
        framed = _SHORTHAND_AFTER.match(text, end) or _SHORTHAND_BEFORE.search(text, max(0, start - 20), start)
        if not framed or _SHORTHAND_NOT_BEFORE.search(text, max(0, start - 12), start):
            continue
        if _TIME_AFTER.match(text, end) or _is_count(text, end) or _NEED_BEFORE.search(text, max(0, start - 40), start):
            continue
        out.append(Amount(start, end, int(m.group(0)) * 1000, None, m.group(0), framed=True))
    return out


@_remember_last
def find_vague(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _VAGUE.finditer(text)]


class MoneyAnalyzer:
    """Finds amounts of money; whether one is *offered* for an act is the intent analyzer's call."""

    name = "money"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        signals = [
            Signal(
                analyzer="money.v1",
                kind="money",
                start=a.start,
                end=a.end,
                value={"amount": a.amount, "currency": a.currency},
                confidence=0.95 if a.currency else 0.85,
                reason=f"amount of money: {a.amount:,} {a.currency or '(currency not stated)'}",
            )
            for a in find_amounts(item.text)
        ]
        signals.extend(
            Signal(
                analyzer="money.v1",
                kind="money_vague",
                start=start,
                end=end,
                value={"cue": cue},
                confidence=0.7,
                reason=f"unstated sum of money: {cue!r}",
            )
            for start, end, cue in find_vague(item.text)
        )
        return signals
