"""The receive dialog shows where the receipt stamp will go, lets the clerk move it,
registers with the moved place and keeps it for the sender's next letter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from korat_desktop.ui.receive_dialog import ReceiveDialog
from tests.support.intake_corpus import corpus
from tests.ui.test_receive import drop_files


def _letter(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(next(s.pdf for s in corpus() if s.name == "external_plain"))
    return path


def test_the_clerk_moves_the_stamp_and_the_sender_keeps_it(qtbot, start_desktop,
                                                            tmp_path: Path) -> None:
    desktop = start_desktop()
    window = desktop.window
    path = _letter(tmp_path, "address_top_right")
    drop_files(window, [path])
    dialog = window.receive_dialog
    assert isinstance(dialog, ReceiveDialog)
    dialog.resize(1240, 720)
    qtbot.waitUntil(lambda: not dialog.proposal_state(path).reading, timeout=20_000)
    view = dialog.stamp_view
    qtbot.waitUntil(lambda: view.proposal is not None and view.document.pageCount() == 1,
                    timeout=20_000)
    proposal = view.proposal
    assert proposal is not None and proposal.place.source == "free_space"
    assert "ที่ว่าง" in dialog.stamp_note.text()
    sender = dialog.form.intake().sender
    assert sender  # smart intake read จาก off the letterhead

    # drag the rectangle by its middle down to the bottom of the page
    start = view.stamp_rect().center().toPoint()
    target_mm = (20.0, 240.0)
    rect = view.stamp_rect()
    frame_scale = rect.width() / proposal.size_mm[0]
    grab = (start.x() - rect.left(), start.y() - rect.top())
    origin = rect.topLeft() - view.to_mm(rect.topLeft()) * frame_scale  # the page's corner
    end = QPoint(round(origin.x() + target_mm[0] * frame_scale + grab[0]),
                 round(origin.y() + target_mm[1] * frame_scale + grab[1]))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    assert view.place_mm is not None
    assert abs(view.place_mm[0] - 20) < 1.5 and abs(view.place_mm[1] - 240) < 1.5
    assert dialog.proposal_state(path).stamp_at == view.place_mm
    assert "ย้าย" in dialog.stamp_note.text()
    moved = view.place_mm

    with qtbot.waitSignal(dialog.registered, timeout=30_000) as registered:
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    result = registered.args[0]
    assert len(result.entries) == 1
    place = result.stamp_places[0]
    assert place is not None and place.source == "clerk"
    assert (place.x_mm, place.y_mm) == moved
    assert dialog.preview_tabs.currentWidget() is dialog.preview

    # the next letter from the same sender starts at the clerk's place
    second = ReceiveDialog(window.operations)
    qtbot.addWidget(second)
    again = _letter(tmp_path, "next_from_same_sender")
    second.add_paths([again])
    qtbot.waitUntil(lambda: not second.proposal_state(again).reading, timeout=20_000)
    qtbot.waitUntil(lambda: second.stamp_view.proposal is not None
                    and second.stamp_view.proposal.place.source == "remembered",
                    timeout=20_000)
    assert second.stamp_view.place_mm == moved
    assert "ตำแหน่งเดิมของผู้ส่งนี้" in second.stamp_note.text()
