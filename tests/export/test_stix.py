"""STIX 2.1 output parses with the stix2 library and carries what an analyst expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import stix2

from tests.export.helpers import (
    EMAIL,
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
from threatdesk.export import write_stix
from threatdesk.store import Store


@pytest.fixture
def case_id(store: Store, tmp_path: Path) -> int:
    ids = scan_records(store, tmp_path)
    add_personal_data(store, ids)
    return make_case(store, [ids["kill-en"], ids["intel-es"], ids["news-en"]], title="Bounty on the chief",
                     notes=[("analyst1", f"called {PHONE}, no answer")])


def export(store: Store, case_id: int, tmp_path: Path, **options: object) -> tuple[str, stix2.v21.Bundle]:
    path = tmp_path / "case.json"
    write_stix(store, case_id, path, actor=str(options.pop("actor", "analyst1")), **options)  # type: ignore[arg-type]
    text = path.read_text()
    return text, stix2.parse(text, allow_custom=False)


def by_type(bundle: stix2.v21.Bundle, kind: str) -> list:
    return [o for o in bundle.objects if o.type == kind]


def test_stix_parses_back_with_every_object_kind(store: Store, case_id: int, tmp_path: Path) -> None:
    _, bundle = export(store, case_id, tmp_path)
    kinds = {o.type for o in bundle.objects}
    assert kinds >= {"report", "identity", "threat-actor", "location", "note", "relationship", "marking-definition"}
    (report,) = by_type(bundle, "report")
    ids = {o.id for o in bundle.objects}
    assert set(report.object_refs) <= ids
    protectee = next(o for o in by_type(bundle, "identity") if o.identity_class == "individual")
    assert protectee.name == "PROTECTEE-0042"
    (rel,) = by_type(bundle, "relationship")
    actor = next(o for o in by_type(bundle, "threat-actor") if o.id == rel.source_ref)
    assert (rel.relationship_type, actor.name, rel.target_ref) == ("targets", "@redline77", protectee.id)
    (pilsen, *_) = by_type(bundle, "location")
    assert pilsen.name == "Pilsen" and pilsen.latitude == pytest.approx(41.8565)
    assert len(by_type(bundle, "note")) == 4


def test_only_authors_of_actionable_items_become_threat_actors(store: Store, case_id: int, tmp_path: Path) -> None:
    _, bundle = export(store, case_id, tmp_path)
    assert sorted(o.name for o in by_type(bundle, "threat-actor")) == ["@halcon_sur", "@redline77"]
    assert not [o for o in by_type(bundle, "relationship") if o.relationship_type == "located-at"]


@SQLITE_ONLY
@pytest.mark.parametrize(("tlp", "name"), [(None, "TLP:AMBER"), ("green", "TLP:GREEN"), ("red", "TLP:RED"),
                                           ("clear", "TLP:WHITE")])
def test_every_object_carries_the_chosen_tlp(store: Store, case_id: int, tmp_path: Path, tlp: str | None, name: str) -> None:
    _, bundle = export(store, case_id, tmp_path, **({"tlp": tlp} if tlp else {}))
    (marking,) = by_type(bundle, "marking-definition")
    assert marking.name == name
    assert all(o.object_marking_refs == [marking.id] for o in bundle.objects if o.type != "marking-definition")


def test_stix_is_redacted_unless_an_admin_asks(store: Store, case_id: int, tmp_path: Path) -> None:
    text, _ = export(store, case_id, tmp_path)
    for secret in (PHONE, EMAIL, STREET):
        assert secret not in text
    assert "[PHONE]" in text and "[PROTECTEE-0042]" in text
    with pytest.raises(UsageError, match="not an admin"):
        export(store, case_id, tmp_path, actor="analyst1", redacted=False)
    add_user(store, "boss", "admin")
    text, _ = export(store, case_id, tmp_path, actor="boss", redacted=False)
    assert PHONE in text and EMAIL in text
    with store.engine.connect() as conn:
        actions = [(e.actor, e.action) for e in audit.events(conn)]
        assert audit.verify(conn) is None
    assert actions == [("analyst1", "export.stix"), ("analyst1", "pii.unmask_denied"),
                       ("boss", "pii.unmask"), ("boss", "export.stix")]


@SQLITE_ONLY
def test_ids_are_stable_across_exports(store: Store, case_id: int, tmp_path: Path) -> None:
    first, _ = export(store, case_id, tmp_path)
    second, _ = export(store, case_id, tmp_path)
    ids = [sorted(o["id"] for o in json.loads(t)["objects"]) for t in (first, second)]
    assert ids[0] == ids[1]
