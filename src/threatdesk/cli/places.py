"""``threatdesk places``: the gazetteer the place analyzer resolves names against."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from threatdesk import audit
from threatdesk.cli.common import console, db_option, open_store
from threatdesk.places import (
    Gazetteer,
    bundled_places,
    community_areas,
    read_places_file,
    save_places,
    stored_places,
)


@click.group(short_help="The gazetteer: list places, import your own.")
def places() -> None:
    """The gazetteer: Chicago's community areas, neighbourhood names, facilities, and yours.

    Public places only. The desk never geocodes a street address and never locates anyone's
    home; import facilities, buildings, parks and areas, not where people live.
    """


@places.command("import", short_help="Add or update places from a CSV or GeoJSON file.")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
@click.option("--actor", default="cli", show_default=True, help="Who is importing (recorded in the audit trail).")
def import_places(file: str, db: str | None, actor: str) -> None:
    """Add or update places from FILE: CSV with header name,aliases,kind,lat,lon[,polygon]
    (aliases separated by ';', polygon as GeoJSON) or a GeoJSON FeatureCollection (Point or
    Polygon features with name, kind and aliases properties).

    The whole file is checked first: one bad row stops the import and nothing is written.
    A place with the same name and kind as a stored one replaces it. New places are used by
    the next scan (the analyzers read the table once when they start).
    """
    records = read_places_file(file)
    with open_store(db) as store, store.transaction() as conn:
        added, updated = save_places(conn, records)
        audit.record(conn, actor=actor, action="places.import", object_type="places", object_id=records[0].source,
                     after={"added": added, "updated": updated})
    click.echo(f"{file}: {added} place(s) added, {updated} updated")


@places.command("list", short_help="List the places the analyzer knows.")
@db_option
@click.option("--kind", help="Only places of this kind (community_area, neighbourhood, courthouse, ...).")
@click.option("--bundled/--no-bundled", default=True, show_default=True, help="Include the places that ship with threatdesk.")
def list_places(db: str | None, kind: str | None, bundled: bool) -> None:
    """List imported places, then the bundled ones: name, kind, coordinates, aliases, source."""
    with open_store(db) as store, store.transaction() as conn:
        rows = stored_places(conn)
    if bundled:
        rows += list(bundled_places())
    if kind:
        rows = [r for r in rows if r.kind == kind]
    areas = Gazetteer(community_areas())
    table = Table(pad_edge=False)
    for col in ("name", "kind", "lat", "lon", "area", "aliases", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        area = r.area or getattr(areas.area_at(r.lat, r.lon), "name", "")
        table.add_row(escape(r.name), r.kind, f"{r.lat:.5f}", f"{r.lon:.5f}", escape(area),
                      escape("; ".join(r.aliases)), r.source)
    out = console()
    out.print(table)
    out.print(f"{len(rows)} place(s)")
