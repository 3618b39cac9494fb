"""The assessor: one item's signals in, one Assessment out.

Analyzers each see the item alone; this is where their signals meet. The intent
analyzer proposes a label with a score for every label; the assessor applies the
rules that need other analyzers' evidence (doxxing, below), then asks ``risk`` for the
score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from threatdesk import hostility, risk
from threatdesk.labels import LABEL_ORDER, Label, severity
from threatdesk.models import Assessment, Item, Reason, Signal

#: PII types that are private whoever holds them, beside the 18 U.S.C. 119 restricted ones.
#: A bare family reference ("his wife") is not among them: it says someone has a family,
#: not who or where they are.
PRIVATE_TYPES = frozenset({"plate", "school", "dob", "ssn"})
#: The writer's own family ("my brother", "mi papá") is not someone else's exposed.
_FIRST_PERSON = re.compile(r"(?i)(?:my|our|mi|mis|nuestr[oa]s?)\s")


def assess(item: Item, signals: Sequence[Signal], *, model_version: str) -> Assessment:
    intent = next((s for s in signals if s.kind == "intent"), None)
    if intent is not None:
        label = Label(intent.value["label"])
        scores = dict(intent.value["scores"])
    else:
        label = Label.BENIGN
        scores = {str(lbl): 0.0 for lbl in LABEL_ORDER}
    extra: list[Reason] = []
    why = doxxing(item.text, signals)
    if why is not None and severity(label) > severity(Label.DOXXING) and label != Label.REPORTED_THREAT:
        label = Label.DOXXING
        scores[str(Label.DOXXING)] = max(scores.get(str(Label.DOXXING), 0.0), 0.9)
        extra.append(Reason("doxxing", why, 0))
    # risk.score weighs everything, restricted personal data included, once; the
    # assessor only adds the doxxing rule's explanation (weight 0: the label carries it).
    total, reasons = risk.score(label, signals)
    reasons = [*reasons, *extra]
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


def doxxing(text: str, signals: Sequence[Signal]) -> str | None:
    """Why this item passes on someone's private information in a hostile way, or None.

    Doxxing is (1) a protectee's own identifiers (their address, phone, e-mail, plate or a
    family member's name), or private data next to a protectee's name; or (2) restricted
    data (18 U.S.C. 119), a plate or a child's school, of anyone, in a hostile context:
    hostile words, a threat, a call to act, where someone lives, unmasking, or restricted
    data about someone in a protected role. An account of doxxing in a news or court frame,
    with no call to act of its own, is reported, not done. A shop's phone in an ad or an
    office's address carries no restricted data and so never counts.
    """
    pii = [s for s in signals if s.kind == "pii"]
    if not pii:
        return None
    cues = hostility.hostile_cues(text)
    if hostility.is_reporting(text) and "call_to_act" not in cues:
        return None
    matches = [s for s in signals if s.kind == "protectee"]
    own = [m for m in matches if m.value["matched"] not in ("name",)]
    if own:
        m = own[0]
        return f"passes on protectee {m.value['alias']}'s {m.value['matched']}"
    private = [s for s in pii if s.restricted or s.value["type"] in PRIVATE_TYPES]
    named = [m for m in matches if m.value["matched"] == "name"]
    if named and private:
        return f"private information ({private[0].value['type']}) beside protectee {named[0].value['alias']}'s name"
    exposed = [
        s for s in pii
        if s.restricted or s.value["type"] in ("plate", "school")
        or (s.value["type"] == "family" and not _FIRST_PERSON.match(s.span_text(text) or ""))
    ]
    if not exposed:
        return None
    types = ", ".join(sorted({s.value["type"] for s in exposed}))
    if cues:
        kind, words = next(iter(cues.items()))
        return f"{types} in a hostile context ({kind.replace('_', ' ')}: {words!r})"
    role = hostility.names_a_role(text)
    home = [s for s in exposed if s.restricted or s.value["type"] == "school"]
    if role and home:
        return f"{types} of someone named by role ({role!r})"
    return None
