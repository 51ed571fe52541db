"""Agency certificates, relay designation and relayed-bundle evidence (couriers).

``agency_certificates`` is what the directory publishes per agency (``sign`` and
``encrypt`` certificates); ``agencies.relay_agency`` names the agency that relays for
an offline one; ``relay_bundles`` keeps the origin's signed evidence of the operations
a relay forwarded, and ``ops.relayed_bundle`` ties each such operation to it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from korat_desktop.server.db.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _add_reference(table: str, column: str, length: int, target: str, target_column: str,
                   name: str) -> None:
    """A nullable column with a foreign key, added in place. SQLite cannot add a
    constraint to an existing table, and batch mode would rebuild ``agencies`` and
    ``ops``, which other tables reference (refused with foreign keys on); SQLite does
    accept a named REFERENCES clause in ADD COLUMN for a column that defaults to NULL."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR({length}) "
                   f"CONSTRAINT {name} REFERENCES {target} ({target_column})")
    else:
        op.add_column(table, sa.Column(column, sa.String(length), nullable=True))
        op.create_foreign_key(name, table, target, [column], [target_column])


def _drop_reference(table: str, column: str, name: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_constraint(name, table, type_="foreignkey")
        op.drop_column(table, column)


def upgrade() -> None:
    _add_reference("agencies", "relay_agency", 64, "agencies", "code",
                   "fk_agencies_relay_agency_agencies")
    op.create_table(
        "agency_certificates",
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("use", sa.String(16), nullable=False),
        sa.Column("der", sa.LargeBinary, nullable=False),
        sa.Column("added_at", UTCDateTime, nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["agency_code"], ["agencies.code"],
                                name="fk_agency_certificates_agency_code_agencies"),
        sa.PrimaryKeyConstraint("agency_code", "sha256", "use", name="pk_agency_certificates"),
    )
    op.create_table(
        "relay_bundles",
        sa.Column("bundle_id", sa.String(36), nullable=False),
        sa.Column("sender_agency", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("manifest_xml", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("operations_json", sa.LargeBinary, nullable=False),
        sa.Column("received_at", UTCDateTime, nullable=False),
        sa.ForeignKeyConstraint(["sender_agency"], ["agencies.code"],
                                name="fk_relay_bundles_sender_agency_agencies"),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                name="fk_relay_bundles_device_id_devices"),
        sa.PrimaryKeyConstraint("bundle_id", name="pk_relay_bundles"),
    )
    _add_reference("ops", "relayed_bundle", 36, "relay_bundles", "bundle_id",
                   "fk_ops_relayed_bundle_relay_bundles")


def downgrade() -> None:
    _drop_reference("ops", "relayed_bundle", "fk_ops_relayed_bundle_relay_bundles")
    op.drop_table("relay_bundles")
    op.drop_table("agency_certificates")
    _drop_reference("agencies", "relay_agency", "fk_agencies_relay_agency_agencies")
