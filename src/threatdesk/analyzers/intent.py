"""The primary-label classifier: threat indicators for human review, with their spans.

Rules read the parts that must be exact (an offer of money, a harm act, a target, terms,
reported-speech, hearsay, official and protest frames); a linear model over hashed n-grams,
those rule features and multilingual subword embeddings (English and Spanish in one space)
weighs them into a score for every label; guards lower the score of jocular and protest
framing, hold back an actionable label whose scores together stay under a threshold, and
set the bounty tier from the most severe act named. The output is a set of
indicators for an analyst, never a finding that a text is a "true threat" in law.

Signals, all from ``intent.v1``:

- ``intent`` (item-level): ``{"label", "scores"}``, the shape assess.py reads.
- ``solicitation`` (spanning the offer and the act): offer, act, target, terms.
- ``intent_cue``: ``{"cue", "class"}`` for each act, threat, call, watching or offer cue.
- ``reported_speech``, ``protected_speech_cue``, ``conditional``, ``jocular``: ``{"cue"}``.
"""

from __future__ import annotations

from threatdesk.intent.engine import Decision, IntentEngine
from threatdesk.models import Item, Signal

NAME = "intent.v1"

#: Cue classes shown as ``intent_cue`` spans, with the words an analyst reads.
_SHOWN = {
    "kill": "killing", "assault": "assault", "kidnap": "kidnapping or capture", "ramming": "ramming",
    "arson": "arson", "intel": "information about a person", "offer": "offer or reward",
    "first_person_threat": "speaker's own threat", "incite": "call on others to harm",
    "surveil": "watching or following", "dox_frame": "hostile frame for personal data",
    "lawful_money": "lawful reward, bail, prize or bug bounty", "game": "sports or game context",
}
_FRAMES = {
    "reported": ("reported_speech", "reported or attributed speech"),
    "protected": ("protected_speech_cue", "protest, criticism or lawful call"),
    "jocular": ("jocular", "jocular framing"),
}
_WORDING = {
    "solicit_kill": "indicators of a paid call to kill (bounty tier 3)",
    "solicit_harm": "indicators of a paid call to harm (bounty tier 2)",
    "solicit_intel": "indicators of paying for a person's information (bounty tier 1)",
    "direct_threat": "indicators of the speaker's own threat",
    "incitement": "indicators of a call on others to harm",
    "doxxing": "indicators of publishing a person's private information",
    "surveillance_report": "indicators of watching or following that can enable targeting",
    "reported_threat": "reporting about a threat, not the threat itself",
    "protected_speech": "criticism, protest or hyperbole (not escalated)",
    "benign": "no threat indicators",
}


class IntentAnalyzer:
    name = "intent"
    version = 1

    def __init__(self) -> None:
        self.engine = IntentEngine()
        self.model_version = self.engine.version

    def __call__(self, item: Item) -> list[Signal]:
        return signals_for(self.engine.classify(item.text))


def signals_for(decision: Decision) -> list[Signal]:
    reading = decision.reading
    text = reading.text
    cues: list[Signal] = []
    for cls, words in _SHOWN.items():
        for start, end, _ in reading.hits.get(cls, ())[:3]:
            cues.append(Signal(NAME, "intent_cue", f"{words}: {text[start:end]!r}", start, end, {"cue": text[start:end], "class": cls}, 0.6))
    for cls, (kind, words) in _FRAMES.items():
        for start, end, _ in reading.hits.get(cls, ())[:3]:
            cues.append(Signal(NAME, kind, f"{words}: {text[start:end]!r}", start, end, {"cue": text[start:end]}, 0.6))
    act_like = any(reading.hits.get(c) for c in ("kill", "assault", "kidnap", "ramming", "arson", "first_person_threat", "incite"))
    if act_like:
        for start, end, _ in reading.hits.get("conditional", ())[:2]:
            cues.append(Signal(NAME, "conditional", f"conditional framing: {text[start:end]!r}", start, end, {"cue": text[start:end]}, 0.5))
    cues.sort(key=lambda s: (s.start or 0, s.kind))
    out: list[Signal] = []
    sol = decision.solicitation
    if sol is not None:
        v = sol.value()
        offer = f"{sol.amount:,} {sol.currency or ''}".strip() if sol.amount is not None else (sol.kind or "something of value")
        out.append(Signal(
            NAME, "solicitation",
            f"offer of {offer} for {sol.act or 'an unnamed act'} against {sol.target or 'an unnamed target'}"
            + (f"; terms: {', '.join(sol.terms)}" if sol.terms else ""),
            sol.start, sol.end, v, 0.8,
        ))
    top = sorted(decision.scores.items(), key=lambda kv: -kv[1])[:3]
    shown = ", ".join(f"{text[s.start:s.end]!r}" for s in cues[:4] if s.start is not None)
    reason = f"{_WORDING[decision.label]}" + (f"; cues {shown}" if shown else "")
    if decision.notes:
        reason += "; " + "; ".join(decision.notes)
    intent = Signal(
        NAME, "intent", reason, None, None,
        {"label": decision.label, "scores": {k: round(v, 4) for k, v in decision.scores.items()}},
        round(top[0][1], 4),
    )
    return [intent, *out, *cues]
