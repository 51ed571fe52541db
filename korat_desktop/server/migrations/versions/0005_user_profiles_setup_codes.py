"""Staff profiles and one-time setup codes (bulk provisioning).

``users`` gains what an import file carries (``full_name``, ``role``, ``email``) and a
one-time setup code for accounts created without a password: only the code's SHA-256
is kept (``setup_code_sha256``, unique) with its expiry; the first sign-in with the
code sets the password and clears both. Plain ``ADD COLUMN``: a batch rebuild of
``users`` is refused on SQLite because ``devices`` references it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from korat_desktop.server.db.schema import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_INDEX = "ix_users_setup_code_sha256"


def upgrade() -> None:
    op.add_column("users", sa.Column("full_name", sa.String(200), nullable=True))
    op.add_column("users", sa.Column("role", sa.String(32), nullable=True))
    op.add_column("users", sa.Column("email", sa.String(254), nullable=True))
    op.add_column("users", sa.Column("setup_code_sha256", sa.String(64), nullable=True))
    op.add_column("users", sa.Column("setup_code_expires_at", UTCDateTime, nullable=True))
    op.create_index(_INDEX, "users", ["setup_code_sha256"], unique=True)


def downgrade() -> None:
    op.drop_index(_INDEX, "users")
    for column in ("setup_code_expires_at", "setup_code_sha256", "email", "role", "full_name"):
        op.drop_column("users", column)
