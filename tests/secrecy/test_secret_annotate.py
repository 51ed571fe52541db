"""การปฏิบัติ and หมายเหตุ of a secret letter stay inside its envelope: the register row,
the audit log and the search index never hold them; the unlocked letter shows them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.secrecy.test_secret_letters import SUBJECT_MARK, secret_pdf
from tests.server.hub_harness import AGENCY_A
from tests.sync.harness import Device

ACTION_MARK = "เสนอผู้ว่าราชการACT9912"


def test_the_action_on_a_secret_letter_is_sealed(keyed_office: Callable[..., Device],
                                                 tmp_path: Path) -> None:
    office = keyed_office("a", AGENCY_A, "clerk-a")
    path = tmp_path / "paper.pdf"
    path.write_bytes(secret_pdf())
    run = office.korat("--json", "receive", str(path), "--subject", SUBJECT_MARK,
                       "--from", "กอ.รมน.", "--secrecy", "ลับมาก")
    assert run.code == 0, run.err
    entry_id = run.json["id"]
    run = office.korat("--json", "annotate", str(entry_id), "--action", ACTION_MARK)
    assert run.code == 0, run.err
    assert ACTION_MARK not in run.out  # the placeholder row, not the sealed text
    with office.app() as app:
        opened = app.secrets.open_letter(entry_id, "view")
        assert opened.entry.action == ACTION_MARK
    stored = b"".join(p.read_bytes() for p in office.root.rglob("*") if p.is_file())
    assert ACTION_MARK.encode() not in stored  # database (and its WAL), index, audit, blobs
    assert b"ACT9912" not in stored


def test_printing_a_sealed_letter_opens_it_and_audits_the_print(
        keyed_office: Callable[..., Device], tmp_path: Path) -> None:
    from sqlalchemy import select

    from korat_desktop.store.models import AuditRecord

    office = keyed_office("a", AGENCY_A, "clerk-a")
    path = tmp_path / "paper.pdf"
    path.write_bytes(secret_pdf())
    run = office.korat("--json", "receive", str(path), "--subject", SUBJECT_MARK,
                       "--from", "กอ.รมน.", "--secrecy", "ลับ")
    assert run.code == 0, run.err
    entry_id = run.json["id"]
    with office.app() as app:
        printout = app.printing.letter(entry_id)
        assert printout.pdf.startswith(b"%PDF") and printout.secret
        assert SUBJECT_MARK not in printout.title
        assert printout.pdf == app.secrets.open_letter(entry_id, "view").pdf
        with app.database.read() as s:
            actions = list(s.scalars(select(AuditRecord.action)))
        assert "secrecy.print" in actions
