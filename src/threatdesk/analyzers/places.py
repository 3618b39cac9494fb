"""Places a message names, resolved to coordinates through the gazetteer.

Neighbourhoods ("Pilsen", "La Villita"), community areas, facilities and their aliases,
and intersections of major streets ("18th and Blue Island", "la 26 y Kedzie"). The item's
own place fields (where the source says it came from) become one item-level signal. Public
places only: a street address is never geocoded (docs/places.md).
"""

from __future__ import annotations

from typing import Any

from threatdesk.models import Item, Signal
from threatdesk.places import Gazetteer, PlaceRecord, load_gazetteer

NAME = "places.v1"

#: Kind of the item-level signal built from the item's own place/lat/lon fields.
REPORTED_LOCATION = "reported_location"


class PlaceAnalyzer:
    name = "places"
    version = 1

    def __init__(self, *, context: Any = None, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer(getattr(context, "db", None))

    def _value(self, rec: PlaceRecord, lat: float, lon: float) -> dict[str, Any]:
        area = rec.area
        if area is None:
            found = self.gazetteer.area_at(lat, lon)
            area = found.name if found else None
        return {"name": rec.name, "kind": rec.kind, "lat": lat, "lon": lon, "area": area}

    def __call__(self, item: Item) -> list[Signal]:
        signals = [
            Signal(
                analyzer=NAME,
                kind="place",
                start=m.start,
                end=m.end,
                value=self._value(m.record, m.record.lat, m.record.lon),
                confidence=m.confidence,
                reason=f"names a place: {m.record.name} ({m.record.kind.replace('_', ' ')})",
            )
            for m in self.gazetteer.find(item.text)
        ]
        own = self._own_place(item)
        if own is not None:
            signals.append(own)
        return signals

    def _own_place(self, item: Item) -> Signal | None:
        place = item.place
        if place is None:
            return None
        if place.lat is not None and place.lon is not None:
            area = self.gazetteer.area_at(place.lat, place.lon)
            name = place.name or (area.name if area else f"{place.lat:.4f}, {place.lon:.4f}")
            value = {"name": name, "kind": REPORTED_LOCATION, "lat": place.lat, "lon": place.lon,
                     "area": area.name if area else None}
            return Signal(analyzer=NAME, kind="place", value=value, confidence=1.0,
                          reason=f"the source gives its location: {name}")
        rec = self.gazetteer.lookup(place.name or "")
        if rec is None:
            return None
        value = self._value(rec, rec.lat, rec.lon) | {"kind": REPORTED_LOCATION, "name": rec.name}
        return Signal(analyzer=NAME, kind="place", value=value, confidence=0.8,
                      reason=f"the source gives its place: {rec.name}")
