"""Normalised forms of a protectee's identifiers, shared by enrolment and matching.

Both sides of a lookup must produce byte-identical strings before the HMAC, so every
normaliser lives here (or is imported from the PII analyzer that extracts that value).
Names are folded (case, accents, punctuation, titles) and also get a phonetic key, built
from metaphone after a Spanish-aware spelling fold, so "Quiñonez", "Kinones" and
"Quiñones" meet, and so do "Whitfeild" and "Whitfield".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

from threatdesk.analyzers.pii_address import normalize_address
from threatdesk.analyzers.pii_email import normalize_email
from threatdesk.analyzers.pii_phone import normalize_phone
from threatdesk.analyzers.pii_plate import normalize_plate

__all__ = [
    "TITLES",
    "fold",
    "name_tokens",
    "normalize_address",
    "normalize_email",
    "normalize_phone",
    "normalize_plate",
    "phonetic",
]

#: Titles and honorifics dropped from names before fingerprinting ("Officer Whitfield" → "whitfield").
TITLES = frozenset(
    ["officer", "ofc", "agent", "agente", "judge", "juez", "jueza", "sgt", "sergeant", "sargento", "alderperson", "alderman", "alderwoman", "ald", "deputy", "det", "detective", "lt", "lieutenant", "teniente", "capt", "captain", "capitan", "chief", "comandante", "commander", "dr", "mr", "mrs", "ms", "miss", "don", "dona", "lic", "licenciado", "licenciada", "oficial", "policia", "marshal", "trooper", "sheriff", "inspector", "supervisor", "commissioner", "fiscal", "senor", "senora", "sra", "sr", "hon", "honorable"]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Quiñones-Bautista" → "quinones-bautista"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_tokens(name: str) -> list[str]:
    """Folded words of a name with titles removed; hyphens and initials' dots split words."""
    return [w for w in _WORD.findall(fold(name)) if w not in TITLES]


_SPANISH_FOLDS = (
    (re.compile(r"qu(?=[ei])"), "k"),
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"c(?=[ei])"), "s"),
    (re.compile(r"z"), "s"),
    (re.compile(r"ll"), "y"),
    (re.compile(r"v"), "b"),
    (re.compile(r"^h"), ""),
)


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """A sound key for one folded word: metaphone after folding Spanish spellings that sound alike."""
    word = token
    for pattern, repl in _SPANISH_FOLDS:
        word = pattern.sub(repl, word)
    return jellyfish.metaphone(word) if word else ""
