"""The map: community-area outlines and clustered markers, drawn as inline SVG on the server.

No tiles and nothing from the internet: the outlines are the bundled GeoJSON (package data
``threatdesk/data/chicago_community_areas.geojson``; when it is not installed the map
draws markers on a plain frame). Markers come only from

- places of the gazetteer (``threatdesk.places``: community areas, neighbourhoods,
  facilities, intersections; never a kind in ``PRIVATE_KINDS``) named by a case's items, and
- the coordinates a tip itself carried (rounded to about 100 m), unless the tip's signals
  say it concerns a home address or a protectee's personal identifiers.

A protectee's home is never a marker: addresses are not places in the gazetteer, and tips
that carry one are left off.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from threatdesk.store import schema

#: Gazetteer kinds that are never drawn: the gazetteer holds public places only, but an
#: imported file may name any kind, and a home or a source-reported position is not public.
PRIVATE_KINDS = frozenset({"home", "residence", "house", "address", "private", "reported_location"})
#: The city's frame when no outlines are installed (south-west and north-east corners).
DEFAULT_BOUNDS = (41.64, -87.94, 42.03, -87.52)
WIDTH = 760
CELL = 34


def _package_file(name: str) -> Path | None:
    try:
        path = Path(str(resources.files("threatdesk").joinpath("data", name)))
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return path if path.is_file() else None


@lru_cache(maxsize=4)
def load_outlines(path: Path | None) -> list[dict[str, Any]]:
    """[{name, rings: [[(lon, lat), ...]], lat, lon}] from a GeoJSON of areas; [] when there is none."""
    path = path or _package_file("chicago_community_areas.geojson")
    if path is None or not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    areas = []
    for feature in data.get("features", []):
        geom, props = feature.get("geometry") or {}, feature.get("properties") or {}
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        elif geom.get("type") != "MultiPolygon":
            continue
        rings = [[(float(x), float(y)) for x, y, *_ in ring] for poly in polys for ring in poly[:1]]
        areas.append({"name": props.get("name"), "rings": rings,
                      "lat": props.get("centroid_lat"), "lon": props.get("centroid_lon")})
    return areas


@dataclass(slots=True)
class Projection:
    south: float
    west: float
    north: float
    east: float
    width: int = WIDTH

    @property
    def kx(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        return self.width / ((self.east - self.west) * self.kx)

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (round((lon - self.west) * self.kx * self.scale, 1), round((self.north - lat) * self.scale, 1))

    def inside(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def projection_for(areas: list[dict[str, Any]]) -> Projection:
    if not areas:
        return Projection(*DEFAULT_BOUNDS)
    lons = [x for a in areas for ring in a["rings"] for x, _ in ring]
    lats = [y for a in areas for ring in a["rings"] for _, y in ring]
    pad = 0.01
    return Projection(min(lats) - pad, min(lons) - pad, max(lats) + pad, max(lons) + pad)


def outline_paths(areas: list[dict[str, Any]], proj: Projection) -> list[dict[str, str]]:
    paths = []
    for area in areas:
        d = " ".join("M" + " L".join(f"{x},{y}" for x, y in (proj.xy(lat, lon) for lon, lat in ring)) + " Z"
                     for ring in area["rings"])
        paths.append({"name": area["name"] or "", "d": d})
    return paths


@dataclass(slots=True)
class Marker:
    lat: float
    lon: float
    kind: str  # "case" or "tip"
    label: str
    href: str
    priority: str
    place: str


@dataclass(slots=True)
class Cluster:
    x: float
    y: float
    markers: list[Marker] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.markers)

    @property
    def priority(self) -> str:
        return min(m.priority for m in self.markers)

    @property
    def href(self) -> str:
        return self.markers[0].href if self.count == 1 else f"#cluster-{int(self.x)}-{int(self.y)}"

    @property
    def anchor(self) -> str:
        return f"cluster-{int(self.x)}-{int(self.y)}"

    @property
    def radius(self) -> float:
        return 7 if self.count == 1 else min(20, 9 + 3 * math.log2(self.count))


def cluster(markers: Iterable[Marker], proj: Projection, *, cell: int = CELL) -> list[Cluster]:
    """Grid clustering: markers whose projected points share a cell become one cluster."""
    cells: dict[tuple[int, int], list[Marker]] = {}
    for m in markers:
        if not proj.inside(m.lat, m.lon):
            continue
        x, y = proj.xy(m.lat, m.lon)
        cells.setdefault((int(x // cell), int(y // cell)), []).append(m)
    out = []
    for members in cells.values():
        pts = [proj.xy(m.lat, m.lon) for m in members]
        out.append(Cluster(round(sum(p[0] for p in pts) / len(pts), 1), round(sum(p[1] for p in pts) / len(pts), 1),
                           sorted(members, key=lambda m: (m.priority, m.label))))
    return sorted(out, key=lambda c: (c.priority, -c.count), reverse=True)


def gazetteer(conn: Connection) -> dict[str, tuple[float, float, str]]:
    """Lower-cased place name or alias -> (lat, lon, name): bundled and imported places, public kinds only."""
    from threatdesk.places import bundled_places, stored_places

    names: dict[str, tuple[float, float, str]] = {}
    for record in (*stored_places(conn), *bundled_places()):
        if record.kind in PRIVATE_KINDS:
            continue
        for n in (record.name, *record.aliases):
            names.setdefault(n.lower(), (record.lat, record.lon, record.name))
    return names


def _private(signals: list[dict[str, Any]]) -> bool:
    for s in signals or []:
        value = s.get("value") or {}
        if s.get("kind") == "pii" and value.get("type") in ("address", "intersection"):
            return True
        if s.get("kind") == "protectee" and value.get("matched") in ("address", "family", "plate", "phone", "email"):
            return True
        if s.get("restricted"):
            return True
    return False


def _signal_place(signals: list[dict[str, Any]]) -> tuple[float, float, str] | None:
    for s in signals or []:
        value = s.get("value") or {}
        if s.get("kind") == "place" and value.get("kind") not in PRIVATE_KINDS and value.get("lat") is not None:
            return float(value["lat"]), float(value["lon"]), str(value.get("name") or "")
    return None


def markers(conn: Connection, *, limit: int = 2000) -> list[Marker]:
    """One marker per open case (at its items' most named public place) and one per surveillance tip."""
    names = gazetteer(conn)
    i, a, ci, c, t = schema.items, schema.assessments, schema.case_items, schema.cases, schema.tips
    surveillance_tip = (i.c.source == "tipline") & ((a.c.label == "surveillance_report") | (t.c.category == "surveillance"))
    rows = conn.execute(
        select(i.c.id, i.c.source, i.c.place_name, i.c.lat, i.c.lon, a.c.label, a.c.priority, a.c.signals,
               c.c.id, c.c.title, c.c.priority, surveillance_tip)
        .select_from(i.join(a, a.c.item_id == i.c.id).outerjoin(ci, ci.c.item_id == i.c.id)
                     .outerjoin(c, c.c.id == ci.c.case_id).outerjoin(t, t.c.item_id == i.c.id))
        .where(((c.c.id.is_not(None)) & (c.c.status != "closed")) | surveillance_tip)
        .order_by(a.c.priority, a.c.risk.desc()).limit(limit * 5)
    ).all()
    by_case: dict[int, Counter[tuple[float, float, str]]] = {}
    case_info: dict[int, tuple[str, str]] = {}
    out: list[Marker] = []
    for item_id, source, place_name, lat, lon, _label, priority, signals, case_id, title, case_priority, tip in rows:
        where = None
        if source == "tipline" and lat is not None and lon is not None and not _private(signals):
            where = (round(lat, 3), round(lon, 3), place_name or "tip location")
        elif place_name and place_name.lower() in names:
            where = names[place_name.lower()]
        else:
            where = _signal_place(signals)
        if where is None:
            continue
        if case_id is not None:
            by_case.setdefault(case_id, Counter())[where] += 1
            case_info[case_id] = (title, case_priority)
        elif tip:
            out.append(Marker(where[0], where[1], "tip", f"Tip {item_id}", f"/items/{item_id}", priority, where[2]))
    for case_id, places in by_case.items():
        (lat, lon, name), _ = places.most_common(1)[0]
        title, priority = case_info[case_id]
        out.append(Marker(lat, lon, "case", f"Case {case_id}: {title}", f"/cases/{case_id}", priority, name))
    return out[:limit]
