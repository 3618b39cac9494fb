"""The primary labels of TAXONOMY.md, in order of severity.

Order matters: an item gets the most severe label that applies, so every ranking and
tie-break in the project reads it from here rather than from a copy.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    SOLICIT_KILL = "solicit_kill"
    SOLICIT_HARM = "solicit_harm"
    SOLICIT_INTEL = "solicit_intel"
    DIRECT_THREAT = "direct_threat"
    INCITEMENT = "incitement"
    DOXXING = "doxxing"
    SURVEILLANCE_REPORT = "surveillance_report"
    REPORTED_THREAT = "reported_threat"
    PROTECTED_SPEECH = "protected_speech"
    BENIGN = "benign"


#: Most severe first; the index is the severity rank used for tie-breaks.
LABEL_ORDER: tuple[Label, ...] = tuple(Label)

ACTIONABLE: frozenset[Label] = frozenset(LABEL_ORDER[:7])

#: Bounty tiers: 3 for killing, 2 for other harm, 1 for information.
BOUNTY_TIER: dict[Label, int] = {
    Label.SOLICIT_KILL: 3,
    Label.SOLICIT_HARM: 2,
    Label.SOLICIT_INTEL: 1,
}


def severity(label: Label | str) -> int:
    """Rank of a label: 0 is the most severe."""
    return LABEL_ORDER.index(Label(label))


def most_severe(labels: list[Label]) -> Label:
    return min(labels, key=severity) if labels else Label.BENIGN


def is_actionable(label: Label | str) -> bool:
    return Label(label) in ACTIONABLE
