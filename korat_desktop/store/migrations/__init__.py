"""Alembic migrations of the local store (run by store.db on open).

``SCHEMA_HEAD`` is checked against Alembic's own head by a test, so opening an
up-to-date database never has to load Alembic (faster start on old PCs).
"""

__all__ = ["SCHEMA_HEAD", "KNOWN_REVISIONS"]

SCHEMA_HEAD = "0008"
KNOWN_REVISIONS = frozenset({"0001", "0002", "0003", "0004", "0005", "0006",
                             "0007", "0008"})
