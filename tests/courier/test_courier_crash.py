"""kill -9 in the middle of an export or an import, then the same command again: the
letter reaches the recipient exactly once, the sender's outbox keeps it queued, and no
file on the stick looks like a complete bundle unless it is one."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from korat_desktop.courier.bundle import BUNDLE_EXTENSION
from korat_desktop.store.models import CourierBundleRow, InboxItemRow, OutboxOpRow
from tests.courier.file_keys import P12_PASSWORD
from tests.courier.offices import AGENCY_A, AGENCY_B, Office, killed


def _count(office: Office, model: type) -> int:
    with office.device.app() as app, app.database.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _export(office: Office, stick: Path, kill_at: str | None = None):  # type: ignore[no-untyped-def]
    return office.spawn(*office.export_args(stick, "--all-pending"), kill_at=kill_at,
                        stdin=P12_PASSWORD + "\n")


def _bundles(stick: Path) -> list[Path]:
    return sorted(p for p in stick.iterdir() if p.name.endswith(BUNDLE_EXTENSION))


def _queued(office: Office) -> list[str]:
    with office.device.app() as app, app.database.read() as s:
        return list(s.scalars(select(OutboxOpRow.state)))


def test_export_killed_before_the_rename_leaves_no_bundle(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    _, op_id = a.letter("ตัดไฟระหว่างเขียน", [AGENCY_B])
    stick = tmp_path / "stick"
    stick.mkdir()
    run = _export(a, stick, kill_at="verify")  # written under its temp name, not renamed
    assert killed(run), run.err
    assert _bundles(stick) == []  # only a hidden .tmp: nothing that looks complete
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in stick.iterdir())
    assert _queued(a) == ["queued"] and _count(a, CourierBundleRow) == 0
    [stale] = list(stick.iterdir())
    (stick / ".notes.txt.0123456789ab.tmp").write_bytes(b"another program's")
    (stick / "korat_notes.txt").write_bytes(b"not a temp file")
    run = _export(a, stick)
    assert run.code == 0, run.err
    [bundle] = _bundles(stick)
    # the killed export's temp file is gone; nothing that is not ours was touched
    assert not stale.exists()
    assert sorted(p.name for p in stick.iterdir()) == sorted(
        [".notes.txt.0123456789ab.tmp", "korat_notes.txt", bundle.name])
    [item] = b.import_(bundle).json
    assert item["ok"] and item["applied"] == 1
    assert _count(b, InboxItemRow) == 1 and _queued(a) == ["queued"]
    assert a.korat("courier", "log", "--json").json[0]["operations"][0]["op_id"] == op_id


def test_export_killed_after_the_rename_carries_the_letter_again_once(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.letter("ตัดไฟหลังเขียนเสร็จ", [AGENCY_B])
    stick = tmp_path / "stick"
    stick.mkdir()
    run = _export(a, stick, kill_at="record")  # complete on the stick, not in the log
    assert killed(run), run.err
    [first] = _bundles(stick)
    assert _count(a, CourierBundleRow) == 0 and _queued(a) == ["queued"]
    run = _export(a, stick)
    assert run.code == 0, run.err
    both = _bundles(stick)
    assert len(both) == 2 and _count(a, CourierBundleRow) == 1
    items = b.import_(*both).json
    assert [i["ok"] for i in items] == [True, True]
    assert sum(i["applied"] for i in items) == 1 and sum(i["already"] for i in items) == 1
    assert _count(b, InboxItemRow) == 1 and first in both


def test_import_killed_before_its_commit_imports_whole_next_time(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.letter("ตัดไฟระหว่างนำเข้า", [AGENCY_B])
    stick = tmp_path / "stick"
    stick.mkdir()
    assert _export(a, stick).code == 0
    [bundle] = _bundles(stick)
    run = b.spawn("courier", "import", str(bundle), "--json", kill_at="apply")
    assert killed(run), run.err
    assert _count(b, InboxItemRow) == 0 and _count(b, CourierBundleRow) == 0
    run = b.spawn("courier", "import", str(bundle), "--json")
    assert run.code == 0, run.err
    assert run.json[0]["applied"] == 1
    again = b.spawn("courier", "import", str(bundle), "--json")
    assert again.code == 0 and again.json[0]["already"] == 1
    assert _count(b, InboxItemRow) == 1 and _count(b, CourierBundleRow) == 1
    items = b.korat("inbox", "--json").json
    assert [i["state"] for i in items] == ["ready"]
