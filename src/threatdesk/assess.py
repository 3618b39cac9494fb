"""The assessor: one item's signals in, one Assessment out.

Analyzers each see the item alone; this is where their signals meet. The intent
analyzer proposes a label with a score for every label; the assessor applies the
rules that need other analyzers' evidence, then asks ``risk`` for the score.
"""

from __future__ import annotations

from collections.abc import Sequence

from threatdesk import risk
from threatdesk.labels import LABEL_ORDER, Label
from threatdesk.models import Assessment, Item, Signal


def assess(item: Item, signals: Sequence[Signal], *, model_version: str) -> Assessment:
    intent = next((s for s in signals if s.kind == "intent"), None)
    if intent is not None:
        label = Label(intent.value["label"])
        scores = dict(intent.value["scores"])
    else:
        label = Label.BENIGN
        scores = {str(lbl): 0.0 for lbl in LABEL_ORDER}
    total, reasons = risk.score(label, signals)
    return Assessment(
        item_id=item.id,
        label=label,
        scores=scores,
        risk=total,
        priority=risk.priority_for(total),
        reasons=tuple(reasons),
        signals=tuple(signals),
        model_version=model_version,
    )
