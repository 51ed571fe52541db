"""การปฏิบัติ and หมายเหตุ (item 15): the clerk fills them in from the register and from the
letter window; the change is audited, the row shows it, search finds it, and the printed
register carries it."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.store.models import AuditRecord


def _open_app(data):  # type: ignore[no-untyped-def]
    from korat_desktop.app import open_app

    return open_app(data, write=True)


def test_action_from_the_register_is_saved_audited_and_searchable(qtbot, start_desktop,
                                                                   seeded_dir) -> None:
    data = seeded_dir(receive=2)
    desktop = start_desktop(data)
    view = desktop.window.receive_view
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    assert not view.action_button.isEnabled()  # nothing selected
    view.table.selectRow(0)
    entry = model.entry(0)
    assert entry is not None and view.action_button.isEnabled()
    dialog = view.edit_action()
    assert dialog is not None
    dialog.action.setPlainText("เสนอผู้อำนวยการเพื่อพิจารณา")
    dialog.remarks.setText("ด่วนภายในวันศุกร์")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    column = list(model._keys).index("action")
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(entry.id), column))
                    == "เสนอผู้อำนวยการเพื่อพิจารณา", timeout=10_000)

    desktop.quit()
    qtbot.waitUntil(lambda: desktop.done, timeout=60_000)
    app = _open_app(data)
    try:
        shown = app.queries.entry(entry.id)
        assert (shown.action, shown.remarks) == ("เสนอผู้อำนวยการเพื่อพิจารณา", "ด่วนภายในวันศุกร์")
        assert [e.id for e in app.queries.search("ผู้อำนวยการเพื่อพิจารณา")] == [entry.id]
        with app.database.read() as s:
            events = [json.loads(r.details) for r in s.scalars(select(AuditRecord).where(
                AuditRecord.action == "register.annotate"))]
        assert events and events[-1]["after"]["action"] == "เสนอผู้อำนวยการเพื่อพิจารณา"
        assert events[-1]["before"]["action"] == ""
        report = app.reports.render(RegisterKind.RECEIVE, entry.year_be, "csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(report)))
        assert any("เสนอผู้อำนวยการเพื่อพิจารณา" in row and "ด่วนภายในวันศุกร์" in row
                   for row in rows)
        # a voided entry takes no action
        app.registration.void_entry(entry.id, "ส่งผิดหน่วยงาน")
        from korat_desktop.errors import StoreError
        try:
            app.registration.annotate(entry.id, action="x")
        except StoreError as e:
            assert e.code == "store.already_voided"
        else:
            raise AssertionError("a voided entry was annotated")
    finally:
        app.close()


def test_the_letter_window_edits_the_action_too(qtbot, start_desktop, seeded_dir) -> None:
    data = seeded_dir(send=1)
    desktop = start_desktop(data)
    window = desktop.window
    window.go_to(1)
    view = window.send_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    entry = view.model.entry(0)
    assert entry is not None
    from korat_desktop.ui.document_window import DocumentWindow

    letter = DocumentWindow(desktop.operations, entry.id)  # deletes itself on close
    qtbot.waitUntil(lambda: letter.detail is not None, timeout=10_000)
    dialog = letter.edit_action()
    assert dialog is not None and dialog.action.toPlainText() == ""
    dialog.action.setPlainText("แจ้งเวียนทุกกลุ่มงาน")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: letter.detail is not None
                    and letter.detail.entry.action == "แจ้งเวียนทุกกลุ่มงาน", timeout=10_000)
    letter.close()
