"""Social security numbers, checked for validity with python-stdnum.

The shape alone (three-two-four digits) also fits case, lot and reference numbers, so a
hit must pass stdnum's checks (no area 000, 666 or 9xx, no group 00, no serial 0000) and
must not be one of the numbers published as examples.
"""

from __future__ import annotations

import re

from stdnum.us import ssn as stdnum_ssn

from threatdesk.analyzers._pii import pii_signal
from threatdesk.models import Item, Signal

_SSN = re.compile(r"(?<![\w-])(?<!\d\s)(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-])(?!\s?\d)")
_SSN_CUE = re.compile(r"\b(?:ssn|social\s+security|seguro\s+social|s\.s\.n\.?|nss)\b", re.IGNORECASE)
_NOT_SSN_CUE = re.compile(
    r"\b(?:lot|order|invoice|case|claim|reference|ref|ticket|tracking|serial|folio|pedido|factura|"
    r"expediente|gu[ií]a|c[oó]digo|staff\s+id|employee\s+id|isbn|account|cuenta|id)\W{0,3}$",
    re.IGNORECASE,
)
#: Numbers printed in advertisements and documentation; never anyone's.
_EXAMPLES = frozenset({"078051120", "219099999", "457555462", "123456789"})


class SsnAnalyzer:
    name = "pii_ssn"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        found: list[Signal] = []
        for m in _SSN.finditer(text):
            digits = m.group(1) + m.group(3) + m.group(4)
            if digits in _EXAMPLES or digits.startswith("98765432") or not stdnum_ssn.is_valid(digits):
                continue
            left = text[max(0, m.start() - 40) : m.start()]
            if _NOT_SSN_CUE.search(left):
                continue
            if m.group(2) != "-" and not _SSN_CUE.search(left):
                continue
            found.append(
                pii_signal(
                    "pii_ssn.v1",
                    type="ssn",
                    start=m.start(),
                    end=m.end(),
                    normalized=f"{digits[:3]}-{digits[3:5]}-{digits[5:]}",
                    restricted=True,
                    confidence=0.95 if _SSN_CUE.search(left) else 0.8,
                    reason="social security number (valid area, group and serial)",
                )
            )
        return found
