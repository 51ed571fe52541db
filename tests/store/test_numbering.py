import datetime as dt

from korat_desktop.domain.registers import RegisterKind

UTC = dt.UTC


def test_numbers_restart_on_first_of_january_thai_time(app):
    reg = app.registration
    # 31 Dec 2025 16:59 UTC = 23:59 in Thailand (still 2568); 17:00 UTC = 00:00 1 Jan 2569.
    a = reg.void_number(RegisterKind.RECEIVE, "test", now=dt.datetime(2025, 12, 31, 16, 59, tzinfo=UTC))
    b = reg.void_number(RegisterKind.RECEIVE, "test", now=dt.datetime(2025, 12, 31, 16, 59, 30, tzinfo=UTC))
    c = reg.void_number(RegisterKind.RECEIVE, "test", now=dt.datetime(2025, 12, 31, 17, 0, tzinfo=UTC))
    d = reg.void_number(RegisterKind.RECEIVE, "test", now=dt.datetime(2026, 1, 2, 3, 0, tzinfo=UTC))
    assert (a.entry.year_be, a.entry.number) == (2568, 1)
    assert (b.entry.year_be, b.entry.number) == (2568, 2)
    assert (c.entry.year_be, c.entry.number) == (2569, 1)
    assert (d.entry.year_be, d.entry.number) == (2569, 2)


def test_registers_number_independently(app):
    r = app.registration.void_number(RegisterKind.RECEIVE, "x")
    s = app.registration.void_number(RegisterKind.SEND, "x")
    r2 = app.registration.void_number(RegisterKind.RECEIVE, "x")
    assert (r.entry.number, s.entry.number, r2.entry.number) == (1, 1, 2)


def test_voided_numbers_are_recorded_not_skipped(app):
    res = app.registration.void_number(RegisterKind.SEND, "ยกเลิก")
    listed = app.queries.entries(RegisterKind.SEND, res.entry.year_be)
    assert [(e.number, e.voided, e.void_reason) for e in listed] == [(1, True, "ยกเลิก")]
    assert app.queries.verify_audit().ok
