"""Retention purges exactly what its rules select, tombstones each purge, and a dry run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.export.helpers import RECORDS, age_items, make_case, scan_records
from threatdesk import audit, retention
from threatdesk.errors import ConfigError, UsageError
from threatdesk.store import Store, schema

EXTRA = [
    {"id": "game-en", "source": "forum", "author": "@coach", "text": "Rivera's team took them down 3-1 in the rec league final"},
    {"id": "recent-es", "source": "forum", "author": "@vecina", "text": "Nos vemos en la práctica el martes"},
]


@pytest.fixture
def ids(store: Store, tmp_path: Path) -> dict[str, str]:
    found = scan_records(store, tmp_path, [*RECORDS, *EXTRA])
    age_items(store, [v for k, v in found.items() if k != "recent-es"], days=400)
    make_case(store, [found["kill-en"]], title="Closed as unfounded", status="closed", close_reason="unfounded")
    make_case(store, [found["intel-es"], found["protest-en"]], title="Open case", status="triage")
    make_case(store, [found["game-en"]], title="Closed as actioned", status="closed", close_reason="actioned")
    return found


#: external id -> the rule that purges it (absent: kept, and why).
EXPECTED = {"kill-en": "unfounded", "news-en": "non_actionable", "game-es": "non_actionable"}
KEPT = {"intel-es": "in an open case", "protest-en": "non-actionable but in an open case",
        "game-en": "non-actionable but in a case closed as actioned", "recent-es": "too recent"}


def counts(store: Store) -> tuple[int, int, int]:
    return store.count(schema.items), store.count(schema.assessments), store.count(schema.audit_events)


def labels(store: Store) -> dict[str, str]:
    i, a = schema.items, schema.assessments
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(i.c.external_id, a.c.label).join(a, a.c.item_id == i.c.id)).all())


def test_the_fixture_labels_are_what_the_rules_assume(store: Store, ids: dict[str, str]) -> None:
    got = labels(store)
    assert got["news-en"] == "reported_threat" and got["protest-en"] == "protected_speech"
    assert got["game-es"] == got["game-en"] == got["recent-es"] == "benign"


def test_a_dry_run_counts_and_changes_nothing(store: Store, ids: dict[str, str]) -> None:
    before = counts(store)
    report = retention.apply(store, days=30, dry_run=True)
    assert report.to_json()["purged"] == {"unfounded": 1, "non_actionable": 2}
    assert {i for v in report.item_ids.values() for i in v} == {ids[k] for k in EXPECTED}
    assert counts(store) == before


def test_apply_purges_exactly_the_right_items_and_tombstones_each(store: Store, ids: dict[str, str]) -> None:
    texts = {r["id"]: r["text"] for r in [*RECORDS, *EXTRA]}
    report = retention.apply(store, days=30)
    assert report.to_json()["purged"] == {"unfounded": 1, "non_actionable": 2}
    assert set(labels(store)) == set(KEPT)
    i = schema.items
    with store.engine.connect() as conn:
        assert set(conn.execute(sa.select(i.c.external_id)).scalars()) == set(KEPT)
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.case_items)).scalar_one() == 3
        tombstones = list(audit.events(conn, action="retention.purge"))
        (summary,) = audit.events(conn, action="retention.apply")
        assert audit.verify(conn) is None
    assert {t.object_id: t.after["rule"] for t in tombstones} == {ids[k]: rule for k, rule in EXPECTED.items()}
    for t in tombstones:
        assert len(t.before["content_sha256"]) == 64 and len(t.before["raw_sha256"]) == 64
        dumped = json.dumps(t.to_json(), ensure_ascii=False)
        assert not [w for w in texts[next(k for k, v in ids.items() if v == t.object_id)].split() if len(w) > 4 and w in dumped]
    assert summary.after["total"] == 3
    assert retention.apply(store, days=30).to_json()["total"] == 0


def test_the_period_comes_from_the_option_then_the_environment(store: Store, ids: dict[str, str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert retention.apply(store, dry_run=True).days == retention.DEFAULT_DAYS
    monkeypatch.setenv(retention.ENV, "500")
    assert retention.apply(store, dry_run=True).to_json()["total"] == 0
    assert retention.apply(store, days=30, dry_run=True).to_json()["total"] == 3
    monkeypatch.setenv(retention.ENV, "a year")
    with pytest.raises(ConfigError, match="THREATDESK_RETENTION_DAYS"):
        retention.apply(store, dry_run=True)
    with pytest.raises(UsageError):
        retention.apply(store, days=0)
