"""Risk 0-100 and priority P1-P4, with the itemised reasons that produced them.

Every weight lives in ``WEIGHTS`` and every threshold in ``PRIORITY_THRESHOLDS`` so that
docs/risk.md can quote them and a reviewer can see the whole policy on one screen.
Protected traits (ethnicity, religion, nationality, language, immigration status,
ideology) never appear here: no signal about them exists to be weighed.
"""

from __future__ import annotations

from collections.abc import Sequence

from threatdesk.labels import Label
from threatdesk.models import Reason, Signal

#: Starting risk for each primary label.
LABEL_BASE: dict[Label, int] = {
    Label.SOLICIT_KILL: 70,
    Label.SOLICIT_HARM: 60,
    Label.SOLICIT_INTEL: 50,
    Label.DIRECT_THREAT: 55,
    Label.INCITEMENT: 45,
    Label.DOXXING: 45,
    Label.SURVEILLANCE_REPORT: 40,
    Label.REPORTED_THREAT: 10,
    Label.PROTECTED_SPEECH: 0,
    Label.BENIGN: 0,
}

#: Added on top of the label's base when a signal of this kind is present.
WEIGHTS: dict[str, int] = {
    "money_offered": 10,
    "protectee": 20,
    "restricted_pii": 10,
}

#: Lowest risk for each priority; anything below P3's floor is P4 (record only).
PRIORITY_THRESHOLDS: tuple[tuple[str, int], ...] = (("P1", 80), ("P2", 60), ("P3", 35))


def priority_for(risk: int) -> str:
    for priority, floor in PRIORITY_THRESHOLDS:
        if risk >= floor:
            return priority
    return "P4"


def score(label: Label, signals: Sequence[Signal]) -> tuple[int, list[Reason]]:
    reasons = [Reason("label", f"reads as {label}", LABEL_BASE[label])]
    actionable = LABEL_BASE[label] >= 40
    money = [s for s in signals if s.kind == "money"]
    if actionable and money:
        best = max(money, key=lambda s: s.value["amount"])
        cur = best.value.get("currency") or "(currency not stated)"
        reasons.append(Reason("money_offered", f"offers {best.value['amount']:,} {cur}", WEIGHTS["money_offered"]))
    for sig in signals:
        if sig.kind == "protectee" and actionable:
            reasons.append(Reason("protectee", f"names protectee {sig.value['alias']}", WEIGHTS["protectee"]))
            break
    total = max(0, min(100, sum(r.weight for r in reasons)))
    return total, reasons
