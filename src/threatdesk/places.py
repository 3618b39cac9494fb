"""The gazetteer: public places, neighbourhoods, facilities and street intersections.

It resolves the places a message names to coordinates, so that correlation can group tips
about one facility and an analyst can see them on a map. It knows public places only:
Chicago's 77 community areas, common neighbourhood names, facilities (the demo's invented
ones and whatever the user imports) and intersections of major streets computed from the
city's address grid. It never geocodes a street address: a house number is the way to a
home, and the desk never locates anyone's home (docs/places.md).

Bundled data lives in ``threatdesk/data`` (see its README for sources); user places live
in the ``places`` table and are added with ``threatdesk places import FILE``.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from threatdesk.errors import InputFormatError
from threatdesk.store import schema

#: Kinds the bundled data uses; an imported file may use any short word.
COMMUNITY_AREA = "community_area"
NEIGHBOURHOOD = "neighbourhood"
INTERSECTION = "intersection"

#: Single-word names that are also common words or first names: they count as a place
#: only after a locative word ("in Austin", "en Austin", "the Loop").
AMBIGUOUS_NAMES = frozenset(
    {"austin", "beverly", "clearing", "douglas", "oakland", "loop", "uptown", "riverdale",
     "kenwood", "hermosa", "chatham", "pullman", "roseland", "englewood", "ashburn", "dunning"}
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|around|to|the|en|de|del|por|cerca de|hacia|desde)\s+)$", re.IGNORECASE
)


@dataclass(slots=True, frozen=True)
class PlaceRecord:
    """One gazetteer entry. ``polygon`` is a GeoJSON geometry (Polygon or MultiPolygon) or None."""

    name: str
    kind: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    polygon: dict[str, Any] | None = field(default=None, compare=False)
    source: str = "bundled"
    area: str | None = None


@dataclass(slots=True, frozen=True)
class PlaceMatch:
    """A place found in a text: its span and what it resolved to."""

    start: int
    end: int
    record: PlaceRecord
    confidence: float = 0.9


# --- bundled data ----------------------------------------------------------------------------


def _data(name: str) -> str:
    return resources.files("threatdesk").joinpath("data", name).read_text(encoding="utf-8")


def _demo(name: str) -> str:
    return resources.files("threatdesk.demo").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def community_areas() -> tuple[PlaceRecord, ...]:
    """Chicago's 77 community areas, with their outlines (bundled GeoJSON)."""
    data = json.loads(_data("chicago_community_areas.geojson"))
    return tuple(
        PlaceRecord(
            name=f["properties"]["name"],
            kind=COMMUNITY_AREA,
            lat=float(f["properties"]["centroid_lat"]),
            lon=float(f["properties"]["centroid_lon"]),
            polygon=f["geometry"],
            area=f["properties"]["name"],
        )
        for f in data["features"]
    )


@lru_cache(maxsize=1)
def bundled_places() -> tuple[PlaceRecord, ...]:
    """Everything that ships: demo facilities, neighbourhood aliases, community areas."""
    data = json.loads(_data("chicago_community_areas.geojson"))
    by_number = dict(zip((f["properties"]["area_number"] for f in data["features"]), community_areas(), strict=True))
    neighbourhoods = [
        PlaceRecord(
            name=row["alias"],
            kind=NEIGHBOURHOOD,
            lat=by_number[int(row["area_number"])].lat,
            lon=by_number[int(row["area_number"])].lon,
            area=by_number[int(row["area_number"])].name,
        )
        for row in csv.DictReader(io.StringIO(_data("chicago_neighbourhood_aliases.csv")))
    ]
    facilities = _parse_csv(_demo("facilities.csv"), "facilities.csv", source="demo")
    return (*facilities, *neighbourhoods, *community_areas())


# --- user files (CSV or GeoJSON) -------------------------------------------------------------

CSV_COLUMNS = ("name", "aliases", "kind", "lat", "lon")


def read_places_file(path: str | Path) -> list[PlaceRecord]:
    """Parse a user's CSV (name,aliases,kind,lat,lon[,polygon]) or GeoJSON file, whole or not at all.

    Raises ``InputFormatError`` naming the first bad row, so nothing is half-imported.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFormatError(f"{path}: no such file", hint="give a .csv or .geojson file of places") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFormatError(f"{path}: cannot read ({exc})", hint="the file must be UTF-8 text") from None
    source = f"import:{path.name}"[:64]
    if path.suffix.lower() in (".geojson", ".json"):
        records = _parse_geojson(text, str(path), source=source)
    elif path.suffix.lower() == ".csv":
        records = _parse_csv(text, str(path), source=source)
    else:
        raise InputFormatError(f"{path}: unknown file type", hint="use .csv (name,aliases,kind,lat,lon[,polygon]) or .geojson")
    if not records:
        raise InputFormatError(f"{path}: no places in the file", hint="add at least one row")
    return records


def _coord(value: Any, what: str, limit: float, where: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputFormatError(f"{where}: {what} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise InputFormatError(f"{where}: {what} {number} is out of range (-{limit:g} to {limit:g})")
    return number


def _check_geometry(geometry: Any, where: str) -> dict[str, Any]:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise InputFormatError(f"{where}: polygon must be a GeoJSON Polygon or MultiPolygon")
    polys = [geometry.get("coordinates")] if geometry["type"] == "Polygon" else geometry.get("coordinates")
    try:
        for poly in polys:
            for ring in poly:
                if len(ring) < 4 or any(len(pt) < 2 for pt in ring):
                    raise ValueError
                for lon, lat, *_ in ring:
                    _coord(lon, "longitude", 180, where)
                    _coord(lat, "latitude", 90, where)
    except (TypeError, ValueError):
        raise InputFormatError(f"{where}: polygon rings need at least 4 [lon, lat] points") from None
    return geometry


def _record(name: Any, aliases: Sequence[str], kind: Any, lat: Any, lon: Any, polygon: Any, *, where: str,
            source: str) -> PlaceRecord:
    if not isinstance(name, str) or not name.strip():
        raise InputFormatError(f"{where}: name is empty")
    if not isinstance(kind, str) or not kind.strip():
        raise InputFormatError(f"{where}: kind is empty", hint="e.g. facility, courthouse, park")
    geometry = _check_geometry(polygon, where) if polygon else None
    if (lat in (None, "") or lon in (None, "")) and geometry is not None:
        lat, lon = _centroid(geometry)
    return PlaceRecord(
        name=name.strip()[:256],
        kind=kind.strip()[:64],
        lat=_coord(lat, "lat", 90, where),
        lon=_coord(lon, "lon", 180, where),
        aliases=tuple(a.strip() for a in aliases if a and a.strip()),
        polygon=geometry,
        source=source,
    )


def _parse_csv(text: str, label: str, *, source: str) -> list[PlaceRecord]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise InputFormatError(
            f"{label}: missing column(s) {', '.join(missing)}", hint="header must be name,aliases,kind,lat,lon[,polygon]"
        )
    records = []
    for line, row in enumerate(reader, start=2):
        where = f"{label}:{line}"
        polygon: Any = None
        if row.get("polygon"):
            try:
                polygon = json.loads(row["polygon"])
            except json.JSONDecodeError:
                raise InputFormatError(f"{where}: polygon is not GeoJSON") from None
        aliases = (row.get("aliases") or "").split(";")
        records.append(_record(row["name"], aliases, row["kind"], row["lat"], row["lon"], polygon, where=where,
                               source=source))
    return records


def _parse_geojson(text: str, label: str, *, source: str) -> list[PlaceRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFormatError(f"{label}: not JSON ({exc.msg} at line {exc.lineno})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputFormatError(f"{label}: not a GeoJSON FeatureCollection", hint="expected {\"type\": \"FeatureCollection\", \"features\": [...]}")
    records = []
    for n, feature in enumerate(features, start=1):
        where = f"{label}: feature {n}"
        props = (feature or {}).get("properties") or {}
        geometry = (feature or {}).get("geometry") or {}
        aliases = props.get("aliases") or []
        if isinstance(aliases, str):
            aliases = aliases.split(";")
        kind = props.get("kind") or "place"
        if geometry.get("type") == "Point":
            coords = geometry.get("coordinates") or [None, None]
            records.append(_record(props.get("name"), aliases, kind, coords[1], coords[0], None, where=where,
                                   source=source))
        else:
            records.append(_record(props.get("name"), aliases, kind, props.get("lat"), props.get("lon"),
                                   geometry, where=where, source=source))
    return records


# --- the places table ------------------------------------------------------------------------


def save_places(conn: Connection, records: Iterable[PlaceRecord]) -> tuple[int, int]:
    """Insert or replace rows by (name, kind) in the caller's transaction; returns (added, updated)."""
    table = schema.places
    added = updated = 0
    for rec in records:
        values = {"aliases": list(rec.aliases), "lat": rec.lat, "lon": rec.lon, "polygon": rec.polygon,
                  "source": rec.source}
        found = conn.execute(
            select(table.c.id).where(table.c.name == rec.name, table.c.kind == rec.kind)
        ).scalar()
        if found is None:
            conn.execute(table.insert().values(name=rec.name, kind=rec.kind, **values))
            added += 1
        else:
            conn.execute(table.update().where(table.c.id == found).values(**values))
            updated += 1
    return added, updated


def stored_places(conn: Connection) -> list[PlaceRecord]:
    rows = conn.execute(select(schema.places).order_by(schema.places.c.kind, schema.places.c.name)).mappings()
    return [
        PlaceRecord(
            name=r["name"], kind=r["kind"], lat=r["lat"], lon=r["lon"], aliases=tuple(r["aliases"] or ()),
            polygon=r["polygon"], source=r["source"] or "import",
        )
        for r in rows
    ]


# --- geometry --------------------------------------------------------------------------------


def _rings(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def _centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    outer = _rings(geometry)[0][0]
    return (sum(p[1] for p in outer) / len(outer), sum(p[0] for p in outer) / len(outer))


def _in_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygon(lat: float, lon: float, geometry: dict[str, Any]) -> bool:
    """Even-odd ray casting over a GeoJSON Polygon/MultiPolygon, holes included."""
    for poly in _rings(geometry):
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, hole) for hole in poly[1:]):
            return True
    return False


def _bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    pts = [p for poly in _rings(geometry) for p in poly[0]]
    return (min(p[1] for p in pts), min(p[0] for p in pts), max(p[1] for p in pts), max(p[0] for p in pts))


# --- Chicago's street grid -------------------------------------------------------------------

#: Calibration of the address grid: (north-south address, latitude). North positive, south
#: negative; Madison St is 0. South of Pershing the grid is a steady 800 per mile.
GRID_LAT: tuple[tuple[int, float], ...] = (
    (-13800, 41.6450), (-11900, 41.6775), (-11100, 41.6924), (-10300, 41.7070), (-9500, 41.7217),
    (-8700, 41.7362), (-7900, 41.7506), (-7100, 41.7653), (-6300, 41.7797), (-5500, 41.7943),
    (-4700, 41.8089), (-3900, 41.8236), (-3500, 41.8308), (-3100, 41.8380), (-2600, 41.8447),
    (-2200, 41.8522), (-1800, 41.8577), (-1600, 41.8599), (-1200, 41.8674), (-800, 41.8717),
    (-400, 41.8766), (0, 41.8819), (400, 41.8893), (800, 41.8966), (1200, 41.9036), (1600, 41.9105),
    (2000, 41.9179), (2400, 41.9254), (2800, 41.9324), (3200, 41.9397), (3600, 41.9469),
    (4000, 41.9541), (4400, 41.9613), (4800, 41.9685), (5200, 41.9761), (5600, 41.9834),
    (6000, 41.9906), (6400, 41.9980), (7200, 42.0121), (7600, 42.0190),
)
#: (east-west address, longitude). East positive, west negative; State St is 0.
GRID_LON: tuple[tuple[int, float], ...] = (
    (-7200, -87.8066), (-6400, -87.7858), (-5600, -87.7648), (-4800, -87.7437), (-4000, -87.7247),
    (-3200, -87.7057), (-2400, -87.6866), (-1600, -87.6666), (-800, -87.6470), (0, -87.6277),
    (400, -87.6165), (800, -87.6060), (1600, -87.5862), (2000, -87.5762),
)


def _interp(table: Sequence[tuple[int, float]], x: float) -> float:
    keys = [k for k, _ in table]
    i = min(max(bisect.bisect_left(keys, x), 1), len(table) - 1)
    (x0, y0), (x1, y1) = table[i - 1], table[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def grid_to_latlon(x: float, y: float) -> tuple[float, float]:
    """Address-grid position (E/W, N/S) to (lat, lon) by piecewise-linear calibration."""
    return round(_interp(GRID_LAT, y), 5), round(_interp(GRID_LON, x), 5)


@dataclass(slots=True, frozen=True)
class Street:
    """A street on the grid: ``ns`` streets have an east-west address ``grid``, ``ew`` ones a
    north-south one; ``diagonal`` streets a polyline of (x, y) grid points."""

    name: str
    axis: str
    grid: int = 0
    path: tuple[tuple[float, float], ...] = ()


def _numbered(n: int) -> Street:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return Street(f"{n}{suffix} St", "ew", -100 * n)


@lru_cache(maxsize=1)
def streets() -> dict[str, Street]:
    """Bundled street table, keyed by every lower-cased name and alias."""
    table: dict[str, Street] = {}
    for row in csv.DictReader(io.StringIO(_data("chicago_streets.csv"))):
        if row["axis"] == "diagonal":
            path = tuple(tuple(float(v) for v in pt.split()) for pt in row["grid"].split(";"))
            street = Street(row["name"], "diagonal", path=path)  # type: ignore[arg-type]
        else:
            street = Street(row["name"], row["axis"], int(row["grid"]))
        for key in (row["name"], *filter(None, row["aliases"].split(";"))):
            table.setdefault(key.lower(), street)
    return table


def _along(path: Sequence[tuple[float, float]], *, x: float | None = None, y: float | None = None) -> float | None:
    """Where a diagonal's polyline crosses a given x (returns y) or y (returns x)."""
    axis, other = (0, 1) if x is not None else (1, 0)
    value = x if x is not None else y
    for a, b in zip(path, path[1:], strict=False):
        lo, hi = sorted((a[axis], b[axis]))
        if lo <= value <= hi and a[axis] != b[axis]:  # type: ignore[operator]
            return a[other] + (b[other] - a[other]) * (value - a[axis]) / (b[axis] - a[axis])  # type: ignore[operator]
    return None


def intersection(a: Street, b: Street) -> tuple[float, float, bool] | None:
    """Where two streets cross: (lat, lon, approximate). None for parallel streets, or a
    diagonal that does not reach the other street."""
    if a.axis == b.axis:
        return None
    if "diagonal" in (a.axis, b.axis):
        diag, straight = (a, b) if a.axis == "diagonal" else (b, a)
        if straight.axis == "ns":
            y = _along(diag.path, x=straight.grid)
            return None if y is None else (*grid_to_latlon(straight.grid, y), True)
        x = _along(diag.path, y=straight.grid)
        return None if x is None else (*grid_to_latlon(x, straight.grid), True)
    ns, ew = (a, b) if a.axis == "ns" else (b, a)
    return (*grid_to_latlon(ns.grid, ew.grid), False)


_SUFFIX = r"(?:\s+(?:St|Street|Ave|Avenue|Av|Blvd|Boulevard|Rd|Road|Dr|Drive|Pl|Place)\b\.?)?"
_DIRECTION = r"(?:(?:N|S|E|W|North|South|East|West)\.?\s+)?"


@lru_cache(maxsize=1)
def _intersection_pattern() -> re.Pattern[str]:
    names = sorted(streets(), key=len, reverse=True)
    side = (
        _DIRECTION
        + r"(?:\d{1,3}(?:st|nd|rd|th|a|va)?|"
        + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        + r")\b"
        + _SUFFIX
    )
    return re.compile(
        rf"(?<![\w$])(?P<a>{side})\s*(?:&|\band\b|\by\b|\bat\b|\bcon\b|/)\s*"
        rf"(?:(?:la|el|calle)\s+)?(?P<b>{side})",
        re.IGNORECASE,
    )


_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[\w']+")
_CAPITALISED = re.compile(r"\b[A-Z][\w']*")
_AVENUE = re.compile(r"\bAve(?:nue)?\b", re.IGNORECASE)
#: Streets known only with their suffix ("Chicago Ave", "North Ave"): the bare word is not enough.
_NEEDS_SUFFIX = frozenset({"chicago", "north"})
#: Words too common to index a place name by ("the Harlow annex" is found through "harlow").
_COMMON_WORDS = frozenset(
    {"the", "el", "la", "los", "las", "de", "del", "on", "of", "in", "a", "an", "and", "y", "st", "street", "ave",
     "office", "station", "building", "annex", "park", "side", "north", "south", "east", "west", "near", "lower",
     "new", "oficina", "estación", "edificio", "anexo", "district", "10th", "9th"}
)


def _lower(text: str) -> str:
    """Lower case with offsets kept: the few characters whose lower case is longer stay as they are."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=1)
def _street_words() -> frozenset[str]:
    """Every word of every street name: a text with none of them (and no ordinal) has no
    intersection, which spares most texts the full pattern."""
    return frozenset(_WORD.findall(key)[0] for key in streets())


_SIDE_PARTS = re.compile(
    r"^(?:(?:N|S|E|W|North|South|East|West)\.?\s+)?(?P<core>.+?)(?P<suffix>\s+(?:St|Street|Ave|Avenue|Av|Blvd|Boulevard|Rd|Road|Dr|Drive|Pl|Place)\.?)?$",
    re.IGNORECASE,
)


def parse_street(side: str) -> tuple[Street, bool] | None:
    """One side of an intersection: the street and whether it was written unmistakably
    (a name, an ordinal like "26th", or "26 St"). A bare number is weak."""
    match = _SIDE_PARTS.match(side.strip())
    if match is None:
        return None
    core = " ".join(match["core"].split())
    digits = re.match(r"^(\d{1,3})(st|nd|rd|th|a|va)?$", core, re.IGNORECASE)
    if digits:
        n = int(digits[1])
        if not 12 <= n <= 138:
            return None
        return _numbered(n), bool(digits[2] or match["suffix"])
    street = streets().get(core.lower()) or streets().get(" ".join(side.split()).lower())
    if street is None or not core[0].isupper():
        return None
    return street, True


# --- the gazetteer ---------------------------------------------------------------------------


class Gazetteer:
    """Names and aliases to places, plus intersections and community-area lookup.

    Build it once per process (an analyzer does so in ``__init__``); lookups are pure.
    Earlier records win a shared name, so user places override bundled ones.
    """

    def __init__(self, records: Iterable[PlaceRecord]) -> None:
        self.records = list(records)
        self._by_key: dict[str, PlaceRecord] = {}
        for rec in self.records:
            for key in (rec.name, *rec.aliases):
                self._by_key.setdefault(" ".join(key.split()).lower(), rec)
        # Index every key by its most distinctive word: a text's words are intersected
        # with the index (a set operation in C) and only the few keys that can occur are
        # searched for; one regex over hundreds of alternatives costs far more.
        self._anchors: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for key in self._by_key:
            words = _TOKEN.findall(key)
            anchor = max(words, key=lambda w: (w not in _COMMON_WORDS, len(w)))
            body = r"\s+".join(re.escape(w) for w in words)
            self._anchors.setdefault(anchor, []).append((key, re.compile(rf"(?<![\w']){body}(?![\w'])")))
        self._anchor_words = frozenset(self._anchors)
        self._areas = [
            (rec, _bbox(rec.polygon)) for rec in self.records if rec.polygon is not None
        ]
        self._areas.sort(key=lambda pair: pair[0].kind != COMMUNITY_AREA)

    @classmethod
    def default(cls, user: Iterable[PlaceRecord] = ()) -> Gazetteer:
        return cls([*user, *bundled_places()])

    def lookup(self, name: str) -> PlaceRecord | None:
        return self._by_key.get(" ".join(name.split()).lower())

    def area_at(self, lat: float, lon: float) -> PlaceRecord | None:
        """The community area (or other polygon) containing a point, community areas first."""
        for rec, (lat0, lon0, lat1, lon1) in self._areas:
            if lat0 <= lat <= lat1 and lon0 <= lon <= lon1 and point_in_polygon(lat, lon, rec.polygon or {}):
                return rec
        return None

    def find(self, text: str) -> list[PlaceMatch]:
        """Every place named in ``text``: intersections first, then names; no overlaps."""
        found = self.find_intersections(text)
        taken = [(m.start, m.end) for m in found]
        for match in self.find_names(text):
            if not any(match.start < e and s < match.end for s, e in taken):
                found.append(match)
                taken.append((match.start, match.end))
        return sorted(found, key=lambda m: m.start)

    def find_names(self, text: str) -> list[PlaceMatch]:
        lower = _lower(text)
        hits: list[tuple[int, int, str]] = []
        for anchor in self._anchor_words.intersection(_TOKEN.findall(lower)):
            for key, pattern in self._anchors[anchor]:
                hits.extend((m.start(), m.end(), key) for m in pattern.finditer(lower))
        matches: list[PlaceMatch] = []
        taken = -1
        for start, end, key in sorted(hits, key=lambda h: (h[0], -h[1])):
            if start < taken:
                continue
            rec = self._by_key[key]
            if " " not in key:
                if not text[start].isupper():
                    continue
                if key in AMBIGUOUS_NAMES and not _LOCATIVE.search(text[max(0, start - 12) : start]):
                    continue
            matches.append(PlaceMatch(start, end, rec, 0.9 if rec.kind != COMMUNITY_AREA else 0.85))
            taken = end
        return matches

    def find_intersections(self, text: str) -> list[PlaceMatch]:
        capitalised = {w.lower() for w in _CAPITALISED.findall(text)}
        named = capitalised & _street_words()
        if not named or (named <= _NEEDS_SUFFIX and not _AVENUE.search(text)):
            return []
        matches = []
        for m in _intersection_pattern().finditer(text):
            found = self._intersection(m)
            if found is not None:
                matches.append(found)
        return matches

    def _intersection(self, m: re.Match[str]) -> PlaceMatch | None:
        a, b = parse_street(m["a"]), parse_street(m["b"])
        if a is None or b is None:
            return None
        (street_a, clear_a), (street_b, clear_b) = a, b
        # A bare number ("la 26") counts only beside a named street ("y Kedzie").
        if (not clear_a and (not clear_b or street_b.name[0].isdigit())) or (
            not clear_b and street_a.name[0].isdigit()
        ):
            return None
        crossing = intersection(street_a, street_b)
        if crossing is None:
            return None
        lat, lon, approximate = crossing
        area = self.area_at(lat, lon)
        rec = PlaceRecord(
            name=f"{street_a.name} & {street_b.name}", kind=INTERSECTION, lat=lat, lon=lon,
            source="street grid", area=area.name if area else None,
        )
        return PlaceMatch(m.start("a"), m.end("b"), rec, 0.6 if approximate else 0.8)


def load_gazetteer(db: str | None) -> Gazetteer:
    """Bundled places plus the user's, read once from the store at ``db`` (if any)."""
    if not db:
        return Gazetteer.default()
    from threatdesk.store import Store

    with Store.open(db) as store, store.transaction() as conn:
        return Gazetteer.default(stored_places(conn))
