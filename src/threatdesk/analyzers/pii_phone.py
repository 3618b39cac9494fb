"""US and Mexican phone numbers, normalised to E.164 with the phonenumbers library.

A cheap regular expression finds candidates (NANP 3-3-4 and Mexican 2-4-4 groupings, with
+1 / +52 / +52 1 / 044 / 045 prefixes); phonenumbers then decides whether each is a real
number for its region. Older Mexican mobile prefixes (044, 045, the "1" after +52) are
dropped first, because the current numbering plan no longer dials them. Numbers after
"order", "case", "folio" and the like are reference numbers, not phones.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from threatdesk.analyzers._pii import looks_business, pii_signal
from threatdesk.models import Item, Signal

_SEP = r"[\s.\-/]?"
_PHONE = re.compile(
    r"(?<![\w+/.\-])"
    r"(?P<prefix>\+?1[\s.\-]?|\+52[\s.\-]?(?:1[\s.\-])?|0(?:44|45)[\s.\-]?)?"
    r"(?:"
    r"(?P<nanp>(?:\(\d{3}\)\s?|\d{3}" + _SEP + r")\d{3}[\s.\-]?\d{4})"
    r"|(?P<mx>(?:\(\d{2}\)\s?|\d{2}[\s.\-]?)\d{4}[\s.\-]?\d{4})"
    r")"
    r"(?![\w/\-]|\.\d)"
)
_DIGITS = re.compile(r"\d")
_MX_SHAPE = re.compile(r"^\(?\d{2}\)?[\s.\-]?\d{4}[\s.\-]?\d{4}$")
_NOT_PHONE_CUE = re.compile(
    r"\b(?:order|invoice|case|claim|reference|ref|ticket|tracking|serial|folio|pedido|factura|"
    r"expediente|gu[ií]a|lot|isbn|account|cuenta|no\.|n[uú]m\.?)\W{0,3}#?$",
    re.IGNORECASE,
)
_FAX = re.compile(r"\bfax\b", re.IGNORECASE)


@lru_cache(maxsize=16384)
def normalize_phone(raw: str) -> str | None:
    """E.164 for a US or Mexican number, or None when it is not a valid number of either."""
    digits = "".join(_DIGITS.findall(raw))
    stripped = raw.strip()
    candidates: list[tuple[str, str]] = []
    if stripped.startswith("+52") or (digits.startswith(("044", "045")) and len(digits) == 13):
        national = digits[2:] if stripped.startswith("+52") else digits[3:]
        if len(national) == 11 and national.startswith("1"):
            national = national[1:]
        candidates.append((national, "MX"))
    elif stripped.startswith("+1") or (len(digits) == 11 and digits.startswith("1")):
        candidates.append((digits[1:], "US"))
    elif len(digits) == 10:
        # A 2-4-4 grouping is how Mexican numbers are written; 3-3-4 (or none) is NANP's.
        mexican_shape = _MX_SHAPE.match(stripped) is not None
        candidates.extend([(digits, "MX"), (digits, "US")] if mexican_shape else [(digits, "US"), (digits, "MX")])
    for national, region in candidates:
        if len(national) != 10:
            continue
        try:
            number = phonenumbers.parse(national, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


@lru_cache(maxsize=16384)
def _toll_free(e164: str) -> bool:
    return phonenumbers.number_type(phonenumbers.parse(e164)) == phonenumbers.PhoneNumberType.TOLL_FREE


class PhoneAnalyzer:
    name = "pii_phone"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        return list(scan_phones(item.text))


@lru_cache(maxsize=256)
def scan_phones(text: str) -> tuple[Signal, ...]:
    """Every match in ``text`` (cached: the protectee analyzer asks again for the same text)."""
    found: list[Signal] = []
    for m in _PHONE.finditer(text):
        e164 = normalize_phone(m.group())
        if e164 is None:
            continue
        if _NOT_PHONE_CUE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        business = _toll_free(e164) or looks_business(text, m.start(), m.end())
        fax = bool(_FAX.search(text[max(0, m.start() - 20) : m.start()]))
        country = "Mexican" if e164.startswith("+52") else "US"
        found.append(
            pii_signal(
                "pii_phone.v1",
                type="phone",
                start=m.start(),
                end=m.end(),
                normalized=e164,
                restricted=not business,
                confidence=0.95,
                reason=f"{country} {'fax' if fax else 'phone'} number {e164}"
                + (" (business or toll-free)" if business else ""),
            )
        )
    return tuple(found)
