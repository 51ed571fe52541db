"""Sweepable uploaded-but-uncommitted blobs, and sign-in backoff.

``blob_access.held_since`` dates an agency's unreadable holding so the upload sweep can
remove blobs that were uploaded and never committed; existing unreadable holdings are
dated now (swept one expiry after the upgrade). ``signin_throttle.window_start``
becomes ``last_failure_at``: failures are forgotten after a quiet window.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from korat_desktop.server.db.schema import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("blob_access") as batch:
        batch.add_column(sa.Column("held_since", UTCDateTime, nullable=True))
    access = sa.table("blob_access", sa.column("readable", sa.Boolean),
                      sa.column("held_since", UTCDateTime))
    op.execute(access.update().where(access.c.readable.is_(False))
               .values(held_since=dt.datetime.now(dt.UTC)))
    with op.batch_alter_table("signin_throttle") as batch:
        batch.alter_column("window_start", new_column_name="last_failure_at")


def downgrade() -> None:
    with op.batch_alter_table("signin_throttle") as batch:
        batch.alter_column("last_failure_at", new_column_name="window_start")
    with op.batch_alter_table("blob_access") as batch:
        batch.drop_column("held_since")
