"""A database from any earlier schema opens in this version, with its data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

import korat_desktop.store as store
from korat_desktop.app import open_app
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.store.migrations import SCHEMA_HEAD


def _upgrade_to(path: Path, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def test_first_schema_upgrades_to_head_keeping_data(tmp_path: Path):
    data = tmp_path / "office"
    data.mkdir()
    db = data / "korat.sqlite3"
    _upgrade_to(db, "0001")
    con = sqlite3.connect(db)
    con.execute("INSERT INTO office VALUES (1, 'นม 0017.1', 'สำนักงานเก่า', 'dev-1', "
                "'2026-01-02 03:04:05.000000')")
    con.execute("INSERT INTO register_counter VALUES ('receive', 2569, 8)")
    con.execute("INSERT INTO register_entry (register, year_be, number, document_id, "
                "registered_at, action, remarks, voided, void_reason) VALUES "
                "('receive', 2569, 7, NULL, '2026-01-02 03:04:05.000000', '', '', 1, 'เก่า')")
    con.commit()
    con.close()

    app = open_app(data, write=True)
    try:
        assert app.database.schema_revision() == SCHEMA_HEAD
        assert app.office.info().agency_name == "สำนักงานเก่า"
        old = app.queries.entries(RegisterKind.RECEIVE, 2569)
        assert [(e.number, e.voided, e.void_reason) for e in old] == [(7, True, "เก่า")]
        # numbering continues where the old version stopped
        nxt = app.registration.void_number(RegisterKind.RECEIVE, "ต่อ",
                                           now=old[0].registered_at.replace(month=2))
        assert nxt.entry.number == 8
    finally:
        app.close()
    if SCHEMA_HEAD != "0001":
        assert list(data.glob("korat.sqlite3.before-*.bak")), "a backup is kept before upgrading"
