"""Assessments encoded for the store: the unit the scan engines' workers hand back.

The workers' half of the bulk write path: the costly JSON encoding happens where the
analysis did, in parallel, and the one writing process only moves strings.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from threatdesk.models import Assessment


class AssessmentRecord(NamedTuple):
    """An assessment as the store writes it, its JSON fields already encoded.

    Workers encode (the costly part of writing) so the single writing process only moves
    strings. The encoding is canonical (sorted keys, UTF-8 kept), which also lets
    ``out_line`` build the ``--out`` line by concatenation.
    """

    item_id: str
    label: str
    risk: int
    priority: str
    scores: str
    reasons: str
    signals: str
    model_version: str
    #: Protectee aliases the assessment's signals match: the store indexes them in item_protectees.
    protectees: tuple[str, ...] = ()


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def encode_assessment(assessment: Assessment) -> AssessmentRecord:
    from threatdesk.protectees import protectee_aliases

    data = assessment.to_json()
    return AssessmentRecord(
        assessment.item_id, data["label"], assessment.risk, assessment.priority,
        _dump(data["scores"]), _dump(data["reasons"]), _dump(data["signals"]), assessment.model_version,
        tuple(protectee_aliases(assessment)),
    )


def decode_assessment(record: AssessmentRecord) -> Assessment:
    """The Assessment back from its encoded record (for the few that alerting needs whole)."""
    return Assessment.from_json({
        "item_id": record.item_id, "label": record.label, "risk": record.risk, "priority": record.priority,
        "scores": json.loads(record.scores), "reasons": json.loads(record.reasons),
        "signals": json.loads(record.signals), "model_version": record.model_version,
    })
