"""The queue and the case list as CSV: same filters as the screens, redacted, spreadsheet-safe."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.export.helpers import (
    PHONE,
    SQLITE_ONLY,
    STREET,
    add_personal_data,
    add_user,
    make_case,
    scan_records,
)
from threatdesk import audit
from threatdesk.errors import UsageError
from threatdesk.export import write_cases_csv, write_queue_csv
from threatdesk.export.tables import safe_cell
from threatdesk.store import QueueFilter, Store


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


@pytest.fixture
def ids(store: Store, tmp_path: Path) -> dict[str, str]:
    found = scan_records(store, tmp_path)
    add_personal_data(store, found)
    return found


def test_queue_csv_matches_the_queue_and_is_redacted(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "queue.csv"
    assert write_queue_csv(store, out, actor="analyst1") == 5
    rows = read(out)
    assert [r["item_id"] for r in rows] == [r.item_id for r in store.queue(limit=100)]
    kill = next(r for r in rows if r["item_id"] == ids["kill-en"])
    assert PHONE not in out.read_text() and "[PHONE]" in kill["text"] and "[ADDRESS]" in kill["text"]
    assert kill["author"] == "'@redline77"


@SQLITE_ONLY
@pytest.mark.parametrize(("flt", "expected"), [
    (QueueFilter(label=["solicit_intel"]), ["intel-es"]),
    (QueueFilter(priority=["P4"]), ["news-en", "protest-en", "game-es"]),
    (QueueFilter(place="pilsen"), ["kill-en"]),
    (QueueFilter(protectee="PROTECTEE-0042"), ["kill-en"]),
])
def test_queue_csv_takes_the_queue_filters(store: Store, ids: dict[str, str], tmp_path: Path,
                                           flt: QueueFilter, expected: list[str]) -> None:
    write_queue_csv(store, tmp_path / "q.csv", flt, actor="a")
    assert sorted(r["item_id"] for r in read(tmp_path / "q.csv")) == sorted(ids[e] for e in expected)


def test_unredacted_needs_an_admin(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_queue_csv(store, tmp_path / "q.csv", actor="analyst1", redacted=False)
    add_user(store, "boss", "admin")
    write_queue_csv(store, tmp_path / "q.csv", actor="boss", redacted=False)
    assert PHONE in (tmp_path / "q.csv").read_text()


def test_cases_csv_filters_by_status_and_scrubs_titles(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    open_case = make_case(store, [ids["kill-en"]], title=f"Chief at {STREET}")
    make_case(store, [ids["news-en"]], title="News story", status="closed", close_reason="unfounded")
    assert write_cases_csv(store, tmp_path / "c.csv", actor="a") == 2
    assert write_cases_csv(store, tmp_path / "open.csv", actor="a", status=["new", "triage"]) == 1
    (row,) = read(tmp_path / "open.csv")
    assert (row["case_id"], row["title"], row["items"]) == (str(open_case), "Chief at [ADDRESS]", "1")
    with store.engine.connect() as conn:
        assert [e.action for e in audit.events(conn)] == ["export.cases", "export.cases"]


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://example.com\")", "'=HYPERLINK(\"http://example.com\")"),
    ("+1 555-0100", "'+1 555-0100"), ("-5", "'-5"), ("@user", "'@user"), ("plain text", "plain text"),
    ("dinero=lana", "dinero=lana"), (42, 42), (None, None),
])
def test_cells_cannot_carry_spreadsheet_formulas(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


@SQLITE_ONLY
def test_only_csv(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.csv"):
        write_queue_csv(store, tmp_path / "q.xlsx", actor="a")
