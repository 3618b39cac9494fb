"""Risk 0-100 and priority P1-P4, with the itemised reasons that produced them.

The score is a sum a reader can check by hand: the label's base (``LABEL_BASE``), plus a
weight (``WEIGHTS``) for each thing the signals show, minus the framing cues that make a
text less of a threat, clamped to 0..100. Each term is one ``Reason`` ("offers 10,000 USD
(+25)"), so the queue, the API and the evidence bundle all explain the number the same way.
docs/risk.md quotes these tables and works an example for each priority.

Signals weigh only when the label is actionable (a solicitation, a threat, incitement,
doxxing, surveillance): a news story about a bounty on a protectee names money, a person,
a place and a time too, and it must stay at the bottom of the queue. There the protectee
is still listed, with weight 0, so the analyst sees it.

Protected traits (ethnicity, nationality, religion, language, immigration status,
ideology) never appear here: no analyzer emits a signal about them, no weight names them,
and tests/test_risk.py proves that adding or swapping such words changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from threatdesk.labels import BOUNTY_TIER, Label, is_actionable
from threatdesk.models import Reason, Signal

#: Starting risk for each primary label.
LABEL_BASE: dict[Label, int] = {
    Label.SOLICIT_KILL: 60,
    Label.SOLICIT_HARM: 50,
    Label.SOLICIT_INTEL: 35,
    Label.DIRECT_THREAT: 45,
    Label.INCITEMENT: 40,
    Label.DOXXING: 40,
    Label.SURVEILLANCE_REPORT: 35,
    Label.REPORTED_THREAT: 10,
    Label.PROTECTED_SPEECH: 0,
    Label.BENIGN: 0,
}

#: Every weight, by name. Positive terms need an actionable label; negative ones are the
#: framing cues the intent analyzer reports (they pull a borderline solicitation or threat
#: down rather than hide it).
WEIGHTS: dict[str, int] = {
    # the offer, by its value in US dollars (solicitations only; see MONEY_TIERS)
    "money_under_500": 5,
    "money_500": 10,
    "money_2000": 15,
    "money_10000": 25,
    "money_50000": 30,
    # the act a solicitation pays for (the label already counts; this separates within it)
    "act_killing": 10,
    "act_kidnapping": 8,
    "act_arson": 8,
    "act_ramming": 8,
    "act_assault": 6,
    "act_whereabouts": 5,
    "act_photos": 3,
    "act_information": 3,
    # who and where
    "protectee": 20,
    # where someone can be found at any hour (18 U.S.C. 119: home address, home phone, ...):
    # a place (+5) and a near time (+10) in one, so it weighs as both together
    "restricted_pii": 15,
    "place": 5,
    "time_near": 10,
    "time_this_week": 5,
    # warning behaviours (TRAP-18 proximal), each counted once per item
    "pathway": 10,
    "leakage": 10,
    "last_resort": 10,
    "direct_threat": 5,
    "identification": 10,
    "fixation": 10,
    "energy_burst": 8,
    "weapon": 8,
    # amplification: reposts of the same story (correlation supplies the count)
    "reposts_1": 3,
    "reposts_3": 6,
    "reposts_10": 10,
    # framing cues that lower risk
    "reported_speech": -40,
    "protected_speech_cue": -25,
    "jocular": -20,
    "conditional": -15,
}

#: (lowest amount in USD, weight name), largest first.
MONEY_TIERS: tuple[tuple[int, str], ...] = (
    (50_000, "money_50000"), (10_000, "money_10000"), (2_000, "money_2000"), (500, "money_500"),
    (0, "money_under_500"),
)
#: Rough US dollars per unit, for tiering only; an unstated currency counts as dollars.
USD_PER_UNIT: dict[str | None, float] = {None: 1.0, "USD": 1.0, "MXN": 0.055, "EUR": 1.1, "CAD": 0.72, "GBP": 1.27}

#: (fewest reposts, weight name), largest first.
REPOST_TIERS: tuple[tuple[int, str], ...] = ((10, "reposts_10"), (3, "reposts_3"), (1, "reposts_1"))

#: A time counts as near within this window around the item's time, in hours.
NEAR_HOURS = (-24.0, 36.0)
WEEK_HOURS = 7 * 24.0

#: A behaviour that the label itself already states adds nothing more.
LABEL_IMPLIES: dict[Label, str] = {Label.SOLICIT_INTEL: "pathway", Label.DIRECT_THREAT: "direct_threat"}

#: Lowest risk for each priority; anything below P3's floor is P4 (record only).
PRIORITY_THRESHOLDS: tuple[tuple[str, int], ...] = (("P1", 80), ("P2", 60), ("P3", 35))

#: P1 ("act now") needs corroboration, not just a high sum: someone identifiable at risk
#: (WHO: a protectee, someone's restricted personal data, or the target a solicitation names)
#: and a concrete element of the act (WHAT: money offered, the act paid for, a place, a time
#: within the week, restricted personal data, a weapon, or the pathway and last-resort
#: behaviours: preparation and deadlines). Without both an item stays at the top of P2.
P1_WHO: frozenset[str] = frozenset({"protectee", "restricted_pii", "solicitation_target"})
P1_WHAT: frozenset[str] = frozenset({"money_offered", "solicited_act", "place", "time", "restricted_pii", "weapon",
                                     "behaviour_pathway", "behaviour_last_resort"})

PRIORITY_MEANING = {"P1": "act now", "P2": "today", "P3": "this week", "P4": "record"}

_BEHAVIOUR_TEXT = {
    "pathway": "pathway: research or preparation",
    "leakage": "leakage: intent told to others",
    "last_resort": "last resort: no way out or a deadline",
    "direct_threat": "threat addressed to its target",
    "identification": "identifies with attackers or a warrior role",
    "fixation": "fixation: returns to the same target over time",
    "energy_burst": "energy burst: more messages about the target, faster",
}
_CUE_TEXT = {
    "reported_speech": "reported speech",
    "protected_speech_cue": "political or protest framing",
    "jocular": "joking tone",
    "conditional": "conditional wording",
}


def priority_for(risk: int) -> str:
    for priority, floor in PRIORITY_THRESHOLDS:
        if risk >= floor:
            return priority
    return "P4"


def amplification_reason(repost_count: int) -> Reason | None:
    """The term correlation adds to a story's or case's risk for its reposts, or None for none."""
    for fewest, name in REPOST_TIERS:
        if repost_count >= fewest:
            plural = "s" if repost_count != 1 else ""
            return Reason("amplification", f"reposted {repost_count:,} time{plural}", WEIGHTS[name])
    return None


def _usd(amount: int, currency: str | None) -> float:
    return amount * USD_PER_UNIT.get(currency, 1.0)


def _money_reason(signals: Sequence[Signal]) -> Reason | None:
    offers = []
    for sig in signals:
        if sig.kind == "solicitation":
            offer = (sig.value or {}).get("offer") or {}
            if offer.get("amount"):
                offers.append((int(offer["amount"]), offer.get("currency")))
        elif sig.kind == "money" and sig.value and sig.value.get("amount"):
            offers.append((int(sig.value["amount"]), sig.value.get("currency")))
    if not offers:
        return None
    amount, currency = max(offers, key=lambda o: _usd(*o))
    name = next(n for floor, n in MONEY_TIERS if _usd(amount, currency) >= floor)
    return Reason("money_offered", f"offers {amount:,} {currency or '(currency not stated)'}", WEIGHTS[name])


def _time_reason(signals: Sequence[Signal]) -> Reason | None:
    best: tuple[int, Signal] | None = None
    for sig in signals:
        if sig.kind != "time" or not isinstance(sig.value, dict) or sig.value.get("hours_ahead") is None:
            continue
        hours = float(sig.value["hours_ahead"])
        low = NEAR_HOURS[0] if sig.value.get("grain") == "day" else -3.0
        if low <= hours <= NEAR_HOURS[1]:
            weight = WEIGHTS["time_near"]
        elif 0 < hours <= WEEK_HOURS:
            weight = WEIGHTS["time_this_week"]
        else:
            continue
        if best is None or weight > best[0]:
            best = (weight, sig)
    if best is None:
        return None
    value = best[1].value
    return Reason("time", f"names a time: {value.get('text')!r} ({str(value.get('resolved'))[:16]})", best[0])


def score(
    label: Label, signals: Sequence[Signal], *, repost_count: int = 0
) -> tuple[int, list[Reason]]:
    """Risk 0..100 for one item and the reasons, in the order they were added.

    ``signals`` may include multi-item ones from correlation (``behaviour`` with
    fixation or energy_burst); ``repost_count`` adds the amplification term.
    """
    label = Label(label)
    reasons = [Reason("label", f"reads as {label}", LABEL_BASE[label])]
    actionable = is_actionable(label)
    if not actionable:
        if aliases := _protectees(signals):
            reasons.append(Reason("protectee", f"{_names(aliases)} (not weighed: reads as {label})", 0))
        return _total(reasons), reasons

    if label in BOUNTY_TIER or any(s.kind == "solicitation" for s in signals):
        money = _money_reason(signals)
        if money:
            reasons.append(money)
        acts = [(s.value or {}).get("act") for s in signals if s.kind == "solicitation"]
        act_weights = [(WEIGHTS[f"act_{a}"], a) for a in acts if a and f"act_{a}" in WEIGHTS]
        if act_weights:
            weight, act = max(act_weights)
            reasons.append(Reason("solicited_act", f"pays for {act}", weight))

    if aliases := _protectees(signals):
        reasons.append(Reason("protectee", _names(aliases), WEIGHTS["protectee"]))

    restricted = sorted({_restricted_type(s) for s in signals if s.restricted})
    if restricted:
        reasons.append(Reason("restricted_pii", f"restricted personal data: {', '.join(restricted)}", WEIGHTS["restricted_pii"]))

    place = next((s for s in signals if s.kind == "place" and s.start is not None), None)
    if place is not None:
        reasons.append(Reason("place", f"names a place: {place.value.get('name')}", WEIGHTS["place"]))

    time_reason = _time_reason(signals)
    if time_reason:
        reasons.append(time_reason)

    seen: set[str] = set()
    for sig in signals:
        if sig.kind != "behaviour" or not isinstance(sig.value, dict):
            continue
        behaviour = sig.value.get("behaviour")
        if behaviour in seen or behaviour not in _BEHAVIOUR_TEXT:
            continue
        seen.add(behaviour)
        implied = LABEL_IMPLIES.get(label) == behaviour
        text = f"{_BEHAVIOUR_TEXT[behaviour]} ({sig.value.get('evidence')!r})" + (" (part of the label)" if implied else "")
        reasons.append(Reason(f"behaviour_{behaviour}", text, 0 if implied else WEIGHTS[behaviour]))

    weapons = sorted({(s.value or {}).get("evidence", "") for s in signals if s.kind == "weapon"})
    if weapons:
        reasons.append(Reason("weapon", f"mentions a weapon: {', '.join(weapons)}", WEIGHTS["weapon"]))

    amplification = amplification_reason(repost_count)
    if amplification:
        reasons.append(amplification)

    for kind, text in _CUE_TEXT.items():
        cue = next((s for s in signals if s.kind == kind), None)
        if cue is not None:
            said = (cue.value or {}).get("cue") if isinstance(cue.value, dict) else None
            reasons.append(Reason(kind, f"{text} ({said!r})" if said else text, WEIGHTS[kind]))
    if (gate := _p1_gate(reasons, signals)) is not None:
        reasons.append(gate)
    return _total(reasons), reasons


def _p1_gate(reasons: Sequence[Reason], signals: Sequence[Signal]) -> Reason | None:
    """The term that holds an uncorroborated item below P1 (None when it is corroborated or below P1 anyway).

    Its weight is what brings the sum to one below P1's floor, so the reasons still add up.
    """
    floor = dict(PRIORITY_THRESHOLDS)["P1"]
    total = sum(r.weight for r in reasons)
    if total < floor:
        return None
    codes = {r.code for r in reasons if r.weight > 0}
    if any(s.kind == "solicitation" and isinstance(s.value, dict) and s.value.get("target") for s in signals):
        codes.add("solicitation_target")
    missing = [part for part, needed in (("a named target", P1_WHO), ("a money, act, place or time element", P1_WHAT))
                if not codes & needed]
    if not missing:
        return None
    return Reason("p1_needs_corroboration", f"held below P1 (P1 needs {' and '.join(missing)})", floor - 1 - total)


def _protectees(signals: Sequence[Signal]) -> list[str]:
    aliases: list[str] = []
    for sig in signals:
        if sig.kind == "protectee" and isinstance(sig.value, dict):
            alias = sig.value.get("alias")
            if alias and alias not in aliases:
                aliases.append(alias)
    return aliases


def _names(aliases: Sequence[str]) -> str:
    """One reason for every protectee named: the weight is for naming one, however many."""
    return f"names protectee{'s' if len(aliases) > 1 else ''} {', '.join(aliases)}"


def _restricted_type(signal: Signal) -> str:
    """What kind of restricted data: a PII signal's type, a registry match's field, else the signal kind."""
    value = signal.value if isinstance(signal.value, dict) else {}
    return str(value.get("type") or value.get("matched") or signal.kind)


def _total(reasons: Sequence[Reason]) -> int:
    return max(0, min(100, sum(r.weight for r in reasons)))
