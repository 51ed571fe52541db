"""The hub's database: schema, engines and Alembic migrations."""

from korat_desktop.server.db.engine import Database, insert_ignoring_conflict
from korat_desktop.server.db.migrate import upgrade_to_head

__all__ = ["Database", "insert_ignoring_conflict", "upgrade_to_head"]
