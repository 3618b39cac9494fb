"""What every PII analyzer shares: the signal builder and the context cues.

A PII analyzer finds a shape (a phone number, a plate) and then reads the words around it,
because the same digits are a home phone in a doxxing post and a shop's number in an ad.
``restricted`` follows 18 U.S.C. 119 (SSN, home address, home or mobile phone, personal
e-mail, home fax): when the words around a value say it is a business's, it is not marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from threatdesk.models import Signal

#: Words that say the value belongs to a business, an office or a public body, not a home.
BUSINESS_CUES = re.compile(
    r"\b(?:call\s+us|contact\s+us|visit\s+us|our\s+(?:office|store|shop|team|hours)|office|oficinas?|business|"
    r"negocio|store|tienda|shop|restaurant|restaurante|taquer[ií]a|panader[ií]a|bakery|clinic|cl[ií]nica|"
    r"church|iglesia|parroquia|headquarters|hq|city\s+hall|ayuntamiento|courthouse|juzgado|"
    r"hours|horario|open\s+(?:daily|mon|from)|abierto|free\s+estimate|presupuesto|cotizaci[oó]n|"
    r"llc|inc\.?|services|servicios|hotline|l[ií]nea|front\s+desk|recepci[oó]n|"
    r"non-emergency|ext\.?\s*\d|llámenos|ll[aá]manos|whatsapp\s+del\s+negocio|ventas|sales|"
    r"classifieds?|clasificados?|se\s+vende|for\s+sale|se\s+renta|for\s+rent|citas|appointments?|"
    r"anyone\s+with\s+information|report\s+(?:it|them|threats?|this)\s+to|call\s+(?:detectives|police|the\s+department)|"
    r"tip\s*line|tips?\s+line|denuncias?|reportar|comun[ií]quese|informes|"
    # public offices in official notices, and the trades that advertise a number
    r"district\s+station|police\s+station|fire\s+station|estaci[oó]n\s+de\s+polic[ií]a|comisar[ií]a|"
    r"consulado|consulate|community\s+meeting|town\s+hall|public\s+(?:meeting|hearing)|"
    r"junta\s+(?:vecinal|comunitaria|p[uú]blica)|polling\s+place|early\s+voting|casilla|ward\s+office|"
    r"llame|ll[aá]menos|servicio\s+24|24\s+horas|24/7|plumbing|plomer[ií]a|taller|repairs?|reparaciones)\b",
    re.IGNORECASE,
)

#: Words that say the value is a home's or a person's own, whatever else is near it.
PERSONAL_CUES = re.compile(
    r"\b(?:home|cell|cellphone|mobile|personal|private|his|her|lives|vive|casa|celular|cel|m[oó]vil|"
    r"domicilio|particular|residence|residencia)\b",
    re.IGNORECASE,
)


_ASCII_DIGIT = re.compile(r"[0-9]")


def has_digit(text: str) -> bool:
    """``any(c.isdigit() for c in text)``, without a Python step per character.

    Most texts are ASCII, where a digit is 0-9 and one regular-expression search decides.
    Otherwise ``str.isdigit`` keeps its meaning (it also takes superscripts and other
    scripts' digits, which ``\\d`` does not), run per character in C by ``map``.
    """
    if _ASCII_DIGIT.search(text):
        return True
    return not text.isascii() and any(map(str.isdigit, text))


def trie_alternation(words: Iterable[str]) -> str:
    """Words as one non-capturing group written as a trie, spaces as ``\\s+``.

    Python's regular expressions try a flat alternation of 200 words one word at a time at
    every position; a trie tries each letter once. Longer words are still preferred where
    one extends another ("Parkside" before "Park", "hijos" before "hijo").
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


def around(text: str, start: int, end: int, *, before: int = 60, after: int = 40) -> tuple[str, str]:
    """The text just before and just after a span, cut at sentence ends."""
    left = text[max(0, start - before) : start]
    right = text[end : end + after]
    cut = max(left.rfind(". "), left.rfind("! "), left.rfind("? "), left.rfind("\n"))
    if cut >= 0:
        left = left[cut + 2 :]
    return left, right


def looks_business(text: str, start: int, end: int) -> bool:
    """True when the words around a value say it is a business's or an office's, not a home's."""
    left, right = around(text, start, end, before=80, after=60)
    near = left + " " + right
    if PERSONAL_CUES.search(left[-30:]):
        return False
    return bool(BUSINESS_CUES.search(near))


def pii_signal(
    analyzer: str,
    *,
    type: str,
    start: int,
    end: int,
    normalized: str | None,
    reason: str,
    restricted: bool = False,
    confidence: float = 0.9,
) -> Signal:
    return Signal(
        analyzer=analyzer,
        kind="pii",
        start=start,
        end=end,
        value={"type": type, "normalized": normalized},
        confidence=confidence,
        restricted=restricted,
        reason=reason,
    )
