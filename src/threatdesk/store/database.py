"""The Store: one object over SQLite (default) or PostgreSQL, migrated on open.

Writes go in transactional batches: a batch of items and their assessments commits
whole or not at all, so a process killed at any instant leaves only whole batches, and
running the same import again adds exactly what is missing (inserts skip rows whose
content hash is already there).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from threatdesk.errors import StoreError
from threatdesk.models import Assessment, Item, now_utc
from threatdesk.store import schema

DEFAULT_DB = "threatdesk.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_url(db: str | None) -> str:
    """A path means a SQLite file; a URL is used as given (postgresql:// gets the psycopg driver)."""
    db = db or os.environ.get("THREATDESK_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC, so say so."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@dataclass(slots=True, frozen=True)
class QueueFilter:
    label: Sequence[str] = ()
    priority: Sequence[str] = ()
    status: Sequence[str] = ()
    protectee: str | None = None
    place: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(slots=True, frozen=True)
class QueueRow:
    item_id: str
    priority: str
    risk: int
    label: str
    status: str
    case_id: int | None
    posted_at: datetime | None
    source: str | None
    author: str | None
    place: str | None
    text: str


class Store:
    """Open with ``Store.open(url)``; close with ``close()`` or use it as a context manager."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, db: str | None = None, *, migrate: bool = True) -> Store:
        url = resolve_url(db)
        try:
            if url.startswith("sqlite"):
                path = Path(url.removeprefix("sqlite:///"))
                if not path.parent.exists():
                    raise StoreError(f"cannot create {path}: folder {path.parent} does not exist")
                engine = create_engine(url, connect_args={"timeout": 30})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            store = cls(engine)
            if migrate:
                store.migrate()
            return store
        except OperationalError as exc:
            raise StoreError(
                f"cannot open the database {_safe(url)}: {str(exc.orig).strip().splitlines()[0]}",
                hint="check --db / THREATDESK_DB and that the server is running",
            ) from None

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.begin() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"database error: {str(exc.orig).strip().splitlines()[0]}") from None

    def insert_ignore(self, table: Any) -> Any:
        """INSERT that skips rows already present (by primary or unique key), on either dialect."""
        ins = pg_insert(table) if self.dialect == "postgresql" else sqlite_insert(table)
        return ins.on_conflict_do_nothing()

    # --- items and assessments ---------------------------------------------------------------

    def known_hashes(self, conn: Connection, hashes: Iterable[str]) -> set[str]:
        wanted = list(hashes)
        if not wanted:
            return set()
        col = schema.items.c.content_sha256
        return set(conn.execute(select(col).where(col.in_(wanted))).scalars())

    def write_batch(self, items: Sequence[Item], assessments: Sequence[Assessment]) -> int:
        """Store items and their assessments in one transaction; returns how many items were new."""
        if not items:
            return 0
        by_id = {a.item_id: a for a in assessments}
        with self.transaction() as conn:
            known = self.known_hashes(conn, (i.content_sha256 for i in items))
            fresh: dict[str, Item] = {}
            for item in items:
                if item.content_sha256 not in known:
                    fresh.setdefault(item.id, item)
            if not fresh:
                return 0
            conn.execute(self.insert_ignore(schema.items), [item_row(i) for i in fresh.values()])
            rows = [assessment_row(by_id[i]) for i in fresh if i in by_id]
            if rows:
                conn.execute(self.insert_ignore(schema.assessments), rows)
            self._write_protectee_links(conn, [by_id[i] for i in fresh if i in by_id])
            return len(fresh)

    def _write_protectee_links(self, conn: Connection, assessments: Sequence[Assessment]) -> None:
        """Index which protectee aliases each item names, for the queue's and correlation's lookups."""
        from threatdesk.protectees import protectee_aliases

        links = [{"item_id": a.item_id, "alias": alias} for a in assessments for alias in protectee_aliases(a)]
        if links:
            conn.execute(self.insert_ignore(schema.item_protectees), links)

    def count(self, table: Any) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def get_item(self, item_id: str) -> Item | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.items).where(schema.items.c.id == item_id)).mappings().first()
        return row_to_item(row) if row else None

    def get_assessment(self, item_id: str) -> Assessment | None:
        a = schema.assessments
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(a.c.item_id == item_id)).mappings().first()
        return row_to_assessment(row) if row else None

    def queue(self, flt: QueueFilter | None = None, *, limit: int = 20, offset: int = 0) -> list[QueueRow]:
        """Items ranked by priority, then risk, then newest first."""
        flt = flt or QueueFilter()
        i, a, ci, c = schema.items, schema.assessments, schema.case_items, schema.cases
        status = func.coalesce(c.c.status, "new")
        query = (
            select(
                i.c.id, a.c.priority, a.c.risk, a.c.label, status.label("status"), c.c.id.label("case_id"),
                i.c.posted_at, i.c.source, i.c.author, i.c.place_name, i.c.text,
            )
            .select_from(i.join(a, a.c.item_id == i.c.id).outerjoin(ci, ci.c.item_id == i.c.id).outerjoin(c, c.c.id == ci.c.case_id))
        )
        if flt.label:
            query = query.where(a.c.label.in_(list(flt.label)))
        if flt.priority:
            query = query.where(a.c.priority.in_(list(flt.priority)))
        if flt.status:
            query = query.where(status.in_(list(flt.status)))
        if flt.protectee:
            ip = schema.item_protectees
            query = query.where(i.c.id.in_(select(ip.c.item_id).where(ip.c.alias == flt.protectee)))
        if flt.place:
            query = query.where(func.lower(i.c.place_name) == flt.place.lower())
        if flt.since:
            query = query.where(i.c.posted_at >= flt.since)
        if flt.until:
            query = query.where(i.c.posted_at < flt.until)
        query = query.order_by(a.c.priority, a.c.risk.desc(), i.c.posted_at.desc(), i.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [
                QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], as_utc(r[6]), r[7], r[8], r[9], r[10])
                for r in conn.execute(query)
            ]


def _safe(url: str) -> str:
    """The URL without a password, for error messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url


def item_row(item: Item) -> dict[str, Any]:
    place = item.place
    return {
        "id": item.id,
        "content_sha256": item.content_sha256,
        "source": item.source,
        "external_id": item.external_id,
        "author": item.author,
        "text": item.text,
        "lang": item.lang,
        "posted_at": item.posted_at,
        "received_at": item.received_at or now_utc(),
        "place_name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "attachments": [a.to_json() for a in item.attachments],
        "raw": item.raw,
    }


def row_to_item(row: Any) -> Item:
    from threatdesk.models import Attachment, Place

    place = None
    if row["place_name"] is not None or row["lat"] is not None:
        place = Place(name=row["place_name"], lat=row["lat"], lon=row["lon"])
    return Item(
        id=row["id"],
        text=row["text"],
        content_sha256=row["content_sha256"],
        source=row["source"],
        external_id=row["external_id"],
        author=row["author"],
        lang=row["lang"],
        posted_at=as_utc(row["posted_at"]),
        received_at=as_utc(row["received_at"]),
        place=place,
        attachments=tuple(Attachment(**a) for a in row["attachments"] or ()),
        raw=row["raw"],
    )


def assessment_row(assessment: Assessment) -> dict[str, Any]:
    data = assessment.to_json()
    return {
        "item_id": assessment.item_id,
        "label": data["label"],
        "risk": assessment.risk,
        "priority": assessment.priority,
        "scores": data["scores"],
        "reasons": data["reasons"],
        "signals": data["signals"],
        "model_version": assessment.model_version,
        "assessed_at": now_utc(),
    }


def row_to_assessment(row: Any) -> Assessment:
    return Assessment.from_json(
        {
            "item_id": row["item_id"],
            "label": row["label"],
            "scores": row["scores"],
            "risk": row["risk"],
            "priority": row["priority"],
            "reasons": row["reasons"],
            "signals": row["signals"],
            "model_version": row["model_version"],
        }
    )


__all__ = ["DEFAULT_DB", "QueueFilter", "QueueRow", "SQLAlchemyError", "Store", "as_utc", "resolve_url"]
