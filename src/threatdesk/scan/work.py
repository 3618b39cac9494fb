"""The unit of work every engine runs: a packed batch of items in, assessment rows out.

All engines, local ones included, call ``analyse_packed`` on the same packed form, so an
analyzer sees exactly the same ``Item`` wherever it runs and the outputs are identical
by construction. Items travel as plain tuples (pickling a tuple of strings is several
times cheaper than pickling a slotted dataclass) and without ``raw``, which repeats the
text: analyzers look at the parsed fields, never at the original line. Results come back
as ``AssessmentRecord`` tuples whose JSON the worker has already encoded, so the one
process that writes the store and the ``--out`` file only moves strings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from threatdesk.models import CONTRACT_VERSION, Attachment, Item, Place
from threatdesk.pipeline import Pipeline
from threatdesk.store.records import AssessmentRecord, encode_assessment

PackedItem = tuple[Any, ...]
Row = AssessmentRecord

_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def pack(item: Item) -> PackedItem:
    place = item.place
    return (
        item.id, item.text, item.content_sha256, item.source, item.external_id, item.author, item.lang,
        item.posted_at, item.received_at,
        None if place is None else (place.name, place.lat, place.lon, place.accuracy_m),
        tuple((a.sha256, a.type, a.size) for a in item.attachments),
    )


def unpack(packed: PackedItem) -> Item:
    (item_id, text, digest, source, external_id, author, lang, posted_at, received_at, place, attachments) = packed
    posted: datetime | None = posted_at
    return Item(
        id=item_id, text=text, content_sha256=digest, source=source, external_id=external_id, author=author,
        lang=lang, posted_at=posted, received_at=received_at,
        place=None if place is None else Place(*place),
        attachments=tuple(Attachment(*a) for a in attachments),
    )


def pack_batch(items: Sequence[Item]) -> list[PackedItem]:
    return [pack(item) for item in items]


def analyse_packed(pipeline: Pipeline, packed: Sequence[PackedItem]) -> list[AssessmentRecord]:
    """Assess each packed item; one encoded assessment per item, in order."""
    return [encode_assessment(pipeline.assess(unpack(p))) for p in packed]


def out_line(r: AssessmentRecord) -> str:
    """The ``--out`` line: ``json.dumps(Assessment.to_json(), sort_keys=True)``, by concatenation.

    The record's JSON parts are already canonical (sorted keys), so joining them in key
    order gives the same bytes as encoding the whole object, at a fraction of the cost.
    """
    return (
        f'{{"contract": {CONTRACT_VERSION}, "item_id": {_dumps(r.item_id)}, "label": {_dumps(r.label)}, '
        f'"model_version": {_dumps(r.model_version)}, "priority": {_dumps(r.priority)}, "reasons": {r.reasons}, '
        f'"risk": {r.risk}, "scores": {r.scores}, "signals": {r.signals}}}\n'
    )


def stored_out_line(row: Mapping[str, Any]) -> str:
    """The ``--out`` line of an assessment read back from the store (JSON decoded)."""
    return out_line(
        AssessmentRecord(
            row["item_id"], row["label"], row["risk"], row["priority"],
            _dumps(row["scores"]), _dumps(row["reasons"]), _dumps(row["signals"]), row["model_version"],
        )
    )
