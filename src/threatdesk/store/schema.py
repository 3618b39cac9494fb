"""Every table, as SQLAlchemy Core metadata, grouped by the stage that owns it.

The migrations in ``migrations/versions`` create exactly these tables (a test compares
them); one migration per area so that each area can change without touching another.
Core rather than the ORM: bulk scans write hundreds of thousands of rows, and plain
``insert()`` statements are several times faster and easier to reason about.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# --- intake and assessment (0001) -------------------------------------------------------

items = Table(
    "items",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("content_sha256", String(64), nullable=False, unique=True),
    Column("source", String(64)),
    Column("external_id", String(256)),
    Column("author", String(256), index=True),
    Column("text", Text, nullable=False),
    Column("lang", String(16)),
    Column("posted_at", DateTime(timezone=True), index=True),
    Column("received_at", DateTime(timezone=True)),
    Column("place_name", String(256)),
    Column("lat", Float),
    Column("lon", Float),
    Column("attachments", JSON),
    Column("raw", Text),
)

assessments = Table(
    "assessments",
    metadata,
    Column("item_id", String(32), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("label", String(32), nullable=False),
    Column("risk", Integer, nullable=False),
    Column("priority", String(2), nullable=False),
    Column("scores", JSON, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("signals", JSON, nullable=False),
    Column("model_version", String(256), nullable=False),
    Column("assessed_at", DateTime(timezone=True), nullable=False),
    Index("ix_assessments_rank", "priority", "risk"),
    Index("ix_assessments_label", "label"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(512), nullable=False),
    Column("status", String(16), nullable=False, server_default="new"),
    Column("close_reason", String(16)),
    Column("priority", String(2), nullable=False, server_default="P4"),
    Column("risk", Integer, nullable=False, server_default="0"),
    Column("assignee", String(128)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True)),
    Index("ix_cases_rank", "status", "priority", "risk"),
)

case_items = Table(
    "case_items",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("item_id", String(32), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

scan_runs = Table(
    "scan_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input_key", String(64), nullable=False, index=True),
    Column("path", Text, nullable=False),
    Column("bytes_done", BigInteger, nullable=False, server_default="0"),
    Column("check_sha256", String(64)),
    Column("lines_done", BigInteger, nullable=False, server_default="0"),
    Column("items_done", BigInteger, nullable=False, server_default="0"),
    Column("items_added", BigInteger, nullable=False, server_default="0"),
    Column("rejected", BigInteger, nullable=False, server_default="0"),
    Column("out_path", Text),
    Column("out_start", BigInteger),
    Column("out_bytes", BigInteger),
    Column("status", String(16), nullable=False, server_default="running"),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
)

# --- protectee registry (0002) ------------------------------------------------------------

protectees = Table(
    "protectees",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alias", String(64), nullable=False, unique=True),
    Column("role", String(128)),
    Column("agency", String(256)),
    Column("key_id", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

protectee_fingerprints = Table(
    "protectee_fingerprints",
    metadata,
    Column("protectee_id", Integer, ForeignKey("protectees.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("fingerprint", String(64), nullable=False, index=True),
    Column("restricted", Boolean, nullable=False, server_default="0"),
    UniqueConstraint("protectee_id", "kind", "fingerprint"),
)

item_protectees = Table(
    "item_protectees",
    metadata,
    Column("item_id", String(32), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(64), primary_key=True),
    Index("ix_item_protectees_alias", "alias"),
)

# --- correlation and case work (0003) ------------------------------------------------------

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("first_item_id", String(32), ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("repost_count", Integer, nullable=False, server_default="0"),
    Column("signature", JSON),
)

item_stories = Table(
    "item_stories",
    metadata,
    Column("item_id", String(32), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
)

case_notes = Table(
    "case_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("author", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

case_changes = Table(
    "case_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, nullable=False, index=True),
    Column("actor", String(128), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", JSON),
    Column("at", DateTime(timezone=True), nullable=False),
)

#: Evidence that belongs to a case rather than one item (fixation, energy burst, reposts),
#: recomputed by correlation; the case page shows it and the case's risk adds its weight.
case_signals = Table(
    "case_signals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("analyzer", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("value", JSON, nullable=False),
    Column("reason", Text, nullable=False),
    Column("weight", Integer, nullable=False, server_default="0"),
    Column("item_ids", JSON, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(256), nullable=False),
    Column("aliases", JSON),
    Column("kind", String(64), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("polygon", JSON),
    Column("source", String(64)),
    UniqueConstraint("name", "kind"),
)

# --- audit trail (0004) ---------------------------------------------------------------------

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("object_type", String(32)),
    Column("object_id", String(64)),
    Column("before", JSON),
    Column("after", JSON),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_object", "object_type", "object_id"),
)

#: One row (id 1): the last event's seq and hash and how many events the trail holds,
#: written with every event. It lets ``verify`` see a deleted tail, which no chain can.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("count", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
)

# --- accounts, sessions and tips (0005) ------------------------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(128), nullable=False, unique=True),
    Column("password_hash", String(256), nullable=False),
    Column("role", String(16), nullable=False),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

tips = Table(
    "tips",
    metadata,
    Column("receipt_hash", String(64), primary_key=True),
    Column("item_id", String(32), ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("category", String(64), nullable=False),
    Column("flagged_identity_only", Boolean, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: The queue page's order (priority, then risk from high to low) as an index, so the first
#: pages of a 100,000-item queue read a few hundred index entries instead of sorting them all.
ix_assessments_queue = Index("ix_assessments_queue", assessments.c.priority, assessments.c.risk.desc())

# --- API keys and webhooks (0006) --------------------------------------------------------------

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("prefix", String(16), nullable=False, unique=True),
    Column("key_hash", String(128), nullable=False),
    Column("scopes", String(128), nullable=False),
    Column("label", String(128)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("secret", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False, unique=True),
    Column("event_key", String(128), nullable=False),
    Column("url", Text, nullable=False),
    Column("event", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    Index("ix_webhook_deliveries_status", "status", "next_attempt_at"),
    UniqueConstraint("event_key", "url", name="uq_webhook_deliveries_event_url"),
)

webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "delivery_id", Integer, ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("attempt", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("status_code", Integer),
    Column("error", Text),
    Column("duration_ms", Integer, nullable=False),
)
