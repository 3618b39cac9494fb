"""Builders for export and retention tests: scanned items, cases written straight into the
tables (the case workflow module is someone else's), users, and the personal-data signals
the pii and protectee analyzers will produce once they land."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.helpers import write_jsonl
from threatdesk.models import Signal, now_utc
from threatdesk.scan import scan
from threatdesk.store import Store, schema

#: Store-independent behaviour: one store is enough.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

PHONE = "312-555-0142"
EMAIL = "tall.agent@example.com"
STREET = "1400 W Larkspur Ct"

#: Invented messages, English and Spanish; ids are the external ids.
RECORDS: list[dict[str, Any]] = [
    {"id": "kill-en", "source": "telegram", "author": "@redline77", "posted_at": "2026-10-02T14:00:00Z",
     "text": f"green light on the chief, 50 bands when it's done. he lives at {STREET}, call {PHONE}",
     "place": "Pilsen", "lat": 41.8565, "lon": -87.6562},
    {"id": "intel-es", "source": "telegram", "author": "@halcon_sur", "posted_at": "2026-10-03T09:30:00Z",
     "text": f"Pago 5 mil por fotos de la casa del agente alto, escribe a {EMAIL}"},
    {"id": "news-en", "source": "news", "author": "@citydesk", "posted_at": "2026-10-04T08:00:00Z",
     "text": "Prosecutors say the man offered $10,000 for the agent's killing, court records show"},
    {"id": "protest-en", "source": "tipline", "author": None, "posted_at": "2026-10-05T12:00:00Z",
     "text": "ICE out of Chicago! Shut it down! March at noon from Union Park"},
    {"id": "game-es", "source": "telegram", "author": "@futbolero", "posted_at": "2026-10-06T20:00:00Z",
     "text": "Ganamos 3-1 la final de la liga, buen partido a todos"},
]


#: The label TAXONOMY.md gives each record. Pinned after the scan so that these tests do
#: not depend on how well today's classifier reads them.
LABELS = {"kill-en": "solicit_kill", "intel-es": "solicit_intel", "news-en": "reported_threat",
          "protest-en": "protected_speech", "game-es": "benign", "game-en": "benign", "recent-es": "benign"}


def scan_records(store: Store, tmp_path: Path, records: Sequence[dict[str, Any]] = RECORDS) -> dict[str, str]:
    """Scan the records into the store, pin their labels; returns external id -> item id."""
    path = write_jsonl(tmp_path / f"in-{len(list(tmp_path.iterdir()))}.jsonl", list(records))
    scan([str(path)], store)
    i, a = schema.items, schema.assessments
    with store.transaction() as conn:
        ids = {r[0]: r[1] for r in conn.execute(sa.select(i.c.external_id, i.c.id))}
        for external_id, label in LABELS.items():
            if external_id in ids:
                conn.execute(a.update().where(a.c.item_id == ids[external_id]).values(label=label))
    return ids


def pii_signal(text: str, needle: str, pii_type: str, *, restricted: bool = True) -> dict[str, Any]:
    start = text.index(needle)
    return Signal(analyzer="pii.v1", kind="pii", reason=f"{pii_type} number" if pii_type == "phone" else pii_type,
                  start=start, end=start + len(needle), value={"type": pii_type, "normalized": needle},
                  confidence=0.95, restricted=restricted).to_json()


def add_signals(store: Store, item_id: str, signals: list[dict[str, Any]]) -> None:
    """Append signals to a stored assessment, as a later analyzer would have written them."""
    a = schema.assessments
    with store.transaction() as conn:
        current = conn.execute(sa.select(a.c.signals).where(a.c.item_id == item_id)).scalar_one()
        conn.execute(a.update().where(a.c.item_id == item_id).values(signals=[*current, *signals]))


def add_personal_data(store: Store, ids: dict[str, str]) -> None:
    """The pii / protectee signals the analyzers of issues 3 and 4 will find in RECORDS."""
    kill, intel = RECORDS[0]["text"], RECORDS[1]["text"]
    add_signals(store, ids["kill-en"], [
        pii_signal(kill, STREET, "address"), pii_signal(kill, PHONE, "phone"),
        Signal(analyzer="protectee.v1", kind="protectee", reason="protectee matched by role", start=kill.index("the chief"),
               end=kill.index("the chief") + 9, value={"alias": "PROTECTEE-0042", "matched": "name"}).to_json(),
        Signal(analyzer="places.v1", kind="place", reason="neighbourhood", start=None, end=None,
               value={"name": "Pilsen", "kind": "neighbourhood", "lat": 41.8565, "lon": -87.6562}).to_json(),
    ])
    add_signals(store, ids["intel-es"], [
        pii_signal(intel, EMAIL, "email"),
        Signal(analyzer="solicitation.v1", kind="solicitation", reason="pays for photos", value={
            "offer": {"amount": 5000, "currency": None, "kind": "cash"}, "act": "photos", "target": "agente alto",
            "terms": ["fotos"]}).to_json(),
    ])
    with store.transaction() as conn:
        conn.execute(schema.item_protectees.insert(), [{"item_id": ids["kill-en"], "alias": "PROTECTEE-0042"}])


def make_case(store: Store, item_ids: Sequence[str], *, title: str = "Bounty on the chief", status: str = "new",
              close_reason: str | None = None, notes: Sequence[tuple[str, str]] = ()) -> int:
    now = now_utc()
    with store.transaction() as conn:
        case_id = int(conn.execute(schema.cases.insert().values(
            title=title, status=status, close_reason=close_reason, priority="P1", risk=90, assignee="analyst1",
            created_at=now, updated_at=now)).inserted_primary_key[0])
        for item_id in item_ids:
            conn.execute(schema.case_items.insert().values(case_id=case_id, item_id=item_id, added_at=now))
        for author, text in notes:
            conn.execute(schema.case_notes.insert().values(case_id=case_id, author=author, text=text, created_at=now))
    return case_id


def add_user(store: Store, username: str, role: str) -> None:
    with store.transaction() as conn:
        conn.execute(schema.users.insert().values(username=username, password_hash="x", role=role, created_at=now_utc()))


def age_items(store: Store, item_ids: Sequence[str], days: int) -> None:
    """Pretend these items were received ``days`` ago."""
    when = datetime.now(UTC) - timedelta(days=days)
    with store.transaction() as conn:
        conn.execute(schema.items.update().where(schema.items.c.id.in_(list(item_ids))).values(received_at=when))
