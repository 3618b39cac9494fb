"""The structured reading of a solicitation: offer, act, target, terms.

Built from the cue spans of one ``Reading``: what is offered (an amount and currency, or
crypto, gift cards, drugs, a favour), for which act (information, whereabouts or photos;
assault, kidnapping, ramming, arson; killing), against whom (a name, a role, a pronoun),
and on what terms ("if u", "when it's done", "con pruebas", "half up front").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from threatdesk.intent.features import Reading

#: The most severe act named wins: a message that asks for an address *and* a killing
#: is read as a killing.
_ACT_ORDER = (("kill", "killing"), ("kidnap", "kidnapping"), ("arson", "arson"), ("ramming", "ramming"), ("assault", "assault"))
_PHOTOS = re.compile(r"pics?|photos?|pictures?|fotos?|fotograf", re.IGNORECASE)
_WHERE = re.compile(r"address|addy|where|whereabouts|location|locate|crib|house|home|direcci|domicilio|d[oó]nde|ubica|casa|vive", re.IGNORECASE)
_SPLIT = re.compile(
    r"\b(?:half|rest|now|after|later|up ?front|before|then|another|mitad|resto|ahorita|ahora|antes|"
    r"despu[eé]s|adelantado|al final|otros?|otras?)\b",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(r"\s+((?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’]+)(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’]+)?)")

Span = tuple[int, int]


@dataclass(slots=True)
class Solicitation:
    amount: int | None = None
    currency: str | None = None
    kind: str | None = None
    act: str | None = None
    target: str | None = None
    terms: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def value(self) -> dict[str, Any]:
        return {
            "offer": {"amount": self.amount, "currency": self.currency, "kind": self.kind},
            "act": self.act,
            "target": self.target,
            "terms": list(self.terms),
        }

    @property
    def start(self) -> int | None:
        return min(s for s, _ in self.spans) if self.spans else None

    @property
    def end(self) -> int | None:
        return max(e for _, e in self.spans) if self.spans else None


def offered_amount(reading: Reading) -> tuple[int | None, str | None, list[Span]]:
    """The amount on the table: the total when payment is split ("half now, half after"), else the largest."""
    amounts = reading.amounts
    if not amounts:
        return None, None, []
    if len(amounts) > 1 and _SPLIT.search(reading.text):
        same = [a for a in amounts if a.currency == amounts[0].currency]
        return sum(a.amount for a in same), amounts[0].currency, [(a.start, a.end) for a in same]
    best = max(amounts, key=lambda a: (a.currency in (None, "USD"), a.amount))
    return best.amount, best.currency, [(best.start, best.end)]


def read_solicitation(reading: Reading) -> Solicitation | None:
    """The reading, or None when nothing of value is offered for anything."""
    hits = reading.hits
    if not (reading.paid or hits.get("offer")):
        return None
    sol = Solicitation()
    sol.amount, sol.currency, spans = offered_amount(reading)
    sol.spans.extend(spans)
    if hits.get("offer_crypto"):
        sol.kind = "crypto"
    elif hits.get("offer_gift"):
        sol.kind = "gift_card"
    elif reading.amounts or reading.vague:
        sol.kind = "cash"
    elif hits.get("offer_drugs"):
        sol.kind = "drugs"
    elif hits.get("offer_favour"):
        sol.kind = "favour"
    for start, end, _ in reading.vague:
        sol.spans.append((start, end))
    for cue, act in _ACT_ORDER:
        if cue == "kill" and hits.get("negated_kill"):
            continue
        if hits.get(cue):
            sol.act = act
            sol.spans.append(hits[cue][0][:2])
            break
    else:
        if hits.get("intel"):
            start, end, found = hits["intel"][0]
            sol.act = "photos" if _PHOTOS.search(found) else "whereabouts" if _WHERE.search(found) else "information"
            sol.spans.append((start, end))
    sol.target = _target(reading)
    sol.terms = list(dict.fromkeys(reading.text[s:e].strip() for s, e, _ in hits.get("terms", ())))
    if sol.act is None and sol.target is None and not (hits.get("offer") and reading.amounts):
        return None  # money with neither an act, a target nor an offer: not a reading of anything
    return sol


def _target(reading: Reading) -> str | None:
    text = reading.text
    roles = reading.hits.get("target_role")
    if roles:
        start, end, _ = max(roles, key=lambda h: h[1] - h[0])
        name = _NAME_AFTER.match(text, end)
        if name:
            end = name.end()
        return text[start:end]
    pronouns = reading.hits.get("target_pronoun")
    if pronouns:
        start, end, _ = pronouns[0]
        return text[start:end]
    return None
