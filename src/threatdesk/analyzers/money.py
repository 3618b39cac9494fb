"""Amounts of money in English and Spanish, including slang.

First version: the common written forms. The intent issue extends it (words for
numbers, "una feria", currencies) and pins it with a table of examples.
"""

from __future__ import annotations

import re

from threatdesk.models import Item, Signal

_UNITS = {
    "k": 1_000, "grand": 1_000, "rack": 1_000, "racks": 1_000, "band": 1_000, "bands": 1_000,
    "stack": 1_000, "stacks": 1_000, "mil": 1_000,
}
_PATTERN = re.compile(
    r"(?<![\w.])(?P<dollar>\$)?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?"
    r"(?P<unit>k|grand|racks?|bands?|stacks?|mil)?(?![\w])"
    r"(?:\s+(?P<cur>d[oó]lares|dollars|usd|pesos|mxn))?",
    re.IGNORECASE,
)


class MoneyAnalyzer:
    name = "money"
    version = 1

    def __call__(self, item: Item) -> list[Signal]:
        signals: list[Signal] = []
        for match in _PATTERN.finditer(item.text):
            unit = (match["unit"] or "").lower()
            if not (match["dollar"] or unit or match["cur"]):
                continue
            amount = float(match["num"].replace(",", "")) * _UNITS.get(unit, 1)
            cur = (match["cur"] or "").lower()
            currency = "MXN" if cur in ("pesos", "mxn") else "USD" if (match["dollar"] or cur) else None
            signals.append(
                Signal(
                    analyzer="money.v1",
                    kind="money",
                    start=match.start(),
                    end=match.end(),
                    value={"amount": int(amount), "currency": currency},
                    confidence=0.9,
                    reason=f"amount of money: {int(amount):,} {currency or '(currency not stated)'}",
                )
            )
        return signals
