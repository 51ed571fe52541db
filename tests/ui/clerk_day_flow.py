"""A new clerk's whole day in the window (issue 14's "done when"): run in its own process
by test_clerk_day.py (it signs on SoftHSM, which reads its configuration once per process).

A fresh office from IT's machine config (agency, hub URL, the token's PKCS#11 module and
the trust roots; nothing in the data folder yet), a real hub on loopback, the real window
at 1366x768 in Thai. The clerk gives the name the first start asks for, signs in to the
hub, receives ten varied letters in one go (one of them an image-only scan, read by OCR)
with the proposed fields accepted as they are, records การปฏิบัติ on several (from the
register and from the letter window), writes one letter to another agency, signs it on
the token with the PIN typed into the dialog and sends it, sees the recipient's receive
number come back, and prints the day's receive register to a PDF printer. At every step
each visible window and dialog is checked for English (Latin words outside the allow-list
of tests/support/thai_words.py) and for message boxes nobody expected.
Not collected by the main run (no test_ prefix).
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget, QWidget

from korat_desktop.cli import main as korat_main
from korat_desktop.config import dump_toml
from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.ocr import read_text
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.pdf.text import extract_text
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.support.env import PIN, SigningEnv
from tests.support.intake_corpus import corpus
from tests.support.scans import scan_of
from tests.support.thai_words import foreign_words
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import FAST_SETTINGS, Device
from tests.ui.signing_flow import choose, signing_env
from tests.ui.test_printing_and_scans import _wait_preview
from tests.ui.visible_text import visible_texts

__all__ = ["hub", "keyring_file", "make_device", "signing_env"]

ACTIONS = ("เสนอผู้ว่าราชการจังหวัดเพื่อโปรดทราบ", "มอบกลุ่มงานยุทธศาสตร์ดำเนินการ",
           "แจ้งเวียนทุกอำเภอทราบ")


class Day:
    """What the clerk met on the way: English shown, message boxes nobody expected."""

    def __init__(self, qtbot, desktop, people: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.desktop = qtbot, desktop
        self.english: dict[tuple[str, str], tuple[str, list[str]]] = {}
        self.boxes: list[tuple[str, str]] = []
        self.screens: list[str] = []
        self.step = "start"
        # a person's login name and the token's labels are data, like file names
        self.names = frozenset(word for name in (getpass.getuser(), *people)
                               for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", name))
        self.timer = QTimer(desktop.window)  # Qt owns it: nothing left for Python's exit
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._close_boxes)  # runs inside a modal's loop too
        self.timer.start()

    def _close_boxes(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.boxes.append((self.step, f"{widget.text()} {widget.informativeText()}"))
                widget.reject()

    def look(self, step: str) -> None:
        """Every visible top-level window and dialog now, each tab of their tab widgets."""
        self.step = step
        QApplication.processEvents()
        self._close_boxes()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not isinstance(widget, QMessageBox):
                self._read(widget, f"{step} / {widget.windowTitle()}")

    def _read(self, widget: QWidget, screen: str) -> None:
        self.screens.append(screen)
        for where, text in visible_texts(widget):
            bad = foreign_words(text, self.names)
            if bad:
                self.english.setdefault((where, text), (screen, bad))

    def look_with_tabs(self, widget: QWidget, step: str) -> None:
        self.look(step)
        for tabs in widget.findChildren(QTabWidget):
            if tabs.isVisible():
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    QApplication.processEvents()
                    self._read(widget, f"{step} / {tabs.tabText(index)}")

    def verdict(self) -> str:
        lines = [f"{screen}: {where}: {text!r} ({', '.join(bad)})"
                 for (where, text), (screen, bad) in self.english.items()]
        lines += [f"{step}: message box {text!r}" for step, text in self.boxes]
        return "\n".join(lines)


def _machine_config(machine_dir: Path, env: SigningEnv, hub_url: str) -> None:
    """What IT puts on each PC: the office, the hub, the card reader's module, the roots."""
    (machine_dir / "config.toml").write_text(
        '[agency]\ncode = "นม 0017.1"\nname = "สำนักงานจังหวัดนครราชสีมา"\n'
        f'[sync]\nhub_url = "{hub_url}"\n'
        f'[signing]\npkcs11_modules = ["{env.module}"]\n'
        f'trust_roots = ["{env.trust_root_pem}"]\nonline_revocation = false\n',
        encoding="utf-8")


def _ten_letters(folder: Path) -> list[Path]:
    """Nine letters of the intake corpus as they come by e-mail, and a scan of the tenth."""
    folder.mkdir()
    letters = corpus()
    paths = []
    for i, sample in enumerate(letters[:10]):
        path = folder / f"{i + 1:02d}-{sample.name}.pdf"
        path.write_bytes(scan_of(sample.pdf) if i == 0 else sample.pdf)
        paths.append(path)
    return paths


def _print_to_pdf(dialog: QPrintPreviewDialog, path: Path) -> bytes:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(300)
    dialog.paintRequested.emit(printer)
    return path.read_bytes()


def test_a_clerks_first_day(qtbot, start_desktop, machine_dir: Path, signing_env: SigningEnv,
                            hub: ThreadedHub, make_device: Callable[..., Device],
                            tmp_path: Path) -> None:
    _machine_config(machine_dir, signing_env, hub.url)
    b = make_device("b", AGENCY_B)
    b.login(hub.url, "clerk-b")
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text(dump_toml(FAST_SETTINGS), encoding="utf-8")
    # IT's one step on the PC besides the config: the office's encryption key, without
    # which a ลับ letter cannot be stored (secrecy.no_office_key)
    for args in (["init", "--agency-code", AGENCY_A, "--agency-name", "สำนักงานจังหวัดนครราชสีมา"],
                 ["keys", "new"]):
        assert korat_main([*args, "--data-dir", str(data)]) == 0, args
    desktop = start_desktop(data)
    window = desktop.window
    window.resize(1366, 768)
    # what the card itself says (its label, serial and maker, its keys' labels) is data;
    # the key type (RSA/ECDSA) tells two certificates of one holder apart
    card = ("clerk-a", *signing_env.serials, *signing_env.serials.values(),
            "somchai-rsa somchai-ec SoftHSM project ECDSA RSA")
    day = Day(qtbot, desktop, card)
    assert desktop.office is not None and desktop.office.agency_code == AGENCY_A  # from IT's config: no question asked

    # first start on a PC not yet signed in: whose name the history records
    qtbot.waitUntil(lambda: desktop.person_dialog is not None
                    and desktop.person_dialog.isVisible(), timeout=10_000)
    day.look("first start")
    person = desktop.person_dialog
    person.name.insert("นางสาวสมใจ ใจดี")  # QTest types Latin keys only
    with qtbot.waitSignal(person.saved, timeout=10_000):
        person.accept()

    # sign in to the hub (the URL is IT's)
    signin = window.sign_in()
    assert signin.hub_url.text() == hub.url
    day.look("sign in")
    qtbot.keyClicks(signin.username, "clerk-a")
    qtbot.keyClicks(signin.password, "pw-a")
    with qtbot.waitSignal(signin.signed_in, timeout=30_000):
        qtbot.mouseClick(signin.sign_in, Qt.MouseButton.LeftButton)
    day.look("signed in")

    # ten letters in one go, the proposals accepted as they are
    paths = _ten_letters(tmp_path / "mail")
    receive = window.receive_letters(paths)
    qtbot.waitUntil(lambda: all(not receive.proposal_state(p).reading for p in paths),
                    timeout=240_000)  # the scan is read by OCR
    for row in range(receive.files.count()):
        receive.files.setCurrentRow(row)
        assert receive.form.proposed_fields(), paths[row].name
        assert "subject" in receive.form.proposed_fields(), paths[row].name
        day.look(f"receive dialog, {paths[row].name}")
    assert receive.save.isEnabled()
    with qtbot.waitSignal(receive.registered, timeout=60_000) as registered:
        qtbot.mouseClick(receive.save, Qt.MouseButton.LeftButton)
    entries = registered.args[0].entries
    assert not registered.args[0].failures, registered.args[0].failures
    assert [e.number for e in entries] == list(range(1, 11))
    scanned_subject = entries[0].subject.replace(" ", "")
    assert scanned_subject == "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"
    day.look("received")
    receive.close()
    qtbot.waitUntil(lambda: "อ่านข้อความจากภาพสแกนแล้ว 1 ฉบับ" in window.message.text(),
                    timeout=240_000)

    # การปฏิบัติ on three from the register, หมายเหตุ on one from the letter window
    view = window.receive_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=10_000)
    day.look("receive register")
    acted: dict[int, str] = {}
    # open letters: a ลับ letter's การปฏิบัติ is sealed with it and not printed in clear
    open_rows = [r for r in range(10) if view.model.entry(r).secrecy is Secrecy.NONE]
    for row, action in zip(open_rows[0:7:3], ACTIONS, strict=True):
        view.table.selectRow(row)
        entry = view.model.entry(row)
        dialog = view.edit_action()
        assert entry is not None and dialog is not None
        day.look(f"การปฏิบัติ, row {row + 1}")
        dialog.action.insertPlainText(action)
        with qtbot.waitSignal(dialog.saved, timeout=10_000):
            dialog.save_button.click()
        acted[entry.number] = action
    letter = window.open_entry(next(e.id for e in entries[1:] if e.secrecy is Secrecy.NONE))
    qtbot.waitUntil(lambda: letter.detail is not None, timeout=20_000)
    day.look_with_tabs(letter, "letter window")
    note = letter.edit_action()
    assert note is not None
    note.remarks.insert("ต้นเรื่องเก็บที่แฟ้มงานประชุม")
    with qtbot.waitSignal(note.saved, timeout=10_000):
        note.save_button.click()
    letter.close()

    # a letter to another agency: issued, signed on the token (PIN typed), sent
    outgoing = tmp_path / "reply.pdf"
    outgoing.write_bytes(make_letter_pdf("ตอบรับการเข้าร่วมประชุม", ["เรื่อง ตอบรับการเข้าร่วมประชุม"]))
    send = window.send_letter(outgoing)
    picker = send.recipients
    qtbot.waitUntil(lambda: picker.list.count() == 2, timeout=20_000)
    item = next(picker.list.item(i) for i in range(picker.list.count())
                if AGENCY_B in picker.list.item(i).text())
    item.setCheckState(Qt.CheckState.Checked)
    send.form.subject.setText("ตอบรับการเข้าร่วมประชุม")
    send.form.changed.emit()
    day.look("send dialog")
    qtbot.mouseClick(send.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: send.issued is not None, timeout=20_000)
    sent = send.issued.entry
    day.look("send dialog, number issued")
    qtbot.mouseClick(send.sign_and_send, Qt.MouseButton.LeftButton)
    from korat_desktop.ui.sign_dialog import SignDialog

    sign = next(d for d in window.findChildren(SignDialog) if d.isVisible())
    qtbot.waitUntil(lambda: sign.token.count() >= 4, timeout=20_000)
    choose(sign.token, "KORAT-A")
    choose(sign.certificate, "somchai-rsa")
    qtbot.waitUntil(lambda: sign.document.pageCount() == 1, timeout=10_000)
    day.look("sign dialog")
    qtbot.keyClicks(sign.pin, PIN)
    with qtbot.waitSignal(sign.signed, timeout=60_000):
        qtbot.mouseClick(sign.sign, Qt.MouseButton.LeftButton)
    assert sign.pin.text() == ""
    qtbot.waitUntil(lambda: "เข้าคิวส่ง 1 ฉบับ" in window.message.text(), timeout=20_000)
    day.look("signed and queued")
    sign.close()
    send.close()
    desktop.sync.sync_now()
    qtbot.waitUntil(lambda: not desktop.sync.syncing, timeout=60_000)

    assert b.korat("sync", "--once").code == 0
    [arrived] = b.korat("inbox", "--json").json
    assert arrived["subject"] == "ตอบรับการเข้าร่วมประชุม"
    theirs = b.korat("inbox", "register", str(arrived["id"]), "--json").json
    assert b.korat("sync", "--once").code == 0
    desktop.sync.sync_now()
    window.go_to(1)  # ทะเบียนส่ง
    send_view = window.send_view
    delivery = list(send_view.model._keys).index("delivery")
    qtbot.waitUntil(lambda: f"{theirs['number']}/{theirs['year_be']}" in str(
        send_view.model.data(send_view.model.index(send_view.model.row_of(sent.id),
                                                   delivery))), timeout=60_000)
    day.look("send register, receipt back")

    # the day's receive register, printed
    window.go_to(0)
    period = window.print_register()
    assert period.register.currentData() is RegisterKind.RECEIVE
    day.look("print the register")
    period._check()
    preview = _wait_preview(qtbot, window)
    day.look("print preview")
    printed = _print_to_pdf(preview, tmp_path / "register-printed.pdf")
    preview.close()
    preview.deleteLater()
    today = dt.date.today()
    job = desktop.operations.printout_register(RegisterKind.RECEIVE, today, today)
    qtbot.waitUntil(lambda: job.done, timeout=20_000)
    assert job.result is not None
    report = re.sub(r"\s", "", extract_text(job.result.pdf))  # cells wrap
    for entry in entries:
        assert re.sub(r"\s", "", entry.subject) in report, entry.subject
    for action in ACTIONS:
        assert re.sub(r"\s", "", action) in report
    assert "ต้นเรื่องเก็บที่แฟ้มงานประชุม" in report
    # what reached the paper: the printer's pages are images of the report, read back
    paper = read_text(printed, first_page_only=True).text.replace(" ", "")
    assert "ทะเบียนหนังสือรับ" in paper
    assert "สำนักงานจังหวัดนครราชสีมา" in paper

    day.look("end of the day")
    day.timer.stop()
    assert not day.english and not day.boxes, day.verdict()
    assert len(day.screens) > 20
