"""The place analyzer and the gazetteer behind it: names, aliases, facilities, intersections."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from threatdesk.analyzers import AnalyzerContext
from threatdesk.analyzers.places import PlaceAnalyzer
from threatdesk.models import Item, Place
from threatdesk.places import Gazetteer, PlaceRecord, bundled_places, community_areas, save_places
from threatdesk.store import Store

ANALYZER = PlaceAnalyzer()


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def places(text: str, **fields: object) -> list[dict]:
    signals = ANALYZER(Item.from_text(text, **fields))
    for s in signals:
        assert s.analyzer == "places.v1" and s.kind == "place" and s.reason
    return [s.value | {"span": text[s.start : s.end] if s.start is not None else None} for s in signals]


@pytest.mark.parametrize(
    ("text", "span", "name", "kind", "area"),
    [
        ("Marcha en Pilsen mañana", "Pilsen", "Pilsen", "neighbourhood", "Lower West Side"),
        ("ICE en La Villita ahorita", "La Villita", "La Villita", "neighbourhood", "South Lawndale"),
        ("shots fired in little village last night", "little village", "Little Village", "neighbourhood", "South Lawndale"),
        ("rally in Back of the Yards", "Back of the Yards", "Back of the Yards", "neighbourhood", "New City"),
        ("everybody in Humboldt Park knows", "Humboldt Park", "Humboldt Park", "community_area", "Humboldt Park"),
        ("traffic in the Loop again", "Loop", "Loop", "community_area", "Loop"),
        ("lookouts by the Harlow annex all week", "the Harlow annex", "Harlow Street Federal Annex", "federal_facility", "Near West Side"),
        ("la oficina de Kedzie tiene halcones", "la oficina de Kedzie", "Kedzie Processing Office", "immigration_office", "South Lawndale"),
        ("he leaves the Wabash Row annex at 5", "Wabash Row annex", "Wabash Row Courthouse Annex", "courthouse", "Loop"),
    ],
)
def test_names_and_aliases(text: str, span: str, name: str, kind: str, area: str) -> None:
    [found] = places(text)
    assert (found["span"], found["name"], found["kind"], found["area"]) == (span, name, kind, area)


#: Reference coordinates for intersections (street-map readings, about 50 m accuracy).
INTERSECTIONS = [
    ("ICE vans at 26th and Pulaski right now", "26th and Pulaski", "26th St & Pulaski Rd", 41.8446, -87.7246, 300),
    ("migra en la 26 y Kedzie, dos camionetas", "26 y Kedzie", "26th St & Kedzie Ave", 41.8446, -87.7055, 300),
    ("LA 26 Y KEDZIE AHORITA", "26 Y KEDZIE", "26th St & Kedzie Ave", 41.8446, -87.7055, 300),
    ("nos vemos en Cermak y Western", "Cermak y Western", "Cermak Rd & Western Ave", 41.8521, -87.6856, 300),
    ("icy at 31st & Kedzie", "31st & Kedzie", "31st St & Kedzie Ave", 41.8378, -87.7054, 300),
    ("meet at State and Madison", "State and Madison", "State St & Madison St", 41.8820, -87.6278, 300),
    ("radios on the roof at 18th and Blue Island", "18th and Blue Island", "18th St & Blue Island Ave", 41.8577, -87.6610, 500),
    ("la 47 con Ashland", "47 con Ashland", "47th St & Ashland Ave", 41.8087, -87.6646, 300),
    ("Belmont and Western", "Belmont and Western", "Belmont Ave & Western Ave", 41.9396, -87.6880, 300),
]


@pytest.mark.parametrize(("text", "span", "name", "lat", "lon", "tolerance"), INTERSECTIONS, ids=[i[1] for i in INTERSECTIONS])
def test_intersections_resolve_by_the_address_grid(text: str, span: str, name: str, lat: float, lon: float,
                                                   tolerance: int) -> None:
    [found] = places(text)
    assert (found["span"], found["name"], found["kind"]) == (span, name, "intersection")
    assert metres(found["lat"], found["lon"], lat, lon) < tolerance


@pytest.mark.parametrize(
    "text",
    [
        "keep me in the loop", "Austin said he'd be late", "Douglas and Beverly came to dinner",
        "the state and local police", "at 6 and 7 tonight", "the 9th and 10th districts", "10 y Kedzie",
        "Grand and Division", "25 y 26 de octubre", "Harrison and Ford movie night",
        "Western and Eastern Europe", "2816 W Tamarind Ct",
    ],
)
def test_not_places(text: str) -> None:
    assert places(text) == []


def test_an_address_is_never_geocoded() -> None:
    assert places("she lives at 4419 W Brantwood Ln, 2 blocks from Kedzie") == []


def test_the_items_own_coordinates_are_an_item_level_signal() -> None:
    [own] = places("lookouts again", place=Place(name=None, lat=41.8752, lon=-87.6445))
    assert own["span"] is None and own["kind"] == "reported_location" and own["area"] == "Near West Side"
    [own] = places("lookouts again", place=Place(name="Little Village"))
    assert (own["name"], own["lat"], own["area"]) == ("Little Village", pytest.approx(41.839, abs=0.01), "South Lawndale")
    assert places("lookouts again", place=Place(name="Somewhere Unknown")) == []


@pytest.mark.parametrize(
    ("lat", "lon", "area"),
    [(41.8752, -87.6445, "Near West Side"), (41.8465, -87.7055, "South Lawndale"), (41.8789, -87.6266, "Loop"),
     (41.7943, -87.5907, "Hyde Park"), (42.0190, -87.6720, "Rogers Park"), (42.0450, -87.6880, None),
     (41.8800, -87.5000, None)],
)
def test_point_in_polygon_names_the_community_area(lat: float, lon: float, area: str | None) -> None:
    found = Gazetteer.default().area_at(lat, lon)
    assert (found.name if found else None) == area


def test_bundled_gazetteer() -> None:
    kinds = [r.kind for r in bundled_places()]
    assert len(community_areas()) == kinds.count("community_area") == 77
    assert kinds.count("neighbourhood") == 19
    assert len([k for k in kinds if k not in ("community_area", "neighbourhood")]) == 6
    for area in community_areas():
        centre = Gazetteer(community_areas()).area_at(area.lat, area.lon)
        assert centre is not None


def test_user_places_load_from_the_store_and_win_over_bundled(db_url: str) -> None:
    with Store.open(db_url) as store, store.transaction() as conn:
        save_places(conn, [
            PlaceRecord("Marlow Fieldhouse", "park", 41.8801, -87.6502, ("the fieldhouse", "el fieldhouse")),
            PlaceRecord("Pilsen", "neighbourhood", 41.8560, -87.6560, source="import:test"),
        ])
    analyzer = PlaceAnalyzer(context=AnalyzerContext(db=db_url))
    signals = analyzer(Item.from_text("see you at the fieldhouse, then Pilsen", posted_at=datetime(2026, 11, 1, tzinfo=UTC)))
    assert [(s.value["name"], s.value["lat"]) for s in signals] == [("Marlow Fieldhouse", 41.8801), ("Pilsen", 41.856)]
    assert signals[0].value["area"] == "Near West Side"
