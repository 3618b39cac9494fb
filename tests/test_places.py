"""User places: CSV and GeoJSON files, checked whole, stored by (name, kind), listed and imported by the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from threatdesk import audit
from threatdesk.errors import InputFormatError
from threatdesk.places import Gazetteer, read_places_file, save_places, stored_places
from threatdesk.store import Store, schema

SQUARE = {"type": "Polygon", "coordinates": [[[-87.651, 41.879], [-87.649, 41.879], [-87.649, 41.881], [-87.651, 41.881], [-87.651, 41.879]]]}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_aliases_and_optional_polygon(tmp_path: Path) -> None:
    polygon = json.dumps(SQUARE).replace('"', '""')
    path = write(tmp_path / "p.csv", "name,aliases,kind,lat,lon,polygon\n"
                 "Marlow Fieldhouse,the fieldhouse;el fieldhouse,park,41.88,-87.65,\n"
                 f'Marlow Plaza,,plaza,,,"{polygon}"\n')
    first, second = read_places_file(path)
    assert (first.name, first.aliases, first.kind, first.polygon) == ("Marlow Fieldhouse", ("the fieldhouse", "el fieldhouse"), "park", None)
    assert second.polygon == SQUARE and second.lat == pytest.approx(41.8796, abs=1e-3)
    assert first.source == "import:p.csv"


def test_geojson_points_and_polygons(tmp_path: Path) -> None:
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Marlow Gate", "kind": "gate", "aliases": ["the gate"]},
         "geometry": {"type": "Point", "coordinates": [-87.65, 41.88]}},
        {"type": "Feature", "properties": {"name": "Marlow Plaza", "kind": "plaza", "aliases": "la plaza;the plaza"},
         "geometry": SQUARE},
    ]}
    gate, plaza = read_places_file(write(tmp_path / "p.geojson", json.dumps(data)))
    assert (gate.lat, gate.lon, gate.aliases) == (41.88, -87.65, ("the gate",))
    assert plaza.aliases == ("la plaza", "the plaza") and plaza.polygon == SQUARE
    assert Gazetteer([plaza]).area_at(41.880, -87.650) == plaza
    assert Gazetteer([plaza]).area_at(41.885, -87.650) is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.csv", "name,kind,lat\nx,park,1\n", "missing column(s) aliases, lon"),
        ("p.csv", "name,aliases,kind,lat,lon\nx,,park,91,0\n", "p.csv:2: lat 91.0 is out of range"),
        ("p.csv", "name,aliases,kind,lat,lon\nx,,park,41.8,-87.6\n,,park,1,1\n", "p.csv:3: name is empty"),
        ("p.csv", "name,aliases,kind,lat,lon\nx,,,41.8,-87.6\n", "kind is empty"),
        ("p.csv", "name,aliases,kind,lat,lon\nx,,park,north,-87.6\n", "lat 'north' is not a number"),
        ("p.csv", "name,aliases,kind,lat,lon,polygon\nx,,park,1,1,{nope\n", "polygon is not GeoJSON"),
        ("p.csv", "name,aliases,kind,lat,lon\n", "no places in the file"),
        ("p.geojson", "[1, 2]", "not a GeoJSON FeatureCollection"),
        ("p.geojson", "{bad json", "not JSON"),
        ("p.geojson", json.dumps({"features": [{"properties": {"name": "x"}, "geometry": {"type": "LineString", "coordinates": []}}]}),
         "polygon must be a GeoJSON Polygon or MultiPolygon"),
        ("p.txt", "hello", "unknown file type"),
    ],
)
def test_bad_files_name_the_problem(tmp_path: Path, name: str, content: str, message: str) -> None:
    with pytest.raises(InputFormatError) as info:
        read_places_file(write(tmp_path / name, content))
    assert message in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="no such file"):
        read_places_file(tmp_path / "nope.csv")


def test_save_inserts_then_updates_by_name_and_kind(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", "name,aliases,kind,lat,lon\nMarlow Gate,the gate,gate,41.88,-87.65\nMarlow Gate,,park,41.8,-87.6\n")
    with store.transaction() as conn:
        assert save_places(conn, read_places_file(path)) == (2, 0)
    path = write(tmp_path / "p.csv", "name,aliases,kind,lat,lon\nMarlow Gate,the gate;el portón,gate,41.9,-87.7\n")
    with store.transaction() as conn:
        assert save_places(conn, read_places_file(path)) == (0, 1)
        rows = stored_places(conn)
    assert [(r.name, r.kind, r.lat, r.aliases) for r in rows] == [
        ("Marlow Gate", "gate", 41.9, ("the gate", "el portón")), ("Marlow Gate", "park", 41.8, ())]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "threatdesk", *args], capture_output=True, text=True, timeout=120)


def test_cli_import_then_list(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    path = write(tmp_path / "p.csv", "name,aliases,kind,lat,lon\nMarlow Fieldhouse,the fieldhouse,park,41.8801,-87.6502\n")
    result = run("places", "import", str(path), "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path}: 1 place(s) added, 0 updated"
    listed = run("places", "list", "--db", db, "--kind", "park")
    assert "Marlow Fieldhouse" in listed.stdout and "Near West Side" in listed.stdout and "1 place(s)" in listed.stdout
    everything = run("places", "list", "--db", db)
    assert "Pilsen" in everything.stdout and "103 place(s)" in everything.stdout
    with Store.open(db) as store, store.transaction() as conn:
        assert audit.verify(conn) is None
        events = conn.execute(schema.audit_events.select()).mappings().all()
    assert [(e["action"], e["after"]) for e in events] == [("places.import", {"added": 1, "updated": 0})]


def test_cli_bad_file_is_one_line_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    path = write(tmp_path / "p.csv", "name,aliases,kind,lat,lon\nGood,,park,41.88,-87.65\nBad,,park,41.88,west\n")
    result = run("places", "import", str(path), "--db", db)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {path}:3: lon 'west' is not a number"]
    with Store.open(db) as store:
        assert store.count(schema.places) == 0


def test_a_scan_resolves_the_users_places(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    places = write(tmp_path / "p.csv", "name,aliases,kind,lat,lon\nMarlow Fieldhouse,the fieldhouse,park,41.8801,-87.6502\n")
    assert run("places", "import", str(places), "--db", db).returncode == 0
    messages = write(tmp_path / "m.jsonl", json.dumps({"text": "lookouts with radios at the fieldhouse again tonight",
                                                       "posted_at": "2026-11-06T09:00:00-06:00"}) + "\n")
    out = tmp_path / "out.jsonl"
    result = run("scan", str(messages), "--db", db, "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    signals = json.loads(out.read_text(encoding="utf-8"))["signals"]
    [place] = [s for s in signals if s["kind"] == "place"]
    assert place["value"] == {"name": "Marlow Fieldhouse", "kind": "park", "lat": 41.8801, "lon": -87.6502, "area": "Near West Side"}
    [when] = [s for s in signals if s["kind"] == "time"]
    assert when["value"]["resolved"] == "2026-11-06T21:00:00-06:00"
