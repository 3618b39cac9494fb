"""The primary-label classifier (first version: keyword rules).

The intent issue replaces this with rules for offers, acts and targets, guards for
reported and protected speech, and a shipped model. The signal shape stays: one
``intent`` signal per item whose value holds the label and a score for every label.
"""

from __future__ import annotations

import re

from threatdesk.analyzers.money import MoneyAnalyzer
from threatdesk.labels import LABEL_ORDER, Label
from threatdesk.models import Item, Signal

_KILL = re.compile(r"\b(kill|smoke|put .{0,10} to sleep|green light|bajar|darle piso|matar|quebrar)\b", re.I)
_HARM = re.compile(r"\b(beat|hurt|assault|kidnap|levant\w*|calentar|golpear)\b", re.I)
_INTEL = re.compile(r"\b(address|where .{0,20} (lives|sleeps)|d[oó]nde vive|pics|photos|fotos|ubica\w*)\b", re.I)
_REPORTED = re.compile(r"\b(allegedly|prosecutors|according to|seg[uú]n|presuntamente|police said)\b", re.I)
_THREAT = re.compile(r"\b(i('m| am)? (going to|gonna|will) (kill|hurt|find)|te vamos a|te voy a)\b", re.I)


class IntentAnalyzer:
    name = "intent"
    version = 1
    model_version = "rules-0"

    def __init__(self) -> None:
        self._money = MoneyAnalyzer()

    def __call__(self, item: Item) -> list[Signal]:
        text = item.text
        scores = dict.fromkeys((str(label) for label in LABEL_ORDER), 0.0)
        offer = bool(self._money(item))
        if _REPORTED.search(text) and (offer or _KILL.search(text) or _HARM.search(text)):
            label = Label.REPORTED_THREAT
        elif offer and _KILL.search(text):
            label = Label.SOLICIT_KILL
        elif offer and _HARM.search(text):
            label = Label.SOLICIT_HARM
        elif offer and _INTEL.search(text):
            label = Label.SOLICIT_INTEL
        elif _THREAT.search(text):
            label = Label.DIRECT_THREAT
        else:
            label = Label.BENIGN
        scores[str(label)] = 1.0
        return [
            Signal(
                analyzer="intent.v1",
                kind="intent",
                value={"label": str(label), "scores": scores},
                confidence=1.0,
                reason=f"reads as {label} (keyword rules)",
            )
        ]
