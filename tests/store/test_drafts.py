"""Drafts (ร่าง): kept with their PDF, in no register; issuing one is one transaction.

Also the urgent-first order of the register tables, and ``korat draft`` on the
command line (exit codes, --json).
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from korat_desktop.app import KoratApp
from korat_desktop.cli import main as korat_main
from korat_desktop.domain.letters import Urgency
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.errors import PdfError, StoreError, SyncError, UsageError
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.drafts import DraftFields, Drafts
from korat_desktop.services.registration import LetterIntake
from korat_desktop.store.audit import verify_audit
from korat_desktop.store.models import AuditRecord, DraftRow
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import Device

__all__ = ["hub", "keyring_file", "make_device"]  # fixtures of the sync tests, used here

PDF = make_letter_pdf("ร่างหนังสือ", ["ขออนุมัติโครงการ"])


def _actions(app: KoratApp) -> list[str]:
    with app.database.read() as s:
        return list(s.scalars(select(AuditRecord.action).where(AuditRecord.entity == "draft")
                              .order_by(AuditRecord.seq)))


def test_a_draft_is_kept_changed_listed_and_deleted_with_audit(app: KoratApp) -> None:
    drafts = Drafts(app)
    made = drafts.create(PDF, DraftFields(subject="ขออนุมัติโครงการ", recipient="อำเภอพิมาย"),
                         "letter.pdf")
    assert made.changes.drafts and not made.changes.registers
    assert app.blobs.exists(made.draft.pdf_sha256)  # durable with the row
    assert app.queries.count(RegisterKind.SEND) == 0  # in no register, no number
    urgent = drafts.create(PDF, DraftFields(subject="ด่วน", urgency=Urgency.MOST_URGENT))
    assert [d.id for d in drafts.list()] == [urgent.draft.id, made.draft.id]

    other = make_letter_pdf("ฉบับแก้", ["แก้ไขแล้ว"])
    changed = drafts.update(made.draft.id, DraftFields(subject="ขออนุมัติโครงการ (แก้)"), other)
    assert changed.draft.subject == "ขออนุมัติโครงการ (แก้)"
    assert drafts.pdf(made.draft.id) == other
    assert changed.draft.updated_at > made.draft.updated_at

    drafts.delete(urgent.draft.id)
    assert [d.id for d in drafts.list()] == [made.draft.id]
    with pytest.raises(StoreError) as e:
        drafts.get(urgent.draft.id)
    assert e.value.code == "store.draft_not_found"
    assert _actions(app) == ["draft.create", "draft.create", "draft.update", "draft.delete"]
    with app.database.read() as s:
        assert verify_audit(s).ok


def test_bad_input_is_refused_before_anything_is_stored(app: KoratApp) -> None:
    drafts = Drafts(app)
    with pytest.raises(UsageError):
        drafts.create(PDF, DraftFields(subject="  "))
    with pytest.raises(PdfError):
        drafts.create(b"not a pdf", DraftFields(subject="x"))
    with pytest.raises(SyncError) as e:  # agency codes need the hub's directory
        drafts.create(PDF, DraftFields(subject="x", recipient_codes=("นม 9999",)))
    assert e.value.code == "sync.no_directory"
    assert drafts.list() == [] and _actions(app) == []


def test_issuing_makes_a_send_entry_and_removes_the_draft_in_one_go(app: KoratApp) -> None:
    drafts = Drafts(app)
    draft = drafts.create(PDF, DraftFields(subject="แจ้งผลการประชุม", recipient="อำเภอพิมาย",
                                           urgency=Urgency.URGENT, circular=True)).draft
    result = drafts.issue(draft.id)
    entry = result.entry
    assert result.changes.drafts and RegisterKind.SEND in result.changes.registers
    assert (entry.register, entry.number, entry.subject) == (RegisterKind.SEND, 1,
                                                             "แจ้งผลการประชุม")
    assert entry.letter_number == "นม 0017.1/ว 1" and entry.urgency is Urgency.URGENT
    assert app.queries.pdf(entry.id) == PDF
    assert drafts.list() == []
    assert _actions(app) == ["draft.create", "draft.issue"]
    with pytest.raises(StoreError):
        drafts.issue(draft.id)  # gone: nothing more is issued
    assert app.queries.count(RegisterKind.SEND) == 1


def test_a_draft_changed_meanwhile_is_not_issued(app: KoratApp,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = Drafts(app)
    draft = drafts.create(PDF, DraftFields(subject="เดิม")).draft
    real_get = drafts.get

    def stale_get(draft_id: int):  # type: ignore[no-untyped-def]
        seen = real_get(draft_id)
        Drafts(app).update(draft_id, DraftFields(subject="แก้จากอีกหน้าต่าง"))
        return seen

    monkeypatch.setattr(drafts, "get", stale_get)
    with pytest.raises(StoreError) as e:
        drafts.issue(draft.id)
    assert e.value.code == "store.draft_changed"
    assert app.queries.count(RegisterKind.SEND) == 0  # the number went back with the rollback
    with app.database.read() as s:
        assert s.scalar(select(func.count()).select_from(DraftRow)) == 1
    assert Drafts(app).issue(draft.id).entry.number == 1


def test_a_draft_to_hub_agencies_is_issued_addressed_to_them(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    device = make_device("a1", AGENCY_A)
    device.login(hub.url, "clerk-a")
    with device.app() as app:
        drafts = Drafts(app)
        draft = drafts.create(PDF, DraftFields(subject="ถึงหน่วยงานในระบบ",
                                               recipient_codes=(AGENCY_B,))).draft
        entry = drafts.issue(draft.id).entry
        assert entry.recipient == "สำนักงานสาธารณสุขจังหวัด"  # named from the directory
        queued = app.sync.queue(entry.id, allow_unsigned=True)
        assert queued.op.entry_id == entry.id
        assert drafts.list() == []


def test_urgent_first_orders_pages_consistently_with_the_count(app: KoratApp) -> None:
    urgencies = [Urgency.NORMAL, Urgency.URGENT, Urgency.NORMAL, Urgency.MOST_URGENT,
                 Urgency.VERY_URGENT, Urgency.NORMAL, Urgency.URGENT]
    app.registration.send_many([(PDF, LetterIntake(subject=f"เรื่อง {i}", recipient="x",
                                                   urgency=u))
                                for i, u in enumerate(urgencies, start=1)])
    app.registration.void_number(RegisterKind.SEND, "เสีย")  # number 8: no document
    whole = app.queries.entries(RegisterKind.SEND, urgent_first=True)
    assert [e.number for e in whole] == [4, 5, 7, 2, 8, 6, 3, 1]
    total = app.queries.count(RegisterKind.SEND)
    paged = [e for offset in range(0, total, 3) for e in app.queries.entries(
        RegisterKind.SEND, offset=offset, limit=3, urgent_first=True)]
    assert [e.id for e in paged] == [e.id for e in whole] and len(paged) == total


def korat(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = korat_main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_korat_draft_commands(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)
    assert korat("init", "--agency-code", "นม 0017.1", "--agency-name", "สนจ.",
                 "--data-dir", data)[0] == 0
    code, out, _ = korat("draft", "new", str(letter), "--subject", "ขอเชิญประชุม",
                         "--to", "อำเภอพิมาย", "--urgency", "ด่วน", "--json", "--data-dir", data)
    assert code == 0
    draft_id = json.loads(out)["id"]
    code, out, _ = korat("draft", "list", "--data-dir", data)
    assert code == 0 and "ขอเชิญประชุม [ด่วน]" in out
    code, out, _ = korat("draft", "issue", str(draft_id), "--json", "--data-dir", data)
    assert code == 0 and json.loads(out)["letter_number"] == "นม 0017.1/1"
    code, _, err = korat("draft", "issue", str(draft_id), "--json", "--data-dir", data)
    assert code == 1 and json.loads(err)["error"]["code"] == "store.draft_not_found"
    assert korat("draft", "new", str(tmp_path / "missing.pdf"), "--subject", "x",
                 "--data-dir", data)[0] == 2
    assert korat("draft", "new", str(letter), "--data-dir", data)[0] == 2  # no --subject
    code, out, _ = korat("draft", "new", str(letter), "--subject", "ทิ้ง", "--json",
                         "--data-dir", data)
    assert korat("draft", "delete", str(json.loads(out)["id"]), "--data-dir", data)[0] == 0
    code, out, _ = korat("draft", "list", "--json", "--data-dir", data)
    assert code == 0 and json.loads(out) == []
    assert korat("audit", "verify", "--data-dir", data)[0] == 0
