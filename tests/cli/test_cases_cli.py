"""The cases CLI against a real SQLite file, in-process through the CLI edge (``main``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.correlate.test_correlate import D, I, K, Msg, write
from threatdesk import audit
from threatdesk.cli import main
from threatdesk.correlate import correlate
from threatdesk.store import Store, schema


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, list[str]]:
    path = str(tmp_path / "cases.db")
    with Store.open(path) as store:
        ids = write(store, [
            Msg("50 bands on him when it's done", K, "@x", 0, protectee="PROTECTEE-0042"),
            Msg("quién sabe dónde vive el oficial, pago 300", I, "@y", 5, protectee="PROTECTEE-0042"),
            Msg("I will hurt the landlord on Cermak", D, "@z", 8),
            Msg("voy a golpear al inspector", D, "@w", 9),
        ])
        correlate(store)
    return path, ids


def case_of(path: str, item_id: str) -> int:
    with Store.open(path) as store, store.engine.connect() as conn:
        ci = schema.case_items
        return int(conn.execute(select(ci.c.case_id).where(ci.c.item_id == item_id)).scalar_one())


def test_list_pages_and_filters(capsys: pytest.CaptureFixture[str], db: tuple[str, list[str]]) -> None:
    path, _ = db
    code, out, _ = run(capsys, "cases", "list", "--db", path)
    assert code == 0 and "Bounty on PROTECTEE-0042 (2 items)" in out and out.index("P2") < out.index("P3")
    code, out, _ = run(capsys, "cases", "list", "--db", path, "--per-page", "1")
    assert "more: threatdesk cases list --page 2" in out
    code, out, _ = run(capsys, "cases", "list", "--db", path, "--priority", "P3", "--json")
    assert code == 0 and len(out.splitlines()) == 2 and "PROTECTEE" not in out


def test_show_prints_the_case_and_audits_the_view(capsys: pytest.CaptureFixture[str], db: tuple[str, list[str]]) -> None:
    path, ids = db
    case_id = case_of(path, ids[0])
    code, out, _ = run(capsys, "cases", "show", str(case_id), "--db", path, "--actor", "ana", "--role", "analyst")
    assert code == 0
    assert "Bounty on PROTECTEE-0042" in out and "solicit_kill" in out and "reads as solicit_kill" in out
    assert "next states for a analyst: triage, closed" in out and "Timeline" in out and "correlate create" in out
    with Store.open(path) as store, store.engine.connect() as conn:
        a = schema.audit_events
        views = conn.execute(select(a.c.actor).where(a.c.action == "case.view", a.c.object_id == str(case_id))).scalars().all()
    assert views == ["ana"]


def test_work_a_case_end_to_end(capsys: pytest.CaptureFixture[str], db: tuple[str, list[str]]) -> None:
    path, ids = db
    bounty, landlord, inspector = case_of(path, ids[0]), case_of(path, ids[2]), case_of(path, ids[3])
    steps = [
        (("assign", str(bounty), "analyst7"), "assigned to analyst7"),
        (("note", str(bounty), "called the 10th district"), "added to case"),
        (("merge", str(landlord), str(inspector)), f"into case {landlord} (2 items)"),
        (("split", str(landlord), "--item", ids[3]), f"from case {landlord} into case"),
        (("move", ids[3], "--to", str(landlord)), f"into case {landlord} (2 items)"),
        (("transition", str(bounty), "triage"), "is now triage"),
        (("transition", str(bounty), "escalated"), "is now escalated"),
        (("transition", str(bounty), "closed", "--reason", "actioned"), "is now closed (actioned)"),
    ]
    for args, needle in steps:
        code, out, err = run(capsys, "cases", *args, "--db", path, "--actor", "sup")
        assert code == 0, err
        assert needle in out
    code, out, _ = run(capsys, "cases", "show", str(bounty), "--db", path)
    for action in ("assign", "note", "transition"):
        assert f"sup {action}" in out
    assert "called the 10th district" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("show", "999"), "no case 999"),
        (("transition", "999", "triage"), "no case 999"),
        (("transition", "{case}", "referred"), "can move to triage, closed, not referred"),
        (("transition", "{case}", "escalated", "--role", "analyst"), "can move to triage, closed, not escalated"),
        (("transition", "{case}", "closed"), "closing a case needs a reason"),
        (("transition", "{case}", "shelved"), "Invalid value"),
        (("move", "itm_nope", "--to", "{case}"), "no item itm_nope"),
        (("split", "{case}", "--item", "itm_nope"), "not every item given is in case"),
        (("merge", "{case}", "{case}"), "cannot merge a case into itself"),
        (("note", "{case}", "  "), "a note needs text"),
    ],
)
def test_errors_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], db: tuple[str, list[str]],
                                        args: tuple[str, ...], needle: str) -> None:
    path, ids = db
    case_id = str(case_of(path, ids[0]))
    code, _, err = run(capsys, "cases", *(a.replace("{case}", case_id) for a in args), "--db", path)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], err


def test_analyst_role_is_enforced(capsys: pytest.CaptureFixture[str], db: tuple[str, list[str]]) -> None:
    path, ids = db
    case_id = str(case_of(path, ids[0]))
    assert run(capsys, "cases", "transition", case_id, "triage", "--db", path, "--role", "analyst")[0] == 0
    code, _, err = run(capsys, "cases", "transition", case_id, "escalated", "--db", path, "--role", "analyst")
    assert code == 2 and "a analyst cannot move a case from triage to escalated" in err


def test_correlate_on_demand_is_idempotent_and_audited(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = str(tmp_path / "later.db")
    with Store.open(path) as store:
        ids = write(store, [Msg("50 bands on him when it's done", K, "@x", 0, protectee="PROTECTEE-0042"),
                            Msg("quién sabe dónde vive el oficial, pago 300", I, "@y", 5, protectee="PROTECTEE-0042")])
    code, out, _ = run(capsys, "cases", "correlate", "--db", path, "--actor", "ana")
    assert code == 0 and "correlated 2 items: 1 cases opened" in out
    first = case_of(path, ids[0])
    assert case_of(path, ids[1]) == first
    code, out, _ = run(capsys, "cases", "correlate", "--db", path, "--actor", "ana", "--json")
    assert code == 0 and '"items": 0' in out and '"cases_opened": []' in out
    with Store.open(path) as store:
        later = write(store, [Msg("still paying for him, 50 bands", K, "@z", 30, protectee="PROTECTEE-0042")])
    code, out, _ = run(capsys, "cases", "correlate", "--db", path, "--actor", "ana")
    assert code == 0 and "1 extended" in out and case_of(path, later[0]) == first
    with Store.open(path) as store, store.engine.connect() as conn:
        a = schema.audit_events
        rows = conn.execute(select(a.c.actor, a.c.action).order_by(a.c.seq)).all()
        assert audit.verify(conn) is None
    assert [r for r in rows if r[1].startswith(("case.", "correlate."))] == [
        ("ana", "case.create"), ("ana", "correlate.run"), ("ana", "correlate.run"), ("ana", "case.correlate"), ("ana", "correlate.run")]


def test_auditors_cannot_correlate(capsys: pytest.CaptureFixture[str], db: tuple[str, list[str]]) -> None:
    path, _ = db
    code, _, err = run(capsys, "cases", "correlate", "--db", path, "--role", "auditor")
    assert code == 2 and "auditor" in err
