"""A USB stick pulled out in the middle of an export and of an import (and one that
stores garbage without a word), on a real FUSE
file system (tests/support/pullable_stick) that passes through to a backing folder and
then fails every call as a pulled stick does: a clear file message, nothing on the
stick that looks like a complete bundle, nothing stored, and the next try works once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from korat_desktop.courier.bundle import BUNDLE_EXTENSION
from korat_desktop.errors import CourierError, FileError
from korat_desktop.signing.signers import Pkcs12Signer
from korat_desktop.store.models import (
    AuditRecord,
    Blob,
    CourierBundleOp,
    CourierBundleRow,
    InboxItemRow,
    OutboxOpRow,
)
from tests.courier.file_keys import P12_PASSWORD
from tests.courier.offices import AGENCY_A, AGENCY_B, Office
from tests.support.pullable_stick import pullable_stick
from tests.support.tmpfs import needs_root
from tests.sync.harness import sized_pdf

pytestmark = needs_root  # mounting FUSE (CI runs as root)


def _count(office: Office, model: type) -> int:
    with office.device.app() as app, app.database.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _state(office: Office) -> dict[str, object]:
    """What an export or import may change: the outbox, the inbox, the courier log,
    the blob rows and files, the audit log."""
    with office.device.app() as app, app.database.read() as s:
        return {"outbox": [(r.op_id, r.state, r.attempts) for r in
                           s.scalars(select(OutboxOpRow).order_by(OutboxOpRow.id))],
                "blobs": sorted(app.blobs.all_hashes()),
                **{m.__name__: _count(office, m) for m in (
                    InboxItemRow, CourierBundleRow, CourierBundleOp, Blob, AuditRecord)}}


def _export(office: Office, dest: Path):  # type: ignore[no-untyped-def]
    signer = Pkcs12Signer(office.pki.p12(office.agency, office.root), P12_PASSWORD)
    with office.device.app() as app:
        return app.courier.export(dest, all_pending=True, signer=signer)


def _import(office: Office, path: Path):  # type: ignore[no-untyped-def]
    with office.device.app() as app:
        return app.courier.import_files([path])


def _big_letter(office: Office) -> str:
    entry = office.device.send("แผนที่ทั้งอำเภอ", [AGENCY_B], sized_pdf(900_000))
    run = office.korat("queue", str(entry), "--allow-unsigned", "--json")
    assert run.code == 0, run.err
    op_id: str = run.json[0]["op_id"]
    return op_id


def _says_pulled(error: FileError) -> None:
    assert error.code == "file.device_gone"
    assert "ถอด" in error.message("th") and "removed" in error.message("en")


def test_a_stick_pulled_during_export_holds_no_bundle_and_nothing_is_logged(make_office,
                                                                            tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    op_id = _big_letter(a)
    before = _state(a)
    with pullable_stick(tmp_path / "usb", after_write=400_000) as stick:
        with pytest.raises(FileError) as e:
            _export(a, stick.mount)
        assert stick.pulled  # it really went in the middle of the bundle
        _says_pulled(e.value)
        left = list(stick.backing.iterdir())
    # nothing that looks complete reached the stick: at most our hidden temp file
    assert not any(p.name.endswith(BUNDLE_EXTENSION) for p in left)
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in left)
    assert _state(a) == before  # the outbox and the courier log as they were
    good = tmp_path / "good"
    good.mkdir()
    result = _export(a, good)
    [bundle] = result.files
    assert [o.op_id for v in result.bundles for o in v.operations] == [op_id]
    [item] = _import(b, bundle).items
    assert item.ok and item.applied == 1


def test_a_stick_pulled_during_import_stores_nothing_and_the_good_copy_imports_once(
        make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    _big_letter(a)
    out = tmp_path / "out"
    out.mkdir()
    [bundle] = _export(a, out).files
    before = _state(b)
    with pullable_stick(tmp_path / "usb", after_read=bundle.stat().st_size // 2) as stick:
        shutil.copy(bundle, stick.backing / bundle.name)
        [item] = _import(b, stick.mount / bundle.name).items
        assert stick.pulled
    assert not item.ok and item.error is not None
    assert item.error.code == "file.device_gone"
    assert "ถอด" in item.error.message("th") and "removed" in item.error.message("en")
    assert _state(b) == before  # no inbox item, no log entry, no blob, no audit record
    [first] = _import(b, bundle).items
    assert first.ok and first.applied == 1
    [again] = _import(b, bundle).items
    assert again.ok and again.applied == 0 and again.already == 1
    assert _count(b, InboxItemRow) == 1


def test_a_stick_that_reads_back_other_bytes_gets_no_bundle(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    _big_letter(a)
    before = _state(a)
    with pullable_stick(tmp_path / "usb", garbled_at=300_000) as stick:
        with pytest.raises(CourierError) as e:
            _export(a, stick.mount)
        assert e.value.code == "courier.verify_failed"
        assert list(stick.backing.iterdir()) == []  # its temp file removed, nothing renamed
    assert _state(a) == before
