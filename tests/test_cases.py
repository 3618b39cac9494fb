from __future__ import annotations

import pytest

from threatdesk import audit, cases
from threatdesk.errors import ConflictError, UsageError
from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema

TEXTS = [
    "green light on the chief, 50 bands when it's done",
    "2k to whoever gets me pics of where the tall agent sleeps",
    "Pago 5 mil al que levante al jefe de la migra",
    "Rivera's team took them down 3-1 in the rec league final",
]


@pytest.fixture
def items(store: Store) -> list[str]:
    made = [Item.from_text(t, author=f"@a{n}") for n, t in enumerate(TEXTS)]
    store.write_batch(made, Pipeline().assess_many(made))
    return [i.id for i in made]


def test_case_takes_priority_and_due_time_from_its_worst_item(store: Store, items: list[str]) -> None:
    with store.transaction() as conn:
        case_id = cases.create(conn, title="chief", item_ids=items[:2], actor="a1")
        case = cases.get(conn, case_id)
    assert case.priority == "P1" and case.status == "new" and case.due_at is not None
    assert set(case.item_ids) == set(items[:2])


@pytest.mark.parametrize(
    ("path", "role", "ok"),
    [
        (["triage", "escalated", "referred"], "supervisor", True),
        (["triage"], "analyst", True),
        (["triage", "escalated"], "analyst", False),
        (["escalated"], "supervisor", False),
        (["referred"], "supervisor", False),
        (["triage", "closed"], "auditor", False),
    ],
)
def test_transitions_are_enforced(store: Store, items: list[str], path: list[str], role: str, ok: bool) -> None:
    with store.transaction() as conn:
        case_id = cases.create(conn, title="t", item_ids=items[:1], actor="a1")
    try:
        with store.transaction() as conn:
            for step in path:
                cases.transition(conn, case_id, step, actor="u", role=role)
    except ConflictError:
        assert not ok
    else:
        assert ok
    with store.engine.connect() as conn:
        assert cases.get(conn, case_id).status == (path[-1] if ok else "new")


def test_close_needs_reason_and_reopen_works(store: Store, items: list[str]) -> None:
    with store.transaction() as conn:
        case_id = cases.create(conn, title="t", item_ids=items[:1], actor="a1")
    with pytest.raises(UsageError, match="reason"), store.transaction() as conn:
        cases.transition(conn, case_id, "closed", actor="s")
    with store.transaction() as conn:
        cases.transition(conn, case_id, "closed", actor="s", close_reason="unfounded")
        assert cases.transition(conn, case_id, "triage", actor="s").status == "triage"


def test_merge_split_move_assign_note_are_recorded(store: Store, items: list[str]) -> None:
    with store.transaction() as conn:
        a = cases.create(conn, title="a", item_ids=items[:2], actor="a1")
        b = cases.create(conn, title="b", item_ids=items[2:3], actor="a1")
        merged = cases.merge(conn, a, [b], actor="sup")
        assert set(merged.item_ids) == set(items[:3])
        assert cases.get(conn, b).status == "closed"
        c = cases.split(conn, a, [items[2]], actor="sup")
        assert cases.get(conn, c).item_ids == [items[2]]
        cases.move_items(conn, [items[3]], c, actor="sup")
        cases.assign(conn, a, "analyst7", actor="sup")
        cases.add_note(conn, a, "called the district", actor="analyst7")
        page = cases.view(conn, a)
    actions = [ch["action"] for ch in page.changes]
    assert actions == ["create", "move_in", "merge", "split", "assign", "note"]
    assert page.case.assignee == "analyst7" and page.notes[0]["text"] == "called the district"
    assert len(page.items) == 2 and all(i.label for i in page.items)
    with store.engine.connect() as conn:
        assert audit.verify(conn) is None
        kinds = conn.execute(schema.audit_events.select()).mappings().all()
    assert {"case.create", "case.merge", "case.split", "case.assign", "case.note", "case.move_in"} <= {k["action"] for k in kinds}


def test_cases_larger_than_one_query_of_ids_keep_working(store: Store, items: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Item ids go to the database in chunks (a million-item case is more than SQLite's 32,766 parameters)."""
    monkeypatch.setattr(cases, "_IN_CHUNK", 2)
    with store.transaction() as conn:
        first = cases.create(conn, title="first", item_ids=items[:3], actor="a1")
        second = cases.create(conn, title="second", item_ids=items[1:], actor="a1")  # takes 3 items, 2 from the first
        view = cases.view(conn, second)
        assert set(cases.get(conn, first).item_ids) == {items[0]}
    assert {i.item_id for i in view.items} == set(items[1:]) and set(view.case.item_ids) == set(items[1:])
