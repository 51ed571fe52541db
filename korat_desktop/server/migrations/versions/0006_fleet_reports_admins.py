"""The fleet view: each device's last report, and the province IT's admin accounts.

``device_reports`` holds one row per device, replaced at every sync; ``admin_accounts``
and ``admin_sessions`` sign IT in to the hub's read-only fleet page (agency accounts
never can).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from korat_desktop.server.db.schema import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_reports",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("reported_at", UTCDateTime, nullable=False),
        sa.Column("app_version", sa.String(40), nullable=False),
        sa.Column("os", sa.String(200), nullable=False),
        sa.Column("last_sync_at", UTCDateTime, nullable=True),
        sa.Column("pending_ops", sa.BigInteger, nullable=False),
        sa.Column("failed_ops", sa.BigInteger, nullable=False),
        sa.Column("oldest_pending_s", sa.BigInteger, nullable=True),
        sa.Column("last_error", sa.String(64), nullable=True),
        sa.Column("free_disk_bytes", sa.BigInteger, nullable=True),
        sa.Column("token_middleware", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name="fk_device_reports_device_id_devices"),
        sa.PrimaryKeyConstraint("device_id", name="pk_device_reports"),
    )
    op.create_table(
        "admin_accounts",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_admin_accounts"),
        sa.UniqueConstraint("username", name="uq_admin_accounts_username"),
    )
    op.create_table(
        "admin_sessions",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("admin_id", sa.Integer, nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.ForeignKeyConstraint(["admin_id"], ["admin_accounts.id"],
                                name="fk_admin_sessions_admin_id_admin_accounts"),
        sa.PrimaryKeyConstraint("token_sha256", name="pk_admin_sessions"),
    )
    op.create_index("ix_admin_sessions_expires_at", "admin_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_admin_sessions_expires_at", "admin_sessions")
    op.drop_table("admin_sessions")
    op.drop_table("admin_accounts")
    op.drop_table("device_reports")
