"""Scanned letters (issue 14): ``document.ocr``, where a scan's OCR stands.

NULL: not a scan (or registered before this revision); ``pending``: a scan waiting
for OCR (set at registration, so a queue killed mid-way resumes at the next start);
``layer``: OCR'd, the text layer kept as a new version; ``text``: a signed scan whose
pages were read to text only (its bytes are never rewritten); ``failed``: OCR could
not read it (the reason is in the audit log; ``korat ocr ID`` tries again).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("document", sa.Column("ocr", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_column("ocr")
