"""The send register shows where each letter is (item 9: delivery at a glance), by the
recipients' names, and the column follows the letter when it is queued."""

from __future__ import annotations

from pathlib import Path

from korat_desktop.pdf.sample import make_letter_pdf

PEER = ("นม 0023.4", "ที่ว่าการอำเภอปากช่อง")


def _office_with_a_letter_to_the_peer(tmp_path: Path) -> tuple[Path, int]:
    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.store.models import DirectoryAgency

    data = tmp_path / "data"
    app = open_app(data, write=True, create=True)
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
        with app.database.write() as s:  # the directory a courier bundle would bring
            s.add(DirectoryAgency(code=PEER[0], name=PEER[1]))
        pdf = make_letter_pdf("แจ้งผลการประชุม", ["จึงเรียนมาเพื่อทราบ"])
        entry = app.sync.send(pdf, LetterIntake(subject="แจ้งผลการประชุม"), [PEER[0]]).entry
        app.registration.send(pdf, LetterIntake(subject="ส่งทางไปรษณีย์", recipient="บริษัท ก"))
        return data, entry.id
    finally:
        app.close()


def test_the_send_register_says_where_each_letter_is(qtbot, start_desktop, tmp_path) -> None:
    from PySide6.QtCore import Qt

    data, entry_id = _office_with_a_letter_to_the_peer(tmp_path)
    desktop = start_desktop(data)
    window = desktop.window
    window.go_to(1)  # ทะเบียนส่ง
    view = window.send_view
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "การส่ง"
    row = model.row_of(entry_id)
    assert row is not None
    index = model.index(row, column)
    qtbot.waitUntil(lambda: model.data(index) == "ยังไม่ได้ส่ง", timeout=10_000)
    assert f"{PEER[1]}: ยังไม่ลงรับ" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    by_post = model.index(1 - row, column)
    assert model.data(by_post) is None  # sent by post: no delivery to follow

    # queued (an office with a directory can queue for a courier): the column follows
    desktop.operations.mutation_job(
        "queue", lambda app: app.sync.queue(entry_id, allow_unsigned=True))
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(entry_id), column)) == "รอส่ง",
                    timeout=10_000)
