"""Idempotent lease requests: the client's ``Idempotency-Key`` per device.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("leases") as batch:
        batch.add_column(sa.Column("request_key", sa.String(64), nullable=True))
    op.create_index("ix_leases_device_id_request_key", "leases", ["device_id", "request_key"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ix_leases_device_id_request_key", "leases")
    with op.batch_alter_table("leases") as batch:
        batch.drop_column("request_key")
