"""Protectee registry: aliases and keyed fingerprints only.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "protectees",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=128), nullable=True),
        sa.Column("agency", sa.String(length=256), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alias"),
    )
    op.create_table(
        "item_protectees",
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "alias"),
    )
    op.create_index("ix_item_protectees_alias", "item_protectees", ["alias"], unique=False)
    op.create_table(
        "protectee_fingerprints",
        sa.Column("protectee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("restricted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["protectee_id"], ["protectees.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("protectee_id", "kind", "fingerprint"),
    )
    op.create_index(
        op.f("ix_protectee_fingerprints_fingerprint"),
        "protectee_fingerprints",
        ["fingerprint"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_protectee_fingerprints_fingerprint"), table_name="protectee_fingerprints"
    )
    op.drop_table("protectee_fingerprints")
    op.drop_index("ix_item_protectees_alias", table_name="item_protectees")
    op.drop_table("item_protectees")
    op.drop_table("protectees")
