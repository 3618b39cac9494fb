"""Social security numbers, checked for validity with python-stdnum.

The shape alone (three-two-four digits) also fits case, lot and reference numbers, so a
hit must pass stdnum's checks (no area 000, 666 or 9xx, no group 00, no serial 0000), must
not be one of the numbers published as examples, and must not be one digit repeated.

How much context a form needs follows how often it is something else:

- ``AAA-GG-SSSS`` stands alone (unless a code word such as "lot" or "order" precedes it);
- spaced, dotted (``AAA GG SSSS``, ``AAA.GG.SSSS``), wrapped over a line break, or nine bare
  digits need an SSN word within a short window before or after ("SSN", "SS#", "soc sec",
  "social security", "seguro social", "número de seguridad social", "NSS", "his social");
- the half-dashed forms presidio also reads (``AAAGG-SSSS``, ``AAA-GGSSSS``) need the SSN
  word right before them, because ``AAAGG-SSSS`` is also a ZIP+4 code.

Mixed separators ("401-23 8817") are refused, as presidio refuses them. "NSS" in Mexico
names the IMSS number, which has eleven digits: the digit boundaries keep any part of one
from being read as nine.
"""

from __future__ import annotations

import re

from stdnum.us import ssn as stdnum_ssn

from threatdesk.analyzers._pii import pii_signal
from threatdesk.models import Item, Signal

#: One separator: a dash (or a typographic one), a dot, a space, or a line break with the
#: spaces around it (a value wrapped at the end of a line), optionally after a dash or dot,
#: or a dash between two spaces ("401 - 23 - 8817", which is also a subtraction).
_SEP = r"(?:[-\u2010\u2011\u2013.]?[ \t]*\n[ \t]*|[ \t][-\u2010\u2011\u2013][ \t]|[-\u2010\u2011\u2013. ])"
_SSN = re.compile(
    rf"(?<![\w-])(?<!\d[ \t.])(\d{{3}})({_SEP})?(\d{{2}})({_SEP})?(\d{{4}})(?![\w-])(?![ \t.]?\d)"
)
#: Words that name an SSN; also read after the value ("401238817 is his SSN").
_CUE_WORDS = (
    r"(?<!\w)(?:ssns?|ssn\s?#|ss\s?#|ss\s+no\.?|s\.\s?s\.\s?n\.?|soc\.?\s*sec\.?|social\s+sec(?:urity|\.)?|"
    r"seguro\s+social|seguridad\s+social|nss|"
    # "social" alone is slang for the number only when owned ("his social", "the fed's social", "su social es")
    r"(?:his|her|my|your|their|our|su|tu|mi|(?!(?:it|that|what|there|here|he|she|who|let|where|how)['\u2019])\w+['\u2019]s)\s+social(?!\s+(?:media|worker|club|life|circle|"
    r"studies|skills|red|redes|network|security\s+office|security\s+administration)))(?!\w)"
)
_CUE = re.compile(_CUE_WORDS, re.IGNORECASE)
#: The SSN word right before the value, with at most a "number", "is" or colon between.
_TIGHT_CUE = re.compile(
    _CUE_WORDS + r"(?:\s*(?:number|no\.?|n[uú]m(?:ero|\.)?|#))?(?:\s+(?:is|es|was|era))?\s*[:#=]?\s*$",
    re.IGNORECASE,
)
#: Code words that make the number something else when right before it.
_NOT_SSN_CUE = re.compile(
    r"\b(?:lot|order|invoice|case|caso|docket|claim|reference|ref|ticket|tracking|serial|folio|pedido|factura|"
    r"expediente|gu[ií]a|c[oó]digo|staff\s+id|employee\s+id|isbn|account|acct|cuenta|id|routing|aba|"
    r"po|p\.o|model|modelo|part|parte|item|sku|zip|zip\s+code|c\.p|c[oó]digo\s+postal|tel|phone|cel|fax|"
    r"imss|curp|rfc|passport|pasaporte|license|licencia|badge|placa|matr[ií]cula)"
    r"(?:\s*(?:number|no\.?|n[uú]m(?:ero|\.)?|#))?\W{0,3}$",
    re.IGNORECASE,
)
#: Where the words after a value stop being about it (a dot ends a sentence only before a space).
_SENTENCE_END = re.compile(r"[;!?\n]|\.(?:\s|$)")
_BETWEEN_SENTENCES = re.compile(r"[;!]|[.?]\s+\S*[^\W\d_]{3}")
#: Numbers printed in advertisements and documentation; never anyone's.
_EXAMPLES = frozenset({"078051120", "219099999", "457555462", "123456789"})


def _kind(sep: str | None) -> str | None:
    """The separator with its line break folded away: a wrapped value keeps its dash or dot."""
    if sep is None:
        return None
    s = sep.strip(" \t\n")
    return "-" if s in "-\u2010\u2011\u2013" and s else ("." if s == "." else " ")


def _form(first: str | None, second: str | None) -> str | None:
    """"full", "bare", "half" (one dash, as presidio reads it) or None for a mixed shape."""
    a, b = _kind(first), _kind(second)
    if a is None and b is None:
        return "bare"
    if a is not None and a == b:
        return "full"
    if (a is None and b == "-" or b is None and a == "-") and "\n" not in (first or "") + (second or ""):
        return "half"
    return None


def _cue_before(left: str) -> bool:
    """An SSN word shortly before the value, and no sentence ended between them.

    "SSN rules changed in 2026; 401 23 8817 tickets sold" names no SSN; "Soc. Sec. No. 274..."
    does, and "what's his social? 274..." asks for one, so a dot or a question mark ends a
    sentence only before a word.
    """
    ends = [m.end() for m in _CUE.finditer(left)]
    return bool(ends) and not _BETWEEN_SENTENCES.search(left[ends[-1] :])


def _cue_after(text: str, end: int) -> bool:
    """An SSN word shortly after the value, in the same sentence ("401 23 8817 es su seguro social")."""
    right = _SENTENCE_END.split(text[end : end + 35], maxsplit=1)[0]
    return bool(_CUE.search(right))


class SsnAnalyzer:
    name = "pii_ssn"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        found: list[Signal] = []
        for m in _SSN.finditer(text):
            digits = m.group(1) + m.group(3) + m.group(5)
            if (
                digits in _EXAMPLES
                or digits.startswith("98765432")
                or len(set(digits)) == 1
                or not stdnum_ssn.is_valid(digits)
            ):
                continue
            form = _form(m.group(2), m.group(4))
            if form is None:
                continue
            left = text[max(0, m.start() - 40) : m.start()]
            if _NOT_SSN_CUE.search(left):
                continue
            if form == "half":
                cued = bool(_TIGHT_CUE.search(left))
            else:
                cued = _cue_before(left) or _cue_after(text, m.end())
            if not cued and not (form == "full" and len(m.group(2)) == len(m.group(4)) == 1 and _kind(m.group(2)) == "-"):
                continue
            found.append(
                pii_signal(
                    "pii_ssn.v1",
                    type="ssn",
                    start=m.start(),
                    end=m.end(),
                    normalized=f"{digits[:3]}-{digits[3:5]}-{digits[5:]}",
                    restricted=True,
                    confidence=0.95 if cued else 0.8,
                    reason="social security number (valid area, group and serial)"
                    + ("" if cued else ", dashed, with no SSN word near"),
                )
            )
        return found
