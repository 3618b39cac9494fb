"""The map's markers: public places and tip coordinates only, clustered on a grid."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sqlalchemy import insert

from threatdesk import cases
from threatdesk.models import Item, Place, Signal
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema
from threatdesk.web import geo


def _outline(tmp_path: Path) -> Path:
    square = [[-87.70, 41.80], [-87.60, 41.80], [-87.60, 41.90], [-87.70, 41.90], [-87.70, 41.80]]
    data = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "name": "Testing Square", "centroid_lat": 41.85, "centroid_lon": -87.65}, "geometry": {"type": "Polygon", "coordinates": [square]}}]}
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(data))
    return path


def test_markers_come_from_public_places_and_tips_never_from_homes(store: Store, tmp_path: Path, pipeline: Pipeline) -> None:
    areas = geo.load_outlines(_outline(tmp_path))
    with store.transaction() as conn:
        conn.execute(insert(schema.places), [
            {"name": "Harlow Street Federal Annex", "aliases": ["Harlow Annex"], "kind": "federal_facility", "lat": 41.8752, "lon": -87.6445},
            {"name": "4419 W Brantwood Ln", "aliases": [], "kind": "home", "lat": 41.86, "lon": -87.66},
        ])
    in_case = Item.from_text("2k for pics of where the tall agent sleeps", place=Place(name="Harlow Annex"), author="@a")
    at_home = Item.from_text("10 racks, he lives right here", place=Place(name="4419 W Brantwood Ln"), author="@b")
    tip = Item.from_text("radios on the roof", source="tipline", place=Place(name=None, lat=41.87519, lon=-87.64451))
    doxx_tip = Item.from_text("she lives at this house", source="tipline", place=Place(name=None, lat=41.861, lon=-87.661))
    items = [in_case, at_home, tip, doxx_tip]
    assessments = [pipeline.assess(i) for i in items]
    assessments[2] = dataclasses.replace(assessments[2], label="surveillance_report")
    assessments[3] = dataclasses.replace(assessments[3], label="surveillance_report", signals=(
        *assessments[3].signals, Signal("pii.v1", "pii", "an address", 0, 3, {"type": "address", "normalized": None}, 1.0, True)))
    store.write_batch(items, assessments)
    with store.transaction() as conn:
        c1 = cases.create(conn, title="annex", item_ids=[in_case.id], actor="t")
        cases.create(conn, title="home", item_ids=[at_home.id], actor="t")
        found = geo.markers(conn)
    hrefs = {m.href: m for m in found}
    assert set(hrefs) == {f"/cases/{c1}", f"/items/{tip.id}"}
    assert hrefs[f"/items/{tip.id}"].lat == 41.875 and hrefs[f"/items/{tip.id}"].lon == -87.645
    proj = geo.projection_for(areas)
    clusters = geo.cluster(found, proj)
    assert len(clusters) == 1 and clusters[0].count == 2


def test_grid_clustering_keeps_far_markers_apart() -> None:
    proj = geo.Projection(*geo.DEFAULT_BOUNDS)
    near = [geo.Marker(41.8752, -87.6445, "tip", "a", "/items/a", "P2", "x"),
            geo.Marker(41.8753, -87.6446, "tip", "b", "/items/b", "P1", "x")]
    far = geo.Marker(41.99, -87.80, "case", "c", "/cases/1", "P3", "y")
    clusters = geo.cluster([*near, far], proj)
    assert sorted(c.count for c in clusters) == [1, 2]
    pair = next(c for c in clusters if c.count == 2)
    assert pair.priority == "P1" and pair.href.startswith("#cluster-")
