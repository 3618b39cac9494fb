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
from threatdesk.store.records import AssessmentRecord, _dump, encode_assessment

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
        records = [encode_assessment(a) for a in assessments]
        with self.transaction() as conn:
            return len(self.write_rows(conn, items, records))

    def write_rows(self, conn: Connection, items: Sequence[Item], records: Sequence[AssessmentRecord]) -> list[str]:
        """Insert items and their encoded assessments in the caller's transaction; return the ids added.

        Items whose content hash is already stored are skipped, and so are their
        assessments. The bulk path of ``scan``: the assessments arrive with their JSON
        already encoded (by the engine's workers), so this process only moves rows. On
        PostgreSQL they travel by COPY into a temporary table and move on with one
        ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` per table (bench/pgwrite.py).
        """
        fresh: dict[str, Item] = {}
        for item in items:
            fresh.setdefault(item.id, item)
        if not fresh:
            return []
        if self.dialect == "postgresql":
            added = _pg_copy_rows(conn, list(fresh.values()), records)
            self._write_protectee_links(conn, records, set(added))
            return added
        known = self.known_hashes(conn, (i.content_sha256 for i in fresh.values()))
        fresh = {k: v for k, v in fresh.items() if v.content_sha256 not in known}
        if not fresh:
            return []
        dt = _datetime_processor(conn)
        conn.exec_driver_sql(_SQLITE_INSERT_ITEMS, [_item_tuple(i, dt) for i in fresh.values()])
        assessed_at = dt(now_utc())
        rows = [(*r[:_STORED], assessed_at) for r in records if r.item_id in fresh]
        if rows:
            conn.exec_driver_sql(_SQLITE_INSERT_ASSESSMENTS, rows)
        self._write_protectee_links(conn, records, set(fresh))
        return list(fresh)

    def _write_protectee_links(self, conn: Connection, records: Sequence[AssessmentRecord], added: set[str]) -> None:
        """Index which protectee aliases each new item names, for the queue's and correlation's lookups."""
        links = [{"item_id": r.item_id, "alias": alias} for r in records if r.item_id in added for alias in r.protectees]
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


_ITEM_COLUMNS = [c.name for c in schema.items.columns]
#: The record's fields that are columns of ``assessments`` (``protectees`` goes to item_protectees).
_STORED = len(AssessmentRecord._fields) - 1
_ASSESSMENT_COLUMNS = [*AssessmentRecord._fields[:_STORED], "assessed_at"]
assert sorted(_ASSESSMENT_COLUMNS) == sorted(c.name for c in schema.assessments.columns)
_SQLITE_INSERT_ITEMS = (
    f"INSERT INTO items ({', '.join(_ITEM_COLUMNS)}) VALUES ({', '.join('?' * len(_ITEM_COLUMNS))}) ON CONFLICT DO NOTHING"
)
_SQLITE_INSERT_ASSESSMENTS = (
    f"INSERT INTO assessments ({', '.join(_ASSESSMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_ASSESSMENT_COLUMNS))}) ON CONFLICT DO NOTHING"
)


def _datetime_processor(conn: Connection) -> Any:
    """How this dialect's DateTime column stores a value (SQLite: a fixed text form)."""
    dialect = conn.dialect
    proc = schema.items.c.received_at.type.dialect_impl(dialect).bind_processor(dialect)
    return proc or (lambda value: value)


def _item_tuple(item: Item, dt: Any) -> tuple[Any, ...]:
    place = item.place
    return (
        item.id, item.content_sha256, item.source, item.external_id, item.author, item.text, item.lang,
        None if item.posted_at is None else dt(item.posted_at), dt(item.received_at or now_utc()),
        place.name if place else None, place.lat if place else None, place.lon if place else None,
        _dump([a.to_json() for a in item.attachments]) if item.attachments else "[]", item.raw,
    )


def _pg_copy_rows(conn: Connection, items: list[Item], records: Sequence[AssessmentRecord]) -> list[str]:
    """COPY into session-private temporary tables, then one INSERT ... SELECT per table.

    ``ON CONFLICT DO NOTHING`` skips items already stored (by id or content hash); the
    assessments that follow are only those of the items this statement really added.
    The temporary tables are emptied after use (and at commit), so each batch stays
    one self-contained transaction.
    """
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur:
        # Every time, not once per connection: a rolled-back batch takes the tables with it.
        cur.execute(
            "CREATE TEMP TABLE IF NOT EXISTS td_copy_items (LIKE items) ON COMMIT DELETE ROWS;"
            "CREATE TEMP TABLE IF NOT EXISTS td_copy_assessments (LIKE assessments) ON COMMIT DELETE ROWS"
        )
        with cur.copy(f"COPY td_copy_items ({', '.join(_ITEM_COLUMNS)}) FROM STDIN") as copy:
            for item in items:
                copy.write_row(_item_tuple(item, lambda v: v))
        cur.execute("INSERT INTO items SELECT * FROM td_copy_items ON CONFLICT DO NOTHING RETURNING id")
        added = [r[0] for r in cur.fetchall()]
        if added and records:
            assessed_at = now_utc()
            with cur.copy(f"COPY td_copy_assessments ({', '.join(_ASSESSMENT_COLUMNS)}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row((*record[:_STORED], assessed_at))
            cur.execute(
                "INSERT INTO assessments SELECT * FROM td_copy_assessments WHERE item_id = ANY(%s) ON CONFLICT DO NOTHING",
                (added,),
            )
        cur.execute("TRUNCATE td_copy_items, td_copy_assessments")
    order = {item.id: n for n, item in enumerate(items)}
    return sorted(added, key=order.__getitem__)


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


__all__ = ["DEFAULT_DB", "AssessmentRecord", "encode_assessment", "QueueFilter", "QueueRow", "SQLAlchemyError", "Store", "as_utc", "resolve_url"]
