import sqlite3

import pytest

from korat_desktop.domain.registers import RegisterKind


def _db(app):
    return sqlite3.connect(app.config.paths.database_file)


def _fill(app, n=5):
    for i in range(n):
        app.registration.void_number(RegisterKind.SEND, f"reason {i}")


def test_clean_chain_verifies(app):
    _fill(app)
    report = app.queries.verify_audit()
    assert report.ok and report.records == 6  # office.init + 5


def test_database_refuses_updates_and_deletes(app):
    _fill(app, 2)
    with _db(app) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE audit_log SET actor='mallory' WHERE seq=2")
    with _db(app) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM audit_log WHERE seq=2")


def _without_triggers(app, sql, *params):
    con = _db(app)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute(sql, params)
    con.commit()
    con.close()


def test_edited_record_is_found(app):
    _fill(app)
    _without_triggers(app, "UPDATE audit_log SET details=replace(details,'reason 2','nothing') WHERE seq=4")
    report = app.queries.verify_audit()
    assert not report.ok
    assert any(p.kind == "edited" and p.seq == 4 for p in report.problems)


def test_removed_record_is_found(app):
    _fill(app)
    _without_triggers(app, "DELETE FROM audit_log WHERE seq=3")
    report = app.queries.verify_audit()
    assert not report.ok and any(p.kind == "removed" for p in report.problems)


def test_reordered_records_are_found(app):
    _fill(app)
    con = _db(app)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET seq=-1 WHERE seq=3")
    con.execute("UPDATE audit_log SET seq=3 WHERE seq=4")
    con.execute("UPDATE audit_log SET seq=4 WHERE seq=-1")
    con.commit()
    con.close()
    report = app.queries.verify_audit()
    assert not report.ok and any(p.kind in ("reordered", "edited") for p in report.problems)


def test_cut_off_tail_is_found_even_with_head_rewritten(app):
    _fill(app)
    _without_triggers(app, "DELETE FROM audit_log WHERE seq=6")
    assert any(p.kind == "truncated" for p in app.queries.verify_audit().problems)
    # Rewriting the head to hide the cut still leaves register entry 5 without its record.
    con = _db(app)
    seq, h = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    con.execute("UPDATE audit_head SET seq=?, hash=?", (seq, h))
    con.commit()
    con.close()
    report = app.queries.verify_audit()
    assert any(p.kind == "missing_record" for p in report.problems)
