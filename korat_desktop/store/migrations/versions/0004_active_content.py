"""Active content (issue 13): what a letter's PDF may run or open in another reader.

``document.active_content`` lists the kinds found at registration (``javascript``,
``launch``, ``embedded_files``; comma-separated, "" for none). NULL means the letter
was registered before this revision: ``korat show`` and the letter view then look at
the stored PDF themselves (RegisterQueries.show).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("document", sa.Column("active_content", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_column("active_content")
