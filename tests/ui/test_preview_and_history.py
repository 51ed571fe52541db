"""The letter view shows what the PDF shows (a visible signature stamp, pixel-checked
in the rendered preview), and its history names the person, not the OS account.

Real core, real store, a real PKCS#12 signature (no SoftHSM: signing is not under test).
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.signing import Appearance
from tests.sync.harness import make_p12

BOX = (300.0, 60.0, 560.0, 140.0)  # where the stamp goes, PDF points from the bottom left


def _ink_in_box(image: QImage, page_height_pt: float) -> int:
    """Dark, opaque pixels inside BOX of a page rendered at 1 px per point."""
    x1, y1, x2, y2 = BOX
    ink = 0
    for x in range(int(x1) + 2, int(x2) - 2):
        for y in range(int(page_height_pt - y2) + 2, int(page_height_pt - y1) - 2):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 128 and colour.lightness() < 160:
                ink += 1
    return ink


def _render(data: bytes, parent) -> tuple[QImage, float]:  # type: ignore[no-untyped-def]
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    size = document.pagePointSize(0)
    return document.render(0, QSize(int(size.width()), int(size.height()))), size.height()


def _sign_with_p12(qtbot, operations, entry_id: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    p12 = make_p12(tmp_path / "office.p12", "p12-password")
    opened = operations.courier.open_file_signer(p12, "p12-password")
    qtbot.waitUntil(lambda: opened.done, timeout=10_000)
    signing = operations.sign([entry_id], opened.result, Appearance(page=1, box=BOX))
    qtbot.waitUntil(lambda: signing.done, timeout=30_000)
    assert signing.result is not None and signing.result.all_signed, signing.error
    operations.close_signer(opened.result)
    return signing.result


def test_preview_shows_the_signature_stamp(qtbot, start_desktop, seeded_dir,
                                           tmp_path: Path) -> None:
    desktop = start_desktop(seeded_dir(send=1))
    operations, window = desktop.operations, desktop.window
    _sign_with_p12(qtbot, operations, 1, tmp_path)

    # the stored PDF as Qt Pdf draws it: the widget's stamp is not there (why we flatten)
    raw = operations.pdf(1)
    qtbot.waitUntil(lambda: raw.done, timeout=10_000)
    image, height = _render(raw.result, window)
    assert _ink_in_box(image, height) == 0

    document = window.open_entry(1)
    pane = document.pdf
    qtbot.waitUntil(lambda: pane.page_count() == 1, timeout=20_000)
    size = pane.document.pagePointSize(0)
    shown = pane.document.render(0, QSize(int(size.width()), int(size.height())))
    assert _ink_in_box(shown, size.height()) > 200  # the stamp's frame and its Thai lines
    # the rest of the page is not smeared: the top left corner stays blank
    assert all(shown.pixelColor(x, 5).lightness() > 200 or shown.pixelColor(x, 5).alpha() < 128
               for x in range(0, 40))
    document.close()


def test_history_names_the_person_and_the_signer(qtbot, start_desktop, seeded_dir,
                                                 machine_config: Path, tmp_path: Path) -> None:
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake

    machine_config.write_text('[agency]\ncode = "นม 0017.1"\n'
                              'name = "สำนักงานจังหวัดนครราชสีมา"\n'
                              '[signing]\npkcs11_modules = []\n', encoding="utf-8")
    data = seeded_dir(send=1)  # registered before anyone was named: keeps the OS account
    desktop = start_desktop(data)
    qtbot.waitUntil(lambda: desktop.person_dialog is not None
                    and desktop.person_dialog.isVisible(), timeout=10_000)
    dialog = desktop.person_dialog
    assert not dialog.isModal()  # the window stays usable while it waits for an answer
    assert "ประวัติ" in dialog.labelText()
    dialog.name.setText("นางสาวสมใจ ใจดี")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.accept()

    operations, window = desktop.operations, desktop.window
    path = tmp_path / "in.pdf"
    path.write_bytes(make_letter_pdf("ขอเชิญประชุม", ["เนื้อความ"]))
    received = operations.receive_files([(path, LetterIntake(subject="ขอเชิญประชุม",
                                                               sender="อำเภอปากช่อง"))])
    qtbot.waitUntil(lambda: received.done, timeout=20_000)
    assert received.error is None, received.error
    entry = received.result.entries[0]
    assert entry.register is RegisterKind.RECEIVE
    _sign_with_p12(qtbot, operations, entry.id, tmp_path)

    document = window.open_entry(entry.id)
    history = document.history
    qtbot.waitUntil(lambda: history.topLevelItemCount() >= 4, timeout=20_000)
    rows = [(history.topLevelItem(i).text(1), history.topLevelItem(i).text(2))
            for i in range(history.topLevelItemCount())]
    registered = [who for who, what in rows if what.startswith("ลงทะเบียน")]
    signed = [(who, what) for who, what in rows if "ลงนามโดย" in what]
    assert registered == ["นางสาวสมใจ ใจดี"], rows
    assert signed and signed[0][0] == "สมชาย ใจดี", rows  # the certificate's holder
    assert signed[0][1].startswith("รุ่นที่ 3: ลงนามโดย สมชาย ใจดี — ลงนามแล้ว"), rows
    assert getpass.getuser() not in {who for who, _what in rows}

    # the signature in words: its self-signed certificate is not trusted here, so it
    # waits, and the panel says for what; no "CN=…", "none" or "B-B" on screen
    tree = document.signatures.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1, timeout=30_000)
    top = tree.topLevelItem(0)
    assert top.text(0) == "รอยืนยัน" and "ลงนามแล้ว รอประทับเวลา" in top.text(1)
    details = {top.child(i).text(0): top.child(i) for i in range(top.childCount())}
    assert "ฝ่ายไอที" in details["จะยืนยันได้เมื่อใด"].text(1)
    assert details["ผู้ลงนาม"].text(1) == "สมชาย ใจดี — จังหวัดนครราชสีมา"
    assert "CN=" in details["ผู้ลงนาม"].toolTip(1)
    assert details["การเปลี่ยนแปลงหลังลงนาม"].text(1) == "ไม่มีการแก้ไข"
    shown = [top.text(1)] + [c.text(1) for c in details.values()]
    assert not any(raw in text for text in shown for raw in ("CN=", "B-B", "b-b"))
    assert all(c.toolTip(0) and c.toolTip(1) for c in details.values())  # cut? hover it
    document.close()

    # the letter registered before the name was set keeps what its record says
    old = window.open_entry(1)
    qtbot.waitUntil(lambda: old.history.topLevelItemCount() >= 1, timeout=20_000)
    assert old.history.topLevelItem(0).text(1) == getpass.getuser()
    old.close()
