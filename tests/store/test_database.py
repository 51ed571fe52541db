import sqlite3
from pathlib import Path

import pytest

from korat_desktop.app import open_app
from korat_desktop.errors import StoreError
from korat_desktop.store.migrations import KNOWN_REVISIONS, SCHEMA_HEAD


def test_schema_head_constant_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import korat_desktop.store as store

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == SCHEMA_HEAD
    assert {r.revision for r in script.walk_revisions()} == set(KNOWN_REVISIONS)


def test_wal_and_foreign_keys_are_on(app):
    with app.database.read() as s:
        assert s.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_from_a_newer_version_is_refused_untouched(app, tmp_path):
    path = app.config.paths.database_file
    app.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        open_app(path.parent, write=True)
    assert err.value.code == "store.newer_schema"
    assert "newer" in err.value.message("en")
    assert path.read_bytes() == before


def test_reading_an_uninitialised_dir_says_so_and_creates_nothing(tmp_path):
    with pytest.raises(StoreError) as err:
        open_app(tmp_path / "nothing")
    assert err.value.code == "store.not_initialized"
    assert not (tmp_path / "nothing" / "korat.sqlite3").exists()


def test_second_exclusive_instance_is_refused_clearly(tmp_path):
    first = open_app(tmp_path, exclusive=True, create=True, purpose="korat-desktop")
    try:
        with pytest.raises(StoreError) as err:
            open_app(tmp_path, exclusive=True, purpose="korat-desktop")
        assert err.value.code == "store.already_open"
        assert "korat-desktop" in err.value.message("en")
        with pytest.raises(StoreError):
            open_app(tmp_path, write=True)  # scripts do not write beside the open app
        reader = open_app(tmp_path)  # reading is always fine
        reader.close()
    finally:
        first.close()
    again = open_app(tmp_path, exclusive=True)
    again.close()


def test_scripts_may_write_side_by_side(tmp_path):
    a = open_app(tmp_path, write=True, create=True)
    b = open_app(tmp_path, write=True)
    a.close()
    b.close()
